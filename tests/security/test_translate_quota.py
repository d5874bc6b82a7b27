"""``POST /v1/translate`` reserves the key's daily characters before it translates, as
``POST /v1/checks`` does (found by an outside attack: the quota was checked without a lock and
charged after the translation, so requests sent at the same moment all passed the check and
overspent it). A refusal for the quota says how much is left today and when it resets, in its
``detail``, in ``quota`` and in Retry-After. On SQLite and PostgreSQL, through the app with keys
required."""

from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from service.storage.tables import UsageRow
from tests.security.test_checks_quota import CHARS, CHECK
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


def _said_left(answer: Any, limit: int, used: int, requested: int) -> None:
    """A 429 for the quota: how much is left today and when it resets, in words, as ``quota`` and
    as Retry-After (the seconds until the reset)."""
    assert answer.status_code == 429, answer.text
    body = answer.json()
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow = today + dt.timedelta(days=1)
    assert body["quota"] == {
        "limit": limit,
        "used": used,
        "left": limit - used,
        "requested": requested,
        "resets_at": f"{tomorrow:%Y-%m-%dT%H:%M:%SZ}",
    }, body
    assert f"{limit - used} are left today" in body["detail"], body["detail"]
    assert f"resets at {tomorrow:%Y-%m-%d %H:%M} UTC" in body["detail"], body["detail"]
    wait = int(answer.headers["Retry-After"])
    assert abs(wait - (tomorrow - dt.datetime.now(dt.UTC)).total_seconds()) < 60, wait


def test_a_translation_over_the_quota_says_how_much_is_left_and_when_it_resets(app: FastAPI) -> None:
    key = new_key(app, "theta", role="editor", daily_chars=len(TEXT) + 5)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        answered = client.post("/v1/translate", json=TRANSLATE)
        assert answered.status_code == 200, answered.text
        _said_left(client.post("/v1/translate", json=TRANSLATE), len(TEXT) + 5, len(TEXT), len(TEXT))
        operation = client.get("/openapi.json").json()["paths"]["/v1/translate"]["post"]
    schema = operation["responses"]["429"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/LimitRefusalOut"}, schema


def test_a_check_over_the_quota_says_how_much_is_left_and_when_it_resets(app: FastAPI) -> None:
    key = new_key(app, "iota", role="reader", daily_chars=CHARS + 7)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        assert client.post("/v1/checks", json=CHECK).status_code == 200
        _said_left(client.post("/v1/checks", json=CHECK), CHARS + 7, CHARS, CHARS)
    with api_client(app) as client:  # nothing left at all: said so
        client.headers["Authorization"] = f"Bearer {new_key(app, 'kappa', role='reader', daily_chars=CHARS)}"
        assert client.post("/v1/checks", json=CHECK).status_code == 200
        spent = client.post("/v1/checks", json=CHECK)
        assert spent.status_code == 429 and spent.json()["quota"]["left"] == 0, spent.text
        assert "nothing is left today; it resets at" in spent.json()["detail"]
    with app.state.database.session() as session:
        assert session.scalar(select(func.count()).select_from(UsageRow)) == 2
