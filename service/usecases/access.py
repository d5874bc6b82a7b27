"""A tenant's objects as use cases find them: another tenant's is answered exactly like a missing one."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.api_keys import Principal
from service.errors import NotFound
from service.permissions import Action, authorize
from service.storage.document_store import get_document
from service.storage.tables import Document


def tenant_document(session: Session, principal: Principal, document_id: str) -> Document:
    """The principal's tenant's document, with everything stored for it; :class:`NotFound` otherwise."""
    missing = f"no document {document_id}; list documents with GET /v1/documents"
    document = get_document(session, document_id, principal.tenant)
    if document is None:
        raise NotFound(missing)
    authorize(principal, Action.READ, document.tenant, missing)
    return document
