"""Which addresses are pages, and which page an address belongs to: where an error page's "Back"
leads, and where signing in leads back to (a page opened with GET, never a form's POST address)."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from starlette.routing import Match

API_PATHS = ("/v1/", "/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/redoc")


def is_page(request: Request) -> bool:
    """Everything outside the API's paths is a page (an unknown address too)."""
    return is_page_path(request.url.path)


def is_page_path(path: str) -> bool:
    """``/V1/jobs`` is the API's too (its 404 is JSON, saying to write ``/v1`` in lower case)."""
    return not (path.lower() == "/v1" or path[:4].lower() == "/v1/" or path.startswith(API_PATHS))


def came_from(request: Request) -> str | None:
    """The page of this site the request came from (its ``Referer``, of this origin, not the
    API's, not the address itself); None where there is none."""
    referer = urlsplit(request.headers.get("referer", ""))
    here = urlsplit(str(request.base_url))
    if (referer.scheme, referer.netloc) == (here.scheme, here.netloc) and referer.path.startswith("/"):
        address = referer.path + (f"?{referer.query}" if referer.query else "")
        opened = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if is_page_path(referer.path) and address != opened:
            return address
    return None


def page_of(request: Request, path: str) -> str:
    """The page ``path`` belongs to: ``path`` itself where a page opens it with GET, else the
    nearest address above it that a page opens with GET (``/documents/D/segments/S/translations/ko``
    is ``/documents/D``'s form, ``/logout`` the documents list's); ``/`` where none is."""
    parts = path.rstrip("/").split("/")
    while len(parts) > 1:
        address = "/".join(parts)
        scope = {**request.scope, "method": "GET", "path": address}
        routes = request.app.router.routes
        if is_page_path(address) and any(route.matches(scope)[0] is Match.FULL for route in routes):
            return address
        parts.pop()
    return "/"


def form_page(request: Request) -> str:
    """The page the request's address belongs to (:func:`page_of`): a form's page."""
    return page_of(request, request.url.path)


def safe_next(request: Request, target: str) -> str:
    """Where signing in leads: only a page of this site (an attacker's link must not send the
    reader elsewhere), and one that opens with GET: a form's POST address (a link from before, or
    a crafted one) leads to the page the form is on (:func:`page_of`), with no query of its own."""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    path = urlsplit(target).path
    page = page_of(request, path)
    return target if page == path.rstrip("/") or (page == "/" and path == "/") else page
