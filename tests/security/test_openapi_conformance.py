"""A bounded schemathesis run against the real app: every operation, with a key, generated inputs
(valid and not). No response may be a server error, and every response must match the OpenAPI
document (status code, content type, headers, body schema); a schema-valid request is accepted
(positive_data_acceptance: no 422 but for the operations ``schemathesis.toml`` lists with the rule
the schema cannot say) and a schema-invalid one refused (negative_data_rejection). The run reads
the repository's ``schemathesis.toml``, as ``st run`` does (issue 22).

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
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

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
    positive_data_acceptance,
    negative_data_rejection,
]
CONFIG = Path(__file__).resolve().parents[2] / "schemathesis.toml"
BOUNDED = settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)


def test_every_operation_conforms(conformance_app: FastAPI) -> None:
    headers = {"Authorization": f"Bearer {new_key(conformance_app, 'conformance')}"}
    config = SchemathesisConfig.from_path(CONFIG)
    api = schemathesis.openapi.from_asgi("/openapi.json", conformance_app, config=config)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 10, [op.label for op in operations]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @BOUNDED
            @given(case=operation.as_strategy(generation_mode=mode))
            def conforms(case: schemathesis.Case) -> None:
                response = case.call(headers=headers)
                if case.operation.label == "POST /v1/translate" and response.status_code == 504:
                    return  # no worker runs here: the documented "no worker answered in time"
                case.validate_response(response, checks=CHECKS)

            try:
                conforms()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE, operation.label  # nothing to get wrong
            except Exception as exc:
                raise AssertionError(f"{operation.label} ({mode.value}): {exc}") from exc
