"""A bounded schemathesis run against the real app: every operation, with a key, generated inputs
(valid and not). No response may be a server error, and every response must match the OpenAPI
document (status code, content type, headers, body schema).

The app runs on SQLite with the real Celery dispatcher on Redis and no worker: jobs stay queued,
and ``POST /v1/translate`` answers 504 after a one-second wait, as documented.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.api.app import create_app
from service.settings import Settings
from tests.reliability.harness import REDIS_TEST_URL
from tests.support import new_key

pytest_plugins = ["tests.reliability.harness"]


@pytest.fixture
def conformance_app(tmp_path: Path, redis_broker: str, tiny_marian_dir: Path) -> Iterator[FastAPI]:
    run = uuid.uuid4().hex[:8]
    app = create_app(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'api.db'}",
            broker_url=REDIS_TEST_URL,
            model_dir=tiny_marian_dir,
            translation_queue=f"translate-{run}",
            summary_queue=f"summarise-{run}",
            bulk_queue=f"bulk-{run}",
            interactive_queue=f"now-{run}",
            sync_timeout=1,
        )
    )
    yield app
    app.state.database.close()


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
BOUNDED = settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)


def test_every_operation_conforms(conformance_app: FastAPI) -> None:
    headers = {"Authorization": f"Bearer {new_key(conformance_app, 'conformance')}"}
    api = schemathesis.openapi.from_asgi("/openapi.json", conformance_app)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 10, [op.label for op in operations]
    for operation in operations:

        @BOUNDED
        @given(case=operation.as_strategy())
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            conforms()
        except Exception as exc:
            raise AssertionError(f"{operation.label}: {exc}") from exc
