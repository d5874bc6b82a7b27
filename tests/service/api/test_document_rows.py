"""``GET /v1/documents/{id}`` pages a long article on request, as ``GET /v1/documents`` pages its
list (``limit``, ``offset``, a total and the ``next`` link): an outside review found it answered a
very long article whole, always. Without ``limit`` and ``offset`` the answer is as it was: the
whole document, with no key added."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.aligned import aligned_document, version_of
from service.api.app import create_app
from service.settings import Settings
from service.storage.document_store import get_document
from tests.service.test_aligned_rows import translated_article
from tests.support import api_client


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    application = create_app(
        Settings(database_url=f"sqlite:///{tmp_path / 'rows.db'}", broker_url="memory://")
    )
    yield application
    application.state.dispatcher.close()


def _stored(app: FastAPI, seed_text: str, tenant: str) -> tuple[str, dict, str]:
    """The translated seed article of ``tenant``: its id, the whole document as the API wrote it
    before paging (the aligned document, as JSON) and an older English version's id."""
    with app.state.database.session() as session:
        document = translated_article(session, seed_text, tenant)
        loaded = get_document(session, document.id)
        assert loaded is not None
        older = next(
            version_of(r) for s in loaded.segments for r in s.translations if r.model_id == "model-a"
        )
        return document.id, aligned_document(loaded).model_dump(mode="json"), older


def _all(body: dict) -> list[dict]:
    """The rows of a document (or of a page of it) in reading order."""
    inside = [s for section in body["sections"] for s in [section["heading"], *section["segments"]] if s]
    return body["front_matter"] + inside + body["back_matter"]


def _rows(body: dict) -> list[str]:
    return [s["id"] for s in _all(body)]


def test_a_document_is_read_whole_as_before_or_in_pages(app: FastAPI, seed_text: str) -> None:
    with api_client(app) as client:
        document, before, older = _stored(app, seed_text, "tests")
        whole = client.get(f"/v1/documents/{document}")
        assert whole.status_code == 200 and whole.json() == before and "paging" not in whole.json()
        rows = _rows(before)
        assert len(rows) == 60

        first = client.get(f"/v1/documents/{document}", params={"limit": 25}).json()
        assert first["paging"] == {
            "total": 60, "limit": 25, "offset": 0, "next": f"/v1/documents/{document}?limit=25&offset=25"
        }  # fmt: skip
        assert _rows(first) == rows[:25]
        pages, link = [first], first["paging"]["next"]
        while link:
            pages.append(client.get(link).json())
            link = pages[-1]["paging"]["next"]
        assert [page["paging"]["offset"] for page in pages] == [0, 25, 50]
        assert [row for page in pages for row in _rows(page)] == rows
        for page in pages:  # the whole document's, on every page
            for key in ("title", "summaries", "target_langs", "review", "tags", "revision"):
                assert page[key] == before[key], key
        continued = {s["id"] for s in pages[1]["sections"]} & {s["id"] for s in pages[0]["sections"]}
        assert continued and all(s["heading"] is None for s in pages[1]["sections"] if s["id"] in continued)

        # Only offset: the default size; past the end: no rows; the versions asked for are kept.
        only_offset = client.get(f"/v1/documents/{document}", params={"offset": 10}).json()
        assert only_offset["paging"] == {"total": 60, "limit": 200, "offset": 10, "next": None}
        assert _rows(only_offset) == rows[10:]
        past = client.get(f"/v1/documents/{document}", params={"offset": 60}).json()
        assert _rows(past) == [] and past["paging"]["next"] is None
        version = f"en:{older}"
        old = client.get(f"/v1/documents/{document}", params={"version": version, "limit": 30}).json()
        assert old["paging"]["next"] == f"/v1/documents/{document}?version=en%3A{older}&limit=30&offset=30"
        older_whole = client.get(f"/v1/documents/{document}", params={"version": version}).json()
        rest = client.get(old["paging"]["next"]).json()
        outputs = {s["id"]: s["translations"] for body in (old, rest) for s in _all(body)}
        assert outputs == {s["id"]: s["translations"] for s in _all(older_whole)}
        assert old["review"] == older_whole["review"] != before["review"]

        for params, status in (
            ({"limit": 0}, 422),
            ({"limit": 1001}, 422),
            ({"offset": -1}, 422),
            ({"limit": "x"}, 422),
            ({"limit": 5, "version": "en:000000000000"}, 404),
        ):
            assert client.get(f"/v1/documents/{document}", params=params).status_code == status, params


def test_another_tenants_document_is_not_found_paged_or_not(app: FastAPI, seed_text: str) -> None:
    with api_client(app, tenant="tests") as client:
        theirs, _, _ = _stored(app, seed_text, "others")
        for params in ({}, {"limit": 10}, {"offset": 0}):
            assert client.get(f"/v1/documents/{theirs}", params=params).status_code == 404, params


def test_the_paging_is_in_the_openapi_document(app: FastAPI) -> None:
    with TestClient(app) as client:
        spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/v1/documents/{document_id}"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert {"limit", "offset", "version"} <= set(parameters)
    assert not parameters["limit"]["required"] and not parameters["offset"]["required"]
    assert "whole document" in parameters["limit"]["description"]
    assert parameters["limit"]["schema"]["anyOf"][0]["maximum"] == 1000
    document = spec["components"]["schemas"]["AlignedDocument"]
    assert "paging" in document["properties"] and "paging" not in document["required"]
    assert set(spec["components"]["schemas"]["SegmentPage"]["required"]) == {
        "total",
        "limit",
        "offset",
        "next",
    }
