"""The API holds its ground: 100 clients at once against a small connection pool get 200 or a quick
503 with Retry-After, never a 500 or a hang, and the API is healthy right after; a request that
waits for a worker holds no database connection meanwhile. A real uvicorn process on PostgreSQL."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
from sqlalchemy import create_engine, text

from service.settings import Settings
from tests.conftest import POSTGRES_URL
from tests.reliability.harness import StartApi, key_for


def _burst(url: str, headers: dict[str, str], paths: list[str], concurrency: int) -> list[httpx.Response]:
    local = threading.local()

    def get(path: str) -> httpx.Response:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=url, headers=headers, timeout=60)
        return local.client.get(path)

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(get, paths))


def test_a_burst_gets_200_or_503_and_the_api_recovers(
    service_settings: Settings, start_api: StartApi
) -> None:
    # The API's connections carry a name of their own: other test processes' may be in transactions.
    name = f"burst-{uuid.uuid4().hex[:8]}"
    settings = service_settings.model_copy(
        update={
            "database_url": f"{service_settings.database_url}&application_name={name}",
            "db_pool_size": 2,
            "db_max_overflow": 0,
            "api_queue_wait": 0.5,
            "retry_after": 2,
        }
    )
    url = start_api(settings)
    headers = key_for(settings)
    # the API's first job loads what reading an article needs (the language detector, the sentence
    # splitter): seconds on a busy machine, and not what this test measures (a CI run on a loaded
    # machine timed out here at httpx's default of 5 s)
    submitted = httpx.post(
        f"{url}/v1/jobs",
        headers=headers,
        json={"text": "Ein Satz über Berlin.", "targets": ["en"]},
        timeout=60,
    )
    assert submitted.status_code == 202, submitted.text
    job_path = f"/v1/jobs/{submitted.json()['id']}"

    responses = _burst(url, headers, [job_path, "/v1/documents"] * 150, concurrency=100)
    statuses = sorted({r.status_code for r in responses})
    assert set(statuses) <= {200, 503}, [
        (r.status_code, r.text[:200]) for r in responses if r.status_code not in (200, 503)
    ][:5]
    assert any(r.status_code == 200 for r in responses)
    for refused in (r for r in responses if r.status_code == 503):
        assert refused.headers["Retry-After"] == "2"
        assert "retry in 2 s" in refused.json()["detail"]

    # Right after the burst: answered at once, and no connection was left inside a transaction.
    after = httpx.get(f"{url}/v1/documents", headers=headers, timeout=10)
    assert after.status_code == 200, after.text
    assert httpx.get(f"{url}/readyz", timeout=10).status_code == 200
    admin = create_engine(POSTGRES_URL)
    with admin.connect() as connection:
        stuck = connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE state = 'idle in transaction' AND application_name = :name"
            ),
            {"name": name},
        )
        assert connection.scalar(
            text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"), {"name": name}
        ), "the API's connections were not found by their name: the check above would prove nothing"
    admin.dispose()
    assert stuck == 0


def test_waiting_for_a_worker_holds_no_database_connection(
    service_settings: Settings, start_api: StartApi
) -> None:
    """With one connection in the pool, a /v1/translate waiting for a worker (none runs) must not
    keep it: a read sent meanwhile is answered, not refused for want of a connection."""
    settings = service_settings.model_copy(
        update={"db_pool_size": 1, "db_max_overflow": 0, "db_pool_timeout": 1, "api_max_concurrent": 4,
                "sync_timeout": 6}
    )  # fmt: skip
    url = start_api(settings)
    headers = key_for(settings)
    waiting: dict[str, httpx.Response] = {}

    def translate() -> None:
        waiting["response"] = httpx.post(
            f"{url}/v1/translate", headers=headers, timeout=30,
            json={"text": "Ein kurzer Satz.", "source_lang": "de", "target_lang": "en"},
        )  # fmt: skip

    thread = threading.Thread(target=translate)
    thread.start()
    try:
        threading.Event().wait(2)  # the translation request is waiting for a worker by now
        assert thread.is_alive()
        read = httpx.get(f"{url}/v1/documents", headers=headers, timeout=10)
        assert read.status_code == 200, read.text
    finally:
        thread.join(30)
    response = waiting["response"]
    assert response.status_code == 504, response.text
    assert "no worker answered within 6 s" in response.json()["detail"]
