"""A tenant's objects as use cases find them: another tenant's is answered exactly like a missing one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.api_keys import Principal
from service.errors import NotFound
from service.permissions import Action, authorize
from service.storage.document_store import get_document
from service.storage.tables import Document


def _missing(document_id: str) -> str:
    return f"no document {document_id}; list documents with GET /v1/documents"


def tenant_document(session: Session, principal: Principal, document_id: str, whole: bool = True) -> Document:
    """The principal's tenant's document, with everything stored for it (``whole=False``: its row
    alone); :class:`NotFound` otherwise."""
    missing = _missing(document_id)
    document = get_document(session, document_id, principal.tenant, whole)
    if document is None:
        raise NotFound(missing)
    authorize(principal, Action.READ, document.tenant, missing)
    return document


def check_tenant_document(session: Session, principal: Principal, document_id: str) -> None:
    """:class:`NotFound` (as :func:`tenant_document` says it) unless the principal's tenant has the
    document; nothing of it is read."""
    authorize(principal, Action.READ)
    found = session.scalar(
        select(Document.id).where(Document.id == document_id, Document.tenant == principal.tenant)
    )
    if found is None:
        raise NotFound(_missing(document_id))
