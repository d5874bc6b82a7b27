"""Translate a stored document into one target language and store the outputs.

Pure work, no queue: the Celery task and the CLI both call :func:`translate_document`. It
commits after each batch, so a killed worker keeps what it finished, and a rerun only
translates what is still missing (outputs are keyed by segment, language, model and revision).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.storage.store import (
    NewTranslation,
    memory_matches,
    save_translations,
    sentence_hash,
    untranslated_segments,
)
from service.storage.tables import Document
from workers.engines.base import TranslationEngine, route_name
from workers.quality import check

Progress = Callable[[int, int], None]  # (done, total)


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
) -> int:
    """Translate every segment that has no output from ``engine``'s model yet; returns how many.

    Translation memory first: a sentence identical to one already translated by this model
    version, or to an imported TMX entry, is served from the store without a model call.
    Identical sentences within a batch are translated once.
    """
    info = engine.info
    settings_hash = engine.options.output_hash()
    pending = untranslated_segments(
        session, document_id, target_lang, info.model_id, info.revision, info.engine, settings_hash
    )
    total = len(pending)
    tenant = session.scalar(select(Document.tenant).where(Document.id == document_id)) or ""
    route = route_name(engine, source_lang, target_lang)
    done = 0
    if progress:
        progress(0, total)
    for start in range(0, total, chunk_size):
        chunk = pending[start : start + chunk_size]
        texts = [segment.text for segment in chunk]
        memory = memory_matches(
            session,
            texts,
            source_lang,
            target_lang,
            info.model_id,
            info.revision,
            info.engine,
            settings_hash,
            tenant=tenant,
        )
        outputs: dict[str, tuple[str, str]] = {}
        misses = list(dict.fromkeys(t for t in texts if sentence_hash(t) not in memory))
        if misses:
            generated = engine.translate(misses, source_lang, target_lang)
            outputs = {sentence_hash(t): (h.text, "model") for t, h in zip(misses, generated, strict=True)}
        outputs.update(memory)
        chosen = [(segment, *outputs[sentence_hash(segment.text)]) for segment in chunk]
        save_translations(
            session,
            (
                NewTranslation(
                    segment_id=segment.id,
                    target_lang=target_lang,
                    text=text,
                    origin=origin,
                    flags=check(segment.text, text, source_lang, target_lang),
                    model_id=info.model_id,
                    model_revision=info.revision,
                    engine=info.engine,
                    route=route,
                    job_id=job_id,
                    settings_hash=settings_hash,
                )
                for segment, text, origin in chosen
            ),
        )
        session.commit()
        done += len(chunk)
        if progress:
            progress(done, total)
    return done
