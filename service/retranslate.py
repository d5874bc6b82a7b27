"""Bulk re-translation of stored documents when a model or a setting changes.

Selects documents (date range, language, tag, the model that made them, ids), finds per
document and target language the segments whose output is stale, i.e. has no output from the
wanted model, revision, engine and decoding settings, and redoes only those. Old outputs are
kept (rows are never overwritten). A rerun finds nothing stale where the work was done, so an
interrupted run is resumed by running it again.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Date, cast, exists, func, select
from sqlalchemy.orm import Session

from service.glossary import glossary_store
from service.glossary.glossary_store import entries_of
from service.glossary.terms import settings_hash_for
from service.job_records import create_job, request_hash
from service.model_names import model_name
from service.storage.document_store import has_tag, untranslated_segments
from service.storage.tables import Document, GlossaryRow, Job, SegmentRow, TranslationRow


@dataclass(frozen=True)
class Selection:
    since: dt.date | None = None
    until: dt.date | None = None
    source_lang: str | None = None
    tag: str | None = None
    made_by: str | None = None  # model id that produced existing outputs ("id" or "id@revision")
    ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PlanItem:
    document_id: str
    source_lang: str
    target_lang: str
    stale_segments: int
    glossary_id: str | None = None


def document_glossary(session: Session, document: Document) -> GlossaryRow | None:
    """The glossary a document is translated with: the one its latest job named, if it still
    exists, else its tenant's default."""
    jobs = session.scalars(
        select(Job).where(Job.document_id == document.id).order_by(Job.created_at.desc(), Job.id)
    )
    for job in jobs:
        glossary_id = (job.options or {}).get("glossary")
        if glossary_id:
            row = glossary_store.get(session, document.tenant, glossary_id)
            if row is not None:
                return row
    return glossary_store.default_for(session, document.tenant)


def select_documents(session: Session, selection: Selection) -> list[Document]:
    query = select(Document)
    day = func.coalesce(Document.published, cast(Document.created_at, Date))
    if selection.since:
        query = query.where(day >= selection.since)
    if selection.until:
        query = query.where(day <= selection.until)
    if selection.source_lang:
        query = query.where(Document.source_lang == selection.source_lang)
    if selection.tag:
        query = query.where(has_tag(selection.tag))
    if selection.ids:
        query = query.where(Document.id.in_(selection.ids))
    if selection.made_by:
        model, _, revision = selection.made_by.partition("@")
        model_id = model_name(model)  # a directory may be named by its path: outputs name it by its name
        made = (
            select(TranslationRow.id)
            .join(SegmentRow, SegmentRow.id == TranslationRow.segment_id)
            .where(SegmentRow.document_id == Document.id, TranslationRow.model_id == model_id)
        )
        if revision:
            made = made.where(TranslationRow.model_revision == revision)
        query = query.where(exists(made))
    return list(session.scalars(query.order_by(Document.created_at, Document.id)))


@dataclass(frozen=True)
class EngineIdentity:
    """What makes an output current: the model (id and revision), the engine, and its settings."""

    model_id: str
    revision: str
    engine: str
    output_hash: str


def plan(
    session: Session,
    documents: list[Document],
    targets: list[str],
    identity_for: Callable[[str, str], EngineIdentity],
) -> list[PlanItem]:
    """What would be redone: per document and target, the number of stale segments (0 = done)."""
    items = []
    for document in documents:
        glossary = document_glossary(session, document)
        entries = entries_of(glossary) if glossary is not None else []
        for target in targets:
            if target == document.source_lang:
                continue
            engine = identity_for(document.source_lang, target)
            base = engine.output_hash
            stale = untranslated_segments(
                session,
                document.id,
                target,
                engine.model_id,
                engine.revision,
                engine.engine,
                partial(settings_hash_for, base, entries=entries, target_lang=target),
            )
            glossary_id = glossary.id if glossary is not None else None
            items.append(PlanItem(document.id, document.source_lang, target, len(stale), glossary_id))
    return items


class RateLimiter:
    """At most ``per_second`` calls per second (0 = unbounded), so live jobs keep the workers."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if self.interval:
            now = time.monotonic()
            if now < self.next_at:
                time.sleep(self.next_at - now)
            self.next_at = max(now, self.next_at) + self.interval


def enqueue_jobs(
    session: Session,
    items: list[PlanItem],
    model: str | None,
    dispatch: Callable[[str, str], None],
    rate: RateLimiter,
) -> list[str]:
    """One job per stale (document, target), on the bulk queue; returns the job ids."""
    job_ids = []
    for item in items:
        if item.stale_segments == 0:
            continue
        rate.wait()
        options = {"kind": "retranslate", "priority": "bulk", **({"model": model} if model else {})}
        if item.glossary_id:
            options["glossary"] = item.glossary_id
        digest = request_hash({"retranslate": item.document_id, "target": item.target_lang, **options})
        job, _ = create_job(session, item.document_id, item.source_lang, [item.target_lang], digest)
        job.options = options
        session.commit()
        dispatch(job.id, item.target_lang)
        job_ids.append(job.id)
    return job_ids
