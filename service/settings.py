"""The one settings object. Every knob is an ``INTERLINEAR_*`` environment variable."""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


def default_model_store() -> Path:
    """Under the user's cache: ``$XDG_CACHE_HOME/interlinear/models`` or ``~/.cache/...``."""
    import os

    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "interlinear" / "models"


TASK_CONNECTIONS_SPARE = 4  # connections a worker needs beside its tasks' (reaper, callbacks, heartbeats)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, as a container's cpuset sets it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # no affinity on this platform
        return os.cpu_count() or 1


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTERLINEAR_", env_file=".env", extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def _pair_models(cls, data: Any) -> Any:
        return pair_overrides(data) if isinstance(data, dict) else data

    # Storage: an SQLite file by default, PostgreSQL in production
    # (e.g. postgresql+psycopg://user@host:5432/interlinear).
    database_url: str = "sqlite:///interlinear.db"
    # Connections per process (API, worker): a pool of db_pool_size, plus up to db_max_overflow more
    # under load; a request that cannot get one within db_pool_timeout seconds gets a 503.
    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    db_pool_timeout: float = Field(default=5.0, gt=0)

    # Queue: "memory://" runs tasks eagerly in the calling process (one-machine default);
    # a redis:// URL sends them to Celery workers.
    broker_url: str = "memory://"
    result_backend: str | None = None
    # A worker runs worker_concurrency tasks at once, as threads of one process by default: their
    # translations for the same model share engine calls (workers/engines/batching.py), collected
    # for batch_wait_ms or until about batch_max_tokens source tokens. "prefork" runs each task in
    # a process of its own (no shared batches; each process loads its own models).
    worker_pool: Literal["threads", "prefork", "solo"] = "threads"
    worker_concurrency: int = Field(default=16, ge=1)  # each holds a connection: see worker_pool_problem
    # A worker lowers its CPU priority by this much when it starts (os.nice): a backlog worker on
    # the same host as a worker for the urgent queues leaves it the cores (docker-compose.yml).
    worker_nice: int = Field(default=0, ge=0, le=19)
    batch_wait_ms: float = Field(default=5.0, ge=0)
    batch_max_tokens: int = Field(default=4096, ge=1)
    # Pairs whose models a worker loads when it starts ("de-en"), so no job waits for the load.
    preload_pairs: list[str] = Field(default_factory=list)
    # How long an unacknowledged task waits before Redis hands it to another worker
    # (a worker killed mid-task is redelivered after this). Longer than the longest task.
    visibility_timeout: int = 3600
    task_max_retries: int = 5
    # Unfinished jobs silent for this long whose tasks are in no queue get them sent again (see
    # service/reconcile.py). A running task marks its job alive every stale_after / 4 seconds, so a
    # slow job is never taken for a lost one. Every worker runs the reaper (one at a time, under a
    # lock in the broker) every reconcile_every seconds; celery beat can run it too. The lock lives
    # reconcile_every seconds (5 to 10), renewed while a pass runs (workers/reaper.py: lock_ttl).
    stale_after: int = Field(default=180, ge=1)
    reconcile_every: int = Field(default=30, ge=1)
    reaper_enabled: bool = True
    # A job requeued this many times that goes silent again is failed, not requeued: its article
    # keeps killing the worker (out of memory, a crash), so requeueing it again cannot help.
    max_requeues: int = Field(default=3, ge=1)
    # POST /v1/translate: a person waits for it, so it has a queue of its own that workers take first.
    interactive_queue: str = "translate-now"
    sync_timeout: float = Field(default=60.0, gt=0)  # how long POST /v1/translate waits for a worker
    translation_queue: str = "translate"
    bulk_queue: str = "translate-bulk"  # re-translation runs: a lower-priority queue of its own
    breaking_queue: str = "translate-breaking"  # breaking news: taken before every other job
    summary_queue: str = "summarise"

    eval_dir: Path = REPO_ROOT.parent / "shared" / "eval"  # parallel test sets for `interlinear eval`

    # API keys (`interlinear keys create`). Off only for a service that nobody else can reach.
    auth_required: bool = True
    # Per key, unless the key sets its own: requests per window ("120/minute", "10/second;1000/hour"),
    # and characters submitted per UTC day (jobs, /v1/translate and /v1/checks); None: no quota.
    rate_limit: str = "120/minute"
    # How long a sign-in on the pages lasts (a newsroom shift); signing out ends it at once.
    session_hours: float = Field(default=12.0, gt=0)
    daily_chars: int | None = Field(default=10_000_000, ge=1)
    # Where rate-limit counters live: "memory://" (one API process) or a redis:// URL shared by
    # every API process. None: the broker when it is Redis, else memory.
    rate_limit_storage: str | None = None
    # Requests with an API key that is not valid (unknown, revoked; on the API or the sign-in form)
    # one client address may send per window, counted where rate limits are; past it they get 429
    # with Retry-After. A valid key is always served. An IPv6 client counts by its /64. Behind a
    # reverse proxy, let uvicorn read the client's address (--forwarded-allow-ips), else every
    # client counts as the proxy. None: not limited.
    auth_failure_limit: str | None = "20/minute"
    # /metrics reports counts across every tenant (an operator endpoint, for Prometheus): set a
    # token to require "Authorization: Bearer <token>" there; None: open (scrape it from inside).
    metrics_token: SecretStr | None = None

    # API capacity: requests handled at once per API process (None: as many as the database pool
    # has connections), and how long one more waits for a turn before it gets 503 + Retry-After.
    api_max_concurrent: int | None = Field(default=None, ge=1)
    api_queue_wait: float = Field(default=5.0, ge=0)
    retry_after: int = Field(default=5, ge=1)  # the Retry-After (seconds) of a 503

    # Job callbacks (service/callbacks): POSTed when a job ends, retried with backoff (seconds,
    # doubling per attempt up to callback_backoff_max). Loopback and private receivers are refused
    # unless callback_allow_private (a receiver inside your own network).
    callback_allow_private: bool = False
    callback_max_attempts: int = Field(default=8, ge=1)
    callback_backoff: float = Field(default=5.0, gt=0)
    callback_backoff_max: float = Field(default=600.0, gt=0)
    callback_timeout: float = Field(default=10.0, gt=0)
    callback_poll: float = Field(default=2.0, gt=0)

    # Articles by URL (service/fetching.py): fetched by a worker within these limits; internal
    # addresses are refused unless allowed (all, or these hosts: "name" or "name:port").
    fetch_timeout: float = Field(default=15.0, gt=0)
    fetch_max_redirects: int = Field(default=5, ge=0)
    fetch_allow_private: bool = False
    fetch_allowed_hosts: list[str] = Field(default_factory=list)

    # Input limits.
    max_article_bytes: int = Field(default=1_000_000, ge=1)
    # Longest sentence (characters) an article may contain: longer ones are refused with 422,
    # since models truncate them and sentence splitters slow down on them.
    max_sentence_chars: int = Field(default=2000, ge=1)
    # Largest HTTP request body, refused with 413 before it is read. None: derived from
    # max_article_bytes (see request_body_limit).
    max_request_bytes: int | None = Field(default=None, ge=1)

    # Models: the registry file (service/models.toml by default) maps pairs to models and
    # routes; ``models`` overrides it per pair ({"de-en": hub id or local directory}; any pair the
    # registry names, INTERLINEAR_MODELS as JSON, or one INTERLINEAR_MODEL_<SRC>_<TGT> per pair),
    # ``model_dir`` for every pair.
    registry_file: Path | None = None
    models: dict[str, str] = Field(default_factory=dict)
    model_revision: str | None = None
    # CTranslate2 conversions of the registry's models (see workers/engines/model_store.py).
    model_store: Path = Field(default_factory=lambda: default_model_store())
    model_dir: Path | None = None  # one local model for every pair (tests and demos)
    model_dir_engine: Literal["transformers", "ctranslate2"] = "transformers"
    # One engine for every pair, over the registry's choice (`interlinear eval --engines` compares).
    engine: Literal["transformers", "ctranslate2"] | None = None
    device: str = "cpu"
    # CTranslate2's intra_threads (threads per batch) and inter_threads (batches of one model decoded
    # at once, sharing its weights); 0 for either: chosen from the other and the usable cores, see
    # engine_thread_split (benchmarks/ct2_sweep.py measures the splits).
    engine_threads: int = Field(default=0, ge=0)
    engine_inter_threads: int = Field(default=0, ge=0)

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
    prompts_dir: Path = REPO_ROOT / "service" / "prompts"  # the repository's prompts/, linked; in a wheel too
    summary_section_sentences: int = Field(default=2, ge=1)
    summary_article_sentences: int = Field(default=5, ge=1)
    summary_max_chars: int | None = None

    @field_validator("auth_failure_limit")
    @classmethod
    def _understood_limit(cls, value: str | None) -> str | None:
        """A limit the rate limiter reads ("20/minute", "10/minute;100/hour"), refused at start."""
        if value is not None and value.strip():
            from service.api_keys import parse_rate_limit

            parse_rate_limit(value)
            return value
        return None

    @property
    def summaries_inline(self) -> bool:
        """Whether the task that finishes a language makes its summaries (and the source's) itself.

        Extractive summaries cost no model call: made in that task, they need no task of their own
        (a queue round trip, the document read again), and a job is done when its last language is
        translated. A model's summaries (abstractive, instruct) go to the summary queue, where they
        wait for the summary model and take turns; the source's is queued with the job."""
        return self.summaries_enabled and self.summary_method == "extractive"

    @property
    def redis_broker(self) -> bool:
        """Whether the broker is Redis (also the result store, rate limits and the reaper's lock),
        rather than the embedded in-process queue."""
        return self.broker_url.startswith("redis")

    @property
    def request_body_limit(self) -> int:
        """``max_request_bytes``, else room for the largest article as JSON: escaping (``\\uXXXX``,
        ``\\n``) at most triples the size of text, plus 64 KiB for the other fields."""
        if self.max_request_bytes is not None:
            return self.max_request_bytes
        return 3 * self.max_article_bytes + 65_536

    @property
    def worker_queues(self) -> list[str]:
        """The queues a worker takes tasks from, first to last: a person waiting, then summaries
        (cheap, and what finishes a job), then jobs, then bulk re-translation."""
        return [
            self.interactive_queue,
            self.breaking_queue,
            self.summary_queue,
            self.translation_queue,
            self.bulk_queue,
        ]

    def job_queue(self, priority: str) -> str:
        """The queue of a job's tasks at ``priority`` (breaking, normal or bulk)."""
        return {"breaking": self.breaking_queue, "bulk": self.bulk_queue}.get(
            priority, self.translation_queue
        )

    def engine_thread_split(self, cores: int | None = None) -> tuple[int, int]:
        """CTranslate2's (intra_threads, inter_threads) for a model. On a CPU, by default one thread
        per batch and as many batches at once as there are usable cores: on the 2-core machine
        ``benchmarks/ct2_sweep.py`` found that split about twice as fast as both threads on one
        batch, for the Marian base and transformer-big shapes alike (``benchmarks/README.md``).
        A value set for one is kept and the other fills the cores; on a GPU the unset inter is 1
        and the unset intra CTranslate2's own default (0)."""
        if not self.device.startswith("cpu"):
            return self.engine_threads, self.engine_inter_threads or 1
        cores = cores or usable_cores()
        inter = self.engine_inter_threads
        intra = self.engine_threads or (max(1, cores // inter) if inter else 1)
        return intra, inter or max(1, cores // intra)

    def worker_pool_problem(self) -> str | None:
        """Why a worker with these settings would starve its tasks of database connections, if it would:
        each task thread holds one while it runs, and the reaper, callbacks and heartbeats borrow more."""
        needed = self.worker_concurrency + TASK_CONNECTIONS_SPARE
        if self.worker_pool != "threads" or needed <= self.db_pool_size + self.db_max_overflow:
            return None
        return (
            f"INTERLINEAR_WORKER_CONCURRENCY={self.worker_concurrency} needs {needed} database connections "
            f"per worker process, more than INTERLINEAR_DB_POOL_SIZE + INTERLINEAR_DB_MAX_OVERFLOW "
            f"({self.db_pool_size} + {self.db_max_overflow}): raise one of them for the workers"
        )

    @property
    def api_concurrency(self) -> int:
        """Requests one API process handles at once: never more than its connection pool holds, so
        that no request waits for a connection while holding a thread another one needs."""
        if self.api_max_concurrent is not None:
            return self.api_max_concurrent
        return self.db_pool_size + self.db_max_overflow

    def summary_settings(self) -> dict[str, object]:
        """The settings that shape a summary; their hash is stored with every summary."""
        return {
            "method": self.summary_method,
            "model": self.summary_model,
            "section_sentences": self.summary_section_sentences,
            "article_sentences": self.summary_article_sentences,
            "max_chars": self.summary_max_chars,
        }


PAIR_VARIABLE = re.compile(r"^(?:INTERLINEAR_)?MODEL_([A-Z]{2})_([A-Z]{2})$", re.IGNORECASE)


def pair_overrides(data: dict[str, Any]) -> dict[str, Any]:
    """``models`` with every per-pair override folded in: ``INTERLINEAR_MODEL_DE_EN`` variables,
    then ``model_de_en=...`` keywords, then the ``models`` mapping itself (most specific last)."""
    found: dict[str, str] = {}
    for source in (os.environ, data):
        for name, value in list(source.items()):
            match = PAIR_VARIABLE.match(name) if isinstance(name, str) else None
            if match and value:
                found[f"{match[1].lower()}-{match[2].lower()}"] = str(value)
    given = data.get("models") or {}
    if isinstance(given, str):
        given = json.loads(given)
    return {**{k: v for k, v in data.items() if not (isinstance(k, str) and PAIR_VARIABLE.match(k))},
            "models": {**found, **given}}  # fmt: skip


@lru_cache
def get_settings() -> Settings:
    return Settings()
