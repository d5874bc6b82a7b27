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
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Select, String, cast, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from service.aligned import Output, output_of
from service.api_keys import Principal
from service.checks import stored_flags, worst
from service.corrections import preferred, same_text
from service.echo_text import shortened
from service.errors import Conflict, NotFound, RequestRefused
from service.permissions import Action, authorize
from service.review_rule import LOW_CONFIDENCE, needs_person
from service.segment_places import named_place
from service.storage.document_store import HUMAN, MEMORY_HUMAN, newest_revision
from service.storage.tables import Document, SegmentRow, TranslationRow, as_utc, utcnow
from service.untranslated import shown_translation
from service.usecases.access import check_tenant_document, tenant_document


class ReviewItem(BaseModel):
    document_id: str
    segment_id: str = Field(description="The segment's key, e.g. s01.p02.01")
    lang: str
    source: str
    translation: Output
    severity: str | None = Field(description="The worst flag's severity (major, minor), if any")


def is_corrected(row: TranslationRow) -> bool:
    return row.origin in (HUMAN, MEMORY_HUMAN)


def _risk_key(flags: list[Any] | None, confidence: float | None) -> tuple[int, float]:
    """Most at risk first: the worst flag, then the lowest confidence (none: after the scored)."""
    return (-worst(stored_flags(flags)), confidence if confidence is not None else math.inf)


def _severity(row: TranslationRow) -> str | None:
    rank = worst(stored_flags(row.flags))
    return {2: "major", 1: "minor"}.get(rank)


def _needing_person(query: Select[Any]) -> Select[Any]:
    """``query`` (over ``TranslationRow``) narrowed in the database to the outputs that reads show
    (:func:`~service.corrections.preferred`: no correction and no newer output of the segment in
    that language) and that may need a person: not a person's, not approved, flagged or scored
    under :data:`~service.review_rule.LOW_CONFIDENCE`. A superset of the rule's answer (flags are
    JSON), so each row found is checked by :func:`~service.review_rule.needs_person` itself."""
    other = aliased(TranslationRow)
    shown = ~exists().where(
        other.segment_id == TranslationRow.segment_id,
        other.target_lang == TranslationRow.target_lang,
        or_(other.id > TranslationRow.id, other.origin == HUMAN),
    )
    flagged = func.coalesce(cast(TranslationRow.flags, String), "[]").not_in(["[]", "null"])
    return query.where(
        TranslationRow.origin.not_in([HUMAN, MEMORY_HUMAN]),
        TranslationRow.approved_at.is_(None),
        or_(flagged, TranslationRow.confidence < LOW_CONFIDENCE),
        shown,
    )


# What the rule reads of an output, in the order of _needs_person's arguments
_RULE_COLUMNS = (
    TranslationRow.origin,
    TranslationRow.approved_at,
    TranslationRow.flags,
    TranslationRow.confidence,
)


def _needs_person(origin: str, approved_at: dt.datetime | None, flags: list[Any] | None,
                  confidence: float | None) -> bool:  # fmt: skip
    return needs_person(origin, approved_at is not None, bool(flags), confidence)


def review_counts_by_document(session: Session, document_ids: Collection[str]) -> dict[str, dict[str, int]]:
    """Per document (by its id), per language in alphabetical order: how many of its translations
    need a person (the rule of :func:`review_queue`), without building the aligned document or
    checking anything again. One query however many documents there are (the documents list
    shows every row's counts); a document with none to review has ``{}``."""
    if not document_ids:
        return {}
    rows = session.execute(
        _needing_person(
            select(SegmentRow.document_id, TranslationRow.target_lang, *_RULE_COLUMNS)
            .join(SegmentRow, TranslationRow.segment_id == SegmentRow.id)
            .where(SegmentRow.document_id.in_(document_ids))
        )
    ).all()
    counts: dict[str, Counter[str]] = {document: Counter() for document in document_ids}
    for document, lang, *rest in rows:
        if _needs_person(*rest):
            counts[document][lang] += 1
    return {document: dict(sorted(found.items())) for document, found in counts.items()}


class ReviewPage(BaseModel):
    """One page of the review queue, and how many translations need a person under its filters
    in all (``total``: this page's and every other page's)."""

    items: list[ReviewItem]
    total: int


