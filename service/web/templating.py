"""The pages' one template environment: every page extends ``base.html``, whose header links the
pages and, for a browser signed in with its key cookie, offers to sign out (a form with the page's
CSRF token)."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from service.api.authentication import SESSION_COOKIE
from service.web.forms import csrf_token

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")  # autoescapes .html
templates.env.globals["csrf_token"] = csrf_token
templates.env.globals["session_cookie"] = SESSION_COOKIE


def problem_page(request: Request, status_code: int, message: str, back: str) -> HTMLResponse:
    """What a form could not do, as a page with a way back (a browser shows no JSON problem)."""
    return templates.TemplateResponse(
        request,
        "problem.html",
        {"message": message, "back": back, "status_code": status_code},
        status_code=status_code,
    )
