"""``/v1/jobs``: submit an article for translation, follow its progress."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Response, status

from service.api.authentication import EditorDep, PrincipalDep, require_principal
from service.api.deps import DispatcherDep, RegistryDep, SessionDep, SettingsDep
from service.api.http_errors import (
    AUTH_RESPONSES,
    broker_unreachable,
    error_responses,
    quota_refusal,
    require_broker,
    require_quota,
)
from service.api.language_refusals import check_codes, check_pair
from service.api.schemas import JobEventOut, JobOut, JobRequest, LanguageProgressOut
from service.api_keys import Principal, QuotaExceeded, charge_options, check_quota, record_usage
from service.document import Article
from service.errors import InputError, InputTooLarge
from service.fetching import check_fetch_url
from service.glossary import glossary_store
from service.ingest import read_article
from service.job_records import (
    IdempotencyConflict,
    JobState,
    create_job,
    find_by_idempotency_key,
    job_progress,
    request_hash,
    submit_article,
    summarised_languages,
)
from service.job_records import transition as transition_job
from service.netguard import UnsafeURL, check_url
from service.parse.checks import language_shares
from service.parse.language import describe_mix
from service.storage.files import SourceUpload
from service.storage.tables import Job


def _no_file() -> None:
    """JSON bodies come without a file; ``POST /v1/jobs/upload`` passes the one it read."""
    return None


NoFile = Annotated[SourceUpload | None, Depends(_no_file)]

router = APIRouter(
    prefix="/v1/jobs", tags=["jobs"], dependencies=[Depends(require_principal)], responses=AUTH_RESPONSES
)
log = logging.getLogger(__name__)


def job_out(session: SessionDep, job: Job) -> JobOut:
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
        progress={
            k: LanguageProgressOut(done=v.done, total=v.total) for k, v in job_progress(session, job).items()
        },
        summaries=summarised_languages(session, job),
        error=job.error,
        created_at=job.created_at,
        updated_at=job.updated_at,
        events=[JobEventOut(state=e.state, at=e.at, detail=e.detail) for e in job.events],
        links=links,
    )


def found_in(article: Article) -> str:
    """What a detected article is written in: scripts, and the languages of its passages."""
    text = " ".join(segment.text for segment in article.segments())
    languages = ", ".join(f"{lang} {share:.0%}" for lang, share in list(language_shares(article).items())[:4])
    return f"scripts {describe_mix(text)}; passages detected as {languages}"


@contextmanager
def reused_key() -> Iterator[None]:
    try:
        yield
    except IdempotencyConflict as exc:
        raise HTTPException(
            422,
            "this Idempotency-Key was used with a different request body; use a new key for a new request",
        ) from exc


def replayed(session: SessionDep, response: Response, job: Job) -> JobOut:
    response.headers["Idempotent-Replayed"] = "true"
    response.headers["Location"] = f"/v1/jobs/{job.id}"
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
    session: SessionDep,
    settings: SettingsDep,
    registry: RegistryDep,
    dispatcher: DispatcherDep,
    principal: EditorDep,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=200,
            pattern=r"^[\x20-\x7e]+$",  # printable ASCII: no control characters
            description="Replays return the same job",
        ),
    ] = None,
    source_file: NoFile = None,
) -> JobOut:
    """Queue an article for translation into each target language. Returns at once with the job.

    The article as a file (.txt, .md, .html, .docx, .pdf): send the form of ``POST /v1/jobs/upload``
    here as ``multipart/form-data``."""
    digest = request_hash(body.model_dump())
    if idempotency_key is not None:
        with reused_key():
            replay = find_by_idempotency_key(session, idempotency_key, digest, principal.tenant)
        session.commit()  # no transaction stays open while the article is parsed
        if replay is not None:
            return replayed(session, response, replay)

    source_lang = None if body.source_lang == "auto" else body.source_lang
    targets = list(dict.fromkeys(body.targets))
    named = [("source_lang", source_lang)] if source_lang is not None else []
    check_codes(registry, [*named, *(("target", target) for target in targets)])
    options = job_options(session, settings, principal, body)
    if body.url is not None:
        try:
            check_fetch_url(body.url, settings)
        except UnsafeURL as exc:
            raise HTTPException(422, f"url refused: {exc}") from exc
        require_quota(session, principal, 1)  # the page's characters are counted when it is fetched
        require_broker(settings, dispatcher)
        fetch_options = {**options, "url": body.url, **charge_options(principal)}
        with reused_key():
            job, created = create_job(session, None, source_lang, targets, digest, idempotency_key,
                                      principal.tenant, options=fetch_options)  # fmt: skip
        if not created:
            return replayed(session, response, job)
        enqueue(session, settings, job, lambda: dispatcher.fetch(job.id))
        response.headers["Location"] = f"/v1/jobs/{job.id}"
        session.refresh(job)
        return job_out(session, job)

    assert body.text is not None
    try:
        text, article = read_article(body.text.encode("utf-8"), settings, body.format, source_lang)
    except InputError as exc:
        raise HTTPException(413 if isinstance(exc, InputTooLarge) else 422, str(exc)) from exc
    src = article.metadata.source_lang
    found = None if source_lang is not None else found_in(article)
    for target in targets:
        check_pair(registry, src, target, found=found)

    chars = len(text)
    require_quota(session, principal, chars)
    require_broker(settings, dispatcher)

    def charge() -> None:
        # Checked again with the key's row locked, in the transaction that stores the job: jobs
        # sent at the same moment under one key cannot pass its quota together (PostgreSQL).
        check_quota(session, principal, chars, lock=True)
        record_usage(session, principal, "job", chars)

    try:
        with reused_key():
            job, created = submit_article(
                session,
                text,
                article,
                source_lang,
                targets,
                digest,
                idempotency_key,
                tenant=principal.tenant,
                before_commit=charge,
                options=options or None,
                external_id=body.external_id,
                source_file=source_file,
            )
    except QuotaExceeded as exc:
        session.rollback()  # nothing of the refused job stays
        raise quota_refusal(exc) from exc
    if not created:  # the same Idempotency-Key, sent at the same moment: the other request's job
        return replayed(session, response, job)
    response.headers["Location"] = f"/v1/jobs/{job.id}"

    def send() -> None:
        for target in targets:
            dispatcher.translate(job.id, target)
        if settings.summaries_enabled and not settings.summaries_inline:  # else: with the first language
            dispatcher.summarise(job.id, src)

    enqueue(session, settings, job, send)
    session.refresh(job)
    return job_out(session, job)


def job_options(
    session: SessionDep, settings: SettingsDep, principal: Principal, body: JobRequest
) -> dict[str, str]:
    """The job's glossary (named, or the tenant's default) and callback URL, checked."""
    try:
        glossary = glossary_store.for_job(session, principal.tenant, body.glossary)
    except LookupError as exc:
        raise HTTPException(422, str(exc)) from exc
    options = {"glossary": glossary.id} if glossary is not None else {}
    if body.callback_url is not None:
        try:
            check_url(body.callback_url, settings.callback_allow_private)
        except UnsafeURL as exc:
            raise HTTPException(422, f"callback_url refused: {exc}") from exc
        options["callback_url"] = body.callback_url
    return options


def enqueue(session: SessionDep, settings: SettingsDep, job: Job, send: Callable[[], None]) -> None:
    """Queue a new job's first tasks. The broker lost between :func:`require_broker` and this: the
    job fails with the reason (it stays, as a record of what was charged) and the client gets 503."""
    try:
        send()
    except Exception as exc:
        log.exception("could not enqueue job %s", job.id)
        job.idempotency_key = None  # a retry with the same key must be able to try again
        session.commit()
        transition_job(session, job.id, JobState.FAILED, f"could not enqueue: {exc}")
        raise broker_unreachable(settings) from exc


@router.get("/{job_id}", response_model=JobOut, responses=error_responses(404, e404="No such job"))
def get_job(job_id: str, session: SessionDep, principal: PrincipalDep) -> JobOut:
    """A job's state, per-language progress, error and state history."""
    job = session.get(Job, job_id)
    if job is None or job.tenant != principal.tenant:
        raise HTTPException(404, f"no job {job_id}; check the id returned by POST /v1/jobs")
    return job_out(session, job)
