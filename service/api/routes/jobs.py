"""``/v1/jobs``: submit an article for translation, follow its progress, list the tenant's jobs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Response, status

from service.api.authentication import PrincipalDep, SubmitterDep, require_principal
from service.api.deps import ServicesDep, SessionDep
from service.api.http_errors import AUTH_RESPONSES, error_responses
from service.api.ids import DocumentFilter, JobId
from service.api.presenters import job_out, jobs_out
from service.api.routes.documents import MAX_OFFSET
from service.api.schemas import JobOut, JobPage, JobRequest
from service.catalogue import JOB_PRIORITIES, JOB_STATES
from service.storage.tables import Job
from service.usecases.listing import job_filter, list_jobs_of
from service.usecases.submit import Submitted, submit

router = APIRouter(
    prefix="/v1/jobs", tags=["jobs"], dependencies=[Depends(require_principal)], responses=AUTH_RESPONSES
)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        pattern=r"^[\x20-\x7e]+$",  # printable ASCII: no control characters
        description="Replays return the same job",
    ),
]


def accepted(session: SessionDep, response: Response, submitted: Submitted) -> JobOut:
    """202 with the job and its Location; a replay says so."""
    job = submitted.job
    if not submitted.created:
        response.headers["Idempotent-Replayed"] = "true"
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    session.refresh(job)
    return job_out(session, job)


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobOut,
    responses=error_responses(
        403,
        413,
        415,
        422,
        503,
        e403="A reader key: submitting needs an editor or admin key",
        e413="Article over the size limit",
        e415="Neither JSON nor a multipart/form-data upload",
        e422="Unusable article, unsupported language, unknown glossary, refused callback_url, "
        "or a reused Idempotency-Key",
        e503="At capacity, or the database or job queue is unreachable (see Retry-After)",
    ),
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {"$ref": "#/components/schemas/Body_submit_upload_v1_jobs_upload_post"}
                }
            }
        }
    },
)
def submit_job(
    body: JobRequest,
    response: Response,
    services: ServicesDep,
    principal: SubmitterDep,
    idempotency_key: IdempotencyKey = None,
) -> JobOut:
    """Queue an article for translation into each target language. Returns at once with the job.

    The article as a file (.txt, .md, .html, .docx, .pdf): send the form of ``POST /v1/jobs/upload``
    here as ``multipart/form-data``."""
    submitted = submit(services, principal, body.submission(idempotency_key))
    return accepted(services.session, response, submitted)


# The schema takes the words in any case (service.api.contract), and blank for every one ("");
# the use case's own check refuses another word with a message that lists them.
StateFilter = Annotated[
    str,
    Query(
        description=f"Only jobs in this state: {', '.join(JOB_STATES)}",
        json_schema_extra={"x-any-case": [*JOB_STATES, ""]},
    ),
]
PriorityFilter = Annotated[
    str,
    Query(
        description=f"Only jobs of this priority: {', '.join(JOB_PRIORITIES)}",
        json_schema_extra={"x-any-case": [*JOB_PRIORITIES, ""]},
    ),
]
OfDocument = Annotated[
    DocumentFilter, Query(description="Only the jobs of this document (its id, GET /v1/documents)")
]


@router.get(
    "",
    response_model=JobPage,
    responses=error_responses(
        404,
        422,
        e404="A document filter that names no document of the tenant's: no document (another tenant's "
        "answered like a missing one)",
        e422="A state or priority that is not one of those listed (the message lists them), or a "
        "document filter that is not an id",
    ),
)
def list_jobs(
    session: SessionDep,
    principal: PrincipalDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    state: StateFilter = "",
    priority: PriorityFilter = "",
    document: OfDocument = "",
) -> JobPage:
    """The tenant's jobs, newest first, paged with ``limit`` and ``offset`` as ``GET /v1/documents``
    is (``next``: the next page's link with the same filters, null on the last); filter by state,
    priority or document (one that names no document of the tenant: 404, as ``GET /v1/review``'s).
    Each job as ``GET /v1/jobs/{job_id}`` gives it."""
    filters = job_filter(state, priority, document)
    listing = list_jobs_of(session, principal, limit, offset, filters)
    sent = [("state", filters.state), ("priority", filters.priority), ("document", filters.document)]
    return jobs_out(session, listing, limit, offset, sent)


@router.get("/{job_id}", response_model=JobOut, responses=error_responses(404, e404="No such job"))
def get_job(job_id: JobId, session: SessionDep, principal: PrincipalDep) -> JobOut:
    """A job's state, per-language progress, error and state history."""
    job = session.get(Job, job_id)
    if job is None or job.tenant != principal.tenant:
        raise HTTPException(404, f"no job {job_id}; check the id returned by POST /v1/jobs")
    return job_out(session, job)
