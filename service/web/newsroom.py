"""The pages a newsroom works in: submit an article, follow jobs live, correct a translation.

Thin over the API's own operations (the same checks, messages and storage); forms work without
scripts, and the jobs page's one script (live progress) runs under a CSP nonce.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from service.api.deps import DatabaseDep, ServicesDep, SessionDep, SettingsDep
from service.api.http_errors import status_of
from service.api.schemas import JobRequest
from service.api.validation_errors import form_problems
from service.api_keys import Principal
from service.catalogue import JOB_PRIORITIES, JOB_STATES, job_items
from service.errors import InputError, InterlinearError, RequestRefused
from service.glossary.glossary_store import list_for
from service.language_checks import normalised_code
from service.permissions import Action, may
from service.priorities import ORDER, within
from service.upload import read_upload
from service.usecases.correct import CorrectionRefused, correct
from service.usecases.intake import check_codes
from service.usecases.listing import job_filter, list_jobs_of
from service.usecases.submit import submit
from service.web.document_view import SEGMENTS_PER_PAGE, UNCHANGED, Correction, done_address, kept_query
from service.web.forms import Kept, csrf_token, form_principal, script_policy
from service.web.languages import LANGUAGE, language_name
from service.web.login_page import KEY_MAKER
from service.web.next_review import after_action
from service.web.page_ids import DocumentId, SegmentId
from service.web.pages import PagePrincipal, document_response, sign_in
from service.web.templating import last_page, problem_page, segment_address, templates

router = APIRouter(include_in_schema=False)

TARGETS = ("en", "ko", "de")
JOBS_PER_PAGE = 50  # the jobs page's rows, newest first; older ones on its next pages
SOURCES = ["de", "en", "ko"]  # besides "auto" (detected)


def language(code: str) -> str:
    """A language as the submit form names it: its English name, and its code as the API takes
    it: "German (de)"."""
    return f"{language_name(code)} ({code})"


def _form(
    request: Request,
    session: SessionDep,
    principal: Principal,
    values: dict[str, object],
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    chosen, source = values.get("targets"), values.get("source_lang")
    clash = source if isinstance(chosen, list) and source in chosen else None  # the target to untick
    return templates.TemplateResponse(
        request,
        "submit.html",
        {
            "principal": principal,
            "glossaries": list_for(session, principal.tenant),
            "targets": TARGETS,
            "sources": SOURCES,
            "language": language,
            "values": values,
            "error": error,
            "clash": clash,
            "csrf": csrf_token(request),
            "can_submit": may(principal, Action.SUBMIT),
            "key_maker": KEY_MAKER,
            # the priorities this key may ask for (a refused one still gets the use case's message)
            "priorities": [p.value for p in ORDER if within(principal.max_priority, p.value)],
        },
        status_code=status_code,
    )


@router.get("/submit", response_class=HTMLResponse, response_model=None)
def submit_page(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    if principal is None:
        return sign_in(request)
    defaults: dict[str, object] = {"targets": ["en"], "source_lang": "auto", "priority": "normal"}
    return _form(request, session, principal, defaults)


@router.post("/submit", response_class=HTMLResponse, response_model=None)
def submit_form(
    request: Request,
    response: Response,
    services: ServicesDep,
    database: DatabaseDep,
    settings: SettingsDep,
    csrf: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    upload: Annotated[UploadFile | None, File()] = None,
    format: Annotated[str, Form()] = "",
    source_lang: Annotated[str, Form()] = "auto",
    targets: Annotated[list[str] | None, Form()] = None,
    glossary: Annotated[str, Form()] = "",
    external_id: Annotated[str, Form()] = "",
    priority: Annotated[str, Form()] = "normal",
) -> Response:
    principal = form_principal(request, response, database, settings, csrf, Kept(text, "/submit"))
    session = services.session
    values: dict[str, object] = {
        "text": text, "url": url, "format": format, "source_lang": source_lang, "targets": targets or [],
        "glossary": glossary, "external_id": external_id, "priority": priority,
    }  # fmt: skip
    if source_lang in (targets or []):  # said in the form's words (the use case refuses it too)
        named = language(source_lang)
        message = (
            f"the source language is {named}, and {named} is also ticked under “Translate into”: "
            f"untick {named} there, or choose the article's real source language"
        )
        return _form(request, session, principal, values, message, 422)
    original = None  # the uploaded .docx, kept for rendering the translation back into it
    if upload is not None and upload.filename:
        if text.strip() or url.strip():
            message = "send the article one way: pasted text, a file or a URL, not two of them"
            return _form(request, session, principal, values, message, 422)
        try:
            uploaded = read_upload(upload.filename, upload.file.read())
        except InputError as exc:
            return _form(request, session, principal, values, str(exc), 422)
        text, format, original = uploaded.text, format or uploaded.format, uploaded.original
    try:
        body = JobRequest(
            text=text if text or not url else None,
            url=url or None,
            format=format or None,  # type: ignore[arg-type]
            source_lang=source_lang or "auto",
            targets=targets or [],
            glossary=glossary or None,
            external_id=external_id or None,
            priority=priority or "normal",  # type: ignore[arg-type]
        )
        filename = upload.filename if upload is not None and upload.filename else None
        job = submit(services, principal, body.submission(source_file=original, filename=filename)).job
    except ValidationError as exc:
        return _form(request, session, principal, values, form_problems(exc), 422)
    except InterlinearError as exc:  # the use case's refusal, said on the form
        return _form(request, session, principal, values, str(exc), status_of(exc))
    return RedirectResponse(f"/jobs?submitted={job.id}#job-{job.id}", status_code=303)


# A filter's word as it was sent, for the use case to refuse with the words it takes (not cut
# short by a bound of the page's own).
JobWord = Annotated[str, Query(max_length=100)]


@router.get("/jobs", response_class=HTMLResponse, response_model=None)
def jobs_page(
    request: Request,
    session: SessionDep,
    principal: PagePrincipal,
    submitted: Annotated[str, Query(max_length=36)] = "",
    state: JobWord = "",
    priority: JobWord = "",
    page: Annotated[int, Query(ge=1, le=100_000, description="Past the last page: says so")] = 1,
) -> Response:
    """The tenant's jobs, newest first, ``JOBS_PER_PAGE`` a page (paged as the documents list is),
    filtered by ``state`` and ``priority`` as ``GET /v1/jobs`` is (the same use case lists both),
    the filter kept in the links to its other pages; ``submitted``: the job the submit form just
    made, said at the top and marked in the list. A filter that names no state or priority is a
    page saying which there are, with a way back to the whole list."""
    if principal is None:
        return sign_in(request)
    try:
        filters = job_filter(state, priority)
        listing = list_jobs_of(session, principal, JOBS_PER_PAGE, (page - 1) * JOBS_PER_PAGE, filters)
    except RequestRefused as exc:
        return problem_page(request, status_of(exc), str(exc), "/jobs")
    jobs = job_items(session, listing.jobs)
    just = next((job for job in jobs if job.id == submitted), None)
    kept = [
        (name, value) for name, value in (("state", filters.state), ("priority", filters.priority)) if value
    ]
    nonce, policy = script_policy()
    return templates.TemplateResponse(
        request,
        "jobs.html",
        {
            "jobs": jobs,
            "total": listing.total,
            "page": page,
            "pages": last_page(listing.total, JOBS_PER_PAGE),
            "link": lambda number: f"/jobs?{urlencode([*kept, ('page', number)])}",
            "filters": filters,
            "states": JOB_STATES,
            "priorities": JOB_PRIORITIES,
            "principal": principal,
            "nonce": nonce,
            "submitted": just,
        },
        headers={"Content-Security-Policy": policy},
    )


@router.post("/documents/{document_id}/segments/{segment_id}/translations/{lang}", response_model=None)
def correct_form(
    document_id: DocumentId,
    segment_id: SegmentId,
    lang: str,
    request: Request,
    response: Response,
    services: ServicesDep,
    database: DatabaseDep,
    settings: SettingsDep,
    csrf: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    back_query: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """A correction from the document page; on to the next translation to review
    (service.web.next_review: on the page as it was, ``back_query``: its languages and size, or
    the review list it was opened from), saying it was saved, or the form again with why not. A
    text that is the translation as it reads (service.usecases.correct stores nothing) goes back to
    the sentence's row, which says nothing changed (no error: nothing was wrong with it)."""
    sent_lang, lang = lang, normalised_code(lang)  # as the API takes it: "EN" is "en"
    # Where the form is: the sentence, on the page as it was, its correction box open.
    here = segment_address(document_id, segment_id, keep=(*kept_query(back_query), ("correct", lang)))
    principal = form_principal(request, response, database, settings, csrf, Kept(text, here, lang))
    back = f"/documents/{document_id}"
    try:
        check_codes(services.registry, [(LANGUAGE, sent_lang)])  # first, as the API: its 422 and words
        done = correct(services, principal, document_id, segment_id, lang, text)
    except CorrectionRefused as exc:  # blank, too long, ...: the form again, with what was typed and why
        kept = kept_query(back_query)
        shown = [value for name, value in kept if name == "lang"] or None
        size = next((int(value) for name, value in kept if name == "size"), SEGMENTS_PER_PAGE)
        to_review = next((value for name, value in kept if name == "back"), None)
        refused = Correction(segment_id, lang, text, str(exc))
        return document_response(request, services.session, principal, document_id, shown,
                                 correction=refused, status_code=422, size=size, back=to_review)  # fmt: skip
    except InterlinearError as exc:  # the use case's other refusals (role, missing, a language
        return problem_page(request, status_of(exc), str(exc), back)  # without a form): a page
    if not done.saved:  # the translation as it reads: back to its row, saying nothing changed
        return RedirectResponse(done_address(document_id, segment_id, lang, UNCHANGED, back_query), 303)
    to = after_action(services.session, document_id, segment_id, lang, "corrected", back_query)
    return RedirectResponse(to, 303)
