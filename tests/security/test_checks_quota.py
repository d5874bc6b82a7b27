"""``POST /v1/checks`` is paid from the key's daily character quota, the one jobs and
``POST /v1/translate`` use (found by an outside attack: six 1,000-pair requests of a reader key were
counted only against its per-minute rate limit and slowed every other request). On SQLite and
PostgreSQL, through the app with keys required."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from service.checks.requests import run_checks
from service.storage.tables import UsageRow
from tests.support import api_client, new_key, wait_for_job

PAIRS = [
    {"source": "Nordkorea schickt 6.000 Soldaten.", "target": "North Korea sends 6,000 soldiers."},
    {"source": "Zwei Polizisten wurden verletzt.", "target": "Two police officers were injured."},
]
CHECK = {"source_lang": "de", "target_lang": "en", "pairs": PAIRS}
CHARS = sum(len(pair["source"]) + len(pair["target"]) for pair in PAIRS)  # what one request checks
SHORT = "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar."


def _charged(app: FastAPI) -> list[tuple[str, int]]:
    with app.state.database.session() as session:
        return [(kind, chars) for kind, chars in session.execute(select(UsageRow.kind, UsageRow.chars))]


def test_the_characters_checked_count_against_the_daily_quota(app: FastAPI) -> None:
    reader = new_key(app, "alpha", role="reader", daily_chars=2 * CHARS + 10)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {reader}"
        for _ in range(2):
            answer = client.post("/v1/checks", json=CHECK)
            assert answer.status_code == 200, answer.text
        refused = client.post("/v1/checks", json=CHECK)
        assert refused.status_code == 429, refused.text
        detail = refused.json()["detail"]
        assert f"these {CHARS} characters would pass the key's daily quota of {2 * CHARS + 10}" in detail
        assert f"({2 * CHARS} used today)" in detail and "resets at" in detail
        assert 1 <= int(refused.headers["Retry-After"]) <= 86_400
    assert _charged(app) == [("check", CHARS), ("check", CHARS)]  # the refused request is not charged


def test_checks_and_translations_share_one_quota(app: FastAPI) -> None:
    editor = new_key(app, "beta", role="editor", daily_chars=len(SHORT) + CHARS - 1)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {editor}"
        job = client.post("/v1/jobs", json={"text": SHORT, "targets": ["en"]})
        assert job.status_code == 202, job.text
        assert wait_for_job(client, job.json()["id"])["state"] == "succeeded"
        refused = client.post("/v1/checks", json=CHECK)
        assert refused.status_code == 429 and "daily quota" in refused.json()["detail"], refused.text
    assert _charged(app) == [("job", len(SHORT))]


def test_checks_sent_at_the_same_moment_stay_within_the_quota(app: FastAPI) -> None:
    """Four requests of one key at once, its quota enough for two: exactly two are answered and
    charged (the key's row is locked while the characters are reserved), on SQLite as on
    PostgreSQL."""
    reader = new_key(app, "gamma", role="reader", daily_chars=2 * CHARS + 1)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {reader}"
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: client.post("/v1/checks", json=CHECK), range(4)))
    statuses = sorted(answer.status_code for answer in answers)
    assert set(statuses) <= {200, 429}, [answer.text for answer in answers]
    with app.state.database.session() as session:
        charged = session.scalar(select(func.coalesce(func.sum(UsageRow.chars), 0)))
    assert charged == statuses.count(200) * CHARS
    assert statuses == [200, 200, 429, 429]


def test_a_request_over_the_pair_limit_is_refused_saying_so_and_the_limits_are_documented(
    app: FastAPI,
) -> None:
    too_many: dict[str, Any] = {**CHECK, "pairs": [PAIRS[0]] * 2_001}
    with api_client(app) as client:
        refused = client.post("/v1/checks", json=too_many)
        assert refused.status_code == 422, refused.text[:300]
        assert refused.json()["detail"].startswith("pairs: one request checks at most 2,000 sentence pairs")
        operation = client.get("/openapi.json").json()["paths"]["/v1/checks"]["post"]
    assert "daily character quota" in operation["description"]
    assert "2,000 pairs" in operation["description"] and "200,000 characters" in operation["description"]
    assert "more than 2,000 pairs" in operation["responses"]["422"]["description"]
    assert "daily character quota" in operation["responses"]["429"]["description"]
    assert _charged(app) == []


def test_no_pairs_is_refused_saying_what_to_send(app: FastAPI) -> None:
    """An outside tester's finding: no pairs, or an empty list, was pydantic's list of problems
    ("Field required", "List should have at least 1 item"), where other refusals are one sentence."""
    with api_client(app) as client:
        for body in (
            {"source_lang": "de", "target_lang": "en"},
            {**CHECK, "pairs": []},
            {**CHECK, "pairs": "x"},
        ):
            refused = client.post("/v1/checks", json=body)
            assert refused.status_code == 422, refused.text[:300]
            assert refused.json()["detail"].startswith("pairs: give one or more sentence pairs as a list"), (
                refused.text
            )
    assert _charged(app) == []


def test_twelve_checks_at_once_pass_the_quota_at_most_as_often_as_it_allows(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by an outside attack: with a quota of 5,000 characters, 3 or 4 of 10 to 12 requests of
    2,430 characters sent at once were answered (9,720 used). Twelve requests of 2,415 characters
    now: the characters are reserved, with the key's row locked, before the checks run, so on SQLite
    and PostgreSQL exactly two are answered and charged. The checks are slowed (as a long request's
    are), so that the requests are under way together wherever the quota is not held while they run."""
    from service.usecases import checking

    def slow_checks(*args: Any) -> Any:
        time.sleep(0.3)
        return run_checks(*args)

    monkeypatch.setattr(checking, "run_checks", slow_checks)
    pairs = [
        {"source": f"Die Regierung hat am Montag {n} neue Regeln für Drohnen angekündigt, sagte Anna Berg.",
         "target": f"On Monday the government announced {n} new rules for drones, said Anna Berg."}
        for n in range(100, 115)
    ]  # fmt: skip
    chars = sum(len(pair["source"]) + len(pair["target"]) for pair in pairs)
    assert chars == 2_415
    reader = new_key(app, "delta", role="reader", daily_chars=5_000)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {reader}"
        with ThreadPoolExecutor(12) as pool:
            body = {**CHECK, "pairs": pairs}
            answers = list(pool.map(lambda _: client.post("/v1/checks", json=body), range(12)))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] * 2 + [429] * 10, [answer.text[:200] for answer in answers]
    assert _charged(app) == [("check", chars), ("check", chars)]


def test_a_check_refused_while_it_runs_is_not_charged(app: FastAPI) -> None:
    """The characters are reserved before the checks run; a request the checks refuse (a glossary
    the tenant does not have) gives its reservation back, as a refused job is not charged."""
    reader = new_key(app, "epsilon", role="reader", daily_chars=CHARS)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {reader}"
        refused = client.post("/v1/checks", json={**CHECK, "glossary": "no-such-glossary"})
        assert 400 <= refused.status_code < 500 and refused.status_code != 429, refused.text
        assert _charged(app) == []
        answered = client.post("/v1/checks", json=CHECK)  # the whole quota is still there
        assert answered.status_code == 200, answered.text
    assert _charged(app) == [("check", CHARS)]
