"""HTTP errors shared by the routes: documented once for OpenAPI, built once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import HTTPException

from service.auth import QuotaExceeded
from service.storage.tables import utcnow

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No API key, an unknown one, or a revoked one"},
    429: {"description": "Over the key's rate limit or daily character quota (see Retry-After)"},
}


def quota_exceeded(exc: QuotaExceeded, now: dt.datetime | None = None) -> HTTPException:
    wait = max(1, int((exc.resets_at - (now or utcnow())).total_seconds()))
    return HTTPException(429, str(exc), headers={"Retry-After": str(wait)})
