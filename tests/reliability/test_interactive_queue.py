"""``POST /v1/translate`` has a queue of its own that workers take first: a short request is answered
while 40 jobs wait, instead of after them (it used to share the FIFO job queue and time out).

Measured from the jobs' own finishing times, not by counting after the answer: on a loaded machine
the worker goes on with the jobs while the test reads them, and a count taken then says nothing
about what was done before the answer."""

from __future__ import annotations

import datetime as dt

from service.api.app import create_app
from service.settings import Settings
from tests.reliability.harness import StartWorker, job_state, wait_until
from tests.support import api_client

JOBS = 40


def test_translate_request_overtakes_queued_jobs(
    service_settings: Settings, start_worker: StartWorker
) -> None:
    settings = service_settings.model_copy(update={"sync_timeout": 240})
    with api_client(create_app(settings)) as client:
        ids = []
        for i in range(JOBS):
            text = f"Meldung {i}: Der Stadtrat hat am Montag lange über den neuen Haushalt beraten."
            response = client.post("/v1/jobs", json={"text": text, "source_lang": "de", "targets": ["en"]})
            assert response.status_code == 202, response.text
            ids.append(response.json()["id"])

        start_worker(settings)
        wait_until(
            lambda: any(job_state(client, i)["state"] != "queued" for i in ids), 240, "a worker to start"
        )
        sent = dt.datetime.now(dt.UTC)
        response = client.post(
            "/v1/translate", json={"text": "Ein kurzer Satz.", "source_lang": "de", "target_lang": "en"}
        )
        answered = dt.datetime.now(dt.UTC)
        assert response.status_code == 200, response.text
        assert len(response.json()["sentences"]) == 1

        def finished(job_id: str) -> dt.datetime:
            """When the job was done (its last event), or the end of time if it is not done yet."""
            event = job_state(client, job_id)["events"][-1]
            if event["state"] != "succeeded":
                assert event["state"] in ("queued", "running"), event
                return dt.datetime.max.replace(tzinfo=dt.UTC)
            at = dt.datetime.fromisoformat(event["at"])
            return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)

        # Read after the answer: a job done before it is stored by now, whatever was done since
        # shows a later time.
        times = [finished(i) for i in ids]
    waiting = sum(t > sent for t in times)  # jobs not yet done when the short request was sent
    after = sum(t > answered for t in times)  # ... and when it was answered
    assert waiting >= JOBS // 2, f"only {waiting} of {JOBS} jobs were still waiting: the test shows nothing"
    # In one queue with the jobs (first in, first out) it would have been answered after all of them.
    assert after >= waiting // 2, (
        f"{waiting - after} of the {waiting} jobs still waiting when the short request was sent were "
        "done before it was answered: it did not overtake them"
    )
