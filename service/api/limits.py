"""Request bodies are checked as they arrive, before they are read into memory.

* Over the size limit: 413, from the Content-Length header alone where there is one, else as soon
  as the streamed (chunked) body passes the limit.
* A JSON body that is not UTF-8: 422 naming the first bad byte (the JSON parser would only say
  "there was an error parsing the body").
"""

from __future__ import annotations

import codecs

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyRefused(HTTPException):
    """Raised from ``receive``: FastAPI passes an HTTPException from body reading through to its
    handler; where nothing handles it, the middleware answers itself."""


def too_large(size: int, limit: int, streamed: bool = False) -> BodyRefused:
    """413 for a body of ``size`` bytes (``streamed``: sent without a Content-Length, ``size`` is
    what had arrived when it passed the limit), saying the size and the limit once each."""
    if streamed:
        size_text = (
            f"is over the limit of {limit:,} bytes ({size:,} bytes had arrived when it was refused; it "
            "was sent without a Content-Length, so its whole size is not known)"
        )
    else:
        size_text = f"is {size:,} bytes, over the limit of {limit:,} bytes"
    return BodyRefused(
        413,
        f"the request body {size_text}: split the article and send it in parts, or raise "
        "INTERLINEAR_MAX_ARTICLE_BYTES (or INTERLINEAR_MAX_REQUEST_BYTES) on the server",
    )


def not_utf8(byte: int, offset: int) -> BodyRefused:
    return BodyRefused(
        422,
        f"the request body is not valid UTF-8 (byte 0x{byte:02x} at offset {offset:,}); send JSON "
        "encoded as UTF-8, converting the article's text to UTF-8 first",
    )


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _content_length(headers: Headers) -> int | None:
    try:
        return int(headers["content-length"])
    except (KeyError, ValueError):
        return None


class RequestBodyLimits:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = _content_length(headers)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(too_large(declared, self.max_bytes), scope, receive, send)
            return

        decoder = codecs.getincrementaldecoder("utf-8")() if _is_json(headers.get("content-type")) else None
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] != "http.request":
                return message
            chunk: bytes = message.get("body", b"")
            if received + len(chunk) > self.max_bytes:
                raise too_large(received + len(chunk), self.max_bytes, streamed=declared is None)
            if decoder is not None:
                pending = len(decoder.getstate()[0])
                try:
                    decoder.decode(chunk, final=not message.get("more_body", False))
                except UnicodeDecodeError as exc:
                    data = exc.object
                    raise not_utf8(data[exc.start], received - pending + exc.start) from None
            received += len(chunk)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except BodyRefused as refused:
            if started:
                raise
            await self._refuse(refused, scope, receive, send)

    @staticmethod
    async def _refuse(refused: BodyRefused, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse({"detail": refused.detail}, status_code=refused.status_code)
        await response(scope, receive, send)
