"""Jobs, document lists and pages of a document as the API and the pages show them."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote, urlencode

from sqlalchemy.orm import Session

from service.aligned import AlignedDocument, SegmentPage
from service.aligned_rows import aligned_rows, row_count
from service.api.schemas import (
    DocumentPage,
    DocumentSummaryOut,
    JobEventOut,
    JobOut,
    JobPage,
    LanguageProgressOut,
)
from service.job_records import LanguageProgress, progress_by_job, summarised_by_job
from service.priorities import priority_of
from service.storage.tables import Document, Job
from service.usecases.listing import DocumentListing, JobListing


def job_out(session: Session, job: Job) -> JobOut:
    """A job as ``GET /v1/jobs/{id}`` shows it."""
    return jobs_items_out(session, [job])[0]


def jobs_items_out(session: Session, jobs: Sequence[Job]) -> list[JobOut]:
    """Each job as :func:`job_out` shows it, their progress and summaries read for all of them at
    once (their histories came with them: :func:`service.catalogue.matching_jobs`)."""
    progress, summaries = progress_by_job(session, jobs), summarised_by_job(session, jobs)
    return [_job_out(job, progress[job.id], summaries[job.id]) for job in jobs]


def _job_out(job: Job, progress: dict[str, LanguageProgress], summaries: list[str]) -> JobOut:
    links = {"self": f"/v1/jobs/{job.id}"}
    if job.document_id:
        links["document"] = f"/v1/documents/{job.document_id}"
        links["page"] = f"/documents/{job.document_id}"
    return JobOut(
        id=job.id,
        state=job.state,  # type: ignore[arg-type]
        document_id=job.document_id,
        source_lang=job.source_lang,
        targets=list(job.targets),
        glossary=(job.options or {}).get("glossary"),
        priority=priority_of(job).value,
        progress={k: LanguageProgressOut(done=v.done, total=v.total) for k, v in progress.items()},
        summaries=summaries,
        error=job.error,
        created_at=job.created_at,
        updated_at=job.updated_at,
        events=[JobEventOut(state=e.state, at=e.at, detail=e.detail) for e in job.events],
        links=links,
    )


def documents_out(
    listing: DocumentListing,
    limit: int,
    offset: int,
    filters: Sequence[tuple[str, str]] = (),
    published: dict[str, dict[str, int]] | None = None,
) -> DocumentPage:
    """A page of the document list; ``next`` asks for the page after it with the same ``filters``
    (the query's own names and values), so that following it lists only what matches;
    ``published``: per document id, per language published now, how many sentences changed since
    (:func:`service.publication_list.live_publications`)."""
    items = [
        DocumentSummaryOut(
            id=d.id,
            title=d.title,
            source_lang=d.source_lang,
            date=d.published,
            tags=list(d.tags),
            created_at=d.created_at,
            published=list((published or {}).get(d.id, {})),
            changed_since_publishing=(published or {}).get(d.id, {}),
            links={"self": f"/v1/documents/{d.id}", "page": f"/documents/{d.id}"},
        )
        for d in listing.documents
    ]
    next_link = next_page("/v1/documents", listing.total, limit, offset, filters)
    return DocumentPage(items=items, total=listing.total, limit=limit, offset=offset, next=next_link)


def jobs_out(
    session: Session, listing: JobListing, limit: int, offset: int, filters: Sequence[tuple[str, str]] = ()
) -> JobPage:
    """A page of the job list, each job as ``GET /v1/jobs/{id}`` shows it; ``next`` as
    :func:`documents_out` makes it."""
    items = jobs_items_out(session, listing.jobs)
    next_link = next_page("/v1/jobs", listing.total, limit, offset, filters)
    return JobPage(items=items, total=listing.total, limit=limit, offset=offset, next=next_link)


def next_page(
    path: str, total: int, limit: int, offset: int, filters: Sequence[tuple[str, str]] = ()
) -> str | None:
    """The link to the page of a list after the one at ``offset``, with the same ``filters`` (the
    query's own names and values, the blank ones left out), or None on the last page."""
    following = offset + limit
    if following >= total:
        return None
    kept = [(name, value) for name, value in filters if value]
    return f"{path}?{urlencode([*kept, ('limit', limit), ('offset', following)])}"


def document_page_out(
    session: Session, document: Document, limit: int, offset: int, version: list[str], wanted: dict[str, str]
) -> AlignedDocument:
    """``limit`` rows of the document from ``offset`` (``wanted``: the versions asked for, as
    ``version`` said them), with ``paging``: the total and the next page's link, which asks for
    the same versions."""
    total = row_count(session, document.id)
    page = aligned_rows(session, document, offset, limit, wanted)
    following = offset + limit
    query = urlencode([*(("version", v) for v in version), ("limit", limit), ("offset", following)])
    next_link = f"/v1/documents/{quote(document.id)}?{query}" if following < total else None
    page.paging = SegmentPage(total=total, limit=limit, offset=offset, next=next_link)
    return page
