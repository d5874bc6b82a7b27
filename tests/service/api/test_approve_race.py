"""Approvals of one translation sent at the same moment, on SQLite and PostgreSQL (found by an outside
attack: 20 approvals from two editors at once each answered with its own approver and time, and the
last one written was kept). One approval is stored, and every request answers with that one."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.api.test_glossaries import segments
from tests.service.api.test_publishing import bearer, read, stored_translation


def test_approvals_sent_at_the_same_moment_store_one_and_all_answer_with_it(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service import review

    real = review.shown_translation

    def slow_shown_translation(*args: Any) -> Any:
        row = real(*args)
        time.sleep(0.3)  # every request has read "not approved yet" before any stores
        return row

    monkeypatch.setattr(review, "shown_translation", slow_shown_translation)
    editors = [bearer(client, "tests", "editor", name=name) for name in ("Lena", "Omar")]
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    url = f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en/approve"
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: client.post(url, headers=editors[n % 2]), range(8)))
    assert all(answer.status_code == 200 for answer in answers), [answer.text for answer in answers]
    told = {(a.json()["translation"]["approved_by"], a.json()["translation"]["approved_at"]) for a in answers}
    assert len(told) == 1, f"each request was told another approval: {told}"
    document = read(client, document_id, editors[0])
    stored = next(s for s in segments(document) if s["id"] == keys[0])["translations"]["en"]
    assert {(stored["approved_by"], stored["approved_at"])} == told, (stored, told)
