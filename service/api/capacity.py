"""Admission control: at most N requests are handled at once; the rest wait briefly, then get 503.

Each request handled holds a worker thread and, at times, a database connection. Without a bound,
a burst of clients takes every thread, each waiting for a connection that only a request without
a thread could give back: the API wedges. With at most as many requests in hand as the pool has
connections, nothing waits for a connection, and a request over the bound is told to come back
(``503`` with ``Retry-After``) instead of hanging. ``/healthz`` is always answered.
"""

from __future__ import annotations

import asyncio
import weakref

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

ALWAYS_ANSWERED = frozenset({"/healthz"})


class Admission:
    def __init__(self, app: ASGIApp, limit: int, wait: float, retry_after: int) -> None:
        self.app = app
        self.limit = limit
        self.wait = wait
        self.retry_after = retry_after
        # One semaphore per event loop (a server has one; test clients start one each).
        self._slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        slots = self._slots.get(loop)
        if slots is None:
            slots = self._slots[loop] = asyncio.Semaphore(self.limit)
        return slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ALWAYS_ANSWERED:
            await self.app(scope, receive, send)
            return
        slots = self._semaphore()
        try:
            await asyncio.wait_for(slots.acquire(), timeout=self.wait)
        except TimeoutError:
            response = JSONResponse(
                {
                    "detail": f"the API is at capacity ({self.limit} requests in progress); retry in "
                    f"{self.retry_after} s"
                },
                status_code=503,
                headers={"Retry-After": str(self.retry_after)},
            )
            await response(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()
