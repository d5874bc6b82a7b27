"""Fault tests against the real Redis and PostgreSQL; the fixtures live in tests/reliability/harness.py."""

import pytest

pytest.register_assert_rewrite("tests.reliability.harness")  # before the import below

from tests.reliability.harness import queued_tasks, redis_broker, service_settings, start_worker  # noqa: E402

__all__ = ["queued_tasks", "redis_broker", "service_settings", "start_worker"]
