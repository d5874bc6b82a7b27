"""Output versions of a document: which models made its translations, and what changed between two."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
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


def document_versions(session: Session, document_id: str) -> list[VersionOut]:
    """Every output version of the document per language, read as a few columns of each stored
    output (in reading order), not the outputs themselves."""
    stored = session.execute(
        select(
            TranslationRow.id, TranslationRow.segment_id, TranslationRow.target_lang, TranslationRow.model_id,
            TranslationRow.model_revision, TranslationRow.engine, TranslationRow.route,
            TranslationRow.settings_hash, TranslationRow.created_at,
        )
        .join(SegmentRow, TranslationRow.segment_id == SegmentRow.id)
        .where(SegmentRow.document_id == document_id)
        .order_by(SegmentRow.order, TranslationRow.id)
    ).all()  # fmt: skip
    groups: dict[tuple[str, str], list[Any]] = {}
    for row in stored:
        groups.setdefault((row.target_lang, version_of(row)), []).append(row)
    newest_per_lang: dict[str, tuple[int, str]] = {}
    for (lang, version), rows in groups.items():
        top = max(r.id for r in rows)
        if lang not in newest_per_lang or top > newest_per_lang[lang][0]:
            newest_per_lang[lang] = (top, version)
    out = []
    for (lang, version), rows in groups.items():
        first = rows[0]
        out.append(
            VersionOut(
                lang=lang,
                version=version,
                model_id=first.model_id,
                model_revision=first.model_revision,
                engine=first.engine,
                route=first.route,
                settings_hash=first.settings_hash,
                segments=len({r.segment_id for r in rows}),
                first_created=min(r.created_at for r in rows),
                last_created=max(r.created_at for r in rows),
                latest=newest_per_lang[lang][1] == version,
            )
        )
    return sorted(out, key=lambda v: (v.lang, v.first_created))


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
