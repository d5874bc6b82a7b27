"""Found by an outside tester: ``GET /v1/documents?publication=published&publication=changed``
answered the changed documents, the last value, without a word. A parameter that takes one value,
given twice, is a 422 naming it; a parameter that takes several (the review page's ``lang``) takes
them all as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.support import embedded_client, wait_for_job


@pytest.fixture
def client(tiny_marian_dir: Path, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/db.sqlite", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("path", "name", "times"),
    [
        ("/v1/documents?publication=published&publication=changed", "publication", 2),
        ("/v1/documents?limit=5&limit=10&limit=20", "limit", 3),
        ("/v1/jobs?state=queued&state=failed", "state", 2),
    ],
)
def test_a_single_valued_parameter_given_twice_is_refused(
    client: TestClient, path: str, name: str, times: int
) -> None:
    response = client.get(path)
    assert response.status_code == 422, response.text
    assert [(p["loc"], p["msg"]) for p in response.json()["detail"]] == [
        (["query", name], f"{name} is given {times} times; give it once")
    ]


def test_parameters_given_once_and_list_parameters_pass(client: TestClient) -> None:
    assert client.get("/v1/documents?publication=published&limit=5").status_code == 200
    job = client.post("/v1/jobs", json={"text": "Ein Satz.\n\nNoch ein Satz.\n", "source_lang": "de",
                                        "targets": ["en"]}).json()  # fmt: skip
    document = wait_for_job(client, job["id"])["document_id"]
    page = client.get(f"/documents/{document}?lang=en&lang=ko")  # a list: both kept
    assert page.status_code == 200, page.text
