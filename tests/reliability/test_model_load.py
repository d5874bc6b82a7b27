"""A model that cannot be loaded: the job fails with a reason that says what to do, nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from service.api.app import create_app
from service.settings import Settings
from service.storage.tables import SegmentRow, SummaryRow, TranslationRow
from tests.reliability.harness import StartWorker
from tests.support import api_client, wait_for_job


def not_a_model(tmp_path: Path) -> dict[str, object]:
    """INTERLINEAR_MODEL_DIR pointing at a directory that holds no model."""
    directory = tmp_path / "not-a-model"
    directory.mkdir()
    (directory / "README.txt").write_text("no weights here\n", encoding="utf-8")
    return {"model_dir": directory}


def hub_id_offline(tmp_path: Path) -> dict[str, object]:
    """A hub id that is not in the local cache, with HF_HUB_OFFLINE=1 (the workers' environment)."""
    return {"model_dir": None, "models": {"de-en": "interlinear-tests/no-such-model"}}


@pytest.mark.parametrize("broken", [not_a_model, hub_id_offline], ids=["model-dir", "hub-offline"])
def test_unloadable_model_fails_the_job_with_what_to_do(
    service_settings: Settings, start_worker: StartWorker, seed_text: str, tmp_path: Path, broken: object
) -> None:
    assert callable(broken)
    settings = service_settings.model_copy(update=broken(tmp_path))
    start_worker(settings)
    with api_client(create_app(settings)) as client:
        response = client.post("/v1/jobs", json={"text": seed_text, "source_lang": "de", "targets": ["en"]})
        assert response.status_code == 202, response.text
        job = wait_for_job(client, response.json()["id"], 180)

        assert job["state"] == "failed", job
        error = job["error"]
        assert "cannot load model" in error and "INTERLINEAR_MODEL_DIR" in error, error
        assert "submit the article again" in error, error
        if broken is not_a_model:
            assert "no config.json" in error, error
        assert [e["state"] for e in job["events"]].count("failed") == 1
        assert job["progress"]["en"]["done"] == 0

        database = client.app.state.database  # type: ignore[attr-defined]
        with database.session() as session:
            translations = session.scalar(
                select(func.count())
                .select_from(TranslationRow)
                .join(SegmentRow, SegmentRow.id == TranslationRow.segment_id)
                .where(SegmentRow.document_id == job["document_id"])
            )
            target_summaries = session.scalar(
                select(func.count()).where(
                    SummaryRow.document_id == job["document_id"], SummaryRow.lang == "en"
                )
            )
        assert translations == 0 and target_summaries == 0
