"""Tables. One schema for SQLite (default) and PostgreSQL (production)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from service.search_fold import folded, visible_text


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment, stored in UTC and read back as an aware UTC datetime on every database.

    PostgreSQL keeps the zone (``timestamptz``); SQLite stores the text without it and gives back
    naive datetimes, which the API then wrote without an offset. Every time is UTC when written (an
    aware one is converted, a naive one is taken to be UTC), so one read back from SQLite is marked
    UTC. The column type, and so the schema and its migrations, stay ``DateTime(timezone=True)``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else as_utc(value)


def as_utc(value: dt.datetime) -> dt.datetime:
    """``value`` in UTC; a naive time is taken to be UTC already."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"
    # The same article submitted again by the same tenant is the same document; an article with an
    # external id is one family of revisions (a row each), whose first revision holds the id.
    __table_args__ = (
        Index(
            "uq_documents_tenant_content",
            "tenant",
            "content_hash",
            unique=True,
            postgresql_where=text("external_id IS NULL"),
            sqlite_where=text("external_id IS NULL"),
        ),
        Index(
            "uq_documents_tenant_external_id",
            "tenant",
            "external_id",
            unique=True,
            postgresql_where=text("external_id IS NOT NULL AND root_id IS NULL"),
            sqlite_where=text("external_id IS NOT NULL AND root_id IS NULL"),
        ),
        Index(
            "uq_documents_root_revision",
            "root_id",
            "revision",
            unique=True,
            postgresql_where=text("root_id IS NOT NULL"),
            sqlite_where=text("root_id IS NOT NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Who submitted it (an API key's tenant); "" for the CLI and for a service without auth.
    tenant: Mapped[str] = mapped_column(String(64), default="", server_default="", index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    source_lang: Mapped[str] = mapped_column(String(8))
    source_format: Mapped[str] = mapped_column(String(16))
    published: Mapped[dt.date | None] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    boilerplate: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_text: Mapped[str] = mapped_column(Text)
    # The title and text folded for search (service/search_fold.py), kept by the listeners below;
    # read by the lists' WHERE alone, so not loaded with the row
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="", deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Source updates (service/source_revisions.py): the client's id of the article, the first revision's
    # id (None on the first revision itself) and this row's revision number.
    external_id: Mapped[str | None] = mapped_column(String(300))
    root_id: Mapped[str | None] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    sections: Mapped[list[SectionRow]] = relationship(
        back_populates="document", order_by="SectionRow.number", cascade="all, delete-orphan"
    )
    segments: Mapped[list[SegmentRow]] = relationship(
        back_populates="document", order_by="SegmentRow.order", cascade="all, delete-orphan"
    )
    summaries: Mapped[list[SummaryRow]] = relationship(order_by="SummaryRow.id", cascade="all, delete-orphan")


def searched_text(title: str | None, source_text: str, source_format: str = "text") -> str:
    """What a document's search column holds: its title and the text a reader sees, folded."""
    return folded(f"{title or ''}\n{visible_text(source_text, source_format)}")


@event.listens_for(Document, "before_insert")
def _fold_new(_mapper: Any, _connection: Any, document: Document) -> None:
    """A new document's search column holds its title and text."""
    document.search_text = searched_text(document.title, document.source_text, document.source_format)


@event.listens_for(Document, "before_update")
def _fold_changed(_mapper: Any, _connection: Any, document: Document) -> None:
    """A document's search column follows its title and text, whoever changes them (a change of
    its tags or state alone leaves it as it is)."""
    attributes = sa_inspect(document).attrs
    if attributes.title.history.has_changes() or attributes.source_text.history.has_changes():
        document.search_text = searched_text(document.title, document.source_text, document.source_format)


class SourceFile(Base):
    """The file an article was uploaded as, where its text alone cannot give it back (.docx)."""

    __tablename__ = "source_files"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(120))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SectionRow(Base):
    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(32))
    heading: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="sections")


class SegmentRow(Base):
    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("document_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32))
    order: Mapped[int] = mapped_column("position", Integer)
    role: Mapped[str] = mapped_column(String(16))
    section_number: Mapped[int | None] = mapped_column(Integer)
    paragraph_number: Mapped[int | None] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    translatable: Mapped[bool] = mapped_column(Boolean)
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="segments")
    translations: Mapped[list[TranslationRow]] = relationship(
        back_populates="segment", order_by="TranslationRow.id", cascade="all, delete-orphan"
    )


class TranslationRow(Base):
    """One output for one source segment. Rows are never updated: a new model or revision adds rows."""

    __tablename__ = "translations"
    __table_args__ = (
        UniqueConstraint(
            "segment_id",
            "target_lang",
            "model_id",
            "model_revision",
            "engine",
            "settings_hash",
            name="uq_translation",
        ),
        Index("ix_translations_segment_lang", "segment_id", "target_lang"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"))
    target_lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    model_id: Mapped[str] = mapped_column(String(300))
    model_revision: Mapped[str] = mapped_column(String(80))
    engine: Mapped[str] = mapped_column(String(32))
    route: Mapped[str] = mapped_column(String(64))
    settings_hash: Mapped[str] = mapped_column(String(64), server_default="")  # decoding options
    # "model": generated for this segment; "memory": the same model version's output for the
    # identical sentence elsewhere; "tmx:NAME": an imported translation-memory entry; "human": a
    # correction (model_id "human", author set); "memory:human": a correction of the identical
    # sentence in another of the tenant's documents.
    origin: Mapped[str] = mapped_column(String(120), server_default="model")
    author: Mapped[str | None] = mapped_column(String(200))  # who wrote a correction
    # What the news checks found (service/checks): {"check", "severity", "detail"} dicts; rows written
    # before flags had details hold bare check names (read by service.checks.from_stored)
    flags: Mapped[list[Any] | None] = mapped_column(JSON)
    # The engine's score of a model output: mean log-probability per token (for a pivot, the weaker
    # hop); none for memory, imported and human outputs
    confidence: Mapped[float | None] = mapped_column(Float)
    approved_by: Mapped[str | None] = mapped_column(String(200))  # an editor checked it, unchanged
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    job_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    segment: Mapped[SegmentRow] = relationship(back_populates="translations")


class PublicationRow(Base):
    """An editor published a document's translation into one language (service/publishing.py).

    One row per publication, never deleted: publishing again after the translation changed adds a
    row, and the newest row of a (document, language) is its state. Withdrawing marks that row.
    ``shown`` is what was published: per segment key, the id of the translation row shown then,
    so that a later correction or re-translation reads as "changed since publishing".
    """

    __tablename__ = "publications"
    __table_args__ = (UniqueConstraint("document_id", "lang", "number", name="uq_publications_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(8))
    # 1, 2, ... per (document, language), unique: two editors publishing at once store one
    number: Mapped[int] = mapped_column(Integer)
    published_by: Mapped[str] = mapped_column(String(200))
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Published with force although translations still needed a person or were missing: how many
    forced: Mapped[bool] = mapped_column(Boolean, default=False)
    needed_review: Mapped[int] = mapped_column(Integer, default=0)
    untranslated: Mapped[int] = mapped_column(Integer, default=0)
    shown: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    withdrawn_by: Mapped[str | None] = mapped_column(String(200))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Job(Base):
    __tablename__ = "jobs"
    # Idempotency keys are the client's: two tenants may pick the same one.
    __table_args__ = (UniqueConstraint("tenant", "idempotency_key", name="uq_jobs_tenant_idempotency_key"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), default="", server_default="", index=True)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(16), index=True)
    source_lang: Mapped[str | None] = mapped_column(String(8))
    targets: Mapped[list[str]] = mapped_column(JSON)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    # {"kind": "retranslate", "model": "<hub id or dir>"}: a bulk re-run with another model
    options: Mapped[dict[str, str] | None] = mapped_column(JSON)
    request_hash: Mapped[str] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    events: Mapped[list[JobEvent]] = relationship(order_by="JobEvent.id", cascade="all, delete-orphan")


class JobEvent(Base):
    """Every state transition of a job, with its time."""

    __tablename__ = "job_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SummaryRow(Base):
    """A summary of one section (scope = section key) or the whole article (scope = "article").

    Like translations, never updated: another method, model, prompt or setting adds a row.
    """

    __tablename__ = "summaries"
    __table_args__ = (UniqueConstraint("document_id", "scope", "lang", "version_key", name="uq_summary"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(32))
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    sentence_keys: Mapped[list[str]] = mapped_column(JSON)
    method: Mapped[str] = mapped_column(String(32))
    method_version: Mapped[str] = mapped_column(String(120))
    model_id: Mapped[str | None] = mapped_column(String(300))  # translation model, for target languages
    model_revision: Mapped[str | None] = mapped_column(String(80))
    prompt_name: Mapped[str | None] = mapped_column(String(120))
    prompt_hash: Mapped[str | None] = mapped_column(String(64))
    settings_hash: Mapped[str] = mapped_column(String(64))
    version_key: Mapped[str] = mapped_column(String(64))
    job_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MemoryEntry(Base):
    """An imported translation (TMX): served for an identical source sentence of the same pair."""

    __tablename__ = "memory_entries"
    __table_args__ = (
        UniqueConstraint("source_lang", "target_lang", "source_hash", "origin", name="uq_memory"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(8))
    target_lang: Mapped[str] = mapped_column(String(8))
    source_hash: Mapped[str] = mapped_column(String(64), index=True)
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ApiKey(Base):
    """An API key. Only its SHA-256 is stored; the key itself is shown once, when created."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str | None] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(16))  # the key's first characters, to tell keys apart
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    rate_limit: Mapped[str | None] = mapped_column(String(64))  # e.g. "60/minute"; None: the default
    daily_chars: Mapped[int | None] = mapped_column(Integer)  # quota; None: the default
    role: Mapped[str] = mapped_column(String(16), default="editor")  # reader | editor | admin
    # The most urgent job priority the key may ask for (breaking | normal | bulk); None: any.
    max_priority: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class WebSession(Base):
    """A browser signed in on the pages with a key. The cookie holds a random token, never the key;
    only the token's SHA-256 is stored. Signing out ends it here, so a copied cookie stops working."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[str] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class UsageRow(Base):
    """Characters submitted with a key (jobs, synchronous translations, checks): the quota's ledger."""

    __tablename__ = "usage"
    __table_args__ = (Index("ix_usage_key_at", "key_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # "job" | "translate" | "check"
    chars: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GlossaryRow(Base):
    """A tenant's glossary. Replacing it raises ``version``; its entries are stored as given."""

    __tablename__ = "glossaries"
    __table_args__ = (UniqueConstraint("tenant", "name", name="uq_glossaries_tenant_name"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    entries: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TenantSecret(Base):
    """Per tenant: the secret that signs its job callbacks (service/callbacks/signing.py)."""

    __tablename__ = "tenant_secrets"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    callback_secret: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    rotated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class CallbackDelivery(Base):
    """One callback to send (the outbox): pending until its receiver answers 2xx, failed after the
    last attempt. ``next_attempt_at`` is when it is due, and doubles as the lease of a sender."""

    __tablename__ = "callback_deliveries"
    __table_args__ = (Index("ix_callback_deliveries_due", "state", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    event: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))  # pending | delivered | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
