"""Publishing, found by an outside attack of the API, on SQLite and PostgreSQL:

* a publish without force of an unchanged translation whose live publication was forced answered
  200 with that forced publication, although the caller did not force and a translation still
  needed review: each publish is judged on its own (409 as any other, the forced one stays);
* "changed since publishing" compared stored rows, not text: a correction that put back the
  published wording still counted as a change, on the document, its export and the publish step
  ("nothing new to record")."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.service.api.test_publishing import bearer, publication_rows, publish_url, read, stored_translation
from tests.support import table_counts


def _publication(client: TestClient, document_id: str, headers: dict[str, str]) -> dict[str, Any]:
    publication: dict[str, Any] = read(client, document_id, headers)["publications"]["en"]
    return publication


def test_a_publish_without_force_is_refused_while_a_forced_one_is_live(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    forced = client.post(publish_url(document_id), json={"force": True}, headers=editor)
    assert forced.status_code == 200 and forced.json()["forced"] is True, forced.text
    published_at = forced.json()["published_at"]

    before = table_counts(client.app)  # type: ignore[arg-type]
    for body in (None, {}, {"force": False}):
        refused = client.post(publish_url(document_id), json=body, headers=editor)
        assert refused.status_code == 409, (body, refused.text)
        detail = refused.json()["detail"]
        assert detail.startswith(f"the en translation of document {document_id} is published already, forced")
        assert "not published again without force: 1 translation still needs review (1 flagged)" in detail
        assert f"GET /v1/review?document={document_id}&lang=en" in detail and '{"force": true}' in detail
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    live = _publication(client, document_id, editor)
    assert live["published"] is True and live["forced"] is True and live["published_at"] == published_at

    # forced again, unchanged: the same publication, nothing new recorded
    again = client.post(publish_url(document_id), json={"force": True}, headers=editor)
    assert again.status_code == 200 and again.json() == forced.json()
    assert publication_rows(client) == 1

    # once nothing needs review, a publish without force passes on its own and is recorded as such
    approve = f"/v1/documents/{document_id}/segments/{keys[-1]}/translations/en/approve"
    assert client.post(approve, headers=editor).status_code == 200
    reviewed = client.post(publish_url(document_id), headers=editor)
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["forced"] is False and reviewed.json()["needed_review"] == 0
    assert reviewed.json()["published_at"] > published_at and publication_rows(client) == 2
    # kept: an unchanged translation whose live publication was not forced answers with it
    same = client.post(publish_url(document_id), headers=editor)
    assert same.status_code == 200 and same.json() == reviewed.json() and publication_rows(client) == 2


def test_a_correction_back_to_the_published_wording_is_no_change(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    sentence = f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en"
    assert client.post(f"/v1/documents/{document_id}/segments/{keys[-1]}/translations/en/approve",
                       headers=editor).status_code == 200  # fmt: skip
    published = client.post(publish_url(document_id), headers=editor)
    assert published.status_code == 200, published.text
    assert client.put(sentence, json={"text": "The new drone rules."}, headers=editor).status_code == 200
    changed = _publication(client, document_id, editor)
    assert changed["changed"] == 1 and changed["first_changed"] == keys[0]

    back = client.put(sentence, json={"text": "English sentence 1."}, headers=editor)  # the published text
    assert back.status_code == 200, back.text
    assert back.json()["translation"]["origin"] == "human"  # stored: it differs from the text shown
    unchanged = _publication(client, document_id, editor)
    assert unchanged["changed"] == 0 and unchanged["first_changed"] is None, unchanged
    assert unchanged == {k: v for k, v in published.json().items() if k not in ("document_id", "links")}
    exported = client.get(f"/v1/documents/{document_id}/export", params={"format": "json"}, headers=editor)
    assert exported.json()["publications"]["en"] == unchanged
    again = client.post(publish_url(document_id), headers=editor)  # nothing new to record
    assert again.status_code == 200 and again.json() == published.json() and publication_rows(client) == 1

    # a real change is still one, and publishing it records it
    assert client.put(sentence, json={"text": "Drones: new rules."}, headers=editor).status_code == 200
    assert _publication(client, document_id, editor)["changed"] == 1
    republished = client.post(publish_url(document_id), headers=editor)
    assert republished.status_code == 200 and republished.json()["changed"] == 0
    assert publication_rows(client) == 2
