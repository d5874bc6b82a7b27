"""A correction that changes nothing stores nothing, on SQLite and PostgreSQL (found by an outside
page walk: "Save correction" without an edit stored a "correction" equal to the machine text, marked
the sentence "corrected by …" and a published translation "changed since publishing").

The API's choice: ``PUT`` of the text the translation reads now (leading and trailing whitespace
aside) answers 200 with the translation as it is (its ``origin`` says whose it is, no
``summary_job``) and stores no row, so a retried PUT of a correction is as safe as the first."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.checks import check_pair
from tests.service.api.test_glossaries import segments
from tests.service.api.test_publishing import bearer, publication_rows, publish_url, read, stored_translation
from tests.support import table_counts


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


def test_the_same_correction_sent_at_the_same_moment_is_stored_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by an outside attack: 8 simultaneous PUTs of one text (two editors) stored 5 identical
    corrections and started 5 summary refreshes. Whether the text is the one shown and the storing
    are one step per sentence and language: one row is stored, and every request answers with it.
    The news checks of the text are slowed, so that the requests are under way together."""
    from service.usecases import correct

    def slow_check_pair(*args: Any) -> Any:
        time.sleep(0.3)
        return check_pair(*args)

    monkeypatch.setattr(correct, "check_pair", slow_check_pair)
    editors = [bearer(client, "tests", "editor", name=name) for name in ("Lena", "Omar")]
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    url = f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en"
    before = table_counts(client.app)  # type: ignore[arg-type]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: client.put(url, json={"text": "The new drone rules."},
                                                     headers=editors[n % 2]), range(8)))  # fmt: skip
    assert all(answer.status_code == 200 for answer in answers), [answer.text for answer in answers]
    after = table_counts(client.app)  # type: ignore[arg-type]
    assert after["translations"] == before["translations"] + 1, "one correction stored"
    assert after["jobs"] == before["jobs"]
    stored = answers[0].json()["translation"]
    assert stored["origin"] == "human" and stored["text"] == "The new drone rules."
    assert all(answer.json()["translation"] == stored for answer in answers), "each answers with it"


def test_a_correction_is_stored_trimmed(client: TestClient) -> None:
    """Found by an outside tester: a correction's leading and trailing whitespace was stored as
    sent, where the comparison with the translation shown sets it aside. It is stored trimmed; the
    line breaks inside it stay."""
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    url = f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en"
    sent = " \n\tThe new drone rules.\nThey apply in January.  \n"
    saved = client.put(url, json={"text": sent}, headers=editor)
    assert saved.status_code == 200, saved.text
    stored = "The new drone rules.\nThey apply in January."
    assert saved.json()["translation"]["text"] == stored
    assert _translation(client, document_id, keys[0], editor)["text"] == stored
    # the same text sent trimmed is no change
    before = table_counts(client.app)  # type: ignore[arg-type]
    assert client.put(url, json={"text": stored}, headers=editor).json()["translation"]["text"] == stored
    assert table_counts(client.app) == before  # type: ignore[arg-type]
