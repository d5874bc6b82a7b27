"""``/docs`` (Swagger UI) and ``/redoc`` served with their assets from this process: they work on a
machine without internet, and load nothing from another host.

The assets are those packaged by ``fastapi-offline``. ``/redoc`` and the OAuth2 redirect are
FastAPI's pages, with a nonce on their inline script and a Content-Security-Policy that allows
scripts only from this origin and with that nonce. ``/docs`` is this module's page, with no inline
script, made accessible from outside Swagger UI's bundle (axe-core finds nothing on it, closed or
open, ``tests/service/web/test_docs_accessible_chromium.py``):

- the page says its language (``<html lang="en">``) and has a title that names it;
- Swagger UI draws inside ``<main>``: every part of it is in a landmark;
- ``docs_static/docs.js`` starts Swagger UI with a plugin that puts an h2 between its h1 title and
  the h3 of each group (the outline skipped a level), draws an operation's path as text rather than
  a link inside the button that opens it (a control inside a control; opening an operation still
  puts its deep link in the address bar), and names a "Try it out" field that has no label after
  its parameter;
- ``docs_static/docs.css`` darkens the colours whose text was under WCAG AA contrast (the method
  badges, the version badges, the Authorize, Cancel and Execute buttons, grey notes).
"""

from __future__ import annotations

import secrets
from html import escape
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_oauth2_redirect_html
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

ASSETS = "/docs/assets"  # Swagger UI's and ReDoc's, from fastapi-offline
LOCAL = "/docs/local"  # this service's: docs_static/


def docs_policy(nonce: str | None = None) -> str:
    """Scripts from this origin only, and the inline one with ``nonce`` (None: no inline script)."""
    scripts = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src blob:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )


def _with_nonce(page: HTMLResponse) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    body = bytes(page.body).replace(b"<script>", f'<script nonce="{nonce}">'.encode())
    return HTMLResponse(body, headers={"Content-Security-Policy": docs_policy(nonce)})


def swagger_page(title: str, root: str, openapi_url: str, redirect_url: str) -> HTMLResponse:
    """Swagger UI's page: what it needs is named on its container, and docs.js starts it."""
    root, document, redirect = escape(root), escape(root + openapi_url), escape(root + redirect_url)
    body = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="{root}{ASSETS}/favicon.png">
<link rel="stylesheet" href="{root}{ASSETS}/swagger-ui.css">
<link rel="stylesheet" href="{root}{LOCAL}/docs.css">
</head>
<body>
<main id="swagger-ui" data-openapi-url="{document}" data-oauth2-redirect-url="{redirect}">
<noscript><p>This reference needs JavaScript; the OpenAPI document it shows is
<a href="{document}">{escape(openapi_url)}</a>.</p></noscript>
</main>
<script src="{root}{ASSETS}/swagger-ui-bundle.js"></script>
<script src="{root}{LOCAL}/docs.js"></script>
</body>
</html>
"""
    return HTMLResponse(body, headers={"Content-Security-Policy": docs_policy()})


def add_docs(app: FastAPI) -> None:
    """Serve the API documentation pages and their assets (``app`` made with ``docs_url=None``)."""
    static = resources.files("fastapi_offline") / "static"
    app.mount(ASSETS, StaticFiles(directory=str(static)), name="docs-assets")
    local = resources.files("service.api") / "docs_static"
    app.mount(LOCAL, StaticFiles(directory=str(local)), name="docs-local")
    openapi_url = app.openapi_url or "/openapi.json"
    redirect_url = "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return swagger_page(f"{app.title} API reference (Swagger UI)", root, openapi_url, redirect_url)

    @app.get(redirect_url, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return _with_nonce(get_swagger_ui_oauth2_redirect_html())

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _with_nonce(
            get_redoc_html(
                openapi_url=f"{root}{openapi_url}",
                title=f"{app.title} - API",
                redoc_js_url=f"{root}{ASSETS}/redoc.standalone.js",
                redoc_favicon_url=f"{root}{ASSETS}/favicon.png",
                with_google_fonts=False,
            )
        )
