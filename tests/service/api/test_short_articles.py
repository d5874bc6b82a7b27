"""Every article that passes intake finishes: one sentence, a headline alone, a title and one sentence.

Before, these stored their translation and then stayed ``running`` forever: no article summary
was made for a document without a body sentence, and the job waited for one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.support import embedded_client, wait_for_job


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


SHORT = {
    # The README's example: one sentence.
    "one sentence": ({"text": "Die Regierung hat neue Regeln angekündigt.", "targets": ["en"]}, 1),
    "headline only": (
        {"text": "Neue Regeln für Mieter in Berlin", "source_lang": "de", "targets": ["en"]},
        1,
    ),
    "title and one sentence": ({"text": "Titel\n\nEin Satz.", "source_lang": "de", "targets": ["en"]}, 2),
}


@pytest.mark.parametrize("case", list(SHORT))
def test_short_article_finishes_with_a_summary(client: TestClient, case: str) -> None:
    body, segments = SHORT[case]
    response = client.post("/v1/jobs", json=body)
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    assert job["progress"]["en"] == {"done": segments, "total": segments}
    assert job["summaries"] == ["de", "en"]
    document = client.get(job["links"]["document"]).json()
    sentences = [s["text"] for s in document["front_matter"]] + [
        s["text"] for section in document["sections"] for s in section["segments"]
    ]
    for lang in ("de", "en"):
        summary = document["summaries"][lang]
        # The summary of an article this short is its last sentence (or its only one), never empty.
        assert summary["text"].strip(), summary
        assert summary["sentence_ids"], summary
    assert document["summaries"]["de"]["text"] in sentences
