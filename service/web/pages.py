"""Plain HTML pages: sign-in, the document list and the aligned document in columns.

A browser cannot send an ``Authorization`` header from a link, so signing in with an API key
starts a session (``service/web_sessions.py``) whose token, never the key, goes in an HttpOnly,
SameSite=Strict cookie; the API accepts that cookie for reads only.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.api.authentication import SESSION_COOKIE, Credential, presented_key, too_many_failures
from service.api.deps import DatabaseDep, RegistryDep, SessionDep, SettingsDep
from service.api_keys import Principal, find_key
from service.catalogue import JOB_STATES, DocumentFilter, document_list
from service.errors import RequestRefused
from service.language_checks import normalised_code
from service.publication_list import CHANGED, PUBLISHED, UNPUBLISHED
from service.registry import Registry
from service.review import stored_approval
from service.storage.document_store import get_document
from service.storage.tables import Document, SegmentRow
from service.usecases.intake import named_codes
from service.usecases.listing import list_documents_of, named_publication, named_state
from service.web.addresses import came_from, form_page, safe_next
from service.web.document_view import (
    ALREADY_APPROVED,
    LANGUAGE_NAMES,
    MAX_SEGMENTS_PER_PAGE,
    SEGMENTS_PER_PAGE,
    UNCHANGED,
    Correction,
    Done,
    NoSuchSegment,
    PublishNote,
    document_context,
    publish_done,
    review_back,
)
from service.web.forms import check_form_token, csrf_token, principal_or_none
from service.web.languages import LANGUAGE
from service.web.login_page import KEY_MAKER, LOGIN_COOKIE, ended_why, login_page
from service.web.page_ids import DocumentId, SegmentFilter
from service.web.templating import last_page, problem_page, templates
from service.web_sessions import end_session, start_session

router = APIRouter(include_in_schema=False)


def page_principal(
    request: Request,
    response: Response,
    database: DatabaseDep,
    settings: SettingsDep,
    key: Annotated[Credential | None, Depends(presented_key)],
) -> Principal | None:
    """The reader's tenant, or None where the browser has no valid key yet (sign in first)."""
    return principal_or_none(request, response, database, settings, key)


PagePrincipal = Annotated[Principal | None, Depends(page_principal)]


