"""``POST /v1/translate`` has a queue of its own that workers take first: a short request is answered
while 40 jobs wait, instead of after them (it used to share the FIFO job queue and time out)."""

from __future__ import annotations

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

        def translated() -> int:
            return sum(job_state(client, job_id)["progress"]["en"]["done"] for job_id in ids)

        start_worker(settings)
        wait_until(
            lambda: any(job_state(client, i)["state"] != "queued" for i in ids), 240, "a worker to start"
        )
        response = client.post(
            "/v1/translate", json={"text": "Ein kurzer Satz.", "source_lang": "de", "target_lang": "en"}
        )
        assert response.status_code == 200, response.text
        assert len(response.json()["sentences"]) == 1
        done = translated()
        assert done <= JOBS // 4, f"{done} of {JOBS} jobs were translated before the short request"
