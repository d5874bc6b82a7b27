"""The service for real: HTTP API → Redis broker → Celery worker processes → PostgreSQL.

Each test starts real ``celery worker`` processes against Redis on 127.0.0.1:6379 and the
real PostgreSQL, on queue names private to this test run. The fault cases (killed workers,
restarts, failures) are in tests/reliability/.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from service.api.app import create_app
from service.settings import Settings
from service.storage.tables import SegmentRow, TranslationRow
from tests.reliability.harness import job_state, wait_until, worker_env
from tests.support import api_client, wait_for_job

# The worker fixtures (redis_broker, service_settings, start_worker) are shared with the fault
# tests in tests/reliability/.
pytest_plugins = ["tests.reliability.harness"]


def test_seed_article_through_api_queue_and_worker(
    service_settings: Settings, start_worker: Callable[[], subprocess.Popen[bytes]], seed_text: str
) -> None:
    start_worker()
    with api_client(create_app(service_settings)) as client:
        assert client.get("/readyz").json()["checks"] == {"database": "ok", "broker": "ok"}
        response = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en", "ko"]})
        assert response.status_code == 202, response.text
        job_id = response.json()["id"]
        job = wait_for_job(client, job_id, 240)
        assert job["state"] == "succeeded", job
        assert job["progress"] == {"en": {"done": 43, "total": 43}, "ko": {"done": 43, "total": 43}}
        states = [event["state"] for event in job["events"]]
        assert states[0] == "queued" and "running" in states and states[-1] == "succeeded"

        database = client.app.state.database  # type: ignore[attr-defined]
        with database.session() as session:
            rows = session.execute(
                select(SegmentRow.key, TranslationRow.target_lang, func.count())
                .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
                .group_by(SegmentRow.key, TranslationRow.target_lang)
            ).all()
            translatable = session.scalar(
                select(func.count()).select_from(SegmentRow).where(SegmentRow.translatable.is_(True))
            )
        assert translatable == 43
        assert len(rows) == 2 * 43 and all(count == 1 for _, _, count in rows)
        assert "interlinear_segments_translated" in client.get("/metrics").text

        # Summaries per section and for the article, in the source and both targets (issue 5).
        assert job["summaries"] == ["de", "en", "ko"]
        document = client.get(f"/v1/documents/{job['document_id']}").json()
        assert set(document["summaries"]) == {"de", "en", "ko"}
        for lang in ("en", "ko"):
            summary = document["summaries"][lang]
            assert (
                summary["method"] == "extractive"
                and summary["model_id"] == Path(str(service_settings.model_dir)).name
            )
            by_id = {s["id"]: s for section in document["sections"] for s in section["segments"]}
            expected = " ".join(by_id[key]["translations"][lang]["text"] for key in summary["sentence_ids"])
            assert summary["text"] == expected
        assert all(set(section["summaries"]) == {"de", "en", "ko"} for section in document["sections"])


def test_retranslate_queues_bulk_jobs_for_the_workers(
    service_settings: Settings,
    start_worker: Callable[[], subprocess.Popen[bytes]],
    seed_text: str,
    tiny_marian_b_dir: Path,
) -> None:
    start_worker()
    with api_client(create_app(service_settings)) as client:
        job_id = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]}).json()["id"]
        wait_until(lambda: job_state(client, job_id)["state"] == "succeeded", 240, "the first job")

        command = [
            sys.executable,
            "-m",
            "service.cli",
            "retranslate",
            "--to",
            "en",
            "--model",
            str(tiny_marian_b_dir),
        ]
        result = subprocess.run(
            command, env=worker_env(service_settings), capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        assert f"queued 1 job(s) on {service_settings.bulk_queue}" in result.stdout

        database = client.app.state.database  # type: ignore[attr-defined]

        def b_rows() -> int:
            with database.session() as session:
                return int(
                    session.scalar(
                        select(func.count()).where(TranslationRow.model_id == tiny_marian_b_dir.name)
                    )
                    or 0
                )

        wait_until(lambda: b_rows() == 43, 240, "the bulk job to translate every segment with model B")
        with database.session() as session:
            models = set(session.scalars(select(TranslationRow.model_id)))
        assert models == {Path(str(service_settings.model_dir)).name, tiny_marian_b_dir.name}  # A's rows kept
