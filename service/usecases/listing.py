"""A tenant's documents, newest first, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.api_keys import Principal
from service.permissions import Action, authorize
from service.storage.document_store import has_tag
from service.storage.tables import Document


@dataclass(frozen=True)
class DocumentListing:
    documents: list[Document]
    total: int


def list_documents_of(
    session: Session,
    principal: Principal,
    limit: int,
    offset: int = 0,
    source_lang: str | None = None,
    tag: str | None = None,
) -> DocumentListing:
    authorize(principal, Action.READ)
    query = select(Document).where(Document.tenant == principal.tenant)
    if source_lang:
        query = query.where(Document.source_lang == source_lang)
    if tag:
        query = query.where(has_tag(tag))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Document.created_at.desc(), Document.id).limit(limit).offset(offset)
    )
    return DocumentListing(list(rows), int(total))
