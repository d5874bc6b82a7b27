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
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request, Response

from service.api.authentication import SESSION_COOKIE, Credential, require_principal
from service.api.deps import DatabaseDep, SettingsDep
from service.api.headers import PAGE_POLICY
from service.api_keys import Principal
from service.review import StoredNow
from service.settings import Settings
from service.storage.db import Database


def csrf_token(request: Request) -> str:
    key = request.cookies.get(SESSION_COOKIE, "")
    return hmac.new(key.encode(), b"interlinear-form", hashlib.sha256).hexdigest()[:40]


# Not "reload the page": reloading the answer to a form sends the form again, with the old token.
OUT_OF_DATE = (
    "this form is out of date or came from another site, so nothing was done: go back to the page "
    "and send the form again"
)


def check_form_token(request: Request, token: str) -> None:
    """403 unless ``token`` is the one the page put in the form for this browser's key."""
    if not form_token_matches(request, token):
        raise HTTPException(403, OUT_OF_DATE)


def form_token_matches(request: Request, token: str) -> bool:
    return hmac.compare_digest(token, csrf_token(request))


@dataclass(frozen=True)
class Kept:
    """What a form brought that its answer gives back where the form is not taken for its sign-in
    (:class:`FormNotTaken`): ``text``, what was typed (shown to copy, never saved or sent again);
    ``page``, the page the form is on (a GET address: where signing in again leads, and "Back");
    ``lang``, the language of the text; ``now``, the translation an approval was for as it is
    stored now (an approval brings no text of the editor's: what is stored is shown instead)."""

    text: str = ""
    page: str | None = None
    lang: str = ""
    now: StoredNow | None = None


class FormNotTaken(HTTPException):
    """A page form's POST not taken for its sign-in: ``signed_out`` (no sign-in, or one that
    ended: the sign-in page, 401) or an out-of-date token (a 403 page); either shows what
    ``kept`` holds (service.web.errors)."""

    def __init__(self, status_code: int, detail: str, kept: Kept, signed_out: bool = False) -> None:
        super().__init__(status_code, detail)
        self.kept = kept
        self.signed_out = signed_out


def sent_from_here(request: Request) -> bool:
    """Whether a form's POST came from a page of this site, as far as the browser says
    (``Sec-Fetch-Site``; a browser that sends none is taken at its word): what another site's form
    sent is never shown back on this site's pages."""
    return request.headers.get("sec-fetch-site", "same-origin") == "same-origin"


def form_principal(
    request: Request,
    response: Response,
    database: Database,
    settings: Settings,
    token: str,
    kept: Kept | None = None,
) -> Principal:
    """The person posting a form. Where none is signed in (the sign-in ended: signed out in another
    tab, expired, its key revoked) a :class:`FormNotTaken` asks to sign in; where the form's token
    is not this sign-in's, a :class:`FormNotTaken` 403. Either keeps what ``kept`` holds: the
    editor's typed text is shown back, and signing in leads to the form's page, not to its POST
    address. The sign-in is looked up first, so that the 403 page names who is signed in."""
    kept = kept or Kept()
    if not settings.auth_required:
        principal = principal_or_none(request, response, database, settings, None)
        assert principal is not None  # without keys, everyone is the local tenant
        return principal
    token_of_session = request.cookies.get(SESSION_COOKIE)
    credential = Credential(token_of_session, session=True) if token_of_session else None
    principal = principal_or_none(request, response, database, settings, credential) if credential else None
    if principal is None:
        raise FormNotTaken(401, "your sign-in has ended: sign in again", kept, signed_out=True)
    if not form_token_matches(request, token):
        raise FormNotTaken(403, opened_before(principal), kept)
    return principal


def opened_before(principal: Principal) -> str:
    """Why a signed-in person's form was not taken: the page was opened under another sign-in (the
    form's token is this sign-in's; signing in again, or as someone else in another tab, makes a
    new one) or on another site; sending it again does it as whoever is signed in now."""
    return (
        "this form is out of date: it was opened before the sign-in this browser has now (signed in "
        "again, or as someone else in another tab) or came from another site, so nothing was done. You are "
        f"signed in as {principal.author} now: go back to the page and send the form again to do it "
        f"as {principal.author}, or sign out first if that is not you"
    )


def posting_principal(
    request: Request,
    response: Response,
    database: DatabaseDep,
    settings: SettingsDep,
    csrf: Annotated[str, Form()] = "",
) -> Principal:
    """A dependency for a page form's POST where nothing is typed (publish, withdraw, delete):
    :func:`form_principal` with the form's ``csrf``."""
    return form_principal(request, response, database, settings, csrf)


PostingPrincipal = Annotated[Principal, Depends(posting_principal)]


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


def signed_in(request: Request) -> Principal | None:
    """Who is signed in on this browser, for the header of a page whose route did not ask (an error
    page: an unknown address, a refused form) or asked nobody yet: the route's principal where it
    has one, else the sign-in session's; None without a valid one. Never raises: an error page is
    shown whatever the sign-in's state."""
    if (known := getattr(request.state, "principal", None)) is not None:
        return known
    token = request.cookies.get(SESSION_COOKIE)
    app = request.scope.get("app")
    if not token or app is None:
        return None
    try:
        credential = Credential(token, session=True)
        return principal_or_none(request, Response(), app.state.database, app.state.settings, credential)
    except Exception:  # the database down, the key's rate limit: the page names no one
        return None


def script_policy() -> tuple[str, str]:
    """``(nonce, policy)``: the pages' strict policy, plus scripts with this nonce and fetches to us."""
    nonce = secrets.token_urlsafe(16)
    policy = PAGE_POLICY.replace(
        "default-src 'none';", f"default-src 'none'; script-src 'nonce-{nonce}'; connect-src 'self';"
    )
    return nonce, policy
