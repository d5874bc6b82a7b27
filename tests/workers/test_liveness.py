"""A running task's timer: it marks the job alive, and warns once when the task outlives the
broker's visibility timeout (Redis then hands it to a second worker). SQLite and PostgreSQL."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from service.storage.db import Database
from service.storage.tables import Job
from tests.reliability.harness import running_job, wait_until
from workers.liveness import keep_alive


def _updated(database: Database, job_id: str) -> object:
    with database.session() as session:
        return session.scalar(select(Job.updated_at).where(Job.id == job_id))


@pytest.mark.parametrize("timeout", [0.2, None], ids=["past-the-timeout", "no-timeout"])
def test_a_task_past_the_visibility_timeout_is_warned_about_once(
    database: Database, caplog: pytest.LogCaptureFixture, timeout: float | None
) -> None:
    job_id = running_job(database)
    caplog.set_level(logging.WARNING, logger="workers.liveness")

    def warnings() -> list[str]:
        return [r.getMessage() for r in caplog.records if "visibility timeout" in r.getMessage()]

    with keep_alive(database.engine, job_id, 0.05, "its en task", timeout):
        for _ in range(4):  # several beats past the timeout (each marks the job alive)
            before = _updated(database, job_id)
            wait_until(lambda before=before: _updated(database, job_id) != before, 60, "the job marked alive")
        if timeout is not None:
            wait_until(lambda: bool(warnings()), 60, "the warning about the visibility timeout")
    if timeout is None:
        assert warnings() == []
    else:
        assert len(warnings()) == 1, warnings()
        assert warnings()[0].startswith(f"job {job_id}: its en task has run")
        assert "INTERLINEAR_VISIBILITY_TIMEOUT" in warnings()[0]
