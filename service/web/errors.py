"""Errors on the pages as pages: a browser that opens a missing document, an unknown address or a
page with a bad query parameter gets HTML with a way back, while the API keeps its JSON problems."""

from __future__ import annotations

from typing import Any

import annotated_types
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from pydantic.fields import FieldInfo
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import Scope

from service.api.http_errors import (
    domain_refusal,
    form_field_too_large,
    http_refusal,
    method_not_allowed,
    status_of,
)
from service.api.ids import NOT_AN_ID
from service.api.near_address import page_without_slash
from service.api.validation_errors import request_validation_failed
from service.echo_text import shortened
from service.web.addresses import came_from, form_page, is_page
from service.web.forms import FormNotTaken, Kept, sent_from_here
from service.web.login_page import ended_why, login_page
from service.web.templating import problem_page


def _back(request: Request) -> str:
    """The way back from an error page: the page the request came from (:func:`came_from`), so
    that "go back to the page and send the form again" can be followed; else, for a form's answer,
    the page the form is on; else the documents list."""
    if (address := came_from(request)) is not None:
        return address
    if request.method not in ("GET", "HEAD"):
        return form_page(request)
    return "/" if request.url.path != "/" or request.url.query else "/login"


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if not is_page(request):
        return await http_refusal(request, exc)
    if (too_large := form_field_too_large(request, exc)) is not None:
        return await domain_error(request, too_large)
    if isinstance(exc, FormNotTaken):
        return form_not_taken(request, exc)
    message = str(exc.detail)
    if exc.status_code == 404 and message == "Not Found" and (to := page_without_slash(request)):
        return RedirectResponse(to, status_code=307)  # a path of this site, never the Host header's
    if exc.status_code == 404 and message == "Not Found":  # no route: say which address
        message = f"there is no page at {request.url.path}"
    response = problem_page(request, exc.status_code, message, _back(request))
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def form_not_taken(request: Request, exc: FormNotTaken) -> Response:
    """A page form not taken for its sign-in (service.web.forms.form_principal), answered where it
    can be put right, with the text the editor typed to copy (a form from another site gets it
    not: its text is not echoed on this site's page): a sign-in that ended is the sign-in page
    (401), which leads back to the form's page, never to its POST address; an out-of-date form is
    a 403 page, under the header that names who is signed in, whose "Back" leads there too."""
    kept = exc.kept if sent_from_here(request) else Kept(page=exc.kept.page)
    page = came_from(request) or kept.page or form_page(request)
    if not exc.signed_out:
        return problem_page(request, exc.status_code, str(exc.detail), page, kept, again=True)
    with request.app.state.database.session() as session:
        why = ended_why(request, session) or "Your sign-in has ended (signed out, or expired): sign in again."
    return login_page(request, page, status=exc.status_code, notice=f"Nothing was saved. {why}", kept=kept)


async def method_not_allowed_page(request: Request, exc: Exception) -> Response:
    """A page address opened with a method it does not take (a form's POST address reloaded or
    opened in a new tab, ``GET /logout``): a page with the link to the form's page, and the API's
    ``Allow`` header; the API's paths keep their JSON (:func:`method_not_allowed`)."""
    answer = await method_not_allowed(request, exc)
    if not is_page(request):
        return answer
    allowed = answer.headers["Allow"]
    message = f"{request.url.path} cannot be opened with {request.method}"
    if allowed == "POST":
        message += ": it is where a form sends what was typed; open the page the form is on"
    response = problem_page(request, 405, message, form_page(request))
    response.headers["Allow"] = allowed
    return response


async def validation_error(request: Request, exc: Exception) -> Response:
    """A page's address or form the route does not take, as a page; an id with a character no id
    has (:mod:`service.web.page_ids`) is said as the API says it: "... is not a document id"."""
    if not is_page(request) or not isinstance(exc, RequestValidationError):
        return await request_validation_failed(request, exc)
    errors = exc.errors()
    if errors and all(e.get("type") == NOT_AN_ID for e in errors):  # ids in the path or the query
        return problem_page(request, 422, "; ".join(e["msg"] for e in errors), _back(request))
    fields = _query_fields(request)
    problems = "; ".join(dict.fromkeys(_what_is_allowed(e, fields) for e in errors))
    message = f"this address is not one the page understands: {problems}"
    return problem_page(request, 422, message, _back(request))


def _query_fields(request: Request) -> dict[str, FieldInfo]:
    """The matched page route's query parameters (its dependencies' too), by name."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    fields: dict[str, FieldInfo] = {}
    pending = [dependant] if dependant is not None else []
    while pending:
        current = pending.pop()
        for param in current.query_params:
            fields.setdefault(param.alias, param.field_info)
        pending.extend(current.dependencies)
    return fields


def _bound(field: FieldInfo | None, kind: type[Any], name: str) -> Any:
    return next((getattr(m, name) for m in (field.metadata if field else []) if isinstance(m, kind)), None)


def _what_is_allowed(error: Any, fields: dict[str, FieldInfo]) -> str:
    """One query parameter's problem said as what the page takes (the parameter's own bounds), and
    what was sent; pydantic's words ("Input should be greater than or equal to 1") only for
    problems not said here."""
    loc = [str(part) for part in error.get("loc", ())]
    name, kind, ctx = ".".join(loc[1:]) or "the address", error.get("type", ""), error.get("ctx", {})
    field = fields.get(loc[1]) if loc[:1] == ["query"] and len(loc) > 1 else None
    sent = error.get("input")
    shown = f", not {_capped(sent)!r}" if isinstance(sent, str) else ""
    if kind in ("int_parsing", "int_from_float", "int_type", "greater_than_equal", "less_than_equal"):
        low, high = _bound(field, annotated_types.Ge, "ge"), _bound(field, annotated_types.Le, "le")
        if low is None and high is None:
            low, high = ctx.get("ge"), ctx.get("le")
        span = (f" from {low:,}" if low is not None else "") + (f" to {high:,}" if high is not None else "")
        return f"{name} must be a whole number{span}{shown}"
    if kind == "literal_error" and "expected" in ctx:
        return f"{name} must be {ctx['expected']}{shown}"
    if kind == "string_too_long" and "max_length" in ctx:
        return f"{name} must be at most {ctx['max_length']:,} characters{shown}"
    return f"{name}: {str(error.get('msg', '')).removeprefix('Value error, ')}"


def _capped(value: str, most: int = 40) -> str:
    return shortened(value, most)


def control_character_page(scope: Scope, problem: str, status: int) -> Response | None:
    """A control character in a page's address (refused before any route,
    :mod:`service.api.urlcheck`) as a page; None on the API's paths, which answer JSON."""
    request = Request(scope)
    if not is_page(request):
        return None
    if status == 404 and _a_page_route_takes(request):  # in an id: the route's 422 ("... is not a
        return None  # document id"), as the API's; found by an outside tester (it was this 404)
    return problem_page(request, status, problem, "/")  # as a bad query on any page


def _a_page_route_takes(request: Request) -> bool:
    """Whether a route takes the request's path (its method aside): a control character there is
    in one of the route's ids, which the route refuses, saying which."""
    return any(route.matches(request.scope)[0] is not Match.NONE for route in request.app.router.routes)


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
    # Starlette looks up a status code's handler before the exception class's: the API's 405
    # handler would answer JSON on the pages too.
    app.add_exception_handler(405, method_not_allowed_page)
    for kind, handler in list(app.exception_handlers.items()):
        if handler is domain_refusal:
            app.add_exception_handler(kind, domain_error)
