"""Failed API-key attempts counted per client address (service/api/ratelimit.py): what an address
is, and that the memory store forgets an address when its window ends (an attacker who changes
address on every attempt cannot fill the API's memory)."""

from __future__ import annotations

import time

from limits.storage import MemoryStorage

from service.api.ratelimit import RateLimiter, address_of


def test_an_ipv6_client_counts_by_its_64_and_a_mapped_ipv4_one_as_ipv4() -> None:
    assert address_of("2001:db8:1:2:3:4:5:6") == address_of("2001:db8:1:2::9") == "2001:db8:1:2::/64"
    assert address_of("2001:db8:1:3::9") != address_of("2001:db8:1:2::9")
    assert address_of("::ffff:203.0.113.7") == address_of("203.0.113.7") == "203.0.113.7"
    assert address_of(None) == "unknown" and address_of("testclient") == "testclient"


def test_each_address_is_refused_past_its_limit() -> None:
    limiter = RateLimiter("memory://")
    assert [limiter.failed("203.0.113.7", "2/minute").allowed for _ in range(3)] == [True, True, False]
    assert limiter.failed("203.0.113.8", "2/minute").allowed  # another address counts on its own


def test_an_address_is_forgotten_after_its_window() -> None:
    limiter = RateLimiter("memory://")
    for n in range(200):
        limiter.failed(f"198.51.100.{n}", "2/second")
    storage = limiter.failures.storage
    assert isinstance(storage, MemoryStorage)
    assert len(storage.storage) == 200
    time.sleep(1.1)  # past the window; then the next attempt makes the store drop what expired
    for _ in range(50):
        limiter.failed("192.0.2.1", "2/second")
        if len(storage.storage) == 1:
            break
        time.sleep(0.1)
    assert len(storage.storage) == 1 and len(storage.expirations) == 1, "expired counters were not dropped"
    assert limiter.failed("198.51.100.0", "2/second").allowed  # its window ended
