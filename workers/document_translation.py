"""Translate a stored document into one target language and store the outputs.

Pure work, no queue: the Celery task and the CLI both call :func:`translate_document`. It
commits after each batch, so a killed worker keeps what it finished, and a rerun only
translates what is still missing (outputs are keyed by segment, language, model and revision).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.glossary.model import GlossaryEntry
from service.glossary.terms import GLOSSARY_FLAG, protect, restore, settings_hash_for
from service.storage.document_store import (
    NewTranslation,
    memory_matches,
    save_translations,
    sentence_hash,
    untranslated_segments,
)
from service.storage.tables import Document
from workers.engines.engine import Hypothesis, TranslationEngine, route_name
from workers.quality import check

Progress = Callable[[int, int], None]  # (done, total)


def _start(engine: TranslationEngine, chunks: list[list[str]], source_lang: str,
           target_lang: str) -> list[Callable[[], list[Hypothesis]]]:  # fmt: skip
    """For each chunk, a call that gives its hypotheses: every chunk handed to the engine now, in
    one step, where it queues work (a batching engine); else each translated when its call is made."""
    return [pending.wait for pending in engine.submit_all(chunks, source_lang, target_lang)]


def translate_document(
    session: Session,
    document_id: str,
    source_lang: str,
    target_lang: str,
    engine: TranslationEngine,
    *,
    job_id: str | None = None,
    chunk_size: int = 32,
    progress: Progress | None = None,
    glossary: Sequence[GlossaryEntry] = (),
) -> int:
    """Translate every segment that has no output from ``engine``'s model yet; returns how many.

    Translation memory first: a sentence identical to one already translated by this model
    version, or to an imported TMX entry, is served from the store without a model call.
    Identical sentences within a batch are translated once. ``glossary`` terms are protected
    through the engine (:mod:`service.glossary.terms`); the entries that apply to a sentence are
    part of its output's settings hash.
    """
    info = engine.info
    base_hash = engine.options.output_hash()

    @cache  # asked for each segment to find what is stale, then again to store it
    def hash_for(text: str) -> str:
        return settings_hash_for(base_hash, text, glossary, target_lang)

    pending = untranslated_segments(
        session, document_id, target_lang, info.model_id, info.revision, info.engine, hash_for
    )
    total = len(pending)
    tenant = session.scalar(select(Document.tenant).where(Document.id == document_id)) or ""
    route = route_name(engine, source_lang, target_lang)
    done = 0
    if progress:
        progress(0, total)

    def plan(
        chunk: list[Any],
    ) -> tuple[dict[str, str], dict[str, tuple[str, str, bool]], list[str], list[Any]]:
        """A chunk's hashes, its memory hits, and the sentences the engine has to translate (as
        they are and with glossary terms protected)."""
        hashes = {segment.text: hash_for(segment.text) for segment in chunk}
        memory: dict[str, tuple[str, str]] = {}
        for settings_hash in set(hashes.values()):
            memory.update(
                memory_matches(
                    session,
                    [t for t, h in hashes.items() if h == settings_hash],
                    source_lang,
                    target_lang,
                    info.model_id,
                    info.revision,
                    info.engine,
                    settings_hash,
                    tenant=tenant,
                )
            )
        outputs = {key: (text, origin, False) for key, (text, origin) in memory.items()}
        misses = [t for t in hashes if sentence_hash(t) not in memory]
        return hashes, outputs, misses, [protect(t, glossary, target_lang) for t in misses]

    chunks = [pending[start : start + chunk_size] for start in range(0, total, chunk_size)]
    # Every chunk's memory lookup first, then all the engine requests in one step (a batching engine
    # translates them while the chunks before are stored), then each chunk stored and committed.
    planned = [plan(chunk) for chunk in chunks]
    generated = _start(engine, [[p.text for p in protected] for *_, protected in planned], source_lang,
                       target_lang)  # fmt: skip
    for chunk, (hashes, outputs, misses, protected), hypotheses in zip(
        chunks, planned, generated, strict=True
    ):
        for text, shielded, hypothesis in zip(misses, protected, hypotheses(), strict=True):
            output, placed = restore(hypothesis.text, shielded)
            outputs[sentence_hash(text)] = (output, "model", placed)
        chosen = [(segment, *outputs[sentence_hash(segment.text)]) for segment in chunk]
        save_translations(
            session,
            (
                NewTranslation(
                    segment_id=segment.id,
                    target_lang=target_lang,
                    text=text,
                    origin=origin,
                    flags=check(segment.text, text, source_lang, target_lang)
                    + ([GLOSSARY_FLAG] if placed else []),
                    model_id=info.model_id,
                    model_revision=info.revision,
                    engine=info.engine,
                    route=route,
                    job_id=job_id,
                    settings_hash=hashes[segment.text],
                )
                for segment, text, origin, placed in chosen
            ),
        )
        session.commit()
        done += len(chunk)
        if progress:
            progress(done, total)
    return done
