"""Fault tests against the real Redis and PostgreSQL; the fixtures live in tests/reliability/harness.py."""

import pytest

pytest.register_assert_rewrite("tests.reliability.harness")  # before the import below

from tests.reliability.harness import (  # noqa: E402
    queued_tasks,
    redis_broker,
    service_settings,
    start_api,
    start_worker,
)

__all__ = ["queued_tasks", "redis_broker", "service_settings", "start_api", "start_worker"]
