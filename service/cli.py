"""The ``interlinear`` command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import TaskID
from rich.table import Table

from service.aligned import AlignedDocument, AlignedSegment, aligned_document
from service.cli_bulk import resummarise_command, retranslate_command
from service.cli_checks import check_command
from service.cli_common import Typer, err, out
from service.cli_common import fail as _fail
from service.cli_common import progress_bar as _progress
from service.cli_common import quiet_transformers as _quiet_transformers
from service.cli_common import settings_with as _settings
from service.cli_jobs import jobs_app
from service.cli_keys import keys_app
from service.cli_models import evaluate_command, models_app
from service.errors import InputError, InterlinearError, RequestRefused
from service.language_checks import normalised_code
from service.settings import Settings
from service.usecases.intake import check_codes, chosen_glossary, read_for_targets

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The CLI's options for the request fields a domain error can be about (InterlinearError.field).
OPTIONS = {"source_lang": "--from"}

app = Typer(help="Interlinear: aligned translations of news articles.", no_args_is_help=True)
app.add_typer(models_app, name="models")
app.command("eval")(evaluate_command)
app.command("check")(check_command)
app.add_typer(jobs_app, name="jobs")
memory_app = Typer(help="Translation memory.", no_args_is_help=True)
app.add_typer(memory_app, name="memory")
app.add_typer(keys_app, name="keys")


@app.command()
def translate(
    article: Annotated[Path, typer.Argument(help="Article file: plain text, Markdown, HTML, .docx or .pdf.")],
    to: Annotated[
        str, typer.Option("--to", help="Target language(s), comma separated, e.g. en or en,ko.")
    ] = "en",
    source_lang: Annotated[
        str | None, typer.Option("--from", help="Source language; detected if omitted.")
    ] = None,
    source_format: Annotated[
        str | None, typer.Option("--format", help="text, markdown or html; detected if omitted.")
    ] = None,
    model_dir: Annotated[Path | None, typer.Option(help="Local model directory used for every pair.")] = None,
    database_url: Annotated[str | None, typer.Option(help="Overrides INTERLINEAR_DATABASE_URL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the aligned document as JSON.")] = False,
    tenant: Annotated[
        str,
        typer.Option(
            help="Store it as this tenant's document (seen with that tenant's API keys), translated "
            "with the tenant's default glossary, as its API jobs are."
        ),
    ] = "",
) -> None:
    """Parse ARTICLE, translate it, store every output, and print source beside target."""
    settings = _settings(model_dir, database_url)
    targets = list(dict.fromkeys(normalised_code(t) for t in to.split(",") if t.strip()))
    if not targets:
        raise _fail(f"--to {to!r} names no language; give one or more, e.g. --to en or --to en,ko", 2)
    if source_format is not None:
        _check_format(source_format)
    if tenant:
        from service.api_keys import check_tenant

        try:
            check_tenant(tenant)
        except ValueError as exc:
            raise _fail(str(exc), 2) from exc
    aligned = _run(article, settings, source_lang, source_format, targets, summary_langs=[], tenant=tenant)
    if as_json:  # the languages asked for, not every one stored for the article before
        out.print_json(aligned.in_languages(targets).model_dump_json())
    else:
        print_aligned(aligned, targets)


@app.command()
def summarise(
    article: Annotated[Path, typer.Argument(help="Article file: plain text, Markdown or HTML.")],
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Summary languages, comma separated (default: the source language)."),
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option("--from", help="Source language; detected if omitted.")
    ] = None,
    model_dir: Annotated[Path | None, typer.Option(help="Local model directory used for every pair.")] = None,
    database_url: Annotated[str | None, typer.Option(help="Overrides INTERLINEAR_DATABASE_URL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summaries as JSON.")] = False,
) -> None:
    """Summarise ARTICLE per section and as a whole in each language (translating it first where needed)."""
    settings = _settings(model_dir, database_url)
    wanted = [normalised_code(t) for t in (lang or "").split(",") if t.strip()]
    aligned = _run(article, settings, source_lang, None, targets=None, summary_langs=wanted, field="--lang")
    langs = wanted or [aligned.source_lang]
    if as_json:
        out.print_json(
            data={
                "document_id": aligned.id,
                "article": {k: v.model_dump(mode="json") for k, v in aligned.summaries.items() if k in langs},
                "sections": {
                    s.id: {k: v.model_dump(mode="json") for k, v in s.summaries.items() if k in langs}
                    for s in aligned.sections
                },
            }
        )
        return
    # the article's words are text, never rich markup ("[ticker]" would vanish)
    out.print(f"[bold]{escape(aligned.title or '(untitled)')}[/]", highlight=False)
    for code in langs:
        out.rule(f"Summary ({code})")
        if code in aligned.summaries:
            out.print(escape(aligned.summaries[code].text), highlight=False)
        for section in aligned.sections:
            if code in section.summaries:
                heading = section.heading.text if section.heading else f"Section {section.number}"
                if section.heading and code in section.heading.translations:
                    heading = section.heading.translations[code].text
                out.print(f"\n[bold]{escape(heading)}[/]", highlight=False)
                out.print(escape(section.summaries[code].text), highlight=False)


def _check_format(source_format: str) -> None:
    """Exit 2 for a ``--format`` the parser has no reader for (it raised ``ValueError`` from deep in
    the parse, a traceback and exit 1), naming the formats; taken as ``POST /v1/jobs`` takes its
    ``format``, lower case only ("Markdown" is refused there with a 422 too)."""
    from service.parse.source_formats import SourceFormat

    formats = [member.value for member in SourceFormat]
    if source_format not in formats:
        raise _fail(
            f"--format {source_format!r} is not a format an article is read as; use one of "
            f"{', '.join(formats)} (in lower case), or leave it out to have it detected "
            "(.docx and .pdf files are known by their suffix)",
            2,
        )


def _run(
    article: Path,
    settings: Settings,
    source_lang: str | None,
    source_format: str | None,
    targets: list[str] | None,
    summary_langs: list[str],
    tenant: str = "",
    field: str = "--to",
) -> AlignedDocument:
    """Read, store, translate into ``targets`` (None: every summary language but the source),
    summarise in ``summary_langs``; exit 2 on bad input, 1 on model errors."""
    from service.glossary.glossary_store import entries_of
    from service.ingest import store_article
    from service.storage.db import database_for
    from service.storage.document_store import get_document
    from service.upload import DOCX, PDF, read_upload
    from workers.document_translation import translate_document
    from workers.model_cache import ModelCache
    from workers.summarise_document import summarise_document

    try:
        data = article.read_bytes()
    except OSError as exc:
        raise _fail(
            f"cannot read {article}: {exc.strerror or exc}; check the path and permissions", 2
        ) from exc
    original = None
    try:  # read as the upload endpoint reads files: a PDF or a zip renamed .txt is refused
        upload = read_upload(article.name, data, text_by_default=True)
    except InputError as exc:  # the message names the file already ("kursk.txt is empty; ...")
        said = str(exc)
        raise _fail(said if said.startswith(article.name) else f"{article}: {said}", 2) from exc
    if article.suffix.lower() in (DOCX, PDF):  # a text file's bytes are read below, its format detected
        data, source_format, original = upload.text.encode(), upload.format, upload.original
    _quiet_transformers()
    cache = ModelCache(settings)
    try:  # the API's intake (service/usecases/intake.py): the languages named, the article read and checked
        if targets is not None:
            check_codes(cache.registry, ((field, target) for target in targets))
        if source_lang is not None:
            check_codes(cache.registry, [("--from", source_lang)])  # echoed as given, then normalised
            source_lang = normalised_code(source_lang)
        read = read_for_targets(data, settings, cache.registry, source_format, source_lang, targets or [])
    except (InputError, RequestRefused) as exc:  # said with the CLI's option, not the API's field
        raise _fail(f"{article}: {exc.said_with(OPTIONS)}", 2) from exc
    text, parsed, src = read.text, read.article, read.source_lang
    if targets is None:  # every summary language but the article's own, each checked as a target
        targets = [code for code in summary_langs if code != src]
        try:
            read_for_targets(data, settings, cache.registry, source_format, src, targets)
        except RequestRefused as exc:
            raise _fail(f"{article}: {exc.said_with(OPTIONS)}", 2) from exc
    try:
        engines = {target: cache.engine_for(src, target) for target in targets}
        database = database_for(settings.database_url)
        with database.session() as session:
            glossary = chosen_glossary(session, tenant)  # the tenant's default, as a job of the API's
            terms = entries_of(glossary) if glossary is not None else ()
            document = store_article(session, text, parsed, source_lang, tenant, original)
            with _progress() as progress:
                for target, engine in engines.items():
                    task = progress.add_task(f"{src}→{target}", total=None)

                    def advance(done: int, total: int, task: TaskID = task, target: str = target) -> None:
                        if total == 0:  # an earlier run stored every sentence ("0/0 sentences" said nothing)
                            progress.remove_task(task)
                            said = _already_done(session, document.id, f"{src}→{target}")
                            progress.console.print(said, highlight=False, soft_wrap=True)
                            return
                        progress.update(task, completed=done, total=total)

                    translate_document(
                        session, document.id, src, target, engine, progress=advance, glossary=terms
                    )
            for code in summary_langs or []:
                summarise_document(session, cache, document.id, code)
            session.expire_all()
            stored = get_document(session, document.id)
            assert stored is not None
            return aligned_document(stored)
    except LookupError as exc:
        raise _fail(str(exc), 2) from exc
    except InterlinearError as exc:
        raise _fail(str(exc), 1) from exc


def _already_done(session: Session, document_id: str, pair: str) -> str:
    """What ``translate`` says for a language an earlier run translated whole (the same article
    and model: nothing is sent to the model again), in place of a progress bar at 0/0."""
    from service.storage.document_store import translatable_count

    count = translatable_count(session, document_id)
    sentences = f"{count} sentence{'s' * (count != 1)}"
    said = f"already translated by an earlier run: {sentences}" if count else "nothing to translate"
    return f"{pair} {said}, document {document_id}"


def print_aligned(document: AlignedDocument, targets: list[str]) -> None:
    """The title beside its translation(s), then section by section, each source sentence beside
    its translation(s). The article's text is printed as it is: a "[ticker]" in it is not markup."""
    facts = [f"id {document.id}", f"language {document.source_lang}"]
    if document.date:
        facts.append(f"date {document.date.isoformat()}")
    if document.category:
        facts.append(f"category {document.category}")

    def row(segment: AlignedSegment) -> list[str]:
        cells = [escape(segment.text)]
        for target in targets:
            output = segment.translations.get(target)
            cells.append(
                escape(output.text) if output else f"[dim]({segment.role}, {segment.lang}, not translated)[/]"
            )
        return cells

    def table(title: str | None) -> Table:
        made = Table(title=title, title_justify="left", expand=True, show_lines=False)
        made.add_column(document.source_lang.upper(), ratio=1)
        for target in targets:
            made.add_column(target.upper(), ratio=1)
        return made

    # The title is translated and counted with the sentences: shown beside its translations, as a
    # heading is (it was printed alone, its translation nowhere).
    titles = [segment for segment in document.front_matter if segment.translatable]
    if titles:
        heading = table(None)
        for segment in titles:
            heading.add_row(*[f"[bold]{cell}[/]" for cell in row(segment)])
        out.print(heading)
    else:
        out.print(f"[bold]{escape(document.title or '(untitled)')}[/]", highlight=False)
    out.print(" · ".join(facts), style="dim", highlight=False, markup=False)

    for section in document.sections:
        body = table(f"Section {section.number}")
        if section.heading is not None:
            body.add_row(*[f"[bold]{cell}[/]" for cell in row(section.heading)])
        for segment in section.segments:
            body.add_row(*row(segment))
        out.print(body)
    if document.tags:
        out.print("Tags: " + ", ".join(document.tags), style="dim", highlight=False, markup=False)


