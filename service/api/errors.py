"""HTTP errors shared by the routes: documented once for OpenAPI, built once."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from service.auth import Principal, QuotaExceeded, check_quota
from service.storage.tables import utcnow

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key, an unknown one, or a revoked one"},
    429: {"description": "Over the key's rate limit or daily character quota (see Retry-After)"},
}


def require_quota(session: Session, principal: Principal, chars: int) -> None:
    """429, with Retry-After until the quota resets, if ``chars`` more would pass the key's daily quota."""
    try:
        check_quota(session, principal, chars)
    except QuotaExceeded as exc:
        wait = max(1, int((exc.resets_at - utcnow()).total_seconds()))
        raise HTTPException(429, str(exc), headers={"Retry-After": str(wait)}) from exc


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
