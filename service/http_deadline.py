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
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
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


class ResolvedConnections(httpcore.SyncBackend):
    """httpcore's network backend, connecting to the addresses ``resolve(host, port)`` gives
    rather than resolving the name again itself: the lookup runs inside the deadline (the system
    resolver ignores socket timeouts), and the addresses checked are the ones connected to."""

    def __init__(self, resolve: Callable[[str, int], list[str]]) -> None:
        self._resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        error: httpcore.ConnectError | None = None
        for address in self._resolve(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # the next address, as create_connection does
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no address")


def connect_resolved(client: httpx.Client, resolve: Callable[[str, int], list[str]]) -> httpx.Client:
    """``client`` (its own transport, not a proxy's) connecting through :class:`ResolvedConnections`."""
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool):  # httpx or httpcore changed: fail loudly
        raise RuntimeError("httpx's transport has no httpcore connection pool to resolve for")
    pool._network_backend = ResolvedConnections(resolve)
    return client
