"""What the pages' forms share: the signed-in person on a POST, a CSRF token, and a
Content-Security-Policy with a nonce for the one page script.

The sign-in session's token lives in an HttpOnly, SameSite=Strict cookie, which the API accepts
for reads only. A form POST reads it here, and is accepted only with the CSRF token the page put
in the form (an HMAC keyed by the session token: another site can neither read nor forge it).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request, Response

from service.api.authentication import SESSION_COOKIE, Credential, require_principal
from service.api.deps import DatabaseDep, SettingsDep
from service.api.headers import PAGE_POLICY
from service.api_keys import Principal
from service.settings import Settings
from service.storage.db import Database


def csrf_token(request: Request) -> str:
    key = request.cookies.get(SESSION_COOKIE, "")
    return hmac.new(key.encode(), b"interlinear-form", hashlib.sha256).hexdigest()[:40]


def check_form_token(request: Request, token: str) -> None:
    """403 unless ``token`` is the one the page put in the form for this browser's key."""
    if not hmac.compare_digest(token, csrf_token(request)):
        raise HTTPException(
            403, "this form is out of date or came from another site: reload the page and try again"
        )


def form_principal(
    request: Request, response: Response, database: Database, settings: Settings, token: str
) -> Principal | None:
    """The person posting a form (None: not signed in); 403 when the form's token is wrong."""
    token_of_session = request.cookies.get(SESSION_COOKIE)
    if settings.auth_required and not token_of_session:
        return None
    if settings.auth_required:
        check_form_token(request, token)
    credential = Credential(token_of_session, session=True) if token_of_session else None
    return principal_or_none(request, response, database, settings, credential)


def posting_principal(
    request: Request,
    response: Response,
    database: DatabaseDep,
    settings: SettingsDep,
    csrf: Annotated[str, Form()] = "",
) -> Principal | None:
    """A dependency for every page form's POST: :func:`form_principal` with the form's ``csrf``."""
    return form_principal(request, response, database, settings, csrf)


PostingPrincipal = Annotated[Principal | None, Depends(posting_principal)]


def principal_or_none(
    request: Request, response: Response, database: Database, settings: Settings, key: Credential | None
) -> Principal | None:
    """The key's principal, or None where there is no valid key (the page asks to sign in); kept
    on the request for the pages' templates (``request.state.principal``: what the header links)."""
    try:
        principal = require_principal(request, response, database, settings, key)
    except HTTPException as exc:
        if exc.status_code == 401:
            return None
        raise
    request.state.principal = principal
    return principal


def script_policy() -> tuple[str, str]:
    """``(nonce, policy)``: the pages' strict policy, plus scripts with this nonce and fetches to us."""
    nonce = secrets.token_urlsafe(16)
    policy = PAGE_POLICY.replace(
        "default-src 'none';", f"default-src 'none'; script-src 'nonce-{nonce}'; connect-src 'self';"
    )
    return nonce, policy
