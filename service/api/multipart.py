"""``POST /v1/jobs`` with a file: a multipart request there is the upload endpoint's.

The JSON body and the multipart form are two shapes of one operation; FastAPI routes one body
type per path, so a multipart request to ``/v1/jobs`` is handed to ``/v1/jobs/upload`` before
routing. Both are in the OpenAPI document.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

JOBS = "/v1/jobs"
UPLOAD = "/v1/jobs/upload"


class MultipartJobs:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].rstrip("/") == JOBS
            and Headers(scope=scope).get("content-type", "").lower().startswith("multipart/form-data")
        ):
            scope = {**scope, "path": UPLOAD, "raw_path": UPLOAD.encode()}
        await self.app(scope, receive, send)
