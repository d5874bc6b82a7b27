"""A worker outlives its Redis: losing the broker while tasks run must not stop it taking tasks.

When the connection drops, Celery closes it, and kombu's Redis channel gives its unacknowledged
messages back to Redis on close; a task that ends while Redis is away is acknowledged on that
closed channel once the worker has reconnected. Both need the closed channel's connection, which
is gone: kombu raises ``AttributeError`` (``'NoneType' object has no attribute 'hostname'`` /
``'client'``; celery/kombu#582), and Celery treats that as unrecoverable. Its consumer then stops
for good while the process and its running tasks go on: a worker that looks alive and never takes
another task (found by killing Redis for a few seconds under running tasks).

Neither is needed at that moment: an unacknowledged message stays in Redis's unacknowledged set
(where Redis kept its data) and Redis hands it out again after the visibility timeout, and a task
run again stores nothing twice. So the worker logs what it could not do and goes on.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from kombu.transport import redis as kombu_redis

log = logging.getLogger(__name__)

_GONE = (AttributeError, OSError, kombu_redis.get_redis_ConnectionError())
_PATCHED = "_interlinear_tolerates_a_lost_connection"


def _tolerant(method: Callable[..., Any], what: str) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except _GONE as exc:
            log.warning(
                "could not %s: the broker connection it belongs to is closed (%r); Redis hands "
                "unacknowledged messages out again after the visibility timeout",
                what,
                exc,
            )
            if what.startswith("give back"):
                self._delivered.clear()
            return None

    setattr(call, _PATCHED, True)
    return call


def keep_consuming_after_broker_loss() -> None:
    """Install the above on kombu's Redis transport (once; idempotent)."""
    qos = kombu_redis.QoS
    if getattr(qos.restore_unacked, _PATCHED, False):
        return
    for name, what in (
        ("restore_unacked", "give back unacknowledged messages"),
        ("ack", "acknowledge a message"),
        ("reject", "reject a message"),
    ):
        setattr(qos, name, _tolerant(getattr(qos, name), what))
