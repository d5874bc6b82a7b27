"""API keys at rest, revocation, per-key rate limits (in memory and shared through Redis) and
daily character quotas: refused requests say when to retry and store nothing."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select, text
from typer.testing import CliRunner

from service.api_keys import revoke_key
from service.cli import app as cli
from service.settings import Settings
from service.storage.tables import ApiKey
from tests.conftest import REDIS_URL
from tests.support import api_client, new_key, sign_in, table_counts, wait_for_job

SHORT = "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar."


def test_keys_are_stored_hashed_and_managed_by_the_cli(app: FastAPI, database_url: str) -> None:
    runner = CliRunner()
    created = runner.invoke(cli, ["keys", "create", "--tenant", "newsroom", "--name", "scraper",
                                  "--rate-limit", "30/minute", "--database-url", database_url])  # fmt: skip
    assert created.exit_code == 0, created.output
    key = created.stdout.strip().splitlines()[-1]
    assert key.startswith("il_") and len(key) > 40

    # Nothing stored anywhere contains the key: only its SHA-256 and its first characters.
    with app.state.database.session() as session:
        row = session.scalar(select(ApiKey).where(ApiKey.tenant == "newsroom"))
        assert row is not None and row.key_hash == hashlib.sha256(key.encode()).hexdigest()
        assert key[:10] == row.prefix
        dumped = session.execute(text("SELECT * FROM api_keys")).all()
    assert key not in repr(dumped)

    listed = runner.invoke(cli, ["keys", "list", "--database-url", database_url], env={"COLUMNS": "200"})
    assert listed.exit_code == 0 and "newsroom" in listed.output and "30/minute" in listed.output
    assert key not in listed.output
    # At 80 columns each key is a block: its id whole (for `keys revoke`), every field labelled.
    narrow = runner.invoke(cli, ["keys", "list", "--database-url", database_url], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0 and row.id in narrow.output.splitlines()
    assert "  rate limit:  30/minute" in narrow.output and "  name:        scraper" in narrow.output
    assert max(len(line) for line in narrow.output.splitlines()) <= 80

    with api_client(app) as client:
        headers = {"Authorization": f"Bearer {key}"}
        assert client.get("/v1/documents", headers=headers).status_code == 200
        # the key without its scheme is told what is missing (a newcomer read "a key is required")
        bare = client.get("/v1/documents", headers={"Authorization": key})
        assert bare.status_code == 401 and "has no 'Bearer ' before the key" in bare.json()["detail"]
        revoked = runner.invoke(cli, ["keys", "revoke", row.id, "--database-url", database_url])
        assert revoked.exit_code == 0, revoked.output
        refused = client.get("/v1/documents", headers=headers)
        assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
        # revoked again: the state asked for holds, and the answer says since when (a newcomer read
        # "no active key" as the id being wrong); an id that names no key is the error
        again = runner.invoke(cli, ["keys", "revoke", row.id, "--database-url", database_url])
        assert again.exit_code == 0 and f"key {row.id} was already revoked on " in again.output
        unknown = runner.invoke(cli, ["keys", "revoke", "no-such-id", "--database-url", database_url])
        assert unknown.exit_code == 2 and "no key no-such-id; see `interlinear keys list`" in unknown.output
        assert client.get("/v1/documents", headers=headers).status_code == 401

    bad = runner.invoke(cli, ["keys", "create", "--tenant", "Bad Name!", "--database-url", database_url])
    assert bad.exit_code == 2 and "tenant" in bad.output
    bad = runner.invoke(cli, ["keys", "create", "--tenant", "ok", "--rate-limit", "lots",
                              "--database-url", database_url])  # fmt: skip
    assert bad.exit_code == 2 and "60/minute" in bad.output
    # a name is who corrections are recorded as: a direction control would make "Anna\u202egreB" show
    # as "Anna Berg" on pages and in exports (outside attack); refused, nothing stored
    before = table_counts(app)
    bad = runner.invoke(cli, ["keys", "create", "--tenant", "ok", "--name", "Anna\u202egreB",
                              "--database-url", database_url])  # fmt: skip
    assert bad.exit_code == 2, bad.output
    assert "--name: the key's name holds U+202E" in " ".join(bad.output.split()), bad.output
    assert table_counts(app) == before


def test_a_keys_highest_priority_is_taken_in_any_case(app: FastAPI, database_url: str) -> None:
    """``--max-priority Normal`` was refused as no priority (a newcomer's finding), while the API's
    list filter took any case: stored as the service names it; another word is refused, naming them."""
    runner = CliRunner()
    created = runner.invoke(cli, ["keys", "create", "--tenant", "agency", "--max-priority", " Normal",
                                  "--database-url", database_url])  # fmt: skip
    assert created.exit_code == 0, created.output
    with app.state.database.session() as session:
        row = session.scalar(select(ApiKey).where(ApiKey.tenant == "agency"))
        assert row is not None and row.max_priority == "normal"
    before = table_counts(app)
    refused = runner.invoke(cli, ["keys", "create", "--tenant", "agency", "--max-priority", "HIGH",
                                  "--database-url", database_url])  # fmt: skip
    assert refused.exit_code == 2, refused.output
    assert "--max-priority 'HIGH': use one of breaking, normal, bulk" in refused.output
    assert table_counts(app) == before


HOW = "send it as 'Authorization: Bearer KEY' (or 'X-API-Key: KEY')"


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("", "an API key is required: " + HOW),
        ("Bearer ", "the Authorization header has 'Bearer' but no key after it: " + HOW),
        ("Bearer    ", "the Authorization header has 'Bearer' but no key after it: " + HOW),
        ("bearer", "the Authorization header has 'Bearer' but no key after it: " + HOW),
        ("Basic dXNlcjpwYXNz", "the Authorization scheme 'Basic' is not accepted, only Bearer: " + HOW),
        ("Token il_0123456789", "the Authorization scheme 'Token' is not accepted, only Bearer: " + HOW),
        ("il_0123456789", "the Authorization header has no 'Bearer ' before the key: " + HOW),
        ("N" * 500 + " x", f"the Authorization scheme '{'N' * 20}…' is not accepted, only Bearer: " + HOW),
    ],
)
def test_an_authorization_header_without_a_key_says_what_is_wrong_with_it(
    app: FastAPI, header: str, said: str
) -> None:
    """Found by an outside tester: "Bearer " with no key was told it had no 'Bearer ' before the
    key, and "Basic ..." only that a key is required."""
    with TestClient(app) as client:
        refused = client.get("/v1/documents", headers={"Authorization": header})
    assert refused.status_code == 401, refused.text
    assert refused.json()["detail"].startswith(said), refused.json()["detail"]
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")


def _hammer(app: FastAPI, key: str, times: int) -> list[int]:
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        return [client.get("/v1/documents").status_code for _ in range(times)]


def test_rate_limit_per_key_in_memory(app: FastAPI) -> None:
    limited = new_key(app, "alpha", rate_limit="3/minute")
    other = new_key(app, "alpha", rate_limit="3/minute")
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {limited}"
        answers = [client.get("/v1/documents") for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert (
            answers[0].headers["RateLimit-Limit"] == "3" and answers[0].headers["RateLimit-Remaining"] == "2"
        )
        refused = answers[-1]
        assert "rate limit 3/minute" in refused.json()["detail"]
        assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert _hammer(app, other, 3) == [200, 200, 200]  # each key has its own budget


def test_rate_limit_is_shared_by_api_processes_through_redis(make_app: Callable[..., FastAPI]) -> None:
    """Two API instances (as behind a load balancer) count one key's requests together in Redis."""
    storage = REDIS_URL.rsplit("/", 1)[0] + "/10"  # not 9: the worker tests flush theirs
    first = make_app(rate_limit_storage=storage)
    second = make_app(rate_limit_storage=storage)
    key = new_key(first, f"t-{uuid.uuid4().hex[:8]}", rate_limit="4/minute")
    assert _hammer(first, key, 2) == [200, 200]
    assert _hammer(second, key, 3) == [200, 200, 429]
    assert _hammer(first, key, 1) == [429]


def test_daily_quota_refuses_and_stores_nothing(app: FastAPI) -> None:
    key = new_key(app, "alpha", daily_chars=len(SHORT) + 20)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        first = client.post("/v1/jobs", json={"text": SHORT, "targets": ["en"]})
        assert first.status_code == 202, first.text
        assert wait_for_job(client, first.json()["id"])["state"] == "succeeded"
        before = table_counts(app)
        again = client.post("/v1/jobs", json={"text": SHORT + " Mehr folgt.", "targets": ["en"]})
        assert again.status_code == 429, again.text
        assert "daily quota" in again.json()["detail"] and "resets at" in again.json()["detail"]
        assert 1 <= int(again.headers["Retry-After"]) <= 86_400
        sync = client.post("/v1/translate", json={"text": "Das ist gut. Wer weiß?", "target_lang": "en"})
        assert sync.status_code == 429 and "daily quota" in sync.json()["detail"]
        assert table_counts(app) == before


def test_jobs_sent_at_the_same_moment_stay_within_the_quota(app: FastAPI, database_url: str) -> None:
    """Four jobs of one key at once, its quota enough for two: on PostgreSQL exactly two are
    accepted and charged (the key's row is locked while a job is checked and stored), the others
    get 429 and leave nothing stored. SQLite has no row locks: there only the outcomes are checked."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import func

    from service.storage.tables import Document, UsageRow

    texts = [f"{SHORT} Meldung {n}." for n in range(4)]  # equal lengths, different articles
    key = new_key(app, "quota", daily_chars=2 * len(texts[0]) + 1)
    with api_client(app) as client:
        client.headers["Authorization"] = f"Bearer {key}"
        with ThreadPoolExecutor(4) as pool:
            post = lambda text: client.post("/v1/jobs", json={"text": text, "targets": ["en"]})  # noqa: E731
            codes = list(pool.map(post, texts))
    statuses = sorted(r.status_code for r in codes)
    assert set(statuses) <= {202, 429}, [r.text for r in codes]
    assert all("daily quota" in r.json()["detail"] for r in codes if r.status_code == 429)
    with app.state.database.session() as session:
        documents = session.scalar(select(func.count()).select_from(Document))
        charged = session.scalar(select(func.coalesce(func.sum(UsageRow.chars), 0)))
    assert documents == statuses.count(202) and charged == statuses.count(202) * len(texts[0])
    if not database_url.startswith("sqlite"):
        assert statuses == [202, 202, 429, 429]


@pytest.mark.parametrize("limit", ["", "many", "10/fortnight"])
def test_a_bad_configured_rate_limit_fails_at_key_creation(limit: str, database_url: str) -> None:
    result = CliRunner().invoke(cli, ["keys", "create", "--tenant", "x", "--rate-limit", limit,
                                      "--database-url", database_url])  # fmt: skip
    assert result.exit_code == 2


def test_requests_are_served_while_the_rate_limit_store_is_down(
    make_app: Callable[..., FastAPI], caplog: pytest.LogCaptureFixture
) -> None:
    """The limiter protects the service; it must not take it down with Redis (nothing listens on port 1)."""
    app = make_app(rate_limit_storage="redis://127.0.0.1:1/0")
    key = new_key(app, "alpha", rate_limit="1/minute")
    assert _hammer(app, key, 3) == [200, 200, 200]
    assert "request not counted" in caplog.text


def _with_key(client: TestClient, key: str) -> httpx.Response:
    return client.get("/v1/documents", headers={"Authorization": f"Bearer {key}"})


def test_keys_that_are_not_valid_are_throttled_per_address_and_valid_keys_never(
    make_app: Callable[..., FastAPI],
) -> None:
    """Found by an outside attack: keys could be tried without end. Past INTERLINEAR_AUTH_FAILURE_LIMIT
    failed attempts from one address (unknown or revoked keys, in a header or the sign-in form),
    each gets 429 with Retry-After and says when to try again; a valid key from that address is
    still served, and another address counts on its own (an IPv6 client by its /64)."""
    app = make_app(auth_failure_limit="3/minute")
    valid, revoked = new_key(app, "alpha"), new_key(app, "alpha")
    with app.state.database.session() as session:
        row = session.scalar(
            select(ApiKey).where(ApiKey.key_hash == hashlib.sha256(revoked.encode()).hexdigest())
        )
        assert row is not None and revoke_key(session, row.id)
        session.commit()
    with TestClient(app, client=("203.0.113.7", 40000), follow_redirects=False) as client:
        assert [_with_key(client, k).status_code for k in ("il_one", revoked, "il_three")] == [401] * 3
        for key, said in (("il_four", "not valid"), (revoked, "revoked")):
            refused = _with_key(client, key)
            assert refused.status_code == 429, refused.text
            detail = refused.json()["detail"]
            assert "too many requests with a key that is not valid from this address" in detail
            assert "try again in" in detail and " UTC" in detail and said in detail
            assert 1 <= int(refused.headers["Retry-After"]) <= 61
        assert [_with_key(client, valid).status_code for _ in range(5)] == [200] * 5  # never slowed
        assert _with_key(client, "il_five").status_code == 429  # nor does a valid key lift the limit
        # Requests without a key are not attempts: they are told to send one.
        assert client.get("/v1/documents", headers={"Authorization": ""}).status_code == 401
        form = sign_in(client, "il_wrong")
        assert form.status_code == 429 and "try again in" in form.text and form.headers["Retry-After"]
        assert sign_in(client, valid).status_code == 303
    with TestClient(app, client=("203.0.113.8", 40000)) as other:
        assert _with_key(other, "il_one").status_code == 401
    for host, status in (("2001:db8:1:2::10", 401), ("2001:db8:1:2::11", 401), ("2001:db8:1:2::12", 401),
                         ("2001:db8:1:2:ffff::1", 429), ("2001:db8:1:3::1", 401)):  # fmt: skip
        with TestClient(app, client=(host, 40000)) as client:
            assert _with_key(client, "il_nope").status_code == status, host


def test_failed_attempts_are_limited_by_default_and_the_limit_is_checked_at_start(
    make_app: Callable[..., FastAPI],
) -> None:
    app = make_app()  # the default limit: 20/minute
    with TestClient(app) as client:
        answers = [_with_key(client, f"il_guess-{n}").status_code for n in range(21)]
    assert answers == [401] * 20 + [429]
    with pytest.raises(ValidationError, match="not understood"):
        Settings(auth_failure_limit="lots")
    assert Settings(auth_failure_limit="").auth_failure_limit is None  # set empty: not limited


def test_failed_attempts_are_counted_together_by_api_processes_through_redis(
    make_app: Callable[..., FastAPI],
) -> None:
    storage = REDIS_URL.rsplit("/", 1)[0] + "/10"
    first = make_app(rate_limit_storage=storage, auth_failure_limit="3/minute")
    second = make_app(rate_limit_storage=storage, auth_failure_limit="3/minute")
    address = f"client-{uuid.uuid4().hex[:8]}"  # a name of its own: the counters outlive this test
    with TestClient(first, client=(address, 1)) as one, TestClient(second, client=(address, 1)) as two:
        assert [_with_key(one, "il_a").status_code, _with_key(two, "il_b").status_code] == [401, 401]
        assert [_with_key(two, "il_c").status_code, _with_key(one, "il_d").status_code] == [401, 429]
