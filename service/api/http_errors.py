"""HTTP errors shared by the routes: documented once for OpenAPI, built once."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError

from service.api.ids import NOT_AN_ID
from service.api.unknown_fields import unknown_field_said
from service.api.urlcheck import path_refusal
from service.api_keys import QuotaExceeded
from service.checks.requests import MAX_PAIRS
from service.echo_text import ECHOED_ID_CHARS, escaped, escaped_all, shortened
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
from service.language_checks import unsupported_code
from service.registry import Registry
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


ECHOED_INPUT_CHARS = 200
# A problem's message (``msg``, and the ``ctx`` it is made from) is cut only past this many characters:
# what the service says, not what was sent back; a message of 201 characters was cut like an input
# (found by an outside attack: the external id's refusal lost what an id may hold).
SAID_CHARS = 1_000
_SAID = ("msg", "ctx")
# A list or object echoed as a problem's ``input``: at most this many characters of JSON (after its
# strings are cut short), else the problem says no input; and at most this many problems are listed.
ECHOED_INPUT_JSON = 1_000
LISTED_PROBLEMS = 20


def _input_capped(error: Any) -> Any:
    """A problem whose echoed ``input`` is a large list or object (a whole article sent as an array,
    6,000 glossary entries over the limit of 5,000) without it: FastAPI echoes what failed, which
    made a 422 megabytes long. Strings are cut short by :func:`_renderable`."""
    sent = error.get("input")
    if not isinstance(sent, (list, dict)):
        return error
    if len(sent) <= ECHOED_INPUT_JSON // 2:  # each item takes at least two characters of JSON
        echoed = json.dumps(_renderable(jsonable_encoder(sent)), ensure_ascii=False, default=str)
        if len(echoed) <= ECHOED_INPUT_JSON:
            return error
    return {key: value for key, value in error.items() if key != "input"}


def _listed(errors: list[Any]) -> list[Any]:
    """The first :data:`LISTED_PROBLEMS` problems, and one saying how many more there are (a list
    of 2,000 wrong items is 2,000 problems); each with its input capped."""
    shown = [_input_capped(error) for error in errors[:LISTED_PROBLEMS]]
    more = len(errors) - len(shown)
    if more > 0:
        shown.append({
            "type": "too_many_errors",
            "loc": list(errors[LISTED_PROBLEMS].get("loc", ()))[:1],
            "msg": f"and {more:,} more problem{'s' if more != 1 else ''} like these, not listed: "
                   "correct these and send the request again",
        })  # fmt: skip
    return shown


def _renderable(value: Any, most: int = ECHOED_INPUT_CHARS) -> Any:
    """Values as JSON can carry them: lone surrogates ("\\ud800" in the request) replaced, long
    strings cut short past ``most`` characters (:func:`_problems_renderable` says which), and NaN
    or an infinity (which Python's JSON reader accepts) said as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return shortened(value, most).encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list):
        return [_renderable(item, most) for item in value]
    if isinstance(value, dict):
        return {key: _renderable(item, most) for key, item in value.items()}
    return value


def _problems_renderable(problems: list[Any]) -> list[Any]:
    """Each problem :func:`_renderable`, its message (:data:`_SAID`) cut past :data:`SAID_CHARS`,
    what it echoes of the request (``input``, ``loc``) past :data:`ECHOED_INPUT_CHARS`."""
    return [
        {
            key: _renderable(item, SAID_CHARS if key in _SAID else ECHOED_INPUT_CHARS)
            for key, item in problem.items()
        }
        if isinstance(problem, dict)
        else _renderable(problem)
        for problem in problems
    ]


def form_problems(exc: ValidationError, registry: Registry | None = None) -> str:
    """A model built from form fields that failed validation, as one line: ``field: message; ...``;
    with the ``registry``, a language code of the wrong shape is refused as an unsupported one."""
    refusal = code_shape_refusal(registry, exc.errors(), field_at=0) if registry is not None else None
    return refusal or "; ".join(_form_problem(e) for e in exc.errors())


def _form_problem(error: Any) -> str:
    field = ".".join(map(str, error["loc"]))
    if field == "targets" and error["type"] == "too_short":
        return "choose at least one language to translate into"
    message = str(error["msg"]).removeprefix("Value error, ")  # pydantic's prefix for our own rules
    return f"{field}: {message}" if field else message  # a rule over the whole form names no field


async def request_validation_failed(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422 for a request that fails validation, always renderable: its default echoes the
    input, and a lone surrogate there made the response itself fail with a 500."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    unsupported = _not_json(request, errors)
    if unsupported is not None:
        return unsupported
    refusal = _language_code_refusal(request, errors)
    if refusal is not None:
        return JSONResponse({"detail": escaped(refusal)}, status_code=422)
    errors = [unknown_field_said(request, _said_plainly(e)) for e in errors]
    if errors and all(e.get("type") == NOT_AN_ID for e in errors):  # ids in the path or a filter
        return JSONResponse({"detail": escaped("; ".join(e["msg"] for e in errors))}, status_code=422)
    if len(errors) == 1 and _field_said_plainly(errors[0]) is not None:  # one problem: one sentence
        return JSONResponse({"detail": escaped(errors[0]["msg"])}, status_code=422)
    problems = escaped_all(_problems_renderable(jsonable_encoder(_listed(errors))))
    return JSONResponse({"detail": problems}, status_code=422)


# Fields holding a language code, and what refusals call them (as the routes' own checks do).
_CODE_FIELDS = {"source_lang": "source_lang", "targets": "target", "target_lang": "target_lang",
                "lang": "lang"}  # fmt: skip
_SHAPE_ERRORS = {"string_pattern_mismatch", "string_too_short", "string_too_long"}


def _language_code_refusal(request: Request, errors: Sequence[Any]) -> str | None:
    registry = getattr(request.app.state, "registry", None)
    return code_shape_refusal(registry, errors, field_at=1) if registry is not None else None


def code_shape_refusal(registry: Registry, errors: Sequence[Any], field_at: int) -> str | None:
    """A language code of the wrong shape (the schema's pattern and lengths) gets the message an
    unsupported one gets, listing the supported codes, rather than the pattern; the code is echoed
    as it was sent. ``field_at``: where the field's name is in an error's ``loc`` (1 in a body, after
    "body"; 0 in a form)."""
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        sent = error.get("input")
        shape = error.get("type") in _SHAPE_ERRORS and isinstance(sent, str)
        if shape and len(loc) > field_at and loc[field_at] in _CODE_FIELDS:
            return unsupported_code(registry, _CODE_FIELDS[loc[field_at]], sent)
    return None


def _said_plainly(error: Any) -> Any:
    """A JSON body that is not an object (an array, null, a number), or none at all: say what it
    must be, rather than pydantic's "Input should be a valid dictionary or object to extract fields
    from" or "Field required"; JSON that does not parse: say where."""
    loc, kind = tuple(error.get("loc", ())), error.get("type")
    plainly = _field_said_plainly(error)
    if plainly is not None:
        return {**error, "msg": plainly}
    if loc == ("body",) and kind == "missing":
        return {**error, "msg": "the request has no body: send a JSON object with the operation's fields"}
    if kind == "json_invalid":
        where = f" at character {loc[1]}" if len(loc) > 1 else ""
        message = error.get("ctx", {}).get("error", "")
        return {**error, "msg": f"the body is not valid JSON{where}" + (f" ({message})" if message else "")}
    if not _body_not_an_object(error):
        return error
    sent = error.get("input")
    kinds = ((type(None), "null"), (bool, "true or false"), (list, "an array"), (str, "a string"))
    kind = next((name for cls, name in kinds if isinstance(sent, cls)), "a number")
    return {**error, "msg": f"the body must be a JSON object with the operation's fields, not {kind}"}


# A body field's problems said as what to send: {(field, pydantic's error type): message}.
_FIELD_MESSAGES = {
    ("targets", kind): 'targets: give one or more target languages as a list, e.g. "targets": ["en", "ko"]'
    for kind in ("missing", "too_short", "list_type")
}
_FIELD_MESSAGES[("pairs", "too_long")] = (
    f"pairs: one request checks at most {MAX_PAIRS:,} sentence pairs; send the text in parts (the pairs "
    "of one article together where they can be: a name translated two ways is found within one request)"
)


def _field_said_plainly(error: Any) -> str | None:
    """What to send instead, for a body field whose problem pydantic says in its own terms ("Field
    required", "List should have at least 1 item after validation, not 0"), or an Idempotency-Key
    that is no printable ASCII (its pattern, and the header's bytes read as Latin-1, were echoed);
    None for the others."""
    loc = tuple(error.get("loc", ()))
    if len(loc) == 2 and loc[0] == "header" and str(loc[1]).lower() == "idempotency-key":
        return _IDEMPOTENCY_KEY_SAID
    if len(loc) != 2 or loc[0] != "body":
        return None
    return _FIELD_MESSAGES.get((str(loc[1]), str(error.get("type"))))


_IDEMPOTENCY_KEY_SAID = (
    "Idempotency-Key: send 1 to 200 printable ASCII characters (letters, digits, punctuation, spaces), "
    "e.g. a UUID; it held another character or was too long"
)


# What pydantic says of a body that should have been a JSON object and was not parsed as one.
NOT_AN_OBJECT = {"model_attributes_type", "model_type", "dict_type"}


def _body_not_an_object(error: Any) -> bool:
    return tuple(error.get("loc", ())) == ("body",) and error.get("type") in NOT_AN_OBJECT


def media_type(request: Request) -> str:
    """The request's Content-Type without its parameters, in lower case ("" where it has none)."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def said_json(content_type: str) -> bool:
    """Whether a request with this media type (:func:`media_type`) says it sends JSON."""
    return content_type == "application/json" or content_type.endswith("+json")


def _not_json(request: Request, errors: Sequence[Any]) -> JSONResponse | None:
    """415 where a JSON body was expected and the request did not say it sent JSON (a form post,
    text/plain, no Content-Type): FastAPI does not parse such a body and its message ("Input should
    be a valid dictionary") does not say why."""
    content_type = media_type(request)
    if said_json(content_type) or not any(_body_not_an_object(e) for e in errors):
        return None
    sent = f"as {escaped(content_type)}" if content_type else "without a Content-Type"
    also = " (or a file as multipart/form-data)" if request.url.path.rstrip("/") == "/v1/jobs" else ""
    return JSONResponse(
        {"detail": f"the body was sent {sent}: send JSON with Content-Type: application/json{also}"},
        status_code=415,
    )


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
        exc = StarletteHTTPException(404, no_such_address(request), exc.headers)
    if exc.status_code != 400 or exc.detail != _UNPARSED:
        if isinstance(exc.detail, str):
            exc = StarletteHTTPException(
                exc.status_code, escaped(capped_ids(request, exc.detail)), exc.headers
            )
        return await http_exception_handler(request, exc)
    cause = exc.__cause__
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if isinstance(cause, RecursionError):
        detail = (
            "the JSON body is nested too deeply to read (arrays or objects inside each other "
            "hundreds of levels deep): send a JSON object with the operation's fields; none of "
            "them nests more than three levels"
        )
    elif content_type == "multipart/form-data":
        detail = (
            f"the multipart/form-data body could not be parsed ({type(cause).__name__}): send a form "
            "with the article as a file part named 'file' and a 'targets' field, as "
            "curl -F file=@article.txt -F targets=en does"
        )
    else:
        why = f" ({type(cause).__name__})" if cause is not None else ""
        detail = f"the body could not be parsed{why}: send a JSON object with the operation's fields"
    return JSONResponse({"detail": detail}, status_code=400)


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
