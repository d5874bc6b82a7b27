"""``POST /v1/translate`` reserves the key's daily characters before it translates, as
``POST /v1/checks`` does (found by an outside attack: the quota was checked without a lock and
charged after the translation, so requests sent at the same moment all passed the check and
overspent it). A refusal for the quota says how much is left today and when it resets, in its
``detail``, in ``quota`` and in Retry-After. On SQLite and PostgreSQL, through the app with keys
required."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from service.storage.tables import UsageRow
from tests.support import api_client, new_key

TEXT = "Der Bundestag hat das Gesetz beschlossen."
TRANSLATE = {"text": TEXT, "source_lang": "de", "target_lang": "en"}


def _charged(app: FastAPI) -> list[tuple[str, int]]:
    with app.state.database.session() as session:
        return [(kind, chars) for kind, chars in session.execute(select(UsageRow.kind, UsageRow.chars))]


def test_translations_sent_at_the_same_moment_stay_within_the_quota(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eight requests of one key at once, its quota enough for two: exactly two are translated and
    charged, the others get 429, and the usage stored is what was answered. The translation is
    slowed (as a long text's is), so that the requests are under way together wherever the quota is
    not held while a worker translates."""
    dispatcher = app.state.dispatcher
    translate = dispatcher.translate_text

    def slow_translation(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)
        return translate(*args, **kwargs)

    monkeypatch.setattr(dispatcher, "translate_text", slow_translation)
    key = new_key(app, "zeta", role="editor", daily_chars=2 * len(TEXT) + 1)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: client.post("/v1/translate", json=TRANSLATE), range(8)))
    statuses = sorted(answer.status_code for answer in answers)
    assert set(statuses) <= {200, 429}, [answer.text[:300] for answer in answers]
    assert all("daily quota" in a.json()["detail"] for a in answers if a.status_code == 429)
    assert _charged(app) == [("translate", len(TEXT))] * statuses.count(200)
    assert statuses == [200, 200] + [429] * 6, [answer.text[:300] for answer in answers]
