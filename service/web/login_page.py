"""The sign-in page: its form (with a token its POST must bring back), what it says of a sign-in
that ended, and, where it answers a page's form sent after the sign-in ended, the text that form
brought (not saved: shown to copy) and a way back to the form's page after signing in."""

from __future__ import annotations

import secrets

from fastapi import Request, Response
from sqlalchemy.orm import Session

from service.api.authentication import SESSION_COOKIE
from service.web.addresses import safe_next
from service.web.forms import Kept
from service.web.templating import templates
from service.web_sessions import key_of_session

LOGIN_COOKIE = "interlinear_login"  # the sign-in form's CSRF token (double submit)

# Who makes keys, in the words the sign-in page uses: the person who runs the service, with its
# command line (README: "An operator creates one per client"); an admin key changes glossaries, it
# makes no keys. How is said once, under the form (login.html); a refusal of a key says whom to ask.
KEY_MAKER = "the person who runs this service"
KEYS_ARE_MADE = f"Keys are made by {KEY_MAKER}, with `interlinear keys create`."


def ended_why(request: Request, session: Session) -> str | None:
    """Why this browser's sign-in stopped working, where its key was revoked meanwhile."""
    token = request.cookies.get(SESSION_COOKIE)
    key = key_of_session(session, token) if token else None
    if key is None or key.revoked_at is None:
        return None
    named = f" “{key.name}”" if key.name else ""
    return f"Your key{named} was revoked on {key.revoked_at:%Y-%m-%d at %H:%M} UTC; sign in with another key."


def login_page(
    request: Request,
    next: str,
    error: str | None = None,
    status: int = 200,
    renew: bool = False,
    said: str | None = None,
    notice: str | None = None,
    kept: Kept | None = None,
) -> Response:
    """The sign-in form, with a token that its POST must bring back: a random value kept in a
    SameSite=Strict cookie for ``/login`` only (double submit), made when the browser has none.
    ``kept``: what a form sent after the sign-in ended brought, shown to copy (never sent again)."""
    token = (None if renew else request.cookies.get(LOGIN_COOKIE)) or secrets.token_urlsafe(24)
    response = templates.TemplateResponse(
        request,
        "login.html",
        {
            "next": safe_next(request, next),
            "error": error,
            "said": said,
            "notice": notice,
            "csrf": token,
            "kept": kept,
            "keys_are_made": KEYS_ARE_MADE,
        },
        status_code=status,
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
