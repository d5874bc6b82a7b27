"""Every upload parser (PDF, .docx, HTML, Markdown, text) fed malformed and hostile files built by
the tests (tests/security/hostile_files.py): each gets a 4xx that says what to send, and nothing is
stored, on SQLite and PostgreSQL. Before: the PDF bomb gave a 500 (pypdf's LimitReachedError was
not caught) and the .docx files with a DTD were taken with the paragraph using the entity missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.security.hostile_files import corpus
from tests.support import embedded_client, table_counts

CORPUS = corpus()


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


def test_hostile_and_malformed_files_get_4xx_saying_what_to_send_and_nothing_is_stored(
    client: TestClient,
) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    wrong = []
    for name, data, message in CORPUS:
        for path in ("/v1/jobs/upload", "/v1/jobs"):
            response = client.post(path, files={"file": (name, data, "application/octet-stream")},
                                   data={"targets": ["en"], "source_lang": "de"})  # fmt: skip
            detail = str(response.json().get("detail", "")) if response.content else ""
            if not (400 <= response.status_code < 500 and message in detail):
                wrong.append((name, path, response.status_code, detail[:200]))
    assert not wrong, wrong
    assert table_counts(client.app) == before  # type: ignore[arg-type]