@app.command("db-upgrade")
def db_upgrade(database_url: Annotated[str | None, typer.Option()] = None) -> None:
    """Create or migrate the database schema to the newest version."""
    from sqlalchemy import make_url

    from service.storage.db import Database, migrate, schema_revision

    settings = _settings(None, database_url)
    database = Database(settings.database_url, upgrade=False)
    before = schema_revision(database.engine)
    migrate(database.engine)
    after = schema_revision(database.engine)
    # the address without its password (a PostgreSQL URL may hold one)
    where = f"database at {make_url(settings.database_url).render_as_string(hide_password=True)}"
    if before is None:
        out.print(f"{where}: schema created (revision {after})", highlight=False)
    elif before != after:
        out.print(f"{where}: schema migrated from revision {before} to {after}", highlight=False)
    else:
        out.print(f"{where} is up to date already (revision {after}): nothing to do", highlight=False)


@app.command()
def export(
    document_id: Annotated[str, typer.Argument(help="Stored document id (printed by translate).")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="json, tmx, xliff, aligned-html (side by side), or the document itself rebuilt "
            "in its own format with one --lang: html, markdown, docx.",
        ),
    ] = "json",
    lang: Annotated[str | None, typer.Option(help="Target language(s) to include, comma separated.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    report: Annotated[
        bool,
        typer.Option(help="With html, markdown or docx: list each passage left in the source language."),
    ] = False,
    database_url: Annotated[str | None, typer.Option(help="Overrides INTERLINEAR_DATABASE_URL.")] = None,
) -> None:
    """Export a stored document: JSON, TMX 1.4, XLIFF 2.0, a side-by-side HTML page, or the article
    rebuilt as HTML, Markdown or .docx with its translation and markup in place."""
    import sys

    from service.exports import export_document
    from service.registry import Registry
    from service.rendering import FORMATS as RENDERED
    from service.rendering import render_stored, stored_format
    from service.storage.db import database_for
    from service.storage.document_store import get_document

    settings = _settings(None, database_url)
    fmt = fmt.strip().lower()
    choices = ("json", "tmx", "xliff", "aligned-html", *RENDERED)
    if fmt not in choices:
        raise _fail(f"unknown format {fmt!r}; formats: {', '.join(choices)}", 2)
    if report and fmt not in RENDERED:
        raise _fail(f"--report lists the passages an article rebuilt as {', '.join(RENDERED)} leaves in the "
                    f"source language; --format {fmt} rebuilds none: leave --report out", 2)  # fmt: skip
    sent = [code for code in (lang or "").split(",") if code.strip()]
    try:  # a language no model has is said as such (as the API's 422), not "no translations into xx"
        check_codes(Registry.load(settings), (("--lang", code) for code in sent))
    except RequestRefused as exc:
        raise _fail(str(exc), 2) from exc
    langs = [normalised_code(code) for code in sent] or None
    with database_for(settings.database_url).session() as session:
        document = get_document(session, document_id)
        if document is None:
            raise _fail(f"no document {document_id}; the id is printed by `interlinear translate`", 2)
        try:
            if fmt in RENDERED:
                stored_format(session, document, fmt)  # a plain text has no markup: said before --lang
                if langs is None or len(langs) != 1:
                    have = ", ".join(aligned_document(document).target_langs) or "none yet"
                    raise ValueError(
                        f"--format {fmt} rebuilds the article in one language: give one --lang "
                        f"(this document is translated into: {have})"
                    )
                rendered = render_stored(session, document, langs[0], fmt)
                content = rendered.content
                if rendered.missing:
                    err.print(f"{rendered.missing} passage(s) stay in the source language"
                              + ("" if report else " (--report lists them)"))  # fmt: skip
                elif report:
                    err.print("every passage is translated: none stays in the source language")
                if report:
                    for passage in rendered.passages:
                        err.print(
                            f"{passage.place}: {passage.reason}: {passage.text}", markup=False, soft_wrap=True
                        )
            else:
                aligned = aligned_document(document)
                content, _ = export_document(aligned, "html" if fmt == "aligned-html" else fmt, langs)
        except ValueError as exc:
            raise _fail(str(exc), 2) from exc
    if output is None:
        sys.stdout.buffer.write(content)
        return
    try:
        output.write_bytes(content)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}; check the folder exists", 2) from exc
    err.print(f"wrote {output} ({len(content):,} bytes)")


