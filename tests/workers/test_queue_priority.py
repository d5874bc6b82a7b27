"""Priorities in the broker and in the embedded queue: breaking news before normal jobs before bulk
re-translation, whatever the order they were queued in.

The broker part runs on the real Redis (queues of its own, no worker needed): tasks sent by the real
:class:`CeleryDispatcher` are read back by a kombu consumer with the workers' own settings
(``queue_order_strategy: priority``), in the order a worker would take them.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator

import pytest
import redis
from kombu import Queue

from service.settings import Settings
from tests.conftest import REDIS_URL
from workers.celery_app import make_celery
from workers.dispatchers import JOB_RANKS, SUMMARY_RANK, CeleryDispatcher, PriorityRunner


@pytest.fixture
def settings() -> Iterator[Settings]:
    run = uuid.uuid4().hex[:8]
    names = {
        name: f"{name}-{run}"
        for name in (
            "interactive_queue",
            "breaking_queue",
            "summary_queue",
            "translation_queue",
            "bulk_queue",
        )
    }
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis at {REDIS_URL} is not reachable ({exc}); start it (`bash .ci/run` does)")
    yield Settings(broker_url=REDIS_URL, **names)  # type: ignore[arg-type]
    client.delete(*names.values())
    client.close()


@pytest.mark.redis
def test_a_worker_takes_breaking_then_normal_then_bulk(settings: Settings) -> None:
    app = make_celery(settings)
    dispatcher = CeleryDispatcher(settings, celery=app)
    for job, priority in (("bulk-1", "bulk"), ("normal-1", "normal"), ("breaking-1", "breaking"),
                          ("normal-2", "normal"), ("breaking-2", "breaking")):  # fmt: skip
        dispatcher.translate(job, "en", priority)
    taken: list[str] = []

    def take(body: object, message: object) -> None:
        taken.append(str(body[0][0]))  # type: ignore[index]
        message.ack()  # type: ignore[attr-defined]

    with app.connection_for_read() as connection:
        queues = [Queue(name) for name in settings.worker_queues]
        with connection.Consumer(queues, callbacks=[take], accept=["json"], prefetch_count=1):
            while len(taken) < 5:
                connection.drain_events(timeout=10)
    assert taken == ["breaking-1", "breaking-2", "normal-1", "normal-2", "bulk-1"]


def test_the_embedded_queue_runs_the_most_urgent_first() -> None:
    """The in-process runner, held busy, then given work in the wrong order."""
    runner = PriorityRunner("test-runner")
    gate = threading.Event()
    ran: list[str] = []
    runner.submit(JOB_RANKS["normal"], lambda: gate.wait(30))
    for name, rank in (("bulk", JOB_RANKS["bulk"]), ("normal", JOB_RANKS["normal"]),
                       ("summary", SUMMARY_RANK), ("breaking", JOB_RANKS["breaking"])):  # fmt: skip
        runner.submit(rank, lambda name=name: ran.append(name))
    gate.set()
    runner.shutdown()
    assert ran == ["breaking", "summary", "normal", "bulk"]


def test_settings_put_the_breaking_queue_before_every_job_queue() -> None:
    queues = Settings().worker_queues
    assert queues.index(Settings().breaking_queue) < queues.index(Settings().translation_queue)
    assert queues.index(Settings().translation_queue) < queues.index(Settings().bulk_queue)
    assert json.dumps(queues)  # plain names, as a worker's -Q takes them
