"""Glossaries through the real service (API + in-process worker + the tiny random-weight model),
on SQLite and PostgreSQL. The tiny model proves plumbing, never quality: it drops every
placeholder, so these tests also prove the fallback that puts a term in by position."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.retranslate import Selection, plan, select_documents
from service.settings import Settings
from service.storage.tables import TranslationRow
from tests.support import embedded_client, new_key, table_counts, wait_for_job
from workers.engines.engine import identity_of
from workers.model_cache import ModelCache

ARTICLE = """Treffen in Pjöngjang

Kim Jong-un hat am Montag Gäste empfangen. Die Regierung in Seoul reagierte zurückhaltend.

Reaktionen im Netz

Nutzer von DC Inside diskutierten das Treffen mit Kim Jong-un lange. Das Wetter war schlecht.
Die Regierung schwieg dazu.
"""
GLOSSARY = {
    "name": "Nachrichten",
    "entries": [
        {"source": "Kim Jong-un", "do_not_translate": True},
        {"source": "DC Inside", "do_not_translate": True},
        {"source": "Regierung", "targets": {"en": "government"}},
    ],
}


@pytest.fixture
def settings(database_url: str, tiny_marian_dir: Path) -> Settings:
    return Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with embedded_client(settings) as test_client:
        yield test_client


def segments(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(document["front_matter"])
    for section in document["sections"]:
        found += ([section["heading"]] if section["heading"] else []) + section["segments"]
    return found + list(document["back_matter"])


def test_crud_versions_names_and_tenants(client: TestClient) -> None:
    created = client.post("/v1/glossaries", json=GLOSSARY)
    assert created.status_code == 201, created.text
    glossary = created.json()
    assert created.headers["location"] == f"/v1/glossaries/{glossary['id']}"
    assert glossary["version"] == 1 and len(glossary["entries"]) == 3

    again = client.post("/v1/glossaries", json=GLOSSARY)
    assert again.status_code == 409 and "exists already" in again.json()["detail"]
    # also as the default (making it so changes the others first: the name must be refused before)
    again = client.post("/v1/glossaries", json={**GLOSSARY, "default": True})
    assert again.status_code == 409 and "exists already" in again.json()["detail"], again.text
    assert not client.get(f"/v1/glossaries/{glossary['id']}").json()["default"]
    for entries, problem in (
        ([{"source": "Bund"}], "do_not_translate"),
        ([{"source": "Haus", "targets": {"en": "house"}}, {"source": "Haus", "targets": {"en": "building"}}],
         "two entries"),
        ([{"source": "Haus", "targets": {"xx": "house"}}], "not a supported language"),
        ([{"source": "Haus", "targets": {"en": "house"}, "do_not_translate": True}], "either kept"),
    ):  # fmt: skip
        bad = client.post("/v1/glossaries", json={"name": "x", "entries": entries})
        assert bad.status_code == 422 and problem in str(bad.json()["detail"]), bad.text
    dup_csv = client.post(
        "/v1/glossaries/import", params={"name": "dup"}, content="source,en\nHaus,house\nHaus,building\n",
        headers={"Content-Type": "text/csv"},
    )  # fmt: skip
    assert dup_csv.status_code == 422 and "two entries" in dup_csv.json()["detail"]

    replaced = client.put(f"/v1/glossaries/{glossary['id']}", json={**GLOSSARY, "default": True})
    assert replaced.status_code == 200 and replaced.json()["version"] == 2 and replaced.json()["default"]
    listed = client.get("/v1/glossaries").json()
    assert [(g["name"], g["version"], g["entries"]) for g in listed] == [("Nachrichten", 2, 3)]

    other = {"Authorization": f"Bearer {new_key(client.app, 'other-tenant')}"}  # type: ignore[arg-type]
    assert client.get(f"/v1/glossaries/{glossary['id']}", headers=other).status_code == 404
    assert client.get("/v1/glossaries", headers=other).json() == []
    before = table_counts(client.app)  # type: ignore[arg-type]
    refused = client.post(
        "/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "glossary": glossary["id"]}, headers=other
    )
    assert refused.status_code == 422 and "no glossary" in refused.json()["detail"]
    assert table_counts(client.app) == before  # type: ignore[arg-type]

    assert client.delete(f"/v1/glossaries/{glossary['id']}").status_code == 204
    assert client.get(f"/v1/glossaries/{glossary['id']}").status_code == 404


def test_csv_import_becomes_a_glossary(client: TestClient) -> None:
    csv = "source,en,ko,do_not_translate\nKim Jong-un,,,true\nRegierung,government,정부,\n"
    response = client.post(
        "/v1/glossaries/import", params={"name": "aus CSV"}, content=csv, headers={"Content-Type": "text/csv"}
    )
    assert response.status_code == 201, response.text
    assert [e["source"] for e in response.json()["entries"]] == ["Kim Jong-un", "Regierung"]
    broken = client.post(
        "/v1/glossaries/import", params={"name": "kaputt"}, content="a,b\n1,2\n",
        headers={"Content-Type": "text/csv"},
    )  # fmt: skip
    assert broken.status_code == 422 and "first line must name the columns" in broken.json()["detail"]


def test_tbx_v3_import_becomes_a_glossary_and_other_xml_is_a_422_saying_what_was_expected(
    client: TestClient,
) -> None:
    """Found by an outside tester: TBX v3 (conceptEntry/langSec/termSec/term) got a 422 "no entry
    has a term in the source language 'de'"."""
    from tests.service.glossary.test_formats import TBX_V3

    tbx = {"Content-Type": "application/x-tbx"}
    response = client.post(
        "/v1/glossaries/import", params={"name": "v3", "format": "tbx"}, content=TBX_V3.encode(), headers=tbx
    )
    assert response.status_code == 201, response.text
    assert [(e["source"], e["targets"]) for e in response.json()["entries"]] == [
        ("Nordkorea", {"en": "North Korea", "ko": "북한"}),
        ("Kim Jong-un", {}),
    ]
    other = client.post(
        "/v1/glossaries/import", params={"name": "x", "format": "tbx"}, content=b"<terms><t>a</t></terms>",
        headers=tbx,
    )  # fmt: skip
    assert other.status_code == 422, other.text
    assert "under the root <terms>: expected TBX v3 (<tbx>" in other.json()["detail"]
    assert "or TBX v2 (<martif>" in other.json()["detail"]


