"""Post-editing through the real service (API + in-process worker + tiny random-weight model), on
SQLite and PostgreSQL: a correction wins in reads, exports and memory, refreshes the summary that
quotes it, keeps the model's output, and a reader key cannot make one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import select

from service.exports.validate import validate_tmx, validate_xliff
from service.settings import Settings
from service.storage.tables import TranslationRow
from tests.service.api.test_glossaries import segments
from tests.support import embedded_client, new_key, table_counts, wait_for_job

ARTICLE = """Neue Regeln für Drohnen

Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar.

Kritik aus der Opposition

Die Opposition hält die Regeln für zu streng. Sie fordert Nachbesserungen bis zum Sommer.
"""
LATER = """Drohnen im Alltag

Die Opposition hält die Regeln für zu streng. Viele Hobbypiloten sehen das anders.
"""
CORRECTED = "The opposition considers the rules too strict."


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


def translated(client: TestClient, text: str, headers: dict[str, str]) -> dict[str, Any]:
    response = client.post("/v1/jobs", json={"text": text, "targets": ["en"]}, headers=headers)
    assert response.status_code == 202, response.text
    saved = dict(client.headers)
    client.headers.update(headers)  # follow the job as the tenant that submitted it
    try:
        job = wait_for_job(client, response.json()["id"], timeout=300)
    finally:
        client.headers.clear()
        client.headers.update(saved)
    assert job["state"] == "succeeded", job
    document: dict[str, Any] = client.get(f"/v1/documents/{job['document_id']}", headers=headers).json()
    return document


def test_a_correction_wins_everywhere_and_refreshes_the_summary(client: TestClient) -> None:
    app = client.app
    editor = {"Authorization": f"Bearer {new_key(app, 'tests', role='editor', name='Lena')}"}  # type: ignore[arg-type]
    reader = {"Authorization": f"Bearer {new_key(app, 'tests', role='reader')}"}  # type: ignore[arg-type]
    document = translated(client, ARTICLE, editor)
    quoted = document["summaries"]["en"]["sentence_ids"]
    target = next(
        s for s in segments(document) if s["text"] == "Die Opposition hält die Regeln für zu streng."
    )
    if target["id"] not in quoted:  # the extractive summary picked other sentences: take one it quotes
        target = next(s for s in segments(document) if s["id"] in quoted)
    model_text = target["translations"]["en"]["text"]
    url = f"/v1/documents/{document['id']}/segments/{target['id']}/translations/en"

    before = table_counts(app)  # type: ignore[arg-type]
    refused = client.put(url, json={"text": CORRECTED}, headers=reader)
    assert refused.status_code == 403 and "role is reader" in refused.json()["detail"]
    assert (
        client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}, headers=reader).status_code == 403
    )
    assert table_counts(app) == before  # type: ignore[arg-type]
    assert client.get(f"/v1/documents/{document['id']}", headers=reader).status_code == 200

    response = client.put(url, json={"text": CORRECTED}, headers=editor)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["translation"]["origin"] == "human" and body["translation"]["author"] == "Lena"
    assert body["summary_job"], "the summary quotes the sentence: it must be made again"
    refresh = wait_for_job(client, body["summary_job"], timeout=300)
    assert refresh["state"] == "succeeded", refresh

    # Reads: the correction, with who and when; the model's output is still stored.
    document = client.get(f"/v1/documents/{document['id']}", headers=reader).json()
    shown = next(s for s in segments(document) if s["id"] == target["id"])["translations"]["en"]
    assert (shown["text"], shown["origin"], shown["author"]) == (
        CORRECTED,
        "human",
        body["translation"]["author"],
    )
    with app.state.database.session() as session:  # type: ignore[attr-defined]
        texts = set(session.scalars(select(TranslationRow.text).where(TranslationRow.origin == "model")))
    assert model_text in texts
    # The refreshed summary quotes the correction.
    assert CORRECTED in document["summaries"]["en"]["text"]

    # Exports say who and when.
    tmx = client.get(
        f"/v1/documents/{document['id']}/export", params={"format": "tmx", "lang": "en"}, headers=reader
    )
    validate_tmx(tmx.content)
    tuv = etree.fromstring(tmx.content).xpath("//tuv[seg=$text]", text=CORRECTED)
    assert tuv and tuv[0].get("changeid") == body["translation"]["author"] and tuv[0].get("changedate")
    xliff = client.get(
        f"/v1/documents/{document['id']}/export", params={"format": "xliff", "lang": "en"}, headers=reader
    )
    validate_xliff(xliff.content)
    assert CORRECTED in xliff.text and "reviewed" in xliff.text

    # Memory: the same sentence in a later article of the tenant gets the correction.
    later = translated(client, LATER, editor)
    again = next(s for s in segments(later) if s["text"] == target["text"])["translations"]["en"]
    assert (again["text"], again["origin"]) == (CORRECTED, "memory:human")
    # ...with who wrote it and when (author was null before).
    assert (again["author"], again["created_at"]) == (
        body["translation"]["author"],
        body["translation"]["created_at"],
    )
    other = {"Authorization": f"Bearer {new_key(app, 'other-tenant')}"}  # type: ignore[arg-type]
    elsewhere = translated(client, LATER, other)
    theirs = next(s for s in segments(elsewhere) if s["text"] == target["text"])["translations"]["en"]
    assert theirs["origin"] == "model", "another tenant must not get this tenant's corrections"


def test_what_cannot_be_corrected_is_refused(client: TestClient) -> None:
    document = translated(client, ARTICLE, {})
    first = next(s for s in segments(document) if s["translatable"])
    base = f"/v1/documents/{document['id']}/segments"
    assert client.put(f"{base}/s09.p09.09/translations/en", json={"text": "x"}).status_code == 404
    no_lang = client.put(f"{base}/{first['id']}/translations/ko", json={"text": "x"})
    assert no_lang.status_code == 422 and "no ko translation" in no_lang.json()["detail"]
    unknown = client.put(f"{base}/{first['id']}/translations/xx", json={"text": "x"})
    # not "submit the article with targets ['xx'] first", which no model could do
    assert unknown.status_code == 422 and "lang 'xx' is not a supported language" in unknown.json()["detail"]
    for bad in ("", "   ", "a\u0000b", "zwei\u0007Töne"):  # empty, blank, control characters
        refused = client.put(f"{base}/{first['id']}/translations/en", json={"text": bad})
        assert refused.status_code == 422, (bad, refused.text)
    assert (
        client.put(
            f"/v1/documents/nope/segments/{first['id']}/translations/en", json={"text": "x"}
        ).status_code
        == 404
    )
