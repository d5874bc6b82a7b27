"""Per-key request rate limits, and failed API-key attempts per client address, counted by the
``limits`` library in memory or in Redis.

In memory each API process counts on its own; with Redis every process shares the counters.
If the counter store is unreachable the request is let through and a warning logged: the
limiter protects the service, it must not take it down with Redis.

Failed attempts are counted in fixed windows: an address's counter is dropped when its window
ends (the memory store expires it; Redis keys carry their expiry), so memory holds only the
addresses that failed within the last window, never every address ever seen. (A moving window's
memory store keeps an entry for each identifier it was asked about.)
"""

from __future__ import annotations

import ipaddress
import logging
import time
from dataclasses import dataclass

from limits import RateLimitItem
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter
from limits.strategies import RateLimiter as Strategy

from service.api_keys import parse_rate_limit
from service.settings import Settings

log = logging.getLogger(__name__)

_FAILURES = "interlinear-auth-failures"  # the namespace of failed attempts' counters


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


def address_of(host: str | None) -> str:
    """Who a failed attempt is counted against: the client's IPv4 address, or the /64 network of
    an IPv6 one (one host commonly holds a whole /64); a name that is no address as it is."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:100]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class RateLimiter:
    def __init__(self, uri: str) -> None:
        self.uri = uri
        storage = storage_from_string(uri)
        self.limiter = MovingWindowRateLimiter(storage)
        self.failures = FixedWindowRateLimiter(storage)

    def hit(self, key_id: str, rate_limit: str) -> Decision:
        """Count one request of ``key_id`` against each of its limits."""
        return self._count(self.limiter, "interlinear", key_id, rate_limit)

    def failed(self, address: str, limit: str) -> Decision:
        """Count one failed API-key attempt from ``address`` (see :func:`address_of`) against
        ``limit`` (``INTERLINEAR_AUTH_FAILURE_LIMIT``); not allowed once it is over."""
        return self._count(self.failures, _FAILURES, address, limit)

    def _count(self, strategy: Strategy, namespace: str, identity: str, rate_limit: str) -> Decision:
        try:
            items = parse_rate_limit(rate_limit)
            tightest: Decision | None = None
            for item in items:
                decision = self._hit(strategy, item, namespace, identity)
                if not decision.allowed:
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

    @staticmethod
    def _hit(strategy: Strategy, item: RateLimitItem, namespace: str, identity: str) -> Decision:
        allowed = strategy.hit(item, namespace, identity)
        stats = strategy.get_window_stats(item, namespace, identity)
        return Decision(
            allowed=allowed,
            limit=item.amount,
            remaining=max(0, stats.remaining),
            reset_after=max(1, int(stats.reset_time - time.time()) + 1),
        )
