"""Output versions of a document: which models made its translations, and what changed between two."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.aligned import version_of
from service.storage.tables import Document, SegmentRow, TranslationRow


class VersionOut(BaseModel):
    lang: str
    version: str
    model_id: str
    model_revision: str
    engine: str
    route: str
    settings_hash: str
    segments: int
    first_created: dt.datetime
    last_created: dt.datetime
    latest: bool


class ChangedSentence(BaseModel):
    id: str
    source: str
    a: str | None
    b: str | None


class Comparison(BaseModel):
    lang: str
    a: str
    b: str
    changed: list[ChangedSentence]
    unchanged: int


@dataclass
class _Made:
    """One version's outputs in one language, as the database counts them per route."""

    model_id: str
    model_revision: str
    engine: str
    settings_hash: str
    route: str
    segments: int
    first_created: dt.datetime
    last_created: dt.datetime
    top: int  # the newest output's id
    first_at: int  # the position of its first segment: where the version first shows in the article


def document_versions(session: Session, document_id: str) -> list[VersionOut]:
    """Every output version of the document per language (its route: that of the version's first
    sentence in the article), counted by the database rather than read output by output."""
    T = TranslationRow
    counted = session.execute(
        select(
            T.target_lang, T.model_id, T.model_revision, T.engine, T.settings_hash, T.route,
            func.count(func.distinct(T.segment_id)), func.min(T.created_at), func.max(T.created_at),
            func.max(T.id), func.min(SegmentRow.order),
        )
        .join(SegmentRow, T.segment_id == SegmentRow.id)
        .where(SegmentRow.document_id == document_id)
        .group_by(T.target_lang, T.model_id, T.model_revision, T.engine, T.settings_hash, T.route)
    ).all()  # fmt: skip
    groups: dict[tuple[str, str], list[_Made]] = {}
    for lang, *made in counted:
        part = _Made(*made)
        groups.setdefault((lang, version_of(part)), []).append(part)
    newest = {}  # per language, the version of its newest output
    for lang, version in sorted(groups, key=lambda g: max(p.top for p in groups[g])):
        newest[lang] = version
    out = []
    for (lang, version), parts in groups.items():
        first = min(parts, key=lambda p: p.first_at)
        out.append(
            VersionOut(
                lang=lang,
                version=version,
                model_id=first.model_id,
                model_revision=first.model_revision,
                engine=first.engine,
                route=first.route,
                settings_hash=first.settings_hash,
                segments=sum(p.segments for p in parts),
                first_created=min(p.first_created for p in parts),
                last_created=max(p.last_created for p in parts),
                latest=newest[lang] == version,
            )
        )
    firsts = {(v.lang, v.version): min(p.first_at for p in groups[(v.lang, v.version)]) for v in out}
    return sorted(out, key=lambda v: (v.lang, v.first_created, firsts[(v.lang, v.version)]))


def compare_versions(document: Document, lang: str, a: str, b: str) -> Comparison:
    """Sentences whose ``lang`` output differs between versions ``a`` and ``b`` (or exists in one only)."""
    changed: list[ChangedSentence] = []
    unchanged = 0
    for segment in document.segments:
        texts = {version_of(r): r.text for r in segment.translations if r.target_lang == lang}
        if a not in texts and b not in texts:
            continue
        if texts.get(a) == texts.get(b):
            unchanged += 1
        else:
            changed.append(
                ChangedSentence(id=segment.key, source=segment.text, a=texts.get(a), b=texts.get(b))
            )
    return Comparison(lang=lang, a=a, b=b, changed=changed, unchanged=unchanged)
