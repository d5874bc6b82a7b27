"""Source updates: the revisions of an article sent again under the same ``external_id``, and a
sentence-level diff between two of them, source and translations.

Each revision is a stored document of its own (``root_id`` names the first). Its sentences are
translated like any other: the unchanged ones are served from translation memory (the same model
version's output for the identical sentence, or a person's correction), so only changed and new
sentences reach a model. An output served again unchanged keeps an editor's approval of it in an
earlier revision (:func:`service.storage.document_store.revision_approvals`); a correction stays a
correction. See :func:`service.storage.document_store.save_article`.
"""

from __future__ import annotations

import datetime as dt
from difflib import SequenceMatcher
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.corrections import preferred
from service.storage.document_store import revisions_of
from service.storage.tables import Document, SegmentRow


class RevisionOut(BaseModel):
    id: str = Field(description="The revision's document id")
    revision: int
    title: str | None
    created_at: dt.datetime
    sentences: int = Field(description="Translatable sentences")
    newest: bool


class DiffSide(BaseModel):
    id: str = Field(description="The segment's id in its revision")
    text: str
    translations: dict[str, str] = Field(description="Per language, the translation shown for it")


class DiffEntry(BaseModel):
    op: Literal["equal", "replace", "insert", "delete"]
    before: DiffSide | None
    after: DiffSide | None


class RevisionDiff(BaseModel):
    external_id: str | None
    from_revision: int
    to_revision: int
    from_id: str
    to_id: str
    langs: list[str]
    changes: list[DiffEntry]


def list_revisions(session: Session, document: Document) -> list[RevisionOut]:
    family = revisions_of(session, document)
    counted = session.execute(
        select(SegmentRow.document_id, func.count())
        .where(SegmentRow.document_id.in_([d.id for d in family]), SegmentRow.translatable.is_(True))
        .group_by(SegmentRow.document_id)
    )
    sentences = {document_id: int(n) for document_id, n in counted}
    return [
        RevisionOut(
            id=d.id,
            revision=d.revision,
            title=d.title,
            created_at=d.created_at,
            sentences=sentences.get(d.id, 0),
            newest=d is family[-1],
        )
        for d in family
    ]


def find_revision(session: Session, document: Document, number: int) -> Document | None:
    return next((d for d in revisions_of(session, document) if d.revision == number), None)


def _side(segment: SegmentRow, langs: list[str]) -> DiffSide:
    shown = {}
    for lang in langs:
        row = preferred(t for t in segment.translations if t.target_lang == lang)
        if row is not None:
            shown[lang] = row.text
    return DiffSide(id=segment.key, text=segment.text, translations=shown)


def diff(older: Document, newer: Document) -> RevisionDiff:
    """Sentence by sentence, what changed from ``older`` to ``newer`` (translatable sentences, in order)."""
    before = [s for s in older.segments if s.translatable]
    after = [s for s in newer.segments if s.translatable]
    langs = sorted({t.target_lang for s in before + after for t in s.translations})
    matcher = SequenceMatcher(a=[s.text for s in before], b=[s.text for s in after], autojunk=False)
    changes: list[DiffEntry] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = before[i1:i2], after[j1:j2]
        if op == "equal":
            changes += [
                DiffEntry(op="equal", before=_side(a, langs), after=_side(b, langs))
                for a, b in zip(old, new, strict=True)
            ]
            continue
        paired = min(len(old), len(new)) if op == "replace" else 0
        changes += [
            DiffEntry(op="replace", before=_side(a, langs), after=_side(b, langs))
            for a, b in zip(old[:paired], new[:paired], strict=True)
        ]
        changes += [DiffEntry(op="delete", before=_side(a, langs), after=None) for a in old[paired:]]
        changes += [DiffEntry(op="insert", before=None, after=_side(b, langs)) for b in new[paired:]]
    return RevisionDiff(
        external_id=newer.external_id,
        from_revision=older.revision,
        to_revision=newer.revision,
        from_id=older.id,
        to_id=newer.id,
        langs=langs,
        changes=changes,
    )
