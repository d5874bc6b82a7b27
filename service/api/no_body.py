"""Operations that take no body (withdrawing a publication): no body, or an empty JSON object, and
nothing else; approving a translation takes none too, or ``{"text": ...}``, the translation as the
approver read it (one changed since is not approved: service.review.TranslationChanged).

Found by an outside attack: such an operation declared no body, so FastAPI read none, and any body
was taken without a word (``{"force": true}`` sent to withdraw, a note sent with an approval, a
megabyte of text). Now a body that is not empty, nor ``{}``, is a 422 saying what to send, and the
OpenAPI document says so (an optional JSON object with no properties). A body not sent as JSON
(``{}`` as text/plain, a form, no Content-Type) is a 415 saying to send none: found by an outside
tester, ``{}`` as text/plain was taken, where every other operation answers 415 to a body that does
not say it is JSON.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request

from service.api.ids import shown_id
from service.api.validation_errors import media_type, said_json
from service.echo_text import escaped

# The request body of each such operation in the OpenAPI document (route's ``openapi_extra``).
NO_BODY: dict[str, Any] = {
    "requestBody": {
        "required": False,
        "description": "None: send no body, or an empty JSON object",
        "content": {
            "application/json": {
                "schema": {"type": "object", "maxProperties": 0, "additionalProperties": False}
            }
        },
    }
}
# The 422 it answers, as the routes document it (after the other reasons for a 422).
REFUSED = "a body that is neither empty nor an empty JSON object (the operation takes none)"


def _what(sent: Any) -> str:
    if isinstance(sent, dict):
        names = ", ".join(shown_id(str(name)) for name in list(sent)[:3])
        more = f" and {len(sent) - 3:,} more" if len(sent) > 3 else ""
        return f"a JSON object with the field{'s' if len(sent) != 1 else ''} {names}{more}"
    kinds = ((type(None), "null"), (bool, "true or false"), (list, "an array"), (str, "a string"))
    return next((name for cls, name in kinds if isinstance(sent, cls)), "a number")


# What _sent answers for a body that is empty (white space alone), and for one that is not JSON.
_EMPTY, _NOT_JSON = object(), object()


async def _sent(request: Request, send: str, taken: str) -> Any:
    """The request's body parsed as JSON; :data:`_EMPTY` for none (white space alone counts as
    none), :data:`_NOT_JSON` for a JSON body that does not parse; 415 for a body that is not empty
    and not sent as JSON, saying what to ``send`` and that ``taken`` (a body it takes) is taken as
    JSON only."""
    body = await request.body()
    if not body.strip():
        return _EMPTY
    content_type = media_type(request)
    if not said_json(content_type):
        sent = f"as {escaped(content_type)}" if content_type else "without a Content-Type"
        raise HTTPException(
            415,
            f"{send} (the body was sent {sent}; {taken} is taken only with Content-Type: application/json)",
        )
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return _NOT_JSON


async def no_body(request: Request) -> None:
    """A dependency: 422 unless the request's body is empty (white space alone counts as empty) or
    the JSON object ``{}``; 415 for a body that is not empty and not sent as JSON."""
    sent = await _sent(request, "this operation takes no body: send none", "an empty JSON object {}")
    if sent is _EMPTY or (sent == {} and isinstance(sent, dict)):
        return
    what = "not JSON" if sent is _NOT_JSON else _what(sent)
    raise HTTPException(
        422,
        f"this operation takes no body: send none, or an empty JSON object {{}} (the body sent is {what})",
    )


# The approval's optional body (the route's ``openapi_extra``): the translation as the approver read
# it, so that one changed since is not approved unread (service.review.approve's shown_text).
SHOWN_TEXT: dict[str, Any] = {
    "requestBody": {
        "required": False,
        "description": 'Optional: none, an empty JSON object, or {"text": ...}, the translation as you read '
        "it; where the translation stored now is not that text (another editor corrected it, a job "
        "translated it again), nothing is approved: 409",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "text": {
                            "type": "string",
                            "description": "The translation as you read it (leading and trailing white "
                            "space aside)",
                        }
                    },
                }
            }
        },
    }
}
# The 422 it answers, as the route documents it (after the other reasons for a 422).
SHOWN_TEXT_REFUSED = 'a body other than none, an empty JSON object or {"text": "..."}'
_SHOWN_TEXT = 'this operation takes no body, or {"text": "..."} with the translation as you read it'


async def shown_text(request: Request) -> str | None:
    """A dependency: the ``text`` of the request's body (``{"text": "..."}``), or None where the
    body is empty or ``{}``; 422 for any other body, 415 for one not sent as JSON."""
    sent = await _sent(request, _SHOWN_TEXT, "a JSON object")
    if sent is _EMPTY:
        return None
    if isinstance(sent, dict) and set(sent) <= {"text"}:
        text = sent.get("text")
        if not sent or isinstance(text, str):  # {} or {"text": "..."}
            return text
        raise HTTPException(
            422, f"text must be a string, the translation as you read it (it is {_what(text)})"
        )
    what = "not JSON" if sent is _NOT_JSON else _what(sent)
    raise HTTPException(422, f"{_SHOWN_TEXT} (the body sent is {what})")


# A route's last parameter (``_: NoBody``): checked after the key, so that a request without one is
# a 401 whatever it sent.
NoBody = Annotated[None, Depends(no_body)]
# The approval's: the translation as the approver read it, or None.
ShownText = Annotated[str | None, Depends(shown_text)]
