"""A worker killed with SIGKILL in the middle of a job: the task is redelivered and the job completes."""

from __future__ import annotations

import os
import signal

from service.api.app import create_app
from service.settings import Settings
from tests.reliability.harness import (
    StartWorker,
    assert_one_output_per_segment,
    job_state,
    long_article,
    wait_until,
)
from tests.support import api_client, wait_for_job


def test_killed_worker_job_completes_without_duplicates(
    service_settings: Settings, start_worker: StartWorker
) -> None:
    article = long_article(0, 240)
    first = start_worker()
    with api_client(create_app(service_settings)) as client:
        response = client.post("/v1/jobs", json={"text": article, "source_lang": "de", "targets": ["en"]})
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]

        def progress() -> tuple[int, int]:
            p = job_state(client, job_id)["progress"]["en"]
            return p["done"], p["total"]

        wait_until(lambda: progress()[0] >= 8, 180, "the first batches to be stored", interval=0.05)
        os.killpg(first.pid, signal.SIGKILL)  # the whole worker, as when a container dies
        first.wait(timeout=10)
        done, total = progress()
        assert 0 < done < total, "the worker must die in the middle of the job"
        assert job_state(client, job_id)["state"] == "running"

        start_worker()  # Redis hands the unacknowledged task to the new worker
        job = wait_for_job(client, job_id, 300)
        assert job["state"] == "succeeded", job
        assert job["progress"]["en"] == {"done": total, "total": total}
        assert_one_output_per_segment(client, total)
