"""A tenant's documents, newest first, a page at a time, filtered (the API's list and the pages')."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.api_keys import Principal
from service.catalogue import DocumentFilter, matching_documents
from service.permissions import Action, authorize
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
    filters: DocumentFilter = DocumentFilter(),
) -> DocumentListing:
    authorize(principal, Action.READ)
    documents, total = matching_documents(session, principal.tenant, filters, limit, offset)
    return DocumentListing(documents, total)
