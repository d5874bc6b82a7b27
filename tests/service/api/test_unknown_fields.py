"""Found by an outside tester: ``POST /v1/jobs`` took ``{"text": ..., "targets": ["en"], "foo": 1}``
with a 202, so a typo such as ``"extrenal_id"`` was lost without a word. Every JSON request body
of /v1 refuses a field it does not have, naming it and the fields there are; responses stay open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.support import embedded_client, table_counts

ARTICLE = "Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt.\n"
ENTRY = {"source": "Bundestag", "do_not_translate": True}


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


def _refusals(response: Any) -> dict[tuple[Any, ...], str]:
    assert response.status_code == 422, response.text
    return {tuple(problem["loc"]): problem["msg"] for problem in response.json()["detail"]}


def test_a_job_with_an_unknown_field_is_refused_naming_it_and_nothing_is_stored(client: TestClient) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    body = {"text": ARTICLE, "targets": ["en"], "extrenal_id": "cms-1", "foo": 1}
    said = _refusals(client.post("/v1/jobs", json=body))
    fields = "text, url, format, source_lang, targets, glossary, external_id, callback_url, priority"
    assert said == {
        ("body", "extrenal_id"): f"unknown field 'extrenal_id': the fields are {fields}",
        ("body", "foo"): f"unknown field 'foo': the fields are {fields}",
    }
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    assert client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}).status_code == 202


def test_the_other_bodies_refuse_unknown_fields_at_every_level(client: TestClient) -> None:
    translated = _refusals(client.post("/v1/translate", json={"text": "Hallo.", "target_lang": "en",
                                                              "sourcelang": "de"}))  # fmt: skip
    assert translated == {
        ("body", "sourcelang"): "unknown field 'sourcelang': the fields are text, source_lang, target_lang"
    }
    entry = {**ENTRY, "case_sensitiv": False}
    glossary = _refusals(client.post("/v1/glossaries", json={"name": "G", "entries": [ENTRY, entry]}))
    assert glossary == {
        ("body", "entries", 1, "case_sensitiv"): "unknown field 'case_sensitiv' in entries[1]: the fields "
        "are source, targets, do_not_translate, case_sensitive"
    }
    created = client.post("/v1/glossaries", json={"name": "G", "entries": [ENTRY]})
    assert created.status_code == 201, created.text
    glossary_path = f"/v1/glossaries/{created.json()['id']}"
    replaced = _refusals(client.put(glossary_path, json={"name": "G", "entries": [], "defualt": True}))
    assert replaced == {("body", "defualt"): "unknown field 'defualt': the fields are name, entries, default"}
    assert client.get(glossary_path).json()["entries"] == [{**ENTRY, "targets": {}, "case_sensitive": True}]
    pair = {"source": "a", "target": "b", "note": "x"}
    checks = {"source_lang": "de", "target_lang": "en", "pairs": [pair]}
    assert _refusals(client.post("/v1/checks", json=checks)) == {
        ("body", "pairs", 0, "note"): "unknown field 'note' in pairs[0]: the fields are source, target"
    }
    correction = client.put("/v1/documents/d/segments/s01.p01.01/translations/en",
                            json={"text": "New rules", "lang": "en"})  # fmt: skip
    assert _refusals(correction) == {("body", "lang"): "unknown field 'lang': the fields are text"}


def test_the_schema_says_request_bodies_are_closed_and_responses_open(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path_item in spec["paths"].values():
        for method, operation in path_item.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None or "$ref" not in body["schema"]:
                continue
            name = body["schema"]["$ref"].rsplit("/", 1)[-1]
            assert schemas[name].get("additionalProperties") is False, (method, name)
    for name in ("GlossaryEntryIn", "CheckPairIn"):
        assert schemas[name]["additionalProperties"] is False, name
    for name in ("JobOut", "GlossaryOut", "GlossaryEntry", "CheckResponse", "CorrectionOut"):
        assert "additionalProperties" not in schemas[name], name
