"""No server path in any response: a local model (INTERLINEAR_MODEL_DIR) is named by its
directory's name, its revision a short hash of its files. Before: /v1/models, /v1/translate, the
document and /versions showed the model's absolute path on the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.support import embedded_client, wait_for_job

ARTICLE = "Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab Januar.\n"


@pytest.fixture
def client(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as test_client:
        yield test_client


def test_no_response_shows_where_the_model_lies_on_the_server(
    client: TestClient, tiny_marian_dir: Path
) -> None:
    server_path = str(tiny_marian_dir.parent)
    job = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "source_lang": "de"}).json()
    job = wait_for_job(client, job["id"], timeout=300)
    assert job["state"] == "succeeded", job
    document_id = job["document_id"]
    answers = {
        "models": client.get("/v1/models"),
        "translate": client.post(
            "/v1/translate", json={"text": "Das ist gut.", "source_lang": "de", "target_lang": "en"}
        ),
        "document": client.get(f"/v1/documents/{document_id}"),
        "versions": client.get(f"/v1/documents/{document_id}/versions"),
        "job": client.get(f"/v1/jobs/{job['id']}"),
        "xliff": client.get(f"/v1/documents/{document_id}/export", params={"format": "xliff", "lang": "en"}),
    }
    for name, response in answers.items():
        assert response.status_code == 200, (name, response.text)
        assert server_path not in response.text, (name, response.text[:500])
    assert answers["translate"].json()["model_id"] == tiny_marian_dir.name
    assert answers["translate"].json()["model_revision"].startswith("local-")
    assert {m["model_id"] for m in answers["models"].json() if m["source"] == "de"} == {tiny_marian_dir.name}
    assert [v["model_id"] for v in answers["versions"].json()] == [tiny_marian_dir.name]


def test_a_local_model_that_fails_to_load_is_named_by_its_directory_in_every_error(tmp_path: Path) -> None:
    """The loader's message and the model library's own (``Can't load ... '/srv/...'``) carried
    the directory's absolute path into the 503 of /v1/translate and the failed job's error."""
    broken = tmp_path / "srv" / "models" / "opus-broken"
    broken.mkdir(parents=True)
    (broken / "config.json").write_text("{this is not json")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'b.db'}", broker_url="memory://",
                        model_dir=broken)  # fmt: skip
    with embedded_client(settings) as client:
        translated = client.post(
            "/v1/translate", json={"text": "Das ist gut.", "source_lang": "de", "target_lang": "en"}
        )
        job = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "source_lang": "de"}).json()
        job = wait_for_job(client, job["id"], timeout=120)
        job_response = client.get(f"/v1/jobs/{job['id']}")
    assert translated.status_code == 503, translated.text
    assert job["state"] == "failed", job
    for name, text in (("translate", translated.text), ("job", job_response.text)):
        assert str(tmp_path) not in text, (name, text[:600])
        assert "opus-broken" in text, (name, text[:600])
