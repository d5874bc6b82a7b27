"""Source updates through the real service (API + in-process worker + tiny model) on SQLite and
PostgreSQL: an article sent again under the same external_id becomes a new revision in which only
changed and new sentences reach the model; revisions and the sentence diff are right."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.settings import Settings
from service.storage.tables import SegmentRow, TranslationRow
from tests.service.api.test_glossaries import segments
from tests.support import embedded_client, new_key, wait_for_job

FIRST = """Hochwasser in Sachsen

Die Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.

Lage am Abend

Die Feuerwehr ist mit vielen Kräften im Einsatz. Der Regen soll am Dienstag nachlassen.
"""
# One sentence changed.
SECOND = FIRST.replace("Mehrere Orte wurden evakuiert.", "Drei Dörfer wurden in der Nacht evakuiert.")
# One sentence removed, another added further on.
THIRD = SECOND.replace("Die Pegel der Elbe steigen seit Sonntag. ", "").replace(
    "Der Regen soll am Dienstag nachlassen.",
    "Der Regen soll am Dienstag nachlassen. Auch die Bundeswehr hilft.",
)


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


def submit(client: TestClient, text: str) -> dict[str, Any]:
    response = client.post(
        "/v1/jobs", json={"text": text, "targets": ["en", "ko"], "external_id": "cms-4711"}
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    return job


def model_outputs(client: TestClient, document_id: str) -> dict[str, int]:
    """Per language, the outputs of this revision a model made (the rest came from memory)."""
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        rows = session.execute(
            select(TranslationRow.target_lang, func.count())
            .join(SegmentRow, SegmentRow.id == TranslationRow.segment_id)
            .where(SegmentRow.document_id == document_id, TranslationRow.origin == "model")
            .group_by(TranslationRow.target_lang)
        ).all()
    return {lang: int(count) for lang, count in rows}


def test_revisions_translate_only_what_changed_and_diff_says_what(client: TestClient) -> None:
    first = submit(client, FIRST)
    assert model_outputs(client, first["document_id"]) == {
        "en": 6,
        "ko": 6,
    }  # title, heading and four sentences

    second = submit(client, SECOND)
    assert second["document_id"] != first["document_id"]
    assert model_outputs(client, second["document_id"]) == {"en": 1, "ko": 1}  # the changed sentence only
    document = client.get(f"/v1/documents/{second['document_id']}").json()
    assert (document["external_id"], document["revision"]) == ("cms-4711", 2)

    revisions = client.get(f"/v1/documents/{first['document_id']}/revisions").json()
    assert [(r["revision"], r["id"], r["newest"]) for r in revisions] == [
        (1, first["document_id"], False),
        (2, second["document_id"], True),
    ]
    changes = client.get(f"/v1/documents/{second['document_id']}/diff").json()["changes"]
    changed = [c for c in changes if c["op"] != "equal"]
    assert [(c["op"], c["before"]["text"], c["after"]["text"]) for c in changed] == [
        ("replace", "Mehrere Orte wurden evakuiert.", "Drei Dörfer wurden in der Nacht evakuiert.")
    ]
    assert (
        set(changed[0]["before"]["translations"]) == set(changed[0]["after"]["translations"]) == {"en", "ko"}
    )
    assert sum(c["op"] == "equal" for c in changes) == 5

    third = submit(client, THIRD)
    assert model_outputs(client, third["document_id"]) == {"en": 1, "ko": 1}  # the new sentence only
    diff = client.get(f"/v1/documents/{third['document_id']}/diff").json()
    assert (diff["from_revision"], diff["to_revision"]) == (2, 3)
    ops = [
        (c["op"], (c["before"] or {}).get("text"), (c["after"] or {}).get("text")) for c in diff["changes"]
    ]
    assert ("insert", None, "Auch die Bundeswehr hilft.") in ops
    assert ("delete", "Die Pegel der Elbe steigen seit Sonntag.", None) in ops
    newest = client.get(f"/v1/documents/{third['document_id']}").json()
    assert all("Pegel" not in s["text"] for s in segments(newest))
    whole = client.get(f"/v1/documents/{third['document_id']}/diff", params={"from_revision": 1}).json()
    assert whole["from_revision"] == 1 and any(c["op"] != "equal" for c in whole["changes"])

    # The newest revision's text again: no new revision.
    again = submit(client, THIRD)
    assert again["document_id"] == third["document_id"]
    assert len(client.get(f"/v1/documents/{third['document_id']}/revisions").json()) == 3
    missing = client.get(f"/v1/documents/{first['document_id']}/diff")
    assert missing.status_code == 404 and "revision 1 is the article's first" in missing.json()["detail"]
    assert "no revision 0" not in missing.json()["detail"]  # before: it spoke of a revision 0


def test_concurrent_updates_of_one_article_get_one_revision_number_each(client: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Meldung\n\nDer Bericht Nummer {i} ist fertig. Wir warten auf die Antwort." for i in range(8)]

    def post(text: str) -> int:
        body = {"text": text, "targets": ["en"], "external_id": "cms-race"}
        return client.post("/v1/jobs", json=body).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(post, texts))
    assert codes == [202] * 8, codes
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        from service.storage.tables import Document

        rows = session.execute(select(Document.revision).where(Document.external_id == "cms-race")).all()
    assert sorted(r for (r,) in rows) == list(range(1, 9))


def test_an_unchanged_sentence_keeps_its_approval_and_its_correction_in_the_next_revision(
    client: TestClient,
) -> None:
    """Approved in revision 1, the sentence's output served unchanged in revision 2 is still approved
    (by whom and when) and counted so; a corrected one stays corrected; the changed sentence is new."""
    editor = {"Authorization": f"Bearer {new_key(client.app, 'tests', role='editor', name='Lena')}"}  # type: ignore[arg-type]
    first = submit(client, FIRST)
    base = f"/v1/documents/{first['document_id']}/segments"
    by_text = {s["text"]: s for s in segments(client.get(f"/v1/documents/{first['document_id']}").json())}
    fire = by_text["Die Feuerwehr ist mit vielen Kräften im Einsatz."]
    approved = client.post(f"{base}/{fire['id']}/translations/en/approve", headers=editor)
    assert approved.status_code == 200, approved.text
    approval = approved.json()["translation"]
    rain = by_text["Der Regen soll am Dienstag nachlassen."]
    corrected = client.put(f"{base}/{rain['id']}/translations/en", json={"text": "The rain eases."},
                           headers=editor)  # fmt: skip
    assert corrected.status_code == 200, corrected.text
    if corrected.json()["summary_job"]:
        assert wait_for_job(client, corrected.json()["summary_job"], timeout=300)["state"] == "succeeded"

    second = submit(client, SECOND)
    assert second["document_id"] != first["document_id"]
    document = client.get(f"/v1/documents/{second['document_id']}").json()
    shown = {s["text"]: s for s in segments(document)}
    kept = shown[fire["text"]]["translations"]["en"]
    assert (kept["text"], kept["origin"]) == (fire["translations"]["en"]["text"], "memory")
    assert (kept["approved_by"], kept["approved_at"]) == ("Lena", approval["approved_at"])
    assert shown[fire["text"]]["translations"]["ko"]["approved_by"] is None  # approved in English only
    rain_now = shown[rain["text"]]["translations"]["en"]
    assert (rain_now["text"], rain_now["origin"], rain_now["author"]) == ("The rain eases.", "memory:human",
                                                                          "Lena")  # fmt: skip
    assert rain_now["approved_by"] is None
    changed = shown["Drei Dörfer wurden in der Nacht evakuiert."]["translations"]["en"]
    assert changed["origin"] == "model" and changed["approved_by"] is None
    assert (document["review"]["en"]["approved"], document["review"]["en"]["corrected"]) == (1, 1)
    queue = client.get("/v1/review", params={"document": second["document_id"], "lang": "en"}).json()
    assert shown[fire["text"]]["id"] not in {item["segment_id"] for item in queue}
