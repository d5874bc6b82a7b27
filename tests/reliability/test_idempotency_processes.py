"""One Idempotency-Key sent at once to two API processes (PostgreSQL): one job, replays for the rest;
a different body under the same key gets 422, never a 500, and nothing it sent is stored."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from service.settings import Settings
from tests.reliability.harness import StartApi, key_for


def _post_all(urls: list[str], headers: dict[str, str], bodies: list[dict]) -> list[httpx.Response]:
    def post(i: int) -> httpx.Response:
        return httpx.post(f"{urls[i % len(urls)]}/v1/jobs", headers=headers, json=bodies[i], timeout=60)

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(post, range(len(bodies))))


def _counts(settings: Settings) -> tuple[int, int]:
    from sqlalchemy import create_engine, func, select

    from service.storage.tables import Document, Job

    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        jobs = connection.scalar(select(func.count()).select_from(Job))
        documents = connection.scalar(select(func.count()).select_from(Document))
    engine.dispose()
    return int(jobs or 0), int(documents or 0)


def test_same_key_at_once_on_two_processes(service_settings: Settings, start_api: StartApi) -> None:
    urls = [start_api(service_settings), start_api(service_settings)]
    headers = key_for(service_settings)
    body = {"text": "Die Regierung hat neue Regeln angekündigt.", "targets": ["en"]}

    same = _post_all(urls, {**headers, "Idempotency-Key": "same-body"}, [body] * 12)
    assert [r.status_code for r in same] == [202] * 12, [r.text for r in same if r.status_code != 202]
    assert len({r.json()["id"] for r in same}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in same) == 11
    assert _counts(service_settings) == (1, 1)

    bodies = [{"text": f"Satz Nummer {i} über das Wetter in Hamburg.", "targets": ["en"]} for i in range(12)]
    raced = _post_all(urls, {**headers, "Idempotency-Key": "other-bodies"}, bodies)
    statuses = [r.status_code for r in raced]
    assert sorted(set(statuses)) == [202, 422], [r.text for r in raced]
    assert statuses.count(202) == 1, "only the first body is accepted under the key"
    for refused in (r for r in raced if r.status_code == 422):
        assert "Idempotency-Key was used with a different request body" in refused.json()["detail"]
    # The winner's job and document, and nothing of the eleven refused requests.
    assert _counts(service_settings) == (2, 2)
