"""Translate a stored document into one target language and store the outputs.

Pure work, no queue: the Celery task and the CLI both call :func:`translate_document`. It
commits after each batch, so a killed worker keeps what it finished, and a rerun only
translates what is still missing (outputs are keyed by segment, language, model and revision).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from service.storage.store import NewTranslation, save_translations, untranslated_segments
from workers.engines.base import TranslationEngine

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
    """Translate every segment that has no output from ``engine``'s model yet; returns how many."""
    info = engine.info
    settings_hash = engine.options.output_hash()
    pending = untranslated_segments(
        session, document_id, target_lang, info.model_id, info.revision, info.engine, settings_hash
    )
    total = len(pending)
    route = f"{source_lang}>{target_lang}"
    done = 0
    if progress:
        progress(0, total)
    for start in range(0, total, chunk_size):
        chunk = pending[start : start + chunk_size]
        hypotheses = engine.translate([segment.text for segment in chunk], source_lang, target_lang)
        save_translations(
            session,
            (
                NewTranslation(
                    segment_id=segment.id,
                    target_lang=target_lang,
                    text=hypothesis.text,
                    model_id=info.model_id,
                    model_revision=info.revision,
                    engine=info.engine,
                    route=route,
                    job_id=job_id,
                    settings_hash=settings_hash,
                )
                for segment, hypothesis in zip(chunk, hypotheses, strict=True)
            ),
        )
        session.commit()
        done += len(chunk)
        if progress:
            progress(done, total)
    return done
