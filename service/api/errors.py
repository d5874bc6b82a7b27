"""HTTP errors shared by the routes: documented once for OpenAPI, built once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service.auth import QuotaExceeded
from service.storage.tables import utcnow

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key, an unknown one, or a revoked one"},
    429: {"description": "Over the key's rate limit or daily character quota (see Retry-After)"},
}


def quota_exceeded(exc: QuotaExceeded, now: dt.datetime | None = None) -> HTTPException:
    wait = max(1, int((exc.resets_at - (now or utcnow())).total_seconds()))
    return HTTPException(429, str(exc), headers={"Retry-After": str(wait)})


ECHOED_INPUT_CHARS = 200


def _renderable(value: Any) -> Any:
    """Strings as JSON can carry them: lone surrogates ("\\ud800" in the request) replaced, long
    input cut short."""
    if isinstance(value, str):
        if len(value) > ECHOED_INPUT_CHARS:
            value = value[:ECHOED_INPUT_CHARS] + "…"
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list):
        return [_renderable(item) for item in value]
    if isinstance(value, dict):
        return {key: _renderable(item) for key, item in value.items()}
    return value


async def request_validation_failed(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422 for a request that fails validation, always renderable: its default echoes the
    input, and a lone surrogate there made the response itself fail with a 500."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return JSONResponse({"detail": _renderable(jsonable_encoder(errors))}, status_code=422)
