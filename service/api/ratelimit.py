"""Per-key request rate limits, counted by the ``limits`` library in memory or in Redis.

In memory each API process counts on its own; with Redis every process shares the counters.
If the counter store is unreachable the request is let through and a warning logged: the
limiter protects the service, it must not take it down with Redis.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from service.api_keys import parse_rate_limit
from service.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int  # requests allowed in the tightest window
    remaining: int
    reset_after: int  # seconds until that window has room again


def storage_uri(settings: Settings) -> str:
    if settings.rate_limit_storage:
        return settings.rate_limit_storage
    return settings.broker_url if settings.redis_broker else "memory://"


class RateLimiter:
    def __init__(self, uri: str) -> None:
        self.uri = uri
        self.limiter = MovingWindowRateLimiter(storage_from_string(uri))

    def hit(self, key_id: str, rate_limit: str) -> Decision:
        """Count one request of ``key_id`` against each of its limits."""
        try:
            items = parse_rate_limit(rate_limit)
            tightest: Decision | None = None
            for item in items:
                allowed = self.limiter.hit(item, "interlinear", key_id)
                stats = self.limiter.get_window_stats(item, "interlinear", key_id)
                decision = Decision(
                    allowed=allowed,
                    limit=item.amount,
                    remaining=max(0, stats.remaining),
                    reset_after=max(1, int(stats.reset_time - time.time()) + 1),
                )
                if not allowed:
                    return decision
                if tightest is None or decision.remaining < tightest.remaining:
                    tightest = decision
            assert tightest is not None
            return tightest
        except ValueError:
            raise
        except Exception as exc:  # the counter store is down: let the request through
            log.warning("rate limiter storage %s unreachable (%s); request not counted", self.uri, exc)
            return Decision(allowed=True, limit=0, remaining=0, reset_after=0)
