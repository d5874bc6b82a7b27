"""Operations that take no body (approving a translation, withdrawing a publication): no body, or
an empty JSON object, and nothing else.

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

from service.api.http_errors import media_type, said_json
from service.api.ids import shown_id
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


async def no_body(request: Request) -> None:
    """A dependency: 422 unless the request's body is empty (white space alone counts as empty) or
    the JSON object ``{}``; 415 for a body that is not empty and not sent as JSON."""
    body = await request.body()
    if not body.strip():
        return
    content_type = media_type(request)
    if not said_json(content_type):
        sent = f"as {escaped(content_type)}" if content_type else "without a Content-Type"
        raise HTTPException(
            415,
            f"this operation takes no body: send none (the body was sent {sent}; an empty JSON object {{}} "
            "is taken only with Content-Type: application/json)",
        )
    try:
        sent = json.loads(body)
    except (ValueError, RecursionError):
        what = "not JSON"
    else:
        if sent == {} and isinstance(sent, dict):
            return
        what = _what(sent)
    raise HTTPException(
        422,
        f"this operation takes no body: send none, or an empty JSON object {{}} (the body sent is {what})",
    )


# A route's last parameter (``_: NoBody``): checked after the key, so that a request without one is
# a 401 whatever it sent.
NoBody = Annotated[None, Depends(no_body)]
