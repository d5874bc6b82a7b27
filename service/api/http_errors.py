"""HTTP errors shared by the routes: documented once for OpenAPI, built once."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from service.api.near_address import why_not_found
from service.api.urlcheck import path_refusal
from service.api_keys import QuotaExceeded
from service.echo_text import ECHOED_ID_CHARS, escaped, shortened
from service.errors import (
    BrokerUnavailable,
    Conflict,
    Forbidden,
    InputError,
    InputTooLarge,
    ModelError,
    NotFound,
    NoWorkerAnswered,
    RequestRefused,
)
from service.storage.tables import utcnow

log = logging.getLogger(__name__)


class ValidationIssue(BaseModel):
    """One problem with a request that failed validation (FastAPI's shape)."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(BaseModel):
    """Every error response: ``detail`` says what went wrong and what to do next. A request that
    fails validation gets the list of its problems instead of one message."""

    detail: str | list[ValidationIssue] = Field(description="What went wrong and what to do next")


class QuotaLeft(BaseModel):
    """Where a key's daily character quota stands, as a refusal for passing it says."""

    limit: int = Field(description="Characters per UTC day")
    used: int = Field(description="Characters used today")
    left: int = Field(description="Characters that may still be sent today")
    requested: int = Field(description="Characters the refused request asked for")
    resets_at: str = Field(description="When it resets (UTC, ISO 8601); Retry-After says it in seconds")


class LimitRefusalOut(ErrorOut):
    """A 429: over the key's rate limit, its daily character quota (then ``quota`` says how much is
    left today and when it resets), or too many keys that are not valid from one address."""

    quota: QuotaLeft | None = Field(default=None, description="Only where the daily character quota refused")


def error_responses(*codes: int, **descriptions: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for error ``codes``, each with the :class:`ErrorOut` body (a 429's
    :class:`LimitRefusalOut`); a description given as ``e404="..."`` replaces the generic one."""
    return {
        code: {
            "model": LimitRefusalOut if code == 429 else ErrorOut,
            "description": descriptions.get(f"e{code}", ERROR_DESCRIPTIONS[code]),
        }
        for code in codes
    }


ERROR_DESCRIPTIONS = {
    400: "The body could not be parsed at all (e.g. JSON nested too deep)",
    401: "No API key, an unknown one, or a revoked one",
    403: "The key's role does not allow this (roles: reader, editor, admin)",
    404: "Not found (or another tenant's)",
    409: "Conflicts with what is stored (e.g. a name already taken)",
    413: "Request body or text over the size limit",
    415: "The body is not JSON (Content-Type: application/json)",
    422: "The request is not valid: the message says what to change",
    429: "Over the key's rate limit or daily character quota, or too many keys that are not valid "
    "from this address (see Retry-After)",
    503: "At capacity, or the database or job queue is unreachable (see Retry-After)",
    504: "No worker answered in time",
}

# Every route behind a key: refused keys, limits, and a service that is busy or has a part down.
AUTH_RESPONSES = error_responses(400, 401, 422, 429, 503)


def quota_refusal(exc: QuotaExceeded) -> JSONResponse:
    """The 429 for a passed quota: how much is left today and when it resets, said in ``detail``,
    in ``quota`` (:class:`QuotaLeft`) and, in seconds, in Retry-After."""
    wait = max(1, int((exc.resets_at - utcnow()).total_seconds()))
    left = QuotaLeft(
        limit=exc.limit,
        used=exc.used,
        left=exc.left,
        requested=exc.requested,
        resets_at=f"{exc.resets_at.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%SZ}",
    )
    body = LimitRefusalOut(detail=str(exc), quota=left)
    return JSONResponse(body.model_dump(), status_code=429, headers={"Retry-After": str(wait)})


# The use cases' domain errors as HTTP statuses (the pages map the same errors to their messages).
DOMAIN_STATUS: list[tuple[type[Exception], int]] = [
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (InputTooLarge, 413),
    (InputError, 422),
    (RequestRefused, 422),
    (ModelError, 503),  # a model that cannot be loaded or run (POST /v1/translate's worker said so)
    (NoWorkerAnswered, 504),
]


def status_of(exc: Exception) -> int:
    """The HTTP status of a domain error (500 for anything else)."""
    if isinstance(exc, QuotaExceeded):
        return 429
    if isinstance(exc, BrokerUnavailable):
        return 503
    return next((code for kind, code in DOMAIN_STATUS if isinstance(exc, kind)), 500)


def capped_ids(request: Request, message: str) -> str:
    """``message`` with each part of the request's path longer than :data:`ECHOED_ID_CHARS` (an id,
    a segment, an unknown address) cut to that many characters and an ellipsis."""
    parts = {part for part in str(request.scope.get("path", "")).split("/") if len(part) > ECHOED_ID_CHARS}
    for part in sorted(parts, key=len, reverse=True):
        message = message.replace(part, shortened(part, ECHOED_ID_CHARS))
    return message


# A path echoed whole in a 404 "no such address" (after capped_ids): at most this many characters.
ECHOED_PATH_CHARS = 200


def no_such_address(request: Request, why: str = "") -> str:
    """The ``detail`` of the 404 for an API path no route has: the method and the path (every
    hidden character written out, :func:`~service.echo_text.escaped`; cut short where long), why
    where it is known, and where the API's addresses are listed. FastAPI said "Not Found" alone
    (found by an outside attack: ``GET /v1/nothing``, ``/v1/documents/x/y/z``)."""
    path = str(request.scope.get("path", ""))
    if (said := path_refusal(path)) is not None:  # a control character: said where it is
        return said
    shown = capped_ids(request, path)
    shown = shortened(shown, ECHOED_PATH_CHARS)
    because = f": {why}" if why else ""
    return escaped(
        f"no such address: {request.method} {shown}{because}; the API's addresses are listed at /docs "
        "(and in GET /openapi.json)"
    )


async def domain_refusal(request: Request, exc: Exception) -> JSONResponse:
    """A use case's refusal (:mod:`service.errors`) as its status, with the message as ``detail``."""
    if isinstance(exc, QuotaExceeded):
        return quota_refusal(exc)
    if isinstance(exc, BrokerUnavailable):
        return JSONResponse(
            {"detail": str(exc)}, status_code=503, headers={"Retry-After": str(exc.retry_after)}
        )
    return JSONResponse({"detail": escaped(capped_ids(request, str(exc)))}, status_code=status_of(exc))


def add_domain_handlers(app: FastAPI) -> None:
    for kind in (QuotaExceeded, BrokerUnavailable, *(kind for kind, _ in DOMAIN_STATUS)):
        app.add_exception_handler(kind, domain_refusal)


# FastAPI's answer to a body its parser gave up on (not a JSONDecodeError, which is a 422).
_UNPARSED = "There was an error parsing the body"


# Starlette's refusals of a form field over the parser's ``max_part_size`` (multipart, urlencoded).
_FIELD_TOO_LARGE = ("Part exceeded maximum size", "Field exceeded maximum size")


def form_field_too_large(request: Request, exc: Exception) -> InputTooLarge | None:
    """A form field over the article limit (the app parses forms with a ``max_part_size`` of
    ``INTERLINEAR_MAX_ARTICLE_BYTES``) as the domain error the same text as JSON or as a file gets:
    Starlette answered it with a bare 400 "Part exceeded maximum size of 1024KB."."""
    from starlette.exceptions import HTTPException as StarletteHTTPException
    from starlette.formparsers import MultiPartException

    refused = exc.__context__
    if not (
        isinstance(exc, StarletteHTTPException)
        and exc.status_code == 400
        and isinstance(refused, MultiPartException)
        and refused.message.startswith(_FIELD_TOO_LARGE)
    ):
        return None
    limit = request.app.state.settings.max_article_bytes
    return InputTooLarge(
        f"a form field (the pasted article?) is over the limit of {limit:,} bytes; "
        "split the article or raise INTERLINEAR_MAX_ARTICLE_BYTES"
    )


async def http_refusal(request: Request, exc: Exception) -> Response:
    """An HTTPException on the API, as FastAPI answers it, but for the body FastAPI could not parse,
    where its bare "There was an error parsing the body" says neither what was wrong nor what to
    send: JSON nested deeper than the parser goes (Python's stops near 1,000 levels), or a
    multipart form that does not parse."""
    from fastapi.exception_handlers import http_exception_handler
    from starlette.exceptions import HTTPException as StarletteHTTPException

    assert isinstance(exc, StarletteHTTPException)
    if (too_large := form_field_too_large(request, exc)) is not None:
        return await domain_refusal(request, too_large)
    if exc.status_code == 404 and exc.detail == "Not Found":  # no route has the path
        exc = StarletteHTTPException(404, no_such_address(request, why_not_found(request)), exc.headers)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if exc.status_code == 400 and content_type == "multipart/form-data" and exc.detail != _UNPARSED:
        # Starlette's own words on a form that does not parse ("Missing boundary in multipart.")
        return JSONResponse({"detail": _form_unparsed(escaped(str(exc.detail)).rstrip("."))}, status_code=400)
    if exc.status_code != 400 or exc.detail != _UNPARSED:
        if isinstance(exc.detail, str):
            exc = StarletteHTTPException(
                exc.status_code, escaped(capped_ids(request, exc.detail)), exc.headers
            )
        return await http_exception_handler(request, exc)
    cause = exc.__cause__
    if isinstance(cause, RecursionError):
        detail = (
            "the JSON body is nested too deeply to read (arrays or objects inside each other "
            "hundreds of levels deep): send a JSON object with the operation's fields; none of "
            "them nests more than three levels"
        )
    elif content_type == "multipart/form-data":
        detail = _form_unparsed(type(cause).__name__)
    elif isinstance(cause, ValueError) and "digits" in str(cause):
        detail = (
            "the JSON body holds a number too long to read (over 4,300 digits): send the operation's "
            "fields, each number as it is meant"
        )
    else:
        why = f" ({type(cause).__name__})" if cause is not None else ""
        detail = f"the body could not be parsed{why}: send a JSON object with the operation's fields"
    return JSONResponse({"detail": detail}, status_code=400)


def _form_unparsed(why: str) -> str:
    return (
        f"the multipart/form-data body could not be parsed ({why}): send a form with the article as a "
        "file part named 'file' and a 'targets' field, as curl -F file=@article.txt -F targets=en does"
    )


def unavailable(part: str, retry_after: int, why: str = "") -> JSONResponse:
    """503 naming the ``part`` that is down, with Retry-After."""
    reason = f" ({why})" if why else ""
    return JSONResponse(
        {"detail": f"the {part} is unreachable{reason}; retry in {retry_after} s"},
        status_code=503,
        headers={"Retry-After": str(retry_after)},
    )


def _retry_after(request: Request) -> int:
    return int(request.app.state.settings.retry_after)


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """The database could not be reached, or every pooled connection is busy: 503, not a 500."""
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    log.warning("%s %s: database unavailable: %s", request.method, request.url.path, exc)
    if isinstance(exc, PoolTimeout):
        wait = _retry_after(request)
        return JSONResponse(
            {"detail": f"every database connection is in use; retry in {wait} s"},
            status_code=503,
            headers={"Retry-After": str(wait)},
        )
    return unavailable("database", _retry_after(request), type(exc).__name__)


async def broker_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("%s %s: broker unavailable: %s", request.method, request.url.path, exc)
    return unavailable("job queue (broker)", _retry_after(request), type(exc).__name__)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    """Anything else: logged with its traceback, answered as JSON that says what to do."""
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return JSONResponse(
        {"detail": "internal error; it was logged. Retry, and if it persists report the time and request"},
        status_code=500,
    )


def document_unsupported_media(app: FastAPI) -> None:
    """Every operation that takes a JSON body can answer 415 (:func:`_not_json`): say so in the
    OpenAPI document, once, rather than on each route."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                if "application/json" in operation.get("requestBody", {}).get("content", {}):
                    operation["responses"].setdefault(
                        "415",
                        {
                            "description": ERROR_DESCRIPTIONS[415],
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
                            },
                        },
                    )
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


async def method_not_allowed(request: Request, exc: Exception) -> JSONResponse:
    """405 with ``Allow`` listing every method of the path: Starlette's names only the methods of
    the first route it matched (``/v1/glossaries`` has a GET route and a POST route). A path that
    fits two of the document's paths is the more specific one's, as routing chose it:
    ``/v1/glossaries/import`` is the import route's, not also ``/v1/glossaries/{glossary_id}``'s."""
    from starlette.routing import Match

    path = request.scope.get("path", "")
    allowed = _documented_methods(request.app, path)
    if allowed is None:  # a page, not in the OpenAPI document
        allowed = []
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
            scope = {**request.scope, "method": method}
            if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
                allowed.append(method)
    methods = ", ".join(allowed)
    return JSONResponse(
        {
            "detail": escaped(
                capped_ids(request, f"{request.method} is not allowed on {path}; allowed: {methods}")
            )
        },
        405,
        headers={"Allow": methods},
    )


def _documented_methods(app: FastAPI, path: str) -> list[str] | None:
    """The methods of the OpenAPI path that ``path`` is, the one with the fewest parameters where
    it fits several (or None where it fits none)."""
    import re

    fitting = []
    for template, operations in app.openapi().get("paths", {}).items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path.rstrip("/") or "/"):
            fitting.append((template.count("{"), [method.upper() for method in operations]))
    return min(fitting)[1] if fitting else None
