"""A correction that changes nothing stores nothing, on SQLite and PostgreSQL (found by an outside
page walk: "Save correction" without an edit stored a "correction" equal to the machine text, marked
the sentence "corrected by …" and a published translation "changed since publishing").

The API's choice: ``PUT`` of the text the translation reads now (leading and trailing whitespace
aside) answers 200 with the translation as it is (its ``origin`` says whose it is, no
``summary_job``) and stores no row, so a retried PUT of a correction is as safe as the first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.service.api.test_glossaries import segments
from tests.service.api.test_publishing import bearer, publication_rows, publish_url, read, stored_translation
from tests.support import embedded_client, table_counts


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir,
                        reaper_enabled=False)  # fmt: skip
    with embedded_client(settings) as test_client:
        yield test_client


def _translation(client: TestClient, document_id: str, key: str, headers: dict[str, str]) -> dict:
    found = [s["translations"]["en"] for s in segments(read(client, document_id, headers)) if s["id"] == key]
    assert found, f"segment {key} in the read"
    return dict(found[0])


def test_a_correction_equal_to_the_machine_text_stores_nothing(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    assert client.post(f"/v1/documents/{document_id}/segments/{keys[-1]}/translations/en/approve",
                       headers=editor).status_code == 200  # fmt: skip
    published = client.post(publish_url(document_id), headers=editor)
    assert published.status_code == 200, published.text
    url = f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en"
    machine = _translation(client, document_id, keys[0], editor)
    before = table_counts(client.app)  # type: ignore[arg-type]

    same = client.put(url, json={"text": f"  {machine['text']}\n"}, headers=editor)
    assert same.status_code == 200, same.text
    body = same.json()
    assert body["translation"]["origin"] == "model" and body["translation"]["text"] == machine["text"]
    assert body["summary_job"] is None
    assert table_counts(client.app) == before, "no correction row for an unchanged text"  # type: ignore[arg-type]
    assert _translation(client, document_id, keys[0], editor) == machine
    publication = read(client, document_id, editor)["publications"]["en"]
    assert publication["changed"] == 0, "an unchanged text does not change a publication"
    assert publication_rows(client) == 1


def test_sending_the_same_correction_again_stores_it_once(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    url = f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en"
    first = client.put(url, json={"text": "The new drone rules."}, headers=editor)
    assert first.status_code == 200, first.text
    assert first.json()["translation"]["origin"] == "human"
    after_first = table_counts(client.app)  # type: ignore[arg-type]

    again = client.put(url, json={"text": "The new drone rules. "}, headers=editor)  # a retry
    assert again.status_code == 200, again.text
    assert again.json()["translation"] == first.json()["translation"], "the stored correction, as it is"
    assert table_counts(client.app) == after_first  # type: ignore[arg-type]
    # A real change is still a new correction.
    changed = client.put(url, json={"text": "The drone rules are new."}, headers=editor)
    assert changed.status_code == 200 and changed.json()["translation"]["text"] == "The drone rules are new."
    assert table_counts(client.app)["translations"] == after_first["translations"] + 1  # type: ignore[arg-type]
