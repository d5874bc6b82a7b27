"""The one settings object. Every knob is an ``INTERLINEAR_*`` environment variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTERLINEAR_", env_file=".env", extra="ignore")

    # Storage: an SQLite file by default, PostgreSQL in production
    # (e.g. postgresql+psycopg://user@host:5432/interlinear).
    database_url: str = "sqlite:///interlinear.db"

    # Queue: "memory://" runs tasks eagerly in the calling process (one-machine default);
    # a redis:// URL sends them to Celery workers.
    broker_url: str = "memory://"
    result_backend: str | None = None
    worker_concurrency: int = 1
    # How long an unacknowledged task waits before Redis hands it to another worker
    # (a worker killed mid-task is redelivered after this). Longer than the longest task.
    visibility_timeout: int = 3600
    task_max_retries: int = 5
    # Unfinished jobs silent for this long get their tasks sent again (see service/reconcile.py);
    # celery beat checks every reconcile_every seconds.
    stale_after: int = 900
    reconcile_every: int = 60
    translation_queue: str = "translate"
    bulk_queue: str = "translate-bulk"  # re-translation runs: a lower-priority queue of its own
    summary_queue: str = "summarise"

    # Input limits.
    max_article_bytes: int = Field(default=1_000_000, ge=1)

    # Models: one hub id or local directory per language pair.
    model_de_en: str = "Helsinki-NLP/opus-mt-de-en"
    model_en_de: str = "Helsinki-NLP/opus-mt-en-de"
    model_revision: str | None = None
    model_dir: Path | None = None  # overrides every pair with one local model (used by tests and demos)
    device: str = "cpu"

    # Decoding.
    batch_size: int = Field(default=16, ge=1)
    beam_size: int = Field(default=4, ge=1)
    max_output_ratio: float = 2.0  # max new tokens = ratio * input tokens + 10, bounded by the model
    commit_every: int = Field(default=32, ge=1)  # segments per stored batch: work a killed worker keeps
    max_sync_chars: int = 2000  # POST /v1/translate is for short text; longer goes through jobs

    # Summaries, per section and per article, in the source and every target language.
    summaries_enabled: bool = True
    summary_method: Literal["extractive", "abstractive"] = "extractive"
    summary_model: str | None = (
        None  # seq2seq model for "abstractive", e.g. csebuetnlp/mT5_multilingual_XLSum
    )
    summary_section_sentences: int = Field(default=2, ge=1)
    summary_article_sentences: int = Field(default=5, ge=1)
    summary_max_chars: int | None = None

    def summary_settings(self) -> dict[str, object]:
        """The settings that shape a summary; their hash is stored with every summary."""
        return {
            "method": self.summary_method,
            "model": self.summary_model,
            "section_sentences": self.summary_section_sentences,
            "article_sentences": self.summary_article_sentences,
            "max_chars": self.summary_max_chars,
        }

    def pairs(self) -> list[tuple[str, str]]:
        """Language pairs with a configured model (``model_xx_yy`` fields that are set)."""
        found = []
        for name, value in self.model_dump().items():
            parts = name.split("_")
            if (
                len(parts) == 3
                and parts[0] == "model"
                and len(parts[1]) == 2
                and len(parts[2]) == 2
                and value
            ):
                found.append((parts[1], parts[2]))
        return found

    def model_for(self, source: str, target: str) -> str:
        if self.model_dir is not None:
            return str(self.model_dir)
        value = getattr(self, f"model_{source}_{target}", None)
        if not value:
            raise LookupError(
                f"no model configured for {source}->{target}; set INTERLINEAR_MODEL_{source.upper()}_"
                f"{target.upper()} or pass --model-dir"
            )
        return str(value)


@lru_cache
def get_settings() -> Settings:
    return Settings()
