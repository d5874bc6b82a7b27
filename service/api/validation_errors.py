"""The 422 of a request that fails validation, always renderable and said as what to send: FastAPI's
default echoed the whole input (a 422 megabytes long), a lone surrogate made it fail with a 500, and
pydantic's own words ("Input should be a valid dictionary or object to extract fields from") say
neither what was wrong nor what to send. Also the 415 of a body sent as anything but JSON."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from service.api.ids import NOT_AN_ID
from service.api.unknown_fields import unknown_field_said
from service.checks.requests import MAX_PAIRS
from service.echo_text import escaped, escaped_all, shortened
from service.language_checks import unsupported_code
from service.registry import Registry

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
    message = str(_in_our_words(error)["msg"])
    return f"{field}: {message}" if field else message  # a rule over the whole form names no field


# What pydantic puts before the message of a rule of ours (a validator's ValueError).
_VALUE_ERROR = "Value error, "


def _in_our_words(error: Any) -> Any:
    """A problem of one of our validators with its message as we wrote it: pydantic put "Value
    error, " before it (found by an outside tester: "Value error, the correction is blank; ...",
    "Value error, the term 'Kim' has two entries: keep one")."""
    message = error.get("msg")
    if error.get("type") == "value_error" and isinstance(message, str) and message.startswith(_VALUE_ERROR):
        return {**error, "msg": message.removeprefix(_VALUE_ERROR)}
    return error


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
    errors = [unknown_field_said(request, _said_plainly(_in_our_words(e))) for e in errors]
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
    if len(loc) >= 2 and loc[0] == "body" and kind in _NAMED_FIELD_KINDS:
        return {**error, "msg": _NAMED_FIELD_KINDS[kind](_field_path(loc[1:]), error)}
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


def _field_path(loc: tuple[Any, ...]) -> str:
    """A field's place in the body as one writes it: "priority", "pairs[0].source"."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def _one_of(field: str, error: Any) -> str:
    allowed = str(error.get("ctx", {}).get("expected", "")) or str(error.get("msg", "")).removeprefix(
        "Input should be "
    )
    return f"{field}: send {allowed}, not {json.dumps(error.get('input'), ensure_ascii=False, default=str)}"


# pydantic's problems with a named body field, said with the field and what to send (its own words
# were "Field required" and "Input should be 'interactive' or 'bulk'", naming no field in the message)
_NAMED_FIELD_KINDS = {
    "missing": lambda field, _error: f"{field}: required; send it in the JSON body",
    "literal_error": _one_of,
    "enum": _one_of,
}


# A body field's problems said as what to send: {(field, pydantic's error type): message}.
_FIELD_MESSAGES = {
    ("targets", kind): 'targets: give one or more target languages as a list, e.g. "targets": ["en", "ko"]'
    for kind in ("missing", "too_short", "list_type")
}
_FIELD_MESSAGES.update({
    ("pairs", kind): 'pairs: give one or more sentence pairs as a list, e.g. "pairs": [{"source": '
                     '"Scholz sprach.", "target": "Scholz spoke."}]'
    for kind in ("missing", "too_short", "list_type")
})  # fmt: skip
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
