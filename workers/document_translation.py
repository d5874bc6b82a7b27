"""Translate a stored document into one target language and store the outputs.

Pure work, no queue: the Celery task and the CLI both call :func:`translate_document`. It
commits after each batch, so a killed worker keeps what it finished, and a rerun only
translates what is still missing (outputs are keyed by segment, language, model and revision).

No transaction is open while the engine works: the reads (what is missing, translation memory)
are one short transaction, ended before the first wait on the engine, and each batch's outputs
are written in one of their own. A transaction held through model calls would be "idle in
transaction" for seconds to minutes with real models (killed by a DBA's
``idle_in_transaction_session_timeout``, holding back vacuum).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.checks import Flag, check_pair, flag
from service.checks.consistency import check_consistency
from service.glossary.model import GlossaryEntry
from service.glossary.terms import protect, restore, settings_hash_for
from service.parse.short_text import bullet_of
from service.storage.document_store import (
    HUMAN,
    MEMORY_HUMAN,
    Approval,
    MemoryHit,
    NewTranslation,
    memory_matches,
    revision_approvals,
    save_translations,
    sentence_hash,
    untranslated_segments,
)
from service.storage.tables import Document, SegmentRow, TranslationRow
from workers.engines.engine import Hypothesis, TranslationEngine, route_name

Progress = Callable[[int, int], None]  # (done, total)
PLACED = flag("glossary", "minor", "a glossary term the model dropped was put in where the source has it: "
              "check its place")  # fmt: skip


def _flags(source: str, target: str, source_lang: str, target_lang: str,
           glossary: Sequence[GlossaryEntry], placed: bool) -> list[dict[str, Any]]:  # fmt: skip
    found: list[Flag] = check_pair(source, target, source_lang, target_lang, glossary)
    return [f.model_dump() for f in [*found, *([PLACED] if placed else [])]]


def flag_article(
    session: Session, document_id: str, source_lang: str, target_lang: str, model_id: str
) -> int:
    """Add the article-level flags (a name translated two ways) to this model's outputs of the
    document; returns how many outputs got one."""
    rows = session.execute(
        select(SegmentRow.text, TranslationRow)
        .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
        .where(
            SegmentRow.document_id == document_id,
            TranslationRow.target_lang == target_lang,
            TranslationRow.model_id == model_id,
        )
        .order_by(SegmentRow.order, TranslationRow.id)
    ).all()
    newest = {row.segment_id: (text, row) for text, row in rows}  # the last output per segment
    pairs = list(newest.values())
    changed = 0
    for i, extra in check_consistency([(text, row.text) for text, row in pairs], source_lang, target_lang):
        row = pairs[i][1]
        stored = list(row.flags or [])
        if extra.model_dump() not in stored:
            row.flags = [*stored, extra.model_dump()]
            changed += 1
    session.commit()
    return changed


Served = tuple[str, str, bool, float | None, MemoryHit | None]  # text, origin, placed, score, hit


def _kept(hit: MemoryHit | None) -> dict[str, Any]:
    """What a correction served from memory keeps: its author and its time."""
    if hit is None or hit.author is None or hit.created_at is None:
        return {}
    return {"author": hit.author, "created_at": hit.created_at}


def _approval(
    approvals: dict[tuple[str, str], Approval], source: str, text: str, origin: str
) -> dict[str, Any]:
    """An output identical to one an editor approved in an earlier revision, for the same sentence,
    keeps that approval (who and when); a correction is never approved."""
    approval = approvals.get((sentence_hash(source), text))
    if approval is None or origin in (HUMAN, MEMORY_HUMAN):
        return {}
    return {"approved_by": approval.by, "approved_at": approval.at}


def _placed(hit: MemoryHit) -> bool:
    """Whether a stored output had a glossary term put in by position (kept when memory serves it)."""
    return any(f == "glossary" or f == PLACED.model_dump() for f in hit.flags)


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
    ) -> tuple[dict[str, str], dict[str, Served], list[str], list[Any]]:
        """A chunk's hashes, its memory hits, and the sentences the engine has to translate (as
        they are and with glossary terms protected). Reads the approvals of earlier revisions too."""
        hashes = {segment.text: hash_for(segment.text) for segment in chunk}
        memory: dict[str, MemoryHit] = {}
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
        # A hit keeps the placed-term flag it was stored with; the other checks run again on it.
        outputs: dict[str, Served] = {
            key: (hit.text, hit.origin, _placed(hit), None, hit) for key, hit in memory.items()
        }
        approvals.update(revision_approvals(session, document_id, hashes, target_lang))
        misses = [t for t in hashes if sentence_hash(t) not in memory]
        # a plain-text list's point goes to the model without its bullet, put back after (restore)
        protected = [protect(t[len(bullet_of(t)) :], glossary, target_lang) for t in misses]
        return hashes, outputs, misses, protected

    approvals: dict[tuple[str, str], Approval] = {}  # of this article's earlier revisions
    chunks = [pending[start : start + chunk_size] for start in range(0, total, chunk_size)]
    # Every chunk's memory lookup first, then all the engine requests in one step (a batching engine
    # translates them while the chunks before are stored), then each chunk stored and committed.
    planned = [plan(chunk) for chunk in chunks]
    session.commit()  # the reads end here: no transaction is open while the engine works
    generated = _start(engine, [[p.text for p in protected] for *_, protected in planned], source_lang,
                       target_lang)  # fmt: skip
    for chunk, (hashes, outputs, misses, protected), hypotheses in zip(
        chunks, planned, generated, strict=True
    ):
        for text, shielded, hypothesis in zip(misses, protected, hypotheses(), strict=True):
            output, placed = restore(hypothesis.text, shielded)
            output = bullet_of(text) + output
            outputs[sentence_hash(text)] = (output, "model", placed, hypothesis.score, None)
        chosen = [(segment, *outputs[sentence_hash(segment.text)]) for segment in chunk]
        save_translations(
            session,
            (
                NewTranslation(
                    segment_id=segment.id,
                    target_lang=target_lang,
                    text=text,
                    origin=origin,
                    flags=_flags(segment.text, text, source_lang, target_lang, glossary, placed),
                    confidence=score,
                    model_id=info.model_id,
                    model_revision=info.revision,
                    engine=info.engine,
                    route=route,
                    job_id=job_id,
                    settings_hash=hashes[segment.text],
                    **_kept(hit),
                    **_approval(approvals, segment.text, text, origin),
                )
                for segment, text, origin, placed, score, hit in chosen
            ),
        )
        session.commit()
        done += len(chunk)
        if progress:
            progress(done, total)
    if done:
        flag_article(session, document_id, source_lang, target_lang, info.model_id)
    return done
