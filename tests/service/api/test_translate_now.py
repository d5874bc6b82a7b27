"""``POST /v1/translate`` when no worker answers in time: the dispatcher raises Python's
TimeoutError (Celery's own TimeoutError, which is not one, reached the route before), the use case
(service/usecases/translate_now.py) a NoWorkerAnswered, and the API a 504 whose detail says what
to do: retry, see to the workers, or send a job. The request is withdrawn and its characters given
back. Through the real app on SQLite: the embedded queue with its one worker thread kept busy by
a task in hand, and the Celery dispatcher on Redis with no worker running."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.api.app import create_app
from service.settings import Settings
from service.storage.tables import UsageRow
from tests.support import api_client, embedded_client
from workers.dispatchers import CeleryDispatcher, InProcessDispatcher

pytest_plugins = ["tests.reliability.harness"]

TRANSLATE = {"text": "Der Bundestag hat das Gesetz beschlossen.", "source_lang": "de", "target_lang": "en"}
NO_ANSWER = "no worker answered within 1 s (the request was withdrawn)"


def _charged(client: TestClient) -> int:
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(func.count()).select_from(UsageRow)) or 0)


@pytest.fixture
def embedded(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'now.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir, sync_timeout=1, reaper_enabled=False)  # fmt: skip
    with embedded_client(settings) as client:
        yield client


def test_the_embedded_worker_busy_past_the_wait_is_a_504_saying_what_to_do(embedded: TestClient) -> None:
    dispatcher = embedded.app.state.dispatcher  # type: ignore[attr-defined]
    assert isinstance(dispatcher, InProcessDispatcher)
    release = threading.Event()
    # the task in hand: the worker thread runs one task at a time, and this one waits to be let go
    in_hand = dispatcher.pool.submit(-2, lambda: release.wait(60))
    try:
        response = embedded.post("/v1/translate", json=TRANSLATE)
    finally:
        release.set()
    assert in_hand.result(timeout=60) is True, "the task in hand was not let go"
    assert response.status_code == 504, response.text
    detail = response.json()["detail"]
    assert detail.startswith(f"{NO_ANSWER}: the API's own worker was busy"), detail
    assert "retry in a moment" in detail and "POST /v1/jobs" in detail, detail
    assert _charged(embedded) == 0  # the characters reserved were given back
    # withdrawn: the worker, free again, does not translate it for nobody (its model stays unloaded)
    assert dispatcher.pool.submit(5, lambda: "after").result(timeout=60) == "after"
    assert dispatcher.cache.loads == 0
    answered = embedded.post("/v1/translate", json=TRANSLATE)  # and the next one is answered
    assert answered.status_code == 200, answered.text
    assert dispatcher.cache.loads == 1 and _charged(embedded) == 1


def test_no_worker_on_the_broker_is_a_timeout_error_and_a_504_saying_to_check_the_workers(
    tmp_path: Path, redis_broker: str, tiny_marian_dir: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'now.db'}", broker_url=redis_broker,
                        model_dir=tiny_marian_dir, interactive_queue=f"now-{run}",
                        sync_timeout=1)  # fmt: skip
    with pytest.raises(TimeoutError, match="no worker answered within 1 s"):
        CeleryDispatcher(settings).translate_text(["Ein Satz."], "de", "en", timeout=1)
    app = create_app(settings)
    with api_client(app) as client:
        response = client.post("/v1/translate", json=TRANSLATE)
        assert response.status_code == 504, response.text
        detail = response.json()["detail"]
        assert detail.startswith(f"{NO_ANSWER}; retry in a moment"), detail
        assert f"check the workers: at least one must run and take the now-{run} queue" in detail, detail
        assert "POST /v1/jobs" in detail and _charged(client) == 0


def test_a_text_over_the_limit_is_told_the_limit_and_where_to_send_it(
    tmp_path: Path, tiny_marian_dir: Path
) -> None:
    """413 naming the length, the limit and the job endpoint in one sentence (a newcomer read "text
    is 12600 characters; over 2000 submit it to POST /v1/jobs"); nothing is charged."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'now.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir, max_sync_chars=20, reaper_enabled=False)  # fmt: skip
    with embedded_client(settings) as client:
        response = client.post("/v1/translate", json={**TRANSLATE, "text": "Ein Satz. " * 1200})
        assert response.status_code == 413, response.text
        assert response.json()["detail"] == (
            "the text is 12,000 characters, over the limit of 20 for an immediate translation: submit it "
            "as a job, POST /v1/jobs"
        )
        assert _charged(client) == 0