def test_terms_survive_and_a_change_makes_exactly_its_outputs_stale(
    client: TestClient, settings: Settings
) -> None:
    glossary = client.post("/v1/glossaries", json=GLOSSARY).json()
    job = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en", "ko"], "glossary": glossary["id"]})
    assert job.status_code == 202, job.text
    assert job.json()["glossary"] == glossary["id"]
    finished = wait_for_job(client, job.json()["id"], timeout=300)
    assert finished["state"] == "succeeded", finished
    document = client.get(f"/v1/documents/{finished['document_id']}").json()

    held = 0
    for segment in segments(document):
        if not segment["translatable"]:
            continue
        for name in ("Kim Jong-un", "DC Inside"):
            if name in segment["text"]:
                held += 1
                for lang in ("en", "ko"):
                    assert name in segment["translations"][lang]["text"], (segment, lang)
        if "Regierung" in segment["text"]:
            assert "government" in segment["translations"]["en"]["text"], segment
            placed = [f for f in segment["translations"]["en"]["flags"] if f["check"] == "glossary"]
            assert placed and placed[0]["severity"] == "minor"  # placed by the fallback
    assert held == 3

    # The same sentences in another article come from memory, and keep their glossary flag (lost before).
    other = client.post(
        "/v1/jobs",
        json={
            "text": ARTICLE + "\nEin weiterer Satz steht am Ende.\n",
            "targets": ["en"],
            "glossary": glossary["id"],
        },
    )
    reused = wait_for_job(client, other.json()["id"], timeout=300)
    assert reused["state"] == "succeeded", reused
    served = [
        s["translations"]["en"]
        for s in segments(client.get(f"/v1/documents/{reused['document_id']}").json())
        if s["translatable"] and "Regierung" in s["text"]
    ]
    assert served and all(
        t["origin"] == "memory" and any(f["check"] == "glossary" for f in t["flags"]) for t in served
    ), served

    # "Regierung" gets another translation in English: only the sentences that hold it are stale.
    changed = {
        **GLOSSARY,
        "entries": [*GLOSSARY["entries"][:2], {"source": "Regierung", "targets": {"en": "administration"}}],
    }
    assert client.put(f"/v1/glossaries/{glossary['id']}", json=changed).json()["version"] == 2
    holding = sum(1 for s in segments(document) if s["translatable"] and "Regierung" in s["text"])
    assert holding == 2
    database = client.app.state.database  # type: ignore[attr-defined]
    cache = ModelCache(settings)
    with database.session() as session:
        documents = select_documents(session, Selection(ids=[document["id"]]))
        items = plan(session, documents, ["en", "ko"], lambda s, t: identity_of(cache.engine_for(s, t)))
        stale = {item.target_lang: item.stale_segments for item in items}
        rows_before = session.scalar(select(func.count()).select_from(TranslationRow))
    assert stale == {"en": holding, "ko": 0}

    again = client.post(
        "/v1/jobs", json={"text": ARTICLE, "targets": ["en", "ko"], "glossary": glossary["id"]}
    )
    assert wait_for_job(client, again.json()["id"], timeout=300)["state"] == "succeeded"
    with database.session() as session:
        rows_after = session.scalar(select(func.count()).select_from(TranslationRow))
    assert rows_after - rows_before == holding  # one new output per stale sentence, nothing else
    document = client.get(f"/v1/documents/{finished['document_id']}").json()
    for segment in segments(document):
        if segment["translatable"] and "Regierung" in segment["text"]:
            assert "administration" in segment["translations"]["en"]["text"]
