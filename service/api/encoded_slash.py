"""A part of an API path sent with an encoded slash (``/v1/documents/a%2Fb``) is refused as what it
is, never routed as two parts.

Found by an outside attack: the server decodes a path before routing it, so ``a%2Fb`` became two
parts and the request went to another route or to none: ``/v1/documents/a%2Fexport`` answered as
the export of document ``a``, ``/v1/documents/%2F`` was redirected to the documents list, and
``/v1/jobs/a%2Fb`` was a bare 404 "Not Found". Now the path is routed with each such part as one;
where a route takes it as an id, the id is refused as :mod:`service.api.ids` refuses any character
no id has (422 "'a/b' is not a document id: it has the character U+002F; ..."); anywhere else it is
a 404 that names the part. Only the API's paths (``/v1/...``): the pages answer their own.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from fastapi.exceptions import RequestValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from service.api.http_errors import no_such_address
from service.api.ids import path_id_problems, shown_id
from service.api.validation_errors import request_validation_failed

_ENCODED_SLASH = re.compile(r"%2f", re.IGNORECASE)


class RefuseEncodedSlashes:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            response = await _refusal(scope)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _refusal(scope: Scope) -> Response | None:
    """The refusal of an API path with an encoded slash in a part (see the module), or None."""
    path: str = scope["path"]
    raw = (scope.get("raw_path") or b"").decode("latin-1")
    if not (path == "/v1" or path.startswith("/v1/")) or not _ENCODED_SLASH.search(raw):
        return None
    raw_parts = raw.split("/")
    parts = [unquote(part) for part in raw_parts]
    sent = {at: parts[at] for at, part in enumerate(raw_parts) if _ENCODED_SLASH.search(part)}
    request = Request(scope)
    found = _operation(request.app.openapi(), request.method, parts, set(sent))
    if found is not None:
        problems = [problem for at, part in sent.items() for problem in path_id_problems(found[at], part)]
        if problems:  # an id, refused as any other character no id has is
            return await request_validation_failed(request, RequestValidationError(problems))
    said = no_such_address(
        request,
        f"the part {shown_id(next(iter(sent.values())))} was sent with an encoded slash (%2F), and no id "
        "or name in the API's addresses holds a slash",
    )
    return JSONResponse({"detail": said}, status_code=404)


def _operation(
    openapi: dict[str, Any], method: str, parts: list[str], sent: set[int]
) -> dict[int, str] | None:
    """The documented operation of ``method`` whose path ``parts`` fit, each part at ``sent`` (which
    holds a slash) one of its parameters: where its parameters are (part → name); the operation
    with the fewest where several fit (the more specific, as routing takes it); None where none
    fits."""
    fitting = []
    for template, operations in openapi.get("paths", {}).items():
        names = template.split("/")
        if method.lower() not in operations or len(names) != len(parts):
            continue
        where = {at: name[1:-1] for at, name in enumerate(names) if name[:1] == "{" and name[-1:] == "}"}
        fixed_fit = all(names[at] == part for at, part in enumerate(parts) if at not in where)
        if fixed_fit and sent <= set(where):
            fitting.append((len(where), where))
    return min(fitting, key=lambda found: found[0])[1] if fitting else None
