"""/metrics is an operator endpoint (counts across every tenant): open by default, and with
INTERLINEAR_METRICS_TOKEN set it wants that token as a bearer token; a tenant's API key is not
enough. Before: /metrics was open whatever was set."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from service.settings import Settings
from tests.support import embedded_client, new_key


def test_metrics_token_is_required_when_set(tmp_path: Path, tiny_marian_dir: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'm.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir, metrics_token=SecretStr("scrape-me-7f3a"))  # fmt: skip
    with embedded_client(settings) as client:
        anonymous = {"Authorization": ""}
        refused = client.get("/metrics", headers=anonymous)
        assert refused.status_code == 401 and "INTERLINEAR_METRICS_TOKEN" in refused.json()["detail"]
        assert refused.headers["WWW-Authenticate"].startswith("Bearer")
        assert "scrape-me" not in refused.text
        tenant_key = new_key(client.app, "alpha")  # type: ignore[arg-type]
        for wrong in (
            f"Bearer {tenant_key}",
            "Bearer scrape-me-7f3",
            "scrape-me-7f3a",
            "Basic scrape-me-7f3a",
        ):
            assert client.get("/metrics", headers={"Authorization": wrong}).status_code == 401, wrong
        scraped = client.get("/metrics", headers={"Authorization": "Bearer scrape-me-7f3a"})
        assert scraped.status_code == 200 and "interlinear_queue_depth" in scraped.text
        assert client.get("/healthz", headers=anonymous).status_code == 200  # the others stay open


def test_metrics_are_open_without_a_token(tmp_path: Path, tiny_marian_dir: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'm.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as client:
        assert client.get("/metrics", headers={"Authorization": ""}).status_code == 200
