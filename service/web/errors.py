"""Errors on the pages as pages: a browser that opens a missing document, an unknown address or a
page with a bad query parameter gets HTML with a way back, while the API keeps its JSON problems."""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api.http_errors import (
    domain_refusal,
    form_field_too_large,
    http_refusal,
    request_validation_failed,
    status_of,
)
from service.web.templating import problem_page

API_PATHS = ("/v1/", "/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/redoc")


def is_page(request: Request) -> bool:
    """Everything outside the API's paths is a page (an unknown address too)."""
    path = request.url.path
    return not (path == "/v1" or path.startswith(API_PATHS))


def _back(request: Request) -> str:
    return "/" if request.url.path != "/" else "/login"


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if not is_page(request):
        return await http_refusal(request, exc)
    if (too_large := form_field_too_large(request, exc)) is not None:
        return await domain_error(request, too_large)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":  # no route: say which address
        message = f"there is no page at {request.url.path}"
    if exc.status_code == 405:
        message = f"{request.url.path} cannot be opened with {request.method}"
    response = problem_page(request, exc.status_code, message, _back(request))
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def validation_error(request: Request, exc: Exception) -> Response:
    if not is_page(request) or not isinstance(exc, RequestValidationError):
        return await request_validation_failed(request, exc)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
        for e in exc.errors()
    )
    return problem_page(request, 422, f"this address is not one the page understands ({problems})", "/")


async def domain_error(request: Request, exc: Exception) -> Response:
    """A use case's refusal (:mod:`service.errors`): a page on the pages, JSON on the API."""
    if not is_page(request):
        return await domain_refusal(request, exc)
    return problem_page(request, status_of(exc), str(exc), _back(request))


def add_page_error_handlers(app: FastAPI) -> None:
    """Errors on page routes as pages; called after the API's handlers are registered, whose JSON
    the API paths keep."""
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    for kind, handler in list(app.exception_handlers.items()):
        if handler is domain_refusal:
            app.add_exception_handler(kind, domain_error)