@memory_app.command("import")
def memory_import(
    path: Annotated[Path, typer.Argument(help="A TMX 1.4 file (or XLIFF 2.0) of translated sentence pairs.")],
    database_url: Annotated[str | None, typer.Option(help="Overrides INTERLINEAR_DATABASE_URL.")] = None,
) -> None:
    """Seed translation memory: identical source sentences are then served from it, not a model."""
    from service.exports.tmx_import import read_tmx, read_xliff
    from service.storage.db import database_for
    from service.storage.document_store import import_memory

    settings = _settings(None, database_url)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise _fail(f"cannot read {path}: {exc.strerror or exc}", 2) from exc
    reader = read_xliff if path.suffix.lower() in (".xlf", ".xliff") else read_tmx
    try:
        pairs = reader(content)
    except ValueError as exc:
        raise _fail(f"{path}: {exc}", 2) from exc
    with database_for(settings.database_url).session() as session:
        added = import_memory(
            session,
            ((p.source_lang, p.source_text, p.target_lang, p.target_text) for p in pairs),
            origin=f"tmx:{path.name}"[:120],
        )
    out.print(f"{len(pairs)} pair(s) read, {added} new in translation memory")


app.command("retranslate")(retranslate_command)  # after the commands above in --help
app.command("resummarise")(resummarise_command)


if __name__ == "__main__":
    app()