def sign_in(request: Request) -> RedirectResponse:
    """To the sign-in page, and back to this page after it, its query kept (a link to a sentence:
    ``?segment=``, ``?lang=``); from a form's POST, back to the page the form is on."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method not in ("GET", "HEAD"):
        here = form_page(request)
    return RedirectResponse(f"/login?next={quote(here, safe='/')}", status_code=303)


def page_language(registry: Registry, lang: str, field: str = LANGUAGE) -> str:
    """A page's one language (``?lang=``, or the ``field`` named) as every interface takes a code
    ("EN" is "en"; blank: none); one no configured pair has is refused (a plain error page,
    web.errors), not shown as an empty list."""
    return next(iter(named_codes(registry, field, [lang])), "")


PAGE_SIZE = 20
# What the publication forms say they did (service.web.publishing_pages; document_view.publish_done)
PUBLICATION_DONE = ("published", "withdrawn", "already-published", "already-withdrawn")
# The documents page's publication filter, as its select says each state (service.publication_list)
PUBLICATION_CHOICES = {
    PUBLISHED: "published",
    CHANGED: "published, changed since",
    UNPUBLISHED: "not published",
}


@router.get("/", response_class=HTMLResponse, response_model=None)
def index(
    request: Request,
    session: SessionDep,
    registry: RegistryDep,
    principal: PagePrincipal,
    q: Annotated[str, Query(max_length=200, description="Every word, in any order")] = "",
    source_lang: Annotated[str, Query(max_length=8, description="Written in this language")] = "",
    target_lang: Annotated[str, Query(max_length=8, description="Translated into this language")] = "",
    state: Annotated[str, Query(max_length=16)] = "",
    tag: Annotated[str, Query(max_length=200)] = "",
    publication: Annotated[str, Query(max_length=16, description="published, changed or unpublished")] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    lang: Annotated[str, Query(max_length=8, description="The one language filter this page had")] = "",
) -> Response:
    if principal is None:
        return sign_in(request)
    if lang.strip():  # a link from before: which of the two it meant is not known
        raise RequestRefused(
            f"lang {lang!r} is no longer a filter of the documents list: choose “Written in” "
            f"(source_lang={lang}) or “Translated into” (target_lang={lang}) instead"
        )
    source_lang = page_language(registry, source_lang, "source_lang")
    target_lang = page_language(registry, target_lang, "target_lang")
    state, publication = named_state(state), named_publication(publication)
    offset = (page - 1) * PAGE_SIZE
    chosen = {
        "q": q,
        "source_lang": source_lang,
        "target_lang": target_lang,
        "state": state,
        "tag": tag,
        "publication": publication,
    }
    filters = DocumentFilter(
        text=q,
        source_lang=source_lang,
        target_lang=target_lang,
        state=state,
        tag=tag,
        publication=publication,
    )
    listing = list_documents_of(session, principal, PAGE_SIZE, offset, filters)
    found = document_list(session, listing.documents, listing.total, PAGE_SIZE, offset)
    pages = last_page(found.total, PAGE_SIZE)
    return templates.TemplateResponse(
        request,
        "index.html",
        {
            "found": found,
            "principal": principal,
            "names": LANGUAGE_NAMES,
            "filters": chosen,
            "filtered": any(chosen.values()),
            "filters_set": sum(1 for value in chosen.values() if value),
            "states": JOB_STATES,
            "publication_states": PUBLICATION_CHOICES,
            "page": page,
            "pages": pages,
            "link": lambda number: "/?" + urlencode({**chosen, "page": number}),
        },
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse, response_model=None)
def document_page(
    document_id: DocumentId,
    request: Request,
    session: SessionDep,
    registry: RegistryDep,
    principal: PagePrincipal,
    lang: Annotated[list[str] | None, Query(max_length=8)] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Past the last page: says so")] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_SEGMENTS_PER_PAGE)] = SEGMENTS_PER_PAGE,
    segment: Annotated[
        SegmentFilter | None, Query(max_length=32, description="Show this segment's page")
    ] = None,
    done: Annotated[
        Literal[
            "approved",
            "already-approved",
            "corrected",
            "unchanged",
            "published",
            "withdrawn",
            "already-published",
            "already-withdrawn",
        ]
        | None,
        Query(),
    ] = None,
    done_lang: Annotated[str, Query(max_length=8)] = "",
    done_segment: Annotated[SegmentFilter, Query(max_length=32, description="The sentence acted on")] = "",
    next_lang: Annotated[str, Query(max_length=8, description="The language to review next")] = "",
    back: Annotated[str, Query(max_length=500, description="The review list this page was opened from")] = "",
    correct: Annotated[str, Query(max_length=8, description="Open this language's correction box")] = "",
) -> Response:
    """``done``: what the editor just did to ``segment``'s translation into ``done_lang`` (the
    redirect after the correction and approval forms), said in its cell; or, with ``done_segment``
    (the sentence acted on) and ``next_lang``, said above ``segment``'s translation into
    ``next_lang``, the next to review (service.web.next_review); or to the whole translation into
    ``done_lang`` (published, withdrawn: the publication forms' redirect), said in the publication
    panel; ``back``: the review list
    (with its filters) the editor came from, linked on the page and kept through its forms;
    ``correct``: the language whose correction box of ``segment`` opens with the page (the review
    list's "Correct it" link)."""
    if principal is None:
        return sign_in(request)
    shown = named_codes(registry, LANGUAGE, lang) if lang is not None else None
    code = normalised_code(done_lang)
    acted = done if done in ("approved", ALREADY_APPROVED, "corrected", UNCHANGED) else None
    tenant = principal.tenant
    said = done_said(session, tenant, document_id, acted, segment, done_lang, done_segment, next_lang)
    publication_done = done in PUBLICATION_DONE and code in LANGUAGE_NAMES
    noted = publish_done(done or "", code) if publication_done else None
    opened = (segment, normalised_code(correct)) if correct and segment else None
    return document_response(request, session, principal, document_id, shown, page=page, size=size,
                             segment=segment, done=said, back=review_back(back), opened=opened,
                             publishing=noted)  # fmt: skip


def done_said(
    session: Session,
    tenant: str,
    document_id: str,
    done: str | None,
    segment: str | None,
    done_lang: str,
    done_segment: str,
    next_lang: str,
) -> Done | None:
    """What the document page says was just done (:class:`Done`): of ``segment``, or of
    ``done_segment`` above the next translation to review, ``segment``'s into ``next_lang``; an
    approval that found one stored already says who made it, and when."""
    if not done or not segment:
        return None
    lang = normalised_code(done_lang)
    acted_on = done_segment if done_segment and next_lang else segment
    approval = None
    if done == ALREADY_APPROVED:
        approval = stored_approval(session, tenant, document_id, acted_on, lang)
    if not done_segment or not next_lang:
        return Done(done, segment, lang, approval=approval)
    role = session.scalar(
        select(SegmentRow.role).where(SegmentRow.document_id == document_id, SegmentRow.key == done_segment)
    )
    next_one = (segment, normalised_code(next_lang))
    return Done(done, done_segment, lang, next=next_one, role=role or "", approval=approval)


def page_document(session: Session, principal: Principal, document_id: str) -> Document:
    """The tenant's document, its row alone (a page reads its rows page by page); a 404 page in the
    pages' words where there is none."""
    document = get_document(session, document_id, principal.tenant, whole=False)
    if document is None:
        raise HTTPException(404, f"no document {document_id}: it may have been deleted, or the link is wrong")
    return document


def document_response(
    request: Request,
    session: Session,
    principal: Principal,
    document_id: str,
    shown: list[str] | None = None,
    correction: Correction | None = None,
    status_code: int = 200,
    page: int = 1,
    size: int = SEGMENTS_PER_PAGE,
    segment: str | None = None,
    done: Done | None = None,
    back: str | None = None,
    opened: tuple[str, str] | None = None,
    publishing: PublishNote | None = None,
) -> HTMLResponse:
    """One page of the document (``page``, or the one with ``segment``); ``correction``: a refused
    correction, shown in place in its form, on its page, with what was typed (status 422);
    ``done``: what an editor just did, said in the translation's cell; ``back``: the review list
    the page was opened from; ``opened``: the (segment, language) whose correction box is open;
    ``publishing``: what the publication panel says (a publication just made, or a refusal)."""
    document = page_document(session, principal, document_id)
    if correction is not None:
        segment = correction.segment_id
    try:
        context = document_context(session, principal, document, shown, page, size, segment, back)
    except NoSuchSegment:
        raise HTTPException(
            404, f"document {document_id} has no segment {segment}; the link is wrong"
        ) from None
    return templates.TemplateResponse(
        request,
        "document.html",
        {
            **context,
            "correction": correction,
            "done": done,
            "opened": opened,
            "publishing": publishing,
            "csrf": csrf_token(request),
        },
        status_code=status_code,
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(
    request: Request,
    session: SessionDep,
    next: str = "/",
    done: Annotated[Literal["signed-out"] | None, Query()] = None,
) -> Response:
    """``done=signed-out``: where "Sign out" leads, which says so. A browser whose sign-in
    session's key was revoked (each page sent it here) is told so: of its own key only."""
    return login_page(request, next, said="Signed out." if done else None, notice=ended_why(request, session))


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    key: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Sign in with an API key. A blank key (the browser's ``required`` skipped, a script's empty
    field) is the form again saying to enter one, 422 as a form sent incomplete: no key was tried,
    so it is neither a 401 nor counted against the address's failed attempts; it was the generic
    "Field required" problem page, which left the reader nowhere to type the key."""
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(csrf, expected):
        # Login CSRF: another site's form must not sign this browser in with the attacker's key.
        return login_page(
            request,
            next,
            "This sign-in form was out of date or came from another site. Enter your key again.",
            status=403,
            renew=True,
        )
    if not key.strip():
        return login_page(
            request,
            next,
            "Enter your key: the API key made for you.",
            status=422,
        )
    row = find_key(session, key.strip())
    if row is None or row.revoked_at is not None:
        if (wait := too_many_failures(request, settings)) is not None:
            refused = login_page(request, next, f"Not signed in: {wait.message}.", status=429)
            refused.headers["Retry-After"] = str(wait.seconds)
            return refused
        if row is None:
            # the other likely cause, as the API says it: a key made against another database
            refusal = (
                "That key is not valid. Check that you pasted all of it; if you did, ask "
                f"{KEY_MAKER} for a new key (one made against this service's own database)."
            )
        else:
            revoked = f"{row.revoked_at:%Y-%m-%d}"
            refusal = f"That key was revoked on {revoked}. Ask {KEY_MAKER} for a new one."
        return login_page(request, next, refusal, status=401)
    token = start_session(session, row, settings.session_hours)
    session.commit()
    response = RedirectResponse(safe_next(request, next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.get("/logout", response_class=HTMLResponse, response_model=None)
def logout_page(request: Request, principal: PagePrincipal) -> Response:
    """ "Sign out" opened as an address (typed, or a bookmark): a page with the button that signs
    out (its POST), and a way back to the page it came from; the sign-in page where no one is
    signed in."""
    if not request.cookies.get(SESSION_COOKIE):
        return RedirectResponse("/login", status_code=303)
    back = came_from(request) or "/"
    return templates.TemplateResponse(
        request, "logout.html", {"back": back if back != "/logout" else "/", "principal": principal}
    )


@router.post("/logout", response_model=None)
def logout(request: Request, session: SessionDep, csrf: Annotated[str, Form()] = "") -> Response:
    """Ends the sign-in session on the server (a copy of the cookie stops working too), then
    drops the cookie."""
    if token := request.cookies.get(SESSION_COOKIE):
        try:
            check_form_token(request, csrf)
        except HTTPException as exc:  # another site's form, or a page from before the sign-in changed
            return problem_page(
                request, exc.status_code, f"not signed out: {exc.detail}", "/logout", again=True
            )
        end_session(session, token)
        session.commit()
    response = RedirectResponse("/login?done=signed-out" if token else "/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
