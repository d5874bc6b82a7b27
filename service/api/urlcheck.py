"""Refuse control characters in a request's query, and in a page's path, before any route sees them.

NUL cannot be stored or compared by PostgreSQL, and no identifier, code or tag of ours has a
control character. In the query it is a value no parameter takes: 422. In a page's address no
page has it names no page: 404, as a page; one a page's route takes goes on to the route, whose id
refuses it with 422 as the API's do (service.web.errors.control_character_page). In the API's
paths the routes refuse it: each id in a path is a
type of :mod:`service.api.ids`, whose pattern the OpenAPI document gives, refused with 422 ("... is
not a document id") as in a query parameter, and a path no route has is a 404 that says the
character (:func:`path_refusal`). Each answer says where the character was.
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


def _refusal(problem: str) -> str:
    return f"{problem}; identifiers, codes and tags never contain one: remove it"


def path_refusal(path: str) -> str | None:
    """The 404 of an API path that no route has, where it has a control character (or None)."""
    problem = control_character(path, "")
    return f"no such address: {_refusal(problem)}" if problem is not None else None


class RefuseControlCharacters:
    """``answer``: the refusal in another form where it gives one (the pages answer with a page)."""

    def __init__(self, app: ASGIApp, answer: Answer | None = None) -> None:
        self.app = app
        self.answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            response = self._refusal(scope)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> Response | None:
        """A page's path, then the query; an API path goes on to its route (see the module)."""
        in_path = control_character(scope["path"], "")
        if in_path is not None and self.answer is not None:
            page = self.answer(scope, _refusal(in_path), 404)
            if page is not None:
                return page
        in_query = control_character("", scope.get("query_string", b"").decode("latin-1"))
        if in_query is None:
            return None
        answered = self.answer(scope, _refusal(in_query), 422) if self.answer is not None else None
        return answered or JSONResponse({"detail": _refusal(in_query)}, status_code=422)