def review_queue_page(
    session: Session,
    principal: Principal,
    *,
    lang: str | None = None,
    document_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> ReviewPage:
    """The principal's tenant's translations that need a person, most at risk first (``limit`` of
    them, after the first ``offset``), and how many there are; :class:`NotFound` for a
    ``document_id`` the tenant has not. The database finds the candidates
    (:func:`_needing_person`) and only their ranking columns are read; whole rows are loaded for
    those returned."""
    authorize(principal, Action.READ)
    query = _needing_person(
        select(TranslationRow.id, *_RULE_COLUMNS, Document.id, SegmentRow.order)
        .join(SegmentRow, TranslationRow.segment_id == SegmentRow.id)
        .join(Document, Document.id == SegmentRow.document_id)
        .where(Document.tenant == principal.tenant)
    )
    if lang is not None:
        query = query.where(TranslationRow.target_lang == lang)
    if document_id is not None:  # one document: another tenant's is answered like a missing one
        check_tenant_document(session, principal, document_id)
        query = query.where(Document.id == document_id)
    else:  # an article sent again: only its newest revision's sentences wait for a person
        query = query.where(newest_revision())
    found = [
        (_risk_key(flags, confidence), document, order, row_id)
        for row_id, origin, approved_at, flags, confidence, document, order in session.execute(query)
        if _needs_person(origin, approved_at, flags, confidence)
    ]
    wanted = [row_id for *_, row_id in sorted(found)[offset : offset + limit]]
    rows = {
        row.id: (segment, row)
        for segment, row in session.execute(
            select(SegmentRow, TranslationRow)
            .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
            .where(TranslationRow.id.in_(wanted))
        )
    }
    items = [
        ReviewItem(
            document_id=rows[row_id][0].document_id,
            segment_id=rows[row_id][0].key,
            lang=rows[row_id][1].target_lang,
            source=rows[row_id][0].text,
            translation=output_of(rows[row_id][1]),
            severity=_severity(rows[row_id][1]),
        )
        for row_id in wanted
    ]
    return ReviewPage(items=items, total=len(found))


def review_queue(
    session: Session,
    principal: Principal,
    *,
    lang: str | None = None,
    document_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ReviewItem]:
    """:func:`review_queue_page`'s items alone (the API's list)."""
    return review_queue_page(
        session, principal, lang=lang, document_id=document_id, limit=limit, offset=offset
    ).items


def documents_in_review(session: Session, principal: Principal) -> list[str]:
    """The ids of the principal's tenant's documents with a translation that needs a person, in
    any language, newest first (an article sent again: its newest revision, as in the queue).

    Answered by the database alone, which stops at each document's first such translation
    (:func:`_needing_person`): no output is read, so documents with thousands of sentences waiting
    are listed as fast as short ones. The database's test is the rule's own but for flags stored
    in an unusual JSON form (the reason the queue checks each row again): at worst a document is
    listed whose list then says 0."""
    authorize(principal, Action.READ)
    waiting = _needing_person(
        select(TranslationRow.id)
        .join(SegmentRow, TranslationRow.segment_id == SegmentRow.id)
        .where(SegmentRow.document_id == Document.id)
    )
    query = (
        select(Document.id)
        .where(Document.tenant == principal.tenant, newest_revision(), waiting.exists())
        .order_by(Document.created_at.desc(), Document.id)
    )
    return list(session.scalars(query))


class TextChanged(RequestRefused):
    """An approval sent with a text that is not the translation's: the editor typed a correction."""


class TranslationChanged(Conflict):
    """An approval of a translation that changed since the approver was shown it (another editor
    corrected it, a job translated it again), or that is not the text sent as the one shown: nothing
    is approved, since the approval would be of a text the approver never read. ``row``: the
    translation stored now."""

    def __init__(self, message: str, row: TranslationRow) -> None:
        super().__init__(message)
        self.row = row


def _when(row: TranslationRow) -> str:
    return as_utc(row.created_at).strftime("%Y-%m-%d %H:%M UTC")


def stored_words(row: TranslationRow) -> str:
    """What the translation ``row`` is, and since when, for a message: "a correction by Ben Ode
    (2026-12-03 09:15 UTC)", "a machine translation made 2026-12-03 09:15 UTC"."""
    if row.origin == HUMAN:
        return f"a correction by {row.author or 'an editor'} ({_when(row)})"
    if row.origin == MEMORY_HUMAN:
        by = f" by {row.author}" if row.author else ""
        return f"a correction{by} reused from translation memory ({_when(row)})"
    return f"a machine translation made {_when(row)}"


@dataclass(frozen=True)
class Approval:
    """The approval stored for a translation: ``row``, with who approved it and when; ``before``:
    it was approved already (in another tab, by another editor), and that approval is kept as it
    was: nothing new is stored."""

    row: TranslationRow
    before: bool = False


def approve(
    session: Session,
    principal: Principal,
    document_id: str,
    segment_key: str,
    lang: str,
    now: dt.datetime | None = None,
    typed_text: str | None = None,
    shown_text: str | None = None,
) -> Approval:
    """Mark the translation reads show for ``segment_key`` in ``lang`` as checked by the principal
    (its author name), unchanged; commits. One approved already keeps its approval (who, when):
    :attr:`Approval.before`. Raises :class:`~service.errors.Forbidden` below the editor role,
    :class:`NotFound` for another tenant's document (answered like a missing one), an unknown
    segment or no translation, :class:`Conflict` for a person's correction.
    ``shown_text``: the translation as the approver was shown it (a page's, the API's optional
    ``text``); where the translation stored now is not that text (:func:`~service.corrections.same_text`)
    it changed since, and :class:`TranslationChanged` is raised: nothing is approved.
    ``typed_text``: the text the editor had in front of them (a page's correction box); one that is
    not the translation shown (``shown_text``, else the one stored) raises :class:`TextChanged`, so
    that typed work is never approved away."""
    authorize(principal, Action.APPROVE)
    document = tenant_document(session, principal, document_id)
    segment = next((s for s in document.segments if s.key == segment_key), None)
    if segment is None:
        raise NotFound(f"document {document_id} has no segment {segment_key}; GET it for the ids")
    row = shown_translation(session, document, segment, lang, "approve")
    typed = (
        "you changed the text: save your correction, or undo your change to approve the translation as it is"
    )
    # Typed work first: a text typed over the translation shown is kept, whatever is stored now.
    if typed_text is not None and shown_text is not None and not same_text(shown_text, typed_text):
        raise TextChanged(typed)
    if shown_text is not None and not same_text(row.text, shown_text):
        raise TranslationChanged(
            f"the {lang} translation of {named_place(segment_key)} is not the text you were shown: it is "
            f'now {stored_words(row)}, "{shortened(row.text, 300)}", so nothing was approved; read it as '
            "it is now, and approve that if it is right",
            row,
        )
    if is_corrected(row):
        # corrected since the editor's page was opened, most often: say by whom and when
        raise Conflict(
            f"the {lang} translation of {named_place(segment_key)} is a correction by "
            f"{row.author or 'a person'} ({_when(row)}), which needs no approval (only model outputs are "
            "approved): nothing was changed"
        )
    if typed_text is not None and not same_text(row.text, typed_text):
        raise TextChanged(typed)
    if row.approved_at is not None:
        return Approval(row, before=True)
    # Stored only where no approval is yet: of approvals sent at the same moment one is stored, and
    # the others are told that one (an outside attack: 20 at once, each told its own, the last kept)
    stored = session.execute(
        update(TranslationRow)
        .where(TranslationRow.id == row.id, TranslationRow.approved_at.is_(None))
        .values(approved_by=principal.author, approved_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.refresh(row)
    return Approval(row, before=stored.rowcount == 0)  # type: ignore[attr-defined]


def _translation_rows(
    session: Session, tenant: str, document_id: str, segment_key: str, lang: str
) -> list[TranslationRow]:
    """Every stored translation of ``segment_key`` into ``lang`` (of the tenant's document)."""
    return list(
        session.scalars(
            select(TranslationRow)
            .join(SegmentRow, TranslationRow.segment_id == SegmentRow.id)
            .join(Document, SegmentRow.document_id == Document.id)
            .where(
                Document.tenant == tenant,
                Document.id == document_id,
                SegmentRow.key == segment_key,
                TranslationRow.target_lang == lang,
            )
        )
    )


def stored_approval(
    session: Session, tenant: str, document_id: str, segment_key: str, lang: str
) -> tuple[str, dt.datetime] | None:
    """Who approved the translation reads show for ``segment_key`` in ``lang`` (of the tenant's
    document), and when; None where it is not approved, or there is no such translation."""
    row = preferred(_translation_rows(session, tenant, document_id, segment_key, lang))
    if row is None or row.approved_at is None:
        return None
    return row.approved_by or "an editor", row.approved_at


@dataclass(frozen=True)
class StoredNow:
    """The translation reads show now (``row``: its text, who made it and when, its approval), and
    whether ``sent`` text is one stored for the sentence (``known``: the machine's, a correction):
    a page's text that no editor typed."""

    row: TranslationRow
    known: bool


def stored_now(
    session: Session, tenant: str, document_id: str, segment_key: str, lang: str, sent: str | None = None
) -> StoredNow | None:
    """The translation of ``segment_key`` into ``lang`` that reads show now (of the tenant's
    document; None where there is none), and whether ``sent`` (a form's text) is one of the texts
    stored for it, this or an earlier one (:func:`~service.corrections.same_text`)."""
    rows = _translation_rows(session, tenant, document_id, segment_key, lang)
    row = preferred(rows)
    if row is None:
        return None
    return StoredNow(row, sent is not None and any(same_text(r.text, sent) for r in rows))
