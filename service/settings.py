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
    # A job requeued this many times that goes silent again is failed, not requeued: its article
    # keeps killing the worker (out of memory, a crash), so requeueing it again cannot help.
    max_requeues: int = Field(default=3, ge=1)
    translation_queue: str = "translate"
    bulk_queue: str = "translate-bulk"  # re-translation runs: a lower-priority queue of its own
    summary_queue: str = "summarise"

    eval_dir: Path = REPO_ROOT.parent / "shared" / "eval"  # parallel test sets for `interlinear eval`

    # API keys (`interlinear keys create`). Off only for a service that nobody else can reach.
    auth_required: bool = True
    # Per key, unless the key sets its own: requests per window ("120/minute", "10/second;1000/hour"),
    # and characters submitted per UTC day (jobs and /v1/translate); None: no quota.
    rate_limit: str = "120/minute"
    daily_chars: int | None = Field(default=10_000_000, ge=1)
    # Where rate-limit counters live: "memory://" (one API process) or a redis:// URL shared by
    # every API process. None: the broker when it is Redis, else memory.
    rate_limit_storage: str | None = None

    # Input limits.
    max_article_bytes: int = Field(default=1_000_000, ge=1)
    # Longest sentence (characters) an article may contain: longer ones are refused with 422,
    # since models truncate them and sentence splitters slow down on them.
    max_sentence_chars: int = Field(default=2000, ge=1)
    # Largest HTTP request body, refused with 413 before it is read. None: derived from
    # max_article_bytes (see request_body_limit).
    max_request_bytes: int | None = Field(default=None, ge=1)

    # Models: the registry file (service/models.toml by default) maps pairs to models and
    # routes; these override it per pair (hub id or local directory) or for every pair.
    registry_file: Path | None = None
    model_de_en: str | None = None
    model_en_de: str | None = None
    model_de_ko: str | None = None
    model_ko_de: str | None = None
    model_en_ko: str | None = None
    model_ko_en: str | None = None
    model_revision: str | None = None
    model_dir: Path | None = None  # one local model for every pair (tests and demos)
    model_dir_engine: Literal["transformers", "ctranslate2"] = "transformers"
    device: str = "cpu"

    # Decoding.
    batch_size: int = Field(default=16, ge=1)
    beam_size: int = Field(default=4, ge=1)
    max_output_ratio: float = 2.0  # max new tokens = ratio * input tokens + 10, bounded by the model
    commit_every: int = Field(default=32, ge=1)  # segments per stored batch: work a killed worker keeps
    max_sync_chars: int = 2000  # POST /v1/translate is for short text; longer goes through jobs

    # Summaries, per section and per article, in the source and every target language.
    summaries_enabled: bool = True
    summary_method: Literal["extractive", "abstractive", "instruct"] = "extractive"
    # "abstractive": a seq2seq summariser, e.g. csebuetnlp/mT5_multilingual_XLSum;
    # "instruct": an instruction-tuned seq2seq model prompted with prompts/, e.g. google/flan-t5-large
    summary_model: str | None = None
    prompts_dir: Path = REPO_ROOT / "prompts"
    summary_section_sentences: int = Field(default=2, ge=1)
    summary_article_sentences: int = Field(default=5, ge=1)
    summary_max_chars: int | None = None

    @property
    def request_body_limit(self) -> int:
        """``max_request_bytes``, else room for the largest article as JSON: escaping (``\\uXXXX``,
        ``\\n``) at most triples the size of text, plus 64 KiB for the other fields."""
        if self.max_request_bytes is not None:
            return self.max_request_bytes
        return 3 * self.max_article_bytes + 65_536

    def summary_settings(self) -> dict[str, object]:
        """The settings that shape a summary; their hash is stored with every summary."""
        return {
            "method": self.summary_method,
            "model": self.summary_model,
            "section_sentences": self.summary_section_sentences,
            "article_sentences": self.summary_article_sentences,
            "max_chars": self.summary_max_chars,
        }


@lru_cache
def get_settings() -> Settings:
    return Settings()
