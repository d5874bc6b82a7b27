"""Security headers on every response; a strict Content-Security-Policy on our own HTML, which no
browser or proxy may store (``Cache-Control: no-store``).

Our pages and the HTML export carry no scripts, so the policy forbids every script: text that
slipped through escaping still could not run. ``/docs``, ``/redoc`` and pages with a script set
their own policy (:mod:`service.api.docs`, :mod:`service.web.forms`: scripts from this origin, or
with a nonce, only).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
COMMON = {b"x-content-type-options": b"nosniff", b"referrer-policy": b"no-referrer"}
SCRIPTED_PAGES = ("/docs", "/redoc")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        strict = not str(scope.get("path", "")).startswith(SCRIPTED_PAGES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in COMMON.items() if k not in present]
                content_type = dict(headers).get(b"content-type", b"")
                has_policy = b"content-security-policy" in present  # a page with a nonce sets its own
                if strict and content_type.startswith(b"text/html") and not has_policy:
                    headers += [
                        (b"content-security-policy", PAGE_POLICY.encode()),
                        (b"x-frame-options", b"DENY"),
                    ]
                if content_type.startswith(b"text/html") and b"cache-control" not in present:
                    # A tenant's pages are never kept: after signing out, Back shows nothing of them.
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
