"""The address a request no route has was meant to be, where it is plain: the same with no slash at
its end (``/v1/documents/``), or, on the API, with ``/v1`` in lower case (``/V1/jobs``).

Found by an outside tester: Starlette's router answered an address with a slash at its end with a
307 to the address without it, the location built from the request's ``Host`` header
(``Host: evil.example`` was sent to ``http://evil.example/v1/documents``). The app routes no slash
(``redirect_slashes=False``); the API answers such an address with its 404 "no such address",
saying which address to send (:func:`service.api.http_errors.no_such_address`), and the pages
redirect to a path of this site alone (:func:`page_without_slash`), never to a host a request named.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.routing import Match

# The characters a path's part holds unescaped (RFC 3986 pchar), and the slashes between parts.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _taken(request: Request, path: str) -> bool:
    """Whether a route takes ``path`` (with any method: a 405 names the methods it takes)."""
    scope = {**request.scope, "path": path}
    return any(route.matches(scope)[0] is not Match.NONE for route in request.app.router.routes)


def meant_address(request: Request) -> str | None:
    """The path a route takes that the request's path is but for slashes at its end or ``/v1``
    written in capitals; None where there is none (or the path is one a route takes)."""
    path: str = request.scope.get("path", "")
    meant = "/v1" + path[3:] if path[:4].lower() in ("/v1/", "/v1") else path
    meant = meant.rstrip("/") or "/"
    if meant == path or meant.startswith(("//", "/\\")) or not _taken(request, meant):
        return None
    return meant


def why_not_found(request: Request) -> str:
    """What :func:`~service.api.http_errors.no_such_address` says of an address near one the API
    has: which to send instead; "" where the address is near none."""
    meant = meant_address(request)
    if meant is None:
        return ""
    path: str = request.scope.get("path", "")
    reasons = []
    if path[:3] != meant[:3]:
        reasons.append("the API's addresses begin /v1, in lower case")
    if path.endswith("/") and not meant.endswith("/"):
        reasons.append("no address of the API ends in a slash")
    return f"{' and '.join(reasons)}; send {request.method} {meant}"


def page_without_slash(request: Request) -> str | None:
    """Where a page's address with a slash at its end (``/documents/``) leads: the same path of
    this site without it, its query kept, as a path alone (no scheme, no host); None where no route
    takes that path."""
    path: str = request.scope.get("path", "")
    if not path.endswith("/"):
        return None
    meant = meant_address(request)
    if meant is None:
        return None
    query = request.scope.get("query_string", b"").decode("latin-1")
    return quote(meant, safe=_PATH_SAFE) + (f"?{query}" if query else "")
