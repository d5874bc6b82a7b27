"""Replacements of one glossary sent at the same moment, on SQLite and PostgreSQL (found by an
outside attack: 20 PUTs at once were each answered 200 with a version, 2 to 4, several told the same
version with different entries, and the glossary stored was version 2). Each replacement gets a
version of its own, one after the other, and the one stored is the last told."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.api.test_glossaries import GLOSSARY, client, settings  # noqa: F401 (fixtures)


def test_replacements_sent_at_the_same_moment_each_get_their_own_version(
    client: TestClient,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from service.glossary import glossary_store

    real = glossary_store._dump

    def slow_dump(*args: Any) -> Any:
        time.sleep(0.2)  # every request is under way before any stores
        return real(*args)

    monkeypatch.setattr(glossary_store, "_dump", slow_dump)
    created = client.post("/v1/glossaries", json=GLOSSARY)
    assert created.status_code == 201, created.text
    url = f"/v1/glossaries/{created.json()['id']}"

    def put(n: int) -> Any:
        return client.put(
            url, json={"name": "Nachrichten", "entries": [{"source": f"Term{n}", "do_not_translate": True}]}
        )

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(put, range(6)))
    assert all(answer.status_code == 200 for answer in answers), [answer.text for answer in answers]
    told = sorted((a.json()["version"], a.json()["entries"][0]["source"]) for a in answers)
    assert [version for version, _ in told] == [2, 3, 4, 5, 6, 7], f"versions told: {told}"
    stored = client.get(url).json()
    assert (stored["version"], stored["entries"][0]["source"]) == told[-1], (stored, told)
