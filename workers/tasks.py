"""Celery tasks: small, idempotent, take ids not objects (the bodies live in :mod:`workers.task_bodies`)."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path
from typing import Any

from celery import Task
from celery.signals import worker_init, worker_process_init, worker_ready, worker_shutdown
from sqlalchemy.exc import InterfaceError, OperationalError

from service.callbacks.deliver import CallbackLoop
from service.checks import warm_up
from service.errors import without_paths
from service.job_records import JobState, transition
from service.settings import get_settings
from service.storage.db import database_for
from workers.celery_app import (
    FETCH_TASK,
    RECONCILE_TASK,
    SUMMARISE_TASK,
    TRANSLATE_TASK,
    TRANSLATE_TEXT_TASK,
    app,
)
from workers.dispatchers import CeleryDispatcher
from workers.model_cache import ModelCache
from workers.reaper import ReaperLoop, reap
from workers.summarise_document import MissingTranslations
from workers.task_bodies import PermanentError, run_fetch, run_summary, run_translation, translate_sentences

# The worker's model cache: one per worker process (shared by its task threads), filled on first use.
_cache: ModelCache | None = None
_cache_lock = threading.Lock()

# Database or broker unavailable for a moment (a restart): retried with backoff.
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)

log = logging.getLogger(__name__)


def model_cache() -> ModelCache:
    global _cache
    with _cache_lock:
        if _cache is None:
            _cache = ModelCache(get_settings())
        return _cache


class JobTask(Task):
    """A task for one job (its first argument is the job id). A database or broker away for a
    moment is retried with jittered backoff (2 s doubling, at most 60 s, up to
    ``INTERLINEAR_TASK_MAX_RETRIES`` times). When Celery gives up on it (retries exhausted, an
    unexpected error), the job is marked failed with the reason, never left ``running``.
    """

    autoretry_for: tuple[type[BaseException], ...] = TRANSIENT
    retry_backoff = 2
    retry_backoff_max = 60
    retry_jitter = True
    max_retries = get_settings().task_max_retries
    ignore_result = True

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        job_id = args[0] if args else kwargs.get("job_id")
        lang = args[1] if len(args) > 1 else kwargs.get("target_lang") or kwargs.get("lang")
        if job_id is not None:
            mark_failed(str(job_id), give_up_reason(self.name, str(lang or "?"), self.request.retries, exc))


def give_up_reason(task_name: str, lang: str, retries: int, exc: BaseException) -> str:
    """Why a task failed for good, and what to do next."""
    lines = without_paths(str(exc)).strip().splitlines()  # the job's error: no server paths
    cause = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    if isinstance(exc, TRANSIENT):
        return (
            f"{lang}: {task_name} gave up after {retries} retries ({cause}). The database or broker "
            "stayed unreachable; check that they are up and reachable from the workers (or raise "
            "INTERLINEAR_TASK_MAX_RETRIES), then submit the article again"
        )
    tried = f" after {retries} retries" if retries else ""
    return (
        f"{lang}: {task_name} failed{tried} ({cause}). See the worker log for the traceback "
        "and fix the cause, then submit the article again"
    )


def mark_failed(job_id: str, reason: str) -> bool:
    """Mark the job failed unless it is finished already; returns whether it changed. Idempotent.

    If the database is still unreachable the job stays as it is, and the reaper
    (:func:`service.reconcile.requeue_stale`) sends its tasks again once it goes stale.
    """
    try:
        with database_for(get_settings().database_url).session() as session:
            changed = transition(session, job_id, JobState.FAILED, reason)
    except TRANSIENT as exc:
        log.warning("job %s: could not record its failure (%s); the reaper will requeue it", job_id, exc)
        return False
    if changed:
        log.error("job %s failed: %s", job_id, reason)
    return changed


@worker_init.connect
def _check_worker_settings(**_: Any) -> None:
    settings = get_settings()
    problem = settings.worker_pool_problem()
    if problem is not None:
        raise SystemExit(f"interlinear worker: {problem}")
    if settings.worker_nice:  # before any task thread or model thread starts: they inherit it
        lower_cpu_priority(settings.worker_nice)


def lower_cpu_priority(nice: int) -> None:
    """Raise this process's nice value by ``nice``. Where the kernel groups processes by session
    (autogroup scheduling, the default on desktop and many server kernels), the CPU is shared
    between sessions first, whatever the processes' nice values: a worker that leads its own
    session (started by a service manager, or with ``setsid``) lowers its session's share too.
    Containers and systemd services are shared by their cgroups' weights (compose's cpu_shares,
    systemd's CPUWeight=), which this cannot change."""
    os.nice(nice)
    if os.getsid(0) == os.getpid():
        with contextlib.suppress(OSError):  # no autogroups on this kernel
            Path("/proc/self/autogroup").write_text(f"{nice}\n")


