"""The README's curl example, sent to the real service (uvicorn, Redis, a Celery worker,
PostgreSQL): the one-sentence article finishes with its translation and summaries."""

from __future__ import annotations

import re

import httpx

from service.settings import Settings
from tests.conftest import REPO_ROOT
from tests.reliability.harness import StartApi, StartWorker, key_for, wait_until


def test_readme_curl_example_finishes(
    service_settings: Settings, start_api: StartApi, start_worker: StartWorker
) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"-d '(\{\"text\": [^']+\})'\s*\\\s*\n\s*http://127\.0\.0\.1:8000/v1/jobs", readme)
    assert match, "the README's curl example of POST /v1/jobs is gone"
    body = match.group(1)
    url = start_api(service_settings)
    start_worker()
    headers = {**key_for(service_settings), "Content-Type": "application/json"}
    submitted = httpx.post(f"{url}/v1/jobs", headers=headers, content=body, timeout=30)
    assert submitted.status_code == 202, submitted.text
    job_url = f"{url}/v1/jobs/{submitted.json()['id']}"
    states: list[str] = []

    def finished() -> bool:
        response = httpx.get(job_url, headers=headers, timeout=30)
        if response.status_code != 200:  # a 503 while a store restarts: not finished yet
            return False
        states.append(response.json()["state"])
        return states[-1] in ("succeeded", "failed")

    wait_until(finished, 300, "the README example's job to succeed or fail", interval=0.5)
    job = httpx.get(job_url, headers=headers, timeout=30).json()
    assert job["state"] == "succeeded", job
    assert job["progress"]["en"] == {"done": 1, "total": 1}
    assert job["summaries"] == ["de", "en"]
