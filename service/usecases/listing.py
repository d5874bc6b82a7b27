"""A tenant's documents, newest first, a page at a time, filtered (the API's list and the pages')."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.api_keys import Principal
from service.catalogue import JOB_STATES, DocumentFilter, matching_documents
from service.errors import RequestRefused
from service.permissions import Action, authorize
from service.storage.tables import Document


@dataclass(frozen=True)
class DocumentListing:
    documents: list[Document]
    total: int


def named_state(state: str) -> str:
    """A list's ``state`` filter as every interface takes it: a job state in any case (blank: every
    state); :class:`RequestRefused` for another word, echoed as it was sent, saying which are allowed
    (it was taken as a filter that nothing matches)."""
    wanted = state.strip().lower()
    if wanted and wanted not in JOB_STATES:
        raise RequestRefused(
            f"state {state!r} is not a job state; use one of {', '.join(JOB_STATES)},"
            " or leave it out for every state"
        )
    return wanted


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
