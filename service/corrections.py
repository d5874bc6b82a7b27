"""Post-editing: a person's correction of one translated sentence.

A correction is a new translation row with origin ``human``, its author and time; model outputs
are never overwritten. Reads, pages, summaries and exports take the newest correction where a
sentence has one (:func:`preferred`), else the newest output. A correction is also translation
memory: the identical sentence in the tenant's later articles gets it instead of model output
(:func:`service.storage.document_store.memory_matches`). Extractive summaries quote translations: those
that quote a corrected sentence are made again by a summary job (:func:`refresh_summaries`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.echo_text import code_point, hidden_problem, is_direction_control
from service.job_records import create_job, request_hash
from service.storage.document_store import HUMAN
from service.storage.locks import lock_row
from service.storage.tables import Document, Job, SegmentRow, SummaryRow, TranslationRow, utcnow


class Kept(Protocol):
    """A stored output, as much as :func:`preferred` reads of it."""

    @property
    def id(self) -> int: ...
    @property
    def origin(self) -> str: ...


K = TypeVar("K", bound=Kept)


def preferred(rows: Iterable[K]) -> K | None:
    """The newest correction, else the newest output (rows of one segment and language)."""
    ordered = sorted(rows, key=lambda r: r.id)
    human = [r for r in ordered if r.origin == HUMAN]
    candidates = human or ordered
    return candidates[-1] if candidates else None


MAX_CORRECTION_CHARS = 5000


def correction_problem(text: str) -> str | None:
    """Why ``text`` cannot be a correction (blank, too long, a control character), or None."""
    if not text.strip():
        return "the correction is blank; send the corrected sentence"
    if len(text) > MAX_CORRECTION_CHARS:
        return (
            f"the correction is {len(text):,} characters long; at most {MAX_CORRECTION_CHARS:,} are "
            "accepted for one sentence"
        )
    bad = next((c for c in text if (ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127), None)
    if bad is not None:
        return f"the correction holds the control character {code_point(bad)}; send plain text"
    # the zero-width joiners and marks some writing needs are taken; a direction control never is
    return hidden_problem(
        text,
        "the correction",
        "send the sentence without it (a translation needs no direction control)",
        refused=is_direction_control,
    )


def same_text(shown: str, typed: str) -> bool:
    """Whether ``typed`` is the translation ``shown``, leading and trailing whitespace aside (a
    textarea's stray newline is no change)."""
    return shown.strip() == typed.strip()


def save_correction(
    session: Session,
    segment: SegmentRow,
    lang: str,
    text: str,
    author: str,
    flags: list[dict[str, Any]] | None = None,
) -> tuple[TranslationRow, bool]:
    """Store ``text`` as the newest human version of ``segment`` in ``lang``, with what the news
    checks found in it (``flags``: shown as warnings; a person's text never waits for review),
    unless it is the translation shown now (:func:`same_text`); commits. Returns the row stored and
    True, or the row shown and False.

    The segment's row is locked (:func:`~service.storage.locks.lock_row`) before the translation
    shown is read, so that the decision and the storing are one step per segment: found by an
    outside attack, 8 simultaneous PUTs of one text stored 5 identical corrections and started 5
    summary refreshes where each had read the model's text as the one shown."""
    lock_row(session, SegmentRow, SegmentRow.id, segment.id)
    stored = session.scalars(
        select(TranslationRow).where(
            TranslationRow.segment_id == segment.id, TranslationRow.target_lang == lang
        )
    ).all()
    shown = preferred(stored)
    if shown is not None and same_text(shown.text, text):
        session.commit()  # lets go of the segment's row
        return shown, False
    now = utcnow()
    row = TranslationRow(
        segment_id=segment.id,
        target_lang=lang,
        text=text,
        model_id=HUMAN,
        model_revision=f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}",  # every correction its own version
        engine=HUMAN,
        route=f"{segment.lang}>{lang}",
        settings_hash="",
        origin=HUMAN,
        flags=flags or [],
        author=author,
        created_at=now,
    )
    session.add(row)
    session.commit()
    return row, True


def quoted_by_summaries(document: Document, lang: str, segment_key: str) -> bool:
    """Whether a newest summary in ``lang`` quotes the segment (extractive summaries do)."""
    newest: dict[str, SummaryRow] = {}
    for row in sorted(document.summaries, key=lambda r: r.id):
        if row.lang == lang:
            newest[row.scope] = row
    return any(segment_key in (row.sentence_keys or []) for row in newest.values())


def refresh_summaries(session: Session, document: Document, lang: str, tenant: str) -> Job:
    """A job that makes the document's ``lang`` summaries again (with the corrections); the caller
    dispatches its summary task."""
    options = {"kind": "correction"}
    digest = request_hash({"resummarise": document.id, "lang": lang, "at": utcnow().isoformat()})
    job, _ = create_job(
        session, document.id, document.source_lang, [lang], digest, tenant=tenant, options=options
    )
    return job
