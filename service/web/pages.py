"""Plain HTML pages: sign-in, the document list and the aligned document in columns.

A browser cannot send an ``Authorization`` header from a link, so the sign-in form puts the
API key in an HttpOnly, SameSite=Strict cookie; the API accepts that cookie for reads only.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from service.aligned import aligned_document
from service.api.authentication import KEY_COOKIE, presented_key
from service.api.deps import DatabaseDep, SessionDep, SettingsDep
from service.api.presenters import documents_out
from service.api_keys import Principal, find_key, role_allows
from service.rendering import formats_for, render_stored
from service.source_revisions import list_revisions
from service.storage.document_store import get_document
from service.storage.files import source_file
from service.usecases.listing import list_documents_of
from service.web.forms import check_form_token, csrf_token, principal_or_none
from service.web.templating import problem_page, templates

router = APIRouter(include_in_schema=False)

LOGIN_COOKIE = "interlinear_login"  # the sign-in form's CSRF token (double submit)

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English", "ko": "한국어"}


def page_principal(
    request: Request,
    response: Response,
    database: DatabaseDep,
    settings: SettingsDep,
    key: Annotated[str | None, Depends(presented_key)],
) -> Principal | None:
    """The reader's tenant, or None where the browser has no valid key yet (sign in first)."""
    return principal_or_none(request, response, database, settings, key)


PagePrincipal = Annotated[Principal | None, Depends(page_principal)]


def sign_in(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def _safe_next(target: str) -> str:
    """Only paths on this site: an attacker's link must not send the reader elsewhere after sign-in."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


@router.get("/", response_class=HTMLResponse, response_model=None)
def index(request: Request, session: SessionDep, principal: PagePrincipal) -> Response:
    if principal is None:
        return sign_in(request)
    page = documents_out(list_documents_of(session, principal, limit=100), limit=100, offset=0)
    return templates.TemplateResponse(request, "index.html", {"page": page, "principal": principal})


@router.get("/documents/{document_id}", response_class=HTMLResponse, response_model=None)
def document_page(
    document_id: str, request: Request, session: SessionDep, principal: PagePrincipal
) -> Response:
    if principal is None:
        return sign_in(request)
    document = get_document(session, document_id, principal.tenant)
    if document is None:
        raise HTTPException(404, f"no document {document_id}")
    aligned = aligned_document(document)
    columns = [aligned.source_lang, *[lang for lang in aligned.target_langs if lang != aligned.source_lang]]
    renders = formats_for(document.source_format, source_file(session, document.id) is not None)
    left = {}  # per language, what its rendering still has in the source language (Interlinear-Missing)
    for lang in columns[1:] if renders else []:
        try:
            left[lang] = render_stored(session, document, lang, "").passages
        except ValueError:
            continue
    return templates.TemplateResponse(
        request,
        "document.html",
        {
            "doc": aligned,
            "columns": columns,
            "names": LANGUAGE_NAMES,
            "principal": principal,
            "revisions": list_revisions(session, document),
            "renders": renders,
            "left": left,
            "can_edit": role_allows(principal.role, "editor"),
            "csrf": csrf_token(request),
        },
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    return _login_page(request, next)


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(
    request: Request,
    session: SessionDep,
    key: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(csrf, expected):
        # Login CSRF: another site's form must not sign this browser in with the attacker's key.
        return _login_page(
            request,
            next,
            "This sign-in form was out of date or came from another site. Enter your key again.",
            status=403,
            renew=True,
        )
    row = find_key(session, key.strip())
    if row is None or row.revoked_at is not None:
        return _login_page(request, next, "That key is not valid. Check it was copied whole.", status=401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        KEY_COOKIE,
        key.strip(),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


def _login_page(
    request: Request, next: str, error: str | None = None, status: int = 200, renew: bool = False
) -> Response:
    """The sign-in form, with a token that its POST must bring back: a random value kept in a
    SameSite=Strict cookie for ``/login`` only (double submit), made when the browser has none."""
    token = (None if renew else request.cookies.get(LOGIN_COOKIE)) or secrets.token_urlsafe(24)
    response = templates.TemplateResponse(
        request, "login.html", {"next": _safe_next(next), "error": error, "csrf": token}, status_code=status
    )
    if token != request.cookies.get(LOGIN_COOKIE):
        response.set_cookie(
            LOGIN_COOKIE,
            token,
            max_age=3600,
            path="/login",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
    return response


@router.post("/logout", response_model=None)
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    if request.cookies.get(KEY_COOKIE):
        try:
            check_form_token(request, csrf)
        except HTTPException as exc:  # another site's form, or a page from before the key changed
            return problem_page(request, exc.status_code, f"not signed out: {exc.detail}", "/")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(KEY_COOKIE)
    return response
