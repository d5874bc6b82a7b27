"""Review: which translated sentences need a person, most at risk first, and an editor's approval.

A sentence's translation in a language is the one reads show (:func:`~service.corrections.preferred`:
the newest correction, else the newest output). It needs review when the news checks flagged it
or the engine was unsure of it, unless a person already corrected or approved it: the rule of
:mod:`service.review_rule`, which the document's counts and the pages share. Approving marks a
model output as checked without changing it: who and when are stored on the output.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.aligned import Output, output_of
from service.api_keys import Principal
from service.checks import stored_flags, worst
from service.corrections import preferred
from service.errors import Conflict, NotFound
from service.permissions import Action, authorize
from service.review_rule import needs_person
from service.storage.document_store import HUMAN, MEMORY_HUMAN, newest_revision
from service.storage.tables import Document, SegmentRow, TranslationRow, utcnow
from service.usecases.access import tenant_document


class ReviewItem(BaseModel):
    document_id: str
    segment_id: str = Field(description="The segment's key, e.g. s01.p02.01")
    lang: str
    source: str
    translation: Output
    severity: str | None = Field(description="The worst flag's severity (major, minor), if any")


def is_corrected(row: TranslationRow) -> bool:
    return row.origin in (HUMAN, MEMORY_HUMAN)


def _at_risk(row: TranslationRow) -> bool:
    return needs_person(row.origin, row.approved_at is not None, bool(row.flags), row.confidence)


def _risk_key(row: TranslationRow) -> tuple[int, float]:
    """Most at risk first: the worst flag, then the lowest confidence (none: after the scored)."""
    confidence = row.confidence if row.confidence is not None else math.inf
    return (-worst(stored_flags(row.flags)), confidence)


def _severity(row: TranslationRow) -> str | None:
    rank = worst(stored_flags(row.flags))
    return {2: "major", 1: "minor"}.get(rank)


def _chosen(rows: Iterable[tuple[SegmentRow, TranslationRow]]) -> list[tuple[SegmentRow, TranslationRow]]:
    grouped: dict[tuple[int, str], tuple[SegmentRow, list[TranslationRow]]] = {}
    for segment, row in rows:
        grouped.setdefault((segment.id, row.target_lang), (segment, []))[1].append(row)
    out = []
    for segment, candidates in grouped.values():
        best = preferred(candidates)
        if best is not None:
            out.append((segment, best))
    return out


def _needing_person(
    rows: Iterable[tuple[SegmentRow, TranslationRow]],
) -> list[tuple[SegmentRow, TranslationRow]]:
    """Of each segment's outputs in a language, the one shown, where it needs a person."""
    return [(segment, row) for segment, row in _chosen(rows) if _at_risk(row)]


def review_counts(session: Session, document_id: str) -> dict[str, int]:
    """Per language, how many of the document's translations need a person (the rule of
    :func:`review_queue`), without building the aligned document or checking anything again."""
    rows = session.execute(
        select(SegmentRow, TranslationRow)
        .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
        .where(SegmentRow.document_id == document_id)
    ).all()
    return dict(Counter(row.target_lang for _, row in _needing_person(rows)))


def review_queue(
    session: Session,
    principal: Principal,
    *,
    lang: str | None = None,
    document_id: str | None = None,
    limit: int = 50,
) -> list[ReviewItem]:
    """The principal's tenant's translations that need a person, most at risk first."""
    authorize(principal, Action.READ)
    tenant = principal.tenant
    query = (
        select(SegmentRow, TranslationRow, Document.id)
        .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
        .join(Document, Document.id == SegmentRow.document_id)
        .where(Document.tenant == tenant)
    )
    if lang is not None:
        query = query.where(TranslationRow.target_lang == lang)
    if document_id is not None:
        query = query.where(Document.id == document_id)
    else:  # an article sent again: only its newest revision's sentences wait for a person
        query = query.where(newest_revision())
    rows = session.execute(query).all()
    documents = {segment.id: doc for segment, _, doc in rows}
    chosen = _needing_person((s, r) for s, r, _ in rows)
    chosen.sort(key=lambda pair: (*_risk_key(pair[1]), documents[pair[0].id], pair[0].order))
    return [
        ReviewItem(
            document_id=documents[segment.id],
            segment_id=segment.key,
            lang=row.target_lang,
            source=segment.text,
            translation=output_of(row),
            severity=_severity(row),
        )
        for segment, row in chosen[:limit]
    ]


def approve(
    session: Session,
    principal: Principal,
    document_id: str,
    segment_key: str,
    lang: str,
    now: dt.datetime | None = None,
) -> TranslationRow:
    """Mark the translation reads show for ``segment_key`` in ``lang`` as checked by the principal
    (its author name), unchanged; commits. Raises :class:`~service.errors.Forbidden` below the
    editor role, :class:`NotFound` for another tenant's document (answered like a missing one), an
    unknown segment or no translation, :class:`Conflict` for a person's correction."""
    authorize(principal, Action.APPROVE)
    document = tenant_document(session, principal, document_id)
    segment = next((s for s in document.segments if s.key == segment_key), None)
    if segment is None:
        raise NotFound(f"document {document_id} has no segment {segment_key}; GET it for the ids")
    row = preferred(r for r in segment.translations if r.target_lang == lang)
    if row is None:
        raise NotFound(f"segment {segment_key} has no {lang} translation to approve")
    if is_corrected(row):
        raise Conflict(
            f"the {lang} translation of {segment_key} is a person's correction; approve model outputs only"
        )
    row.approved_by = principal.author
    row.approved_at = now or utcnow()
    session.commit()
    return row
