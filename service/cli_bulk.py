"""``interlinear retranslate`` and ``interlinear resummarise``: stored documents' translations and
summaries redone in bulk, when a model, its settings or a prompt changed."""

from __future__ import annotations

from typing import Annotated

import typer

from service.cli_common import fail as _fail
from service.cli_common import out
from service.cli_common import progress_bar as _progress
from service.cli_common import quiet_transformers as _quiet_transformers
from service.cli_common import settings_with as _settings
from service.errors import InterlinearError, RequestRefused
from service.language_checks import normalised_code
from service.retranslate import Selection
from service.usecases.intake import check_codes


def _selection(since: str | None, until: str | None, ids: str | None, **filters: str | None) -> Selection:
    """Document selection from command-line options; a bad date exits 2."""
    import datetime as dt

    try:
        return Selection(
            since=dt.date.fromisoformat(since) if since else None,
            until=dt.date.fromisoformat(until) if until else None,
            ids=[i.strip() for i in (ids or "").split(",") if i.strip()],
            **filters,
        )
    except ValueError as exc:
        raise _fail(f"{exc}; dates are YYYY-MM-DD", 2) from exc


def retranslate_command(
    to: Annotated[str, typer.Option("--to", help="Target language(s), comma separated.")],
    model: Annotated[
        str | None, typer.Option(help="Hub id or local directory to use instead of the configured model.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only documents dated on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only documents dated on or before YYYY-MM-DD.")] = None,
    source_lang: Annotated[
        str | None, typer.Option("--lang", help="Only documents in this language.")
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Only documents with this tag.")] = None,
    made_by: Annotated[
        str | None, typer.Option(help="Only documents with outputs from this model (ID or ID@REVISION).")
    ] = None,
    ids: Annotated[str | None, typer.Option(help="Only these document ids, comma separated.")] = None,
    dry_run: Annotated[bool, typer.Option(help="Print what would be redone, change nothing.")] = False,
    rate: Annotated[float, typer.Option(help="At most this many documents per second (0: no limit).")] = 0.0,
    database_url: Annotated[str | None, typer.Option(help="Overrides INTERLINEAR_DATABASE_URL.")] = None,
) -> None:
    """Redo the stale translations of stored documents with the configured (or given) model.

    Old outputs are kept. Safe to interrupt and run again: done work is skipped. With a Redis
    broker the work is queued as jobs on the bulk queue; otherwise it runs here.
    Cron: ``python -m service.cli retranslate --to en --made-by OLD-MODEL``.
    """

    from service.priorities import Priority
    from service.retranslate import RateLimiter, enqueue_jobs, plan, select_documents
    from service.storage.db import database_for
    from workers.dispatchers import make_dispatcher
    from workers.document_translation import translate_document
    from workers.engines.engine import identity_of
    from workers.model_cache import ModelCache
    from workers.summarise_document import summarise_document

    settings = _settings(None, database_url)
    targets = list(dict.fromkeys(normalised_code(t) for t in to.split(",") if t.strip()))
    if not targets:
        raise _fail(f"--to {to!r} names no language; give one or more, e.g. --to en or --to en,ko", 2)
    source_lang = normalised_code(source_lang) if source_lang else None  # stored codes are lower case
    selection = _selection(since, until, ids, source_lang=source_lang, tag=tag, made_by=made_by)
    _quiet_transformers()
    cache = ModelCache(settings)
    try:  # as translate takes --to: "EN" is en, a code no pair has is refused (a model directory
        # would have translated and stored "xx")
        check_codes(cache.registry, (("--to", target) for target in to.split(",") if target.strip()))
    except RequestRefused as exc:
        raise _fail(str(exc), 2) from exc
    limiter = RateLimiter(rate)
    try:
        with database_for(settings.database_url).session() as session:
            documents = select_documents(session, selection)
            items = plan(session, documents, targets, lambda s, t: identity_of(cache.engine_for(s, t, model)))
            stale = [item for item in items if item.stale_segments]
            total = sum(item.stale_segments for item in stale)
            out.print(
                f"{len(documents)} document(s) selected; {len(stale)} (document, language) pair(s) with "
                f"{total} stale segment(s)"
            )
            if dry_run:
                for item in stale:
                    out.print(
                        f"  {item.document_id} {item.source_lang}→{item.target_lang}: {item.stale_segments}"
                    )
                return
            if not settings.broker_url.startswith("memory"):
                dispatcher = make_dispatcher(settings)
                job_ids = enqueue_jobs(
                    session,
                    stale,
                    model,
                    lambda job, lang: dispatcher.translate(job, lang, Priority.BULK),
                    limiter,
                )
                out.print(f"queued {len(job_ids)} job(s) on {settings.bulk_queue}")
                return
            with _progress() as progress:
                bar = progress.add_task("re-translating", total=total)
                for item in stale:
                    limiter.wait()
                    engine = cache.engine_for(item.source_lang, item.target_lang, model)
                    before = progress.tasks[0].completed

                    def advance(done: int, _total: int, before: float = before) -> None:
                        progress.update(bar, completed=before + done)

                    translate_document(
                        session,
                        item.document_id,
                        item.source_lang,
                        item.target_lang,
                        engine,
                        progress=advance,
                    )
                    if settings.summaries_enabled:
                        summarise_document(session, cache, item.document_id, item.target_lang)
            out.print(f"re-translated {total} segment(s)")
    except LookupError as exc:
        raise _fail(str(exc), 2) from exc
    except InterlinearError as exc:
        raise _fail(str(exc), 1) from exc


def resummarise_command(
    prompt_hash: Annotated[
        str | None, typer.Option(help="Only summaries made with this (older) prompt file hash.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only documents dated on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only documents dated on or before YYYY-MM-DD.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only documents with this tag.")] = None,
    ids: Annotated[str | None, typer.Option(help="Only these document ids, comma separated.")] = None,
    dry_run: Annotated[bool, typer.Option(help="Print what would be redone, change nothing.")] = False,
    database_url: Annotated[str | None, typer.Option(help="Overrides INTERLINEAR_DATABASE_URL.")] = None,
) -> None:
    """Redo summaries made with another method, settings or prompt than the current ones.

    New summaries are added beside the old ones; a second run finds nothing to do.
    """

    from service.retranslate import select_documents
    from service.storage.db import database_for
    from service.storage.document_store import get_document
    from workers.model_cache import ModelCache
    from workers.summarise_document import stale_summary_languages, summarise_document

    settings = _settings(None, database_url)
    selection = _selection(since, until, ids, tag=tag)
    _quiet_transformers()
    cache = ModelCache(settings)
    try:
        with database_for(settings.database_url).session() as session:
            work: list[tuple[str, str]] = []
            for document in select_documents(session, selection):
                stored = get_document(session, document.id)
                assert stored is not None
                work.extend(
                    (document.id, lang) for lang in stale_summary_languages(stored, settings, prompt_hash)
                )
            out.print(f"{len(work)} (document, language) summary set(s) to redo")
            if dry_run:
                for document_id, lang in work:
                    out.print(f"  {document_id} {lang}")
                return
            with _progress() as progress:
                bar = progress.add_task("re-summarising", total=len(work))
                for document_id, lang in work:
                    summarise_document(session, cache, document_id, lang)
                    progress.advance(bar)
    except LookupError as exc:
        raise _fail(str(exc), 2) from exc
    except InterlinearError as exc:
        raise _fail(str(exc), 1) from exc
