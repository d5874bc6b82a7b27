"""Summarise a stored document per section and as a whole, in one language, and store it.

The summariser always reads the source. For a target language, an extractive summary is the
stored translations of the very sentences it picked (the alignment makes them exact); any
other method's summary is translated with the pair's engine. Idempotent: a summary already
stored for the same method, model, prompt and settings is not added again.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.corrections import preferred
from service.settings import Settings
from service.storage.document_store import get_document, insert_new
from service.storage.tables import Document, SegmentRow, SummaryRow, TranslationRow
from workers.model_cache import ModelCache
from workers.summarise.summariser import SUMMARISE_ARTICLE, SUMMARISE_SECTION, Summary, SummaryRequest

ARTICLE_SCOPE = "article"


class MissingTranslations(Exception):
    """The target language's translations are not all stored yet; retry later."""


@dataclass(frozen=True)
class _Scope:
    name: str
    task: str
    title: str | None
    segments: list[SegmentRow]
    max_sentences: int


def settings_hash(settings: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


def summarise_document(
    session: Session,
    cache: ModelCache,
    document_id: str,
    lang: str | Sequence[str],
    *,
    job_id: str | None = None,
) -> int:
    """Store the section and article summaries of a document in ``lang`` (one language, or several:
    the summariser then reads each scope once for all of them, unless it writes in the language
    itself); returns how many were new."""
    langs = [lang] if isinstance(lang, str) else list(dict.fromkeys(lang))
    document = get_document(session, document_id)
    if document is None:
        raise LookupError(f"document {document_id} does not exist")
    settings = cache.settings
    shape_hash = settings_hash(settings.summary_settings())
    body = [s for s in document.segments if s.translatable and s.role == "body"]
    headings = {section.number: section.heading for section in document.sections}
    scopes = [
        _Scope(
            f"s{number:02d}",
            SUMMARISE_SECTION,
            headings.get(number),
            members,
            settings.summary_section_sentences,
        )
        for number in sorted({s.section_number for s in body if s.section_number is not None})
        if (members := [s for s in body if s.section_number == number])
    ]
    # An article with no body (a headline, a title and a heading) is summarised by what it has.
    whole = body or [s for s in document.segments if s.translatable]
    if whole:
        scopes.append(
            _Scope(
                ARTICLE_SCOPE, SUMMARISE_ARTICLE, document.title, whole, settings.summary_article_sentences
            )
        )

    # What the summaries are made of is read; the read ends here, so no transaction is open while
    # the summariser (and the engine carrying a summary over) works.
    session.commit()
    summariser = cache.summariser()
    rows: list[dict[str, object]] = []
    made: dict[tuple[str, str | None], Summary] = {}  # a scope read once for every language it is wanted in
    for scope, lang in itertools.product(scopes, langs):
        request = SummaryRequest(
            sentences=[(s.key, s.text) for s in scope.segments],
            language=document.source_lang,
            max_sentences=scope.max_sentences,
            max_chars=settings.summary_max_chars,
            task=scope.task,
            title=scope.title,
            # A prompted model writes in the wanted language itself; the others read and write
            # the source language and are carried over by translation.
            summary_lang=lang if summariser.method == "instruct" else None,
        )
        read = (scope.name, request.summary_lang)
        if read not in made:
            made[read] = summariser.summarise(request)
        summary = made[read]
        text, model_id, model_revision = _in_language(
            cache, summary, scope.segments, document.source_lang, lang
        )
        version = "|".join(
            str(x)
            for x in (
                summary.method,
                summary.method_version,
                model_id,
                model_revision,
                summary.prompt_hash,
                shape_hash,
            )
        )
        rows.append(
            {
                "document_id": document_id,
                "scope": scope.name,
                "lang": lang,
                "text": text,
                "sentence_keys": summary.sentence_keys,
                "method": summary.method,
                "method_version": summary.method_version,
                "model_id": model_id,
                "model_revision": model_revision,
                "prompt_name": summary.prompt_name,
                "prompt_hash": summary.prompt_hash,
                "settings_hash": shape_hash,
                "version_key": hashlib.sha256(version.encode()).hexdigest(),
                "job_id": job_id,
            }
        )
    if not whole:
        rows.extend(_too_short(document_id, lang, shape_hash, job_id) for lang in langs)
    added = insert_new(session, SummaryRow, rows)
    session.commit()
    return added


TOO_SHORT = "too-short"  # the method of an article summary that could not be made: nothing to summarise


def _too_short(document_id: str, lang: str, shape_hash: str, job_id: str | None) -> dict[str, object]:
    """The article summary of a document with no translatable sentence: an explicit, empty summary
    that says so (its method), so that the job is complete rather than waiting for one forever."""
    version = f"{TOO_SHORT}|1|{shape_hash}"
    return {
        "document_id": document_id,
        "scope": ARTICLE_SCOPE,
        "lang": lang,
        "text": "",
        "sentence_keys": [],
        "method": TOO_SHORT,
        "method_version": "1",
        "model_id": None,
        "model_revision": None,
        "prompt_name": None,
        "prompt_hash": None,
        "settings_hash": shape_hash,
        "version_key": hashlib.sha256(version.encode()).hexdigest(),
        "job_id": job_id,
    }


def _in_language(
    cache: ModelCache, summary: Summary, segments: list[SegmentRow], source_lang: str, lang: str
) -> tuple[str, str | None, str | None]:
    """The summary's text in ``lang``, and the translation model that made it (None for the source)."""
    if lang == source_lang or summary.method == "instruct":
        return summary.text, None, None
    if summary.method == "extractive":
        by_key = {s.key: s for s in segments}
        outputs: list[TranslationRow] = []
        for key in summary.sentence_keys:
            chosen = preferred(t for t in by_key[key].translations if t.target_lang == lang)
            if chosen is None:
                raise MissingTranslations(f"segment {key} has no {lang} translation yet")
            outputs.append(chosen)
        latest = max(outputs, key=lambda t: t.id) if outputs else None
        text = " ".join(t.text for t in outputs)
        return text, latest.model_id if latest else None, latest.model_revision if latest else None
    engine = cache.engine_for(source_lang, lang)
    (hypothesis,) = engine.translate([summary.text], source_lang, lang)
    return hypothesis.text, engine.info.model_id, engine.info.revision


def stale_summary_languages(
    document: Document, settings: Settings, prompt_hash: str | None = None
) -> list[str]:
    """Languages whose newest summaries were not made the way the current settings and prompt
    files would make them; with ``prompt_hash``, those made with that (older) prompt."""
    from workers.summarise.prompts import load_prompt

    newest: dict[tuple[str, str], SummaryRow] = {}
    for row in sorted(document.summaries, key=lambda r: r.id):
        newest[(row.scope, row.lang)] = row
    current = settings_hash(settings.summary_settings())
    stale: set[str] = set()
    for (scope, lang), row in newest.items():
        if prompt_hash is not None:
            if row.prompt_hash == prompt_hash:
                stale.add(lang)
            continue
        if row.settings_hash != current or row.method != settings.summary_method:
            stale.add(lang)
        elif row.method == "instruct":
            task = SUMMARISE_ARTICLE if scope == ARTICLE_SCOPE else SUMMARISE_SECTION
            if row.prompt_hash != load_prompt(task, lang, settings.prompts_dir).sha256:
                stale.add(lang)
    return sorted(stale)
