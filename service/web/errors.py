"""Errors on the pages as pages: a browser that opens a missing document, an unknown address or a
page with a bad query parameter gets HTML with a way back, while the API keeps its JSON problems."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api.http_errors import request_validation_failed
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
        return await http_exception_handler(request, exc)
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