@worker_process_init.connect
def _init_worker_process(**_: Any) -> None:
    # Forked children must not share the parent's database connections.
    database_for(get_settings().database_url).engine.dispose(close=False)
    model_cache()
    _preload()  # each process of a prefork pool has its own models


@app.task(name=TRANSLATE_TASK, base=JobTask, bind=True)
def translate(self: Task, job_id: str, target_lang: str) -> int:
    settings = get_settings()
    with database_for(settings.database_url).session() as session:
        try:
            return run_translation(session, model_cache(), job_id, target_lang, worker_queue())
        except PermanentError:
            return 0  # the job is marked failed with the reason; retrying cannot help


def worker_queue() -> CeleryDispatcher:
    """Where a task sends the job's next tasks: this worker's broker, through its own Celery app."""
    return CeleryDispatcher(get_settings(), celery=app)


@app.task(name=FETCH_TASK, base=JobTask, bind=True)
def fetch(self: Task, job_id: str, _lang: str = "") -> None:
    # A PermanentError has marked the job failed with the reason: nothing to retry.
    with database_for(get_settings().database_url).session() as session, contextlib.suppress(PermanentError):
        run_fetch(session, model_cache(), job_id, worker_queue())


@app.task(
    name=SUMMARISE_TASK, base=JobTask, bind=True, autoretry_for=(*TRANSIENT, MissingTranslations)
)  # also waits, by retrying, for translations still being stored
def summarise(self: Task, job_id: str, lang: str) -> int:
    with database_for(get_settings().database_url).session() as session:
        try:
            return run_summary(session, model_cache(), job_id, lang)
        except PermanentError:
            return 0


@app.task(name=TRANSLATE_TEXT_TASK, autoretry_for=TRANSIENT, max_retries=2)
def translate_text(sentences: list[str], source_lang: str, target_lang: str) -> dict[str, Any]:
    return translate_sentences(model_cache(), sentences, source_lang, target_lang)


@app.task(name=RECONCILE_TASK, ignore_result=True)
def reconcile() -> int:
    """Run by celery beat (optional: every worker runs the reaper too): requeue jobs whose tasks were lost."""
    return reap(get_settings())


def _preload() -> None:
    """Load INTERLINEAR_PRELOAD_PAIRS' models in the background: the worker takes tasks meanwhile
    (they wait for a model being loaded, as they would for their own load)."""
    pairs = get_settings().preload_pairs
    if pairs:
        threading.Thread(target=model_cache().preload, args=(pairs,), name="preload", daemon=True).start()
    threading.Thread(target=warm_up, name="warm-checks", daemon=True).start()


_reaper: ReaperLoop | None = None
_callbacks: CallbackLoop | None = None


@worker_ready.connect
def _start_reaper(**_: Any) -> None:
    global _reaper
    settings = get_settings()
    for line in model_cache().registry.describe():
        log.info("route %s", line)
    if settings.worker_pool != "prefork":  # one process: its tasks share its models
        _preload()
    if settings.reaper_enabled and _reaper is None:
        _reaper = ReaperLoop(settings)
        _reaper.start()
    global _callbacks
    if _callbacks is None:
        _callbacks = CallbackLoop(settings)
        _callbacks.start()


@worker_shutdown.connect
def _stop_reaper(**_: Any) -> None:
    if _reaper is not None:
        _reaper.stop()
    if _callbacks is not None:
        _callbacks.stop()
