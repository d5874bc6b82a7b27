"""Refuse control characters in a request's path or query before any route sees them.

NUL cannot be stored or compared by PostgreSQL, and no identifier, code or tag of ours has a
control character. In the path such a request names no resource: 404 (the OpenAPI document
allows any string there, so a 422 would refuse what the schema allows). In the query it is a
value no parameter takes: 422. Either answer says where the character was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

# A refusal as another interface answers it (the pages: an HTML page), or None for the JSON one:
# (the request's scope, the problem in words, the status).
Answer = Callable[[Scope, str, int], Response | None]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def control_character(path: str, query: str) -> str | None:
    """Where the first control character of a (percent-decoded) URL is, or None."""
    for part, text in (("path", path), ("query", unquote(query, errors="replace"))):
        match = _CONTROL.search(text)
        if match:
            return f"the request {part} has a control character (U+{ord(match.group()):04X})"
    return None


class RefuseControlCharacters:
    """``answer``: the refusal in another form where it gives one (the pages answer with a page)."""

    def __init__(self, app: ASGIApp, answer: Answer | None = None) -> None:
        self.app = app
        self.answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problem = control_character(scope["path"], scope.get("query_string", b"").decode("latin-1"))
            if problem is not None:
                status = 404 if problem.startswith("the request path") else 422
                detail = f"{problem}; identifiers, codes and tags never contain one: remove it"
                answered = self.answer(scope, detail, status) if self.answer is not None else None
                response = answered or JSONResponse({"detail": detail}, status_code=status)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
