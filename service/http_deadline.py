"""A total deadline for an HTTP exchange (connect, redirects, headers, body) with httpx.

httpx's timeouts are per network operation: a peer that sends a byte a second never trips the
read timeout, and one exchange can last as long as the peer likes. :class:`Deadline` gives each
request what is left of the whole, and a watchdog timer shuts the exchange's sockets when it
passes, so a read in progress returns at once (with an error, or a short body: check
:attr:`Deadline.passed`). Used for articles by URL (:mod:`service.fetching`) and callbacks
(:mod:`service.callbacks.deliver`).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

import httpx


class Deadline:
    """A deadline for a whole HTTP exchange: what is left of it, and a watchdog that shuts the
    sockets the exchange opened when it passes.

    Pass :meth:`timeout` and ``extensions={"trace": deadline.trace}`` with each request, and
    :meth:`cancel` when done. Only connections opened under the deadline are noted (httpcore's
    trace hook reports each new one): use a client of its own, not one that may reuse an older
    connection."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.passed = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return max(self.ends - time.monotonic(), 0.0)

    def timeout(self) -> httpx.Timeout:
        return httpx.Timeout(max(self.left(), 0.001))

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: note each new connection's socket."""
        if event.endswith((".connect_tcp.complete", ".start_tls.complete")):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                with self._lock:
                    self._sockets.append(sock)
                    if self.passed:
                        self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.passed = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()
