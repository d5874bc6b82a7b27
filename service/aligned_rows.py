"""A page of the aligned read model, read from the database page by page: ``limit`` rows of a
document from ``offset`` (front matter, each section's heading and sentences, back matter, in
reading order), each with its translations. A very long article's page costs the page's rows,
and, for the whole document, light reads: how many rows it has, and which translation each row
shows in each language with its review status (the counts and the way from one translation to
review to the next need the whole document's).

``GET /v1/documents/{id}?limit=&offset=`` and the document page read through here; a whole
document is still :func:`service.aligned.aligned_document`'s, and a page of it is the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session, selectinload

from service.aligned import AlignedDocument, AlignedSegment, assemble, count_statuses, segment_of, version_of
from service.corrections import preferred
from service.review_rule import review_status
from service.storage.tables import Document, SectionRow, SegmentRow, TranslationRow

ROWS_PER_PAGE = 200  # a page's rows unless asked otherwise (the document page's, the API's with offset alone)
MAX_ROWS = 1000  # the most rows one page may hold (the API's limit, the page's size)


def row_count(session: Session, document_id: str) -> int:
    return int(session.scalar(select(func.count()).where(SegmentRow.document_id == document_id)) or 0)


def row_offset(session: Session, document_id: str, key: str) -> int | None:
    """How many rows come before the segment ``key`` (None: the document has none of that key)."""
    position = session.scalar(
        select(SegmentRow.order).where(SegmentRow.document_id == document_id, SegmentRow.key == key)
    )
    if position is None:
        return None
    before = select(func.count()).where(SegmentRow.document_id == document_id, SegmentRow.order < position)
    return int(session.scalar(before) or 0)


def section_before(session: Session, document_id: str, offset: int) -> int | None:
    """The section of the row just before row ``offset`` (None: none, or not in a section): the
    section a page that starts there continues."""
    if offset <= 0:
        return None
    return session.scalar(
        select(SegmentRow.section_number)
        .where(SegmentRow.document_id == document_id)
        .order_by(SegmentRow.order)
        .offset(offset - 1)
        .limit(1)
    )


@dataclass(frozen=True)
class Shown:
    """The translation a row shows in a language (:func:`service.aligned.aligned_document`'s
    choice), as much of it as its review status needs."""

    key: str  # the segment's
    lang: str
    status: str  # corrected, approved, flagged, unsure or machine (service.review_rule)
    row_id: int  # the stored output's id: what a publication records (service.publishing)


@dataclass(frozen=True)
class _Stored:
    id: int
    origin: str
    model_id: str
    model_revision: str
    engine: str
    settings_hash: str
    approved: bool
    flagged: bool
    confidence: float | None


def shown_translations(
    session: Session, document_id: str, versions: dict[str, str] | None = None
) -> list[Shown]:
    """Every translation the document shows (per segment and language: the requested version's,
    else the newest correction, else the newest output), in reading order, read as a few columns
    of each stored output rather than the aligned document."""
    T = TranslationRow
    rows = session.execute(
        select(
            SegmentRow.key, T.target_lang, T.id, T.origin, T.model_id, T.model_revision, T.engine,
            T.settings_hash, T.approved_at.is_not(None), cast(T.flags, String), T.confidence,
        )
        .join(SegmentRow, T.segment_id == SegmentRow.id)
        .where(SegmentRow.document_id == document_id)
        .order_by(SegmentRow.order, T.id)
    ).all()  # fmt: skip
    grouped: dict[tuple[str, str], list[_Stored]] = {}
    for key, lang, id_, origin, model, revision, engine, settings, approved, flags, confidence in rows:
        flagged = flags is not None and flags.strip() not in ("", "[]", "null")  # bool() of the JSON list
        stored = _Stored(id_, origin, model, revision, engine, settings, bool(approved), flagged, confidence)
        grouped.setdefault((key, lang), []).append(stored)
    wanted = versions or {}
    shown = []
    for (key, lang), candidates in grouped.items():  # in reading order: dicts keep the first insertion
        if lang in wanted:
            candidates = [c for c in candidates if version_of(c) == wanted[lang]]
        best = preferred(candidates)
        if best is not None:
            status = review_status(best.origin, best.approved, best.flagged, best.confidence)
            shown.append(Shown(key, lang, status, best.id))
    return shown


def aligned_rows(
    session: Session,
    document: Document,
    offset: int,
    limit: int,
    versions: dict[str, str] | None = None,
    shown: Sequence[Shown] | None = None,
) -> AlignedDocument:
    """The document with only its rows ``offset`` to ``offset + limit`` (past the end: none), each
    section with those of its rows (its heading where the heading is one of them), and every
    summary of those sections and of the article. ``target_langs`` and ``review`` are the whole
    document's (from ``shown``, :func:`shown_translations`, read here if not given)."""
    rows = session.scalars(
        select(SegmentRow)
        .where(SegmentRow.document_id == document.id)
        .order_by(SegmentRow.order)
        .offset(offset)
        .limit(limit)
        .options(selectinload(SegmentRow.translations))
    ).all()
    numbers = {row.section_number for row in rows if row.section_number is not None}
    sections = session.scalars(
        select(SectionRow).where(SectionRow.document_id == document.id, SectionRow.number.in_(numbers))
    ).all()
    first_section_at = session.scalar(
        select(func.min(SegmentRow.order)).where(
            SegmentRow.document_id == document.id, SegmentRow.section_number.is_not(None)
        )
    )
    page = assemble(document, rows, sections, first_section_at, versions)
    if shown is None:
        shown = shown_translations(session, document.id, versions)
    page.target_langs = sorted({s.lang for s in shown})
    page.review = count_statuses((s.lang, s.status) for s in shown)
    return page


def title_segment(session: Session, document_id: str) -> AlignedSegment | None:
    """The article's title as a row (with its translations), wherever the page is."""
    row = session.scalar(
        select(SegmentRow)
        .where(SegmentRow.document_id == document_id, SegmentRow.role == "title")
        .order_by(SegmentRow.order)
        .limit(1)
        .options(selectinload(SegmentRow.translations))
    )
    return segment_of(row, {}) if row is not None else None


def segment_texts(session: Session, document_id: str) -> list[tuple[str, str]]:
    """Every row's key and source text, in reading order."""
    rows = session.execute(
        select(SegmentRow.key, SegmentRow.text)
        .where(SegmentRow.document_id == document_id)
        .order_by(SegmentRow.order)
    )
    return [(key, text) for key, text in rows]
