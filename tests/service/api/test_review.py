"""Flags, confidence, the review queue, approval and POST /v1/checks through the real service (API +
in-process worker + tiny random-weight model: plumbing, never quality), on SQLite and PostgreSQL."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select

from service.review_rule import LOW_CONFIDENCE
from service.settings import Settings
from service.storage.tables import SegmentRow, TranslationRow
from tests.service.api.test_corrections import translated
from tests.service.api.test_glossaries import segments
from tests.support import embedded_client, new_key

ARTICLE = """Soldaten für Russland

Nordkorea schickt 6.000 Soldaten und 1.000 Minenräumer nach Kursk.

Die Reaktion in Seoul

Die Regierung in Seoul protestierte am 1. Dezember 2026 gegen die Entsendung. Sie fordert Aufklärung.
"""
RANK = {"major": 2, "minor": 1, None: 0}


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


def bearer(client: TestClient, tenant: str, role: str, name: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {new_key(client.app, tenant, role=role, name=name)}"}  # type: ignore[arg-type]


def risk(item: dict[str, Any]) -> tuple[int, float]:
    confidence = item["translation"]["confidence"]
    return (-RANK[item["severity"]], confidence if confidence is not None else float("inf"))


def test_flags_confidence_queue_and_approval(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    reader = bearer(client, "tests", "reader")
    document = translated(client, ARTICLE, editor)
    outputs = {s["id"]: s["translations"]["en"] for s in segments(document) if "en" in s["translations"]}
    # every model output has the engine's score; the random model's sentences miss their numbers
    assert all(o["confidence"] is not None and o["confidence"] < 0 for o in outputs.values())
    details = [f["detail"] for o in outputs.values() for f in o["flags"] if f["check"] == "numbers"]
    # the number named (with the one the random model wrote instead, where it wrote one)
    missed = next(d for d in details if d.startswith("6.000 in the source, "))
    page = client.get(f"/documents/{document['id']}", headers=editor).text
    assert html.escape(missed, quote=False) in page
    assert "engine confidence: low — the model was unsure of this translation" in page

    queue = client.get("/v1/review", params={"document": document["id"], "lang": "en"}, headers=reader).json()
    assert queue and [risk(i) for i in queue] == sorted(risk(i) for i in queue)
    assert queue[0]["severity"] == "major"
    assert len(client.get("/v1/review", params={"limit": 1}, headers=reader).json()) == 1

    first = queue[0]
    url = f"/v1/documents/{document['id']}/segments/{first['segment_id']}/translations/en/approve"
    refused = client.post(url, headers=reader)
    assert refused.status_code == 403
    other = client.post(url, headers=bearer(client, "others", "editor"))
    assert other.status_code == 404 and "no document" in other.json()["detail"]
    assert client.get("/v1/review", headers=bearer(client, "others", "reader")).json() == []
    approved = client.post(url, headers=editor)
    assert approved.status_code == 200, approved.text
    assert approved.json()["translation"]["approved_by"] == "Lena"
    assert approved.json()["translation"]["text"] == first["translation"]["text"]  # unchanged

    second = queue[1]
    corrected = client.put(
        f"/v1/documents/{document['id']}/segments/{second['segment_id']}/translations/en",
        json={"text": "Corrected."},
        headers=editor,
    )
    assert corrected.status_code == 200, corrected.text
    again = client.post(
        f"/v1/documents/{document['id']}/segments/{second['segment_id']}/translations/en/approve",
        headers=editor,
    )
    assert again.status_code == 409
    said = again.json()["detail"]  # who corrected it and when: the page was open since before
    assert "is a correction by Lena (" in said and "nothing was changed" in said

    after = client.get("/v1/review", params={"document": document["id"]}, headers=reader).json()
    left = {i["segment_id"] for i in after}
    assert first["segment_id"] not in left and second["segment_id"] not in left
    assert len(after) == len(queue) - 2
    counts = client.get(f"/v1/documents/{document['id']}", headers=reader).json()["review"]["en"]
    assert counts["approved"] == 1 and counts["corrected"] == 1
    assert counts["flagged"] == sum(1 for i in after if i["translation"]["flags"])
    read = client.get(f"/v1/documents/{document['id']}", headers=reader).json()
    shown = {s["id"]: s["translations"]["en"] for s in segments(read) if "en" in s["translations"]}
    assert shown[second["segment_id"]]["confidence"] is None  # a person's correction has none


def test_checks_as_a_service(client: TestClient) -> None:
    reader = bearer(client, "tests", "reader")
    body = {
        "source_lang": "de",
        "target_lang": "ko",
        "pairs": [
            {"source": "Nordkorea schickt 6.000 Soldaten.", "target": "북한은 6,000명의 군인을 보낸다."},
            {"source": "Zwei Polizisten wurden verletzt.", "target": "경찰관 3명이 다쳤다."},
        ],
    }
    answer = client.post("/v1/checks", json=body, headers=reader)
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert results[0]["flags"] == []
    assert results[1]["flags"] == [
        {"check": "numbers", "severity": "major", "detail": "3 in the translation, not in the source"}
    ]
    assert answer.json()["flagged"] == 1

    glossary = client.post(
        "/v1/glossaries",
        json={"name": "Korea", "entries": [{"source": "Nordkorea", "targets": {"ko": "북한"}}]},
        headers=bearer(client, "tests", "admin"),
    ).json()
    body["glossary"] = glossary["id"]
    body["pairs"] = [{"source": "Nordkoreas Armee", "target": "조선의 군대"}]
    flags = client.post("/v1/checks", json=body, headers=reader).json()["results"][0]["flags"]
    assert flags == [
        {
            "check": "glossary",
            "severity": "major",
            "detail": "Nordkorea is 북한 by the glossary, not in the translation",
        }
    ]
    other = client.post("/v1/checks", json=body, headers=bearer(client, "others", "reader"))
    assert other.status_code == 422 and "no glossary" in other.json()["detail"]
    body.pop("glossary")
    body["target_lang"] = "fr"
    refused = client.post("/v1/checks", json=body, headers=reader)
    assert refused.status_code == 422 and "de, en, ko" in refused.json()["detail"]
    # The checks' work grows with the text and any key may ask: one request checks at most a long
    # article's worth (an outside attack kept the API busy for minutes with 3 MB of pairs).
    body["target_lang"] = "en"
    body["pairs"] = [{"source": "Ein Satz. " * 250, "target": "A sentence. " * 250}] * 40
    too_much = client.post("/v1/checks", json=body, headers=reader)
    assert too_much.status_code == 413, too_much.text
    assert "over the 200,000 one request may check; send the text in parts" in too_much.json()["detail"]


def test_checks_name_what_a_pair_hides_and_cut_what_they_echo(client: TestClient) -> None:
    """Found by an outside attack: a blank source with a translation passed with no flag, a NUL or a
    zero-width space the translation added passed unnamed, and a 10,000-character glossary id came
    back whole in the 422."""
    reader = bearer(client, "tests", "reader")
    pairs = [
        {"source": "", "target": "Coach Klopp was satisfied."},
        {"source": "Trainer Klopp zeigte sich zufrieden.", "target": "Coach Klopp was\u0000 satisfied."},
        {"source": "Trainer Klopp zeigte sich zufrieden.", "target": "Coach Kl\u200bopp was satisfied."},
    ]
    answer = client.post("/v1/checks", json={"source_lang": "de", "target_lang": "en", "pairs": pairs},
                         headers=reader)  # fmt: skip
    assert answer.status_code == 200, answer.text
    details = [[f["detail"] for f in r["flags"]] for r in answer.json()["results"]]
    assert details[0] == ["the source is empty, the translation is not"]
    assert details[1] == ["the translation holds U+0000, an invisible character the source has not"]
    assert (
        "the translation holds U+200B (ZERO WIDTH SPACE), an invisible character the source has not"
        in details[2]
    )
    refused = client.post("/v1/checks", json={"source_lang": "de", "target_lang": "en", "pairs": pairs[1:],
                                              "glossary": "g" * 10_000}, headers=reader)  # fmt: skip
    assert refused.status_code == 422 and refused.json()["detail"].startswith(
        "no glossary " + "g" * 80 + "…;"
    )
    assert len(refused.text) < 1_000
    blank = client.post("/v1/checks", json={"source_lang": "de", "target_lang": "en", "pairs": pairs[1:],
                                            "glossary": ""}, headers=reader)  # fmt: skip
    assert blank.status_code == 422 and blank.json()["detail"].startswith("no glossary has a blank id;")


def test_the_queue_the_counts_and_the_list_agree_on_what_needs_a_person(client: TestClient) -> None:
    """One rule (service.review_rule): a model output the checks passed but the engine was unsure
    of is in /v1/review, in the document's ``to_review`` count and in the documents list's count."""
    editor = bearer(client, "tests", "editor")
    document = translated(client, ARTICLE, editor)
    # The random model's outputs all miss their numbers; one is made to pass every check, as a
    # good translation with a low score would.
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        row = session.scalars(select(TranslationRow).where(TranslationRow.target_lang == "en")).first()
        assert row is not None and row.confidence is not None and row.confidence < LOW_CONFIDENCE
        row.flags = []
        clean = row.text
        session.commit()
    queue = client.get("/v1/review", params={"document": document["id"], "lang": "en", "limit": 200},
                       headers=editor).json()  # fmt: skip
    assert clean in {i["translation"]["text"] for i in queue if not i["translation"]["flags"]}
    counts = client.get(f"/v1/documents/{document['id']}", headers=editor).json()["review"]["en"]
    assert counts["to_review"] == len(queue) and counts["flagged"] == len(queue) - 1
    listing = client.get("/", headers=editor).text
    assert f"{len(queue)} EN to review" in listing


@contextmanager
def rows_loaded(*tables: type) -> Iterator[list[object]]:
    """Every stored row read as a whole (an ORM object) while the block runs, of ``tables``."""
    loaded: list[object] = []

    def count(target: object, _context: object) -> None:
        loaded.append(target)

    for table in tables:
        event.listen(table, "load", count)
    try:
        yield loaded
    finally:
        for table in tables:
            event.remove(table, "load", count)


def test_the_queue_reads_whole_rows_only_for_the_items_it_answers(client: TestClient) -> None:
    """The database picks the translations that need a person; only those asked for are read whole
    (an outside walk found /v1/review taking 1-2 s where one article had 20,000 sentences: every
    sentence and output of the tenant was loaded to answer 50)."""
    editor = bearer(client, "tests", "editor")
    document = translated(client, ARTICLE, editor)
    waiting = client.get("/v1/review", params={"limit": 500}, headers=editor).json()
    assert len(waiting) >= 4  # the random model's outputs miss their numbers
    for params in ({"limit": 1}, {"limit": 1, "document": document["id"]}, {"limit": 2, "lang": "en"}):
        with rows_loaded(TranslationRow, SegmentRow) as loaded:
            queue = client.get("/v1/review", params=params, headers=editor).json()
        assert queue == waiting[: params["limit"]]
        translations = [row for row in loaded if isinstance(row, TranslationRow)]
        assert len(translations) == params["limit"], params
        assert len(loaded) == 2 * params["limit"], params  # and their sentences
    # the next pages: past 500 the queue is reached page by page (an outside attack found no way)
    pages = [
        client.get("/v1/review", params={"limit": 2, "offset": offset}, headers=editor).json()
        for offset in range(0, len(waiting), 2)
    ]
    assert [item for page in pages for item in page] == waiting


def test_the_queue_of_a_document_that_is_not_the_tenants_is_a_404(client: TestClient) -> None:
    """As every other endpoint answers it (an outside walk found 200 and an empty list): a missing
    document, and another tenant's, answered alike."""
    editor = bearer(client, "tests", "editor")
    document = translated(client, ARTICLE, editor)
    assert client.get("/v1/review", params={"document": document["id"]}, headers=editor).json()
    missing = client.get("/v1/review", params={"document": "no-such-document"}, headers=editor)
    others = client.get(
        "/v1/review", params={"document": document["id"]}, headers=bearer(client, "others", "editor")
    )
    usual = client.get(f"/v1/documents/{document['id']}", headers=bearer(client, "others", "editor"))
    assert missing.status_code == others.status_code == usual.status_code == 404
    assert missing.headers["content-type"] == others.headers["content-type"] == usual.headers["content-type"]
    assert missing.json() == {"detail": "no document no-such-document; list documents with GET /v1/documents"}
    assert (
        others.json()
        == usual.json()
        == {"detail": f"no document {document['id']}; list documents with GET /v1/documents"}
    )
