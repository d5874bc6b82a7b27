"""A tenant's documents and jobs, newest first, a page at a time, filtered (the API's lists and the
pages')."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from service.api_keys import Principal
from service.catalogue import (
    JOB_PRIORITIES,
    JOB_STATES,
    DocumentFilter,
    JobFilter,
    job_count,
    matching_documents,
    matching_jobs,
)
from service.errors import RequestRefused
from service.permissions import Action, authorize
from service.publication_list import PUBLICATION_STATES
from service.storage.tables import Document, Job
from service.usecases.access import check_tenant_document


@dataclass(frozen=True)
class DocumentListing:
    documents: list[Document]
    total: int


def _named(what: str, value: str, allowed: tuple[str, ...]) -> str:
    """A list's filter by a word of ``allowed`` (a job's state, its priority) as every interface
    takes it: in any case (blank: any); :class:`RequestRefused` for another word, echoed as it was
    sent, saying which are allowed (rather than taken as a filter that nothing matches)."""
    wanted = value.strip().lower()
    if wanted and wanted not in allowed:
        raise RequestRefused(
            f"{what} {value!r} is not a job {what}; use one of {', '.join(allowed)},"
            f" or leave it out for every {what}"
        )
    return wanted


def named_state(state: str) -> str:
    """A list's ``state`` filter: a job state (:data:`JOB_STATES`) in any case, blank for every state."""
    return _named("state", state, JOB_STATES)


def named_priority(priority: str) -> str:
    """A list's ``priority`` filter: a job priority (:data:`JOB_PRIORITIES`) in any case, blank for
    every priority."""
    return _named("priority", priority, JOB_PRIORITIES)


def named_publication(publication: str) -> str:
    """A documents list's ``publication`` filter: a state of :data:`PUBLICATION_STATES` in any case
    (blank: every document); :class:`RequestRefused` for another word, echoed as it was sent, saying
    which are allowed (rather than taken as a filter that nothing matches)."""
    wanted = publication.strip().lower()
    if wanted and wanted not in PUBLICATION_STATES:
        raise RequestRefused(
            f"publication {publication!r} is not a publication state; use one of "
            f"{', '.join(PUBLICATION_STATES)} (published now, published with sentences changed since, "
            "not published now), or leave it out for every document"
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


@dataclass(frozen=True)
class JobListing:
    jobs: list[Job]
    total: int


def job_filter(state: str = "", priority: str = "", document: str = "") -> JobFilter:
    """The filter a list of jobs was asked for, its state and priority named as :func:`named_state`
    and :func:`named_priority` take them (:class:`RequestRefused` for another word)."""
    return JobFilter(state=named_state(state), priority=named_priority(priority), document=document.strip())


def list_jobs_of(
    session: Session, principal: Principal, limit: int, offset: int = 0, filters: JobFilter = JobFilter()
) -> JobListing:
    """A page of the principal's tenant's jobs that match, newest first, and how many match in all
    (another tenant's are never counted). Whoever may read the tenant's jobs may list them. A
    document filter that names none of the tenant's documents is :class:`NotFound` (another
    tenant's answered like a missing one), as the review queue's is: it was an empty page, which
    said nothing of the id being wrong (found by an outside tester)."""
    authorize(principal, Action.READ)
    if filters.document:
        check_tenant_document(session, principal, filters.document)
    jobs = matching_jobs(session, principal.tenant, filters, limit, offset)
    return JobListing(jobs, job_count(session, principal.tenant, filters))
