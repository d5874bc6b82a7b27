"""A worker whose task threads would wait for database connections refuses to start and says which
setting to raise; the same settings are fine for the API and for a prefork worker."""

from __future__ import annotations

import os
import subprocess
import sys

from service.settings import Settings


def test_concurrency_beyond_the_connection_pool_is_named() -> None:
    assert Settings().worker_pool_problem() is None  # the defaults fit
    problem = Settings(worker_concurrency=17).worker_pool_problem()
    assert problem is not None and "needs 21 database connections" in problem and "(10 + 10)" in problem
    assert Settings(worker_concurrency=17, db_max_overflow=11).worker_pool_problem() is None
    assert Settings(worker_concurrency=40, worker_pool="prefork").worker_pool_problem() is None


def test_the_engines_threads_fill_the_cores_one_per_batch_by_default() -> None:
    """CTranslate2's split (benchmarks/ct2_sweep.py: one thread per batch, a batch per core, about
    twice as fast on 2 cores as both threads on one batch); a value set for one is kept and the
    other fills the cores; a GPU decodes one batch at a time unless told otherwise."""
    assert Settings().engine_thread_split(cores=2) == (1, 2)
    assert Settings().engine_thread_split(cores=16) == (1, 16)
    assert Settings(engine_threads=2).engine_thread_split(cores=2) == (2, 1)
    assert Settings(engine_threads=4).engine_thread_split(cores=16) == (4, 4)
    assert Settings(engine_inter_threads=1).engine_thread_split(cores=2) == (2, 1)
    assert Settings(engine_threads=1, engine_inter_threads=3).engine_thread_split(cores=2) == (1, 3)
    assert Settings(device="cuda").engine_thread_split(cores=16) == (0, 1)
    assert Settings(device="cuda", engine_inter_threads=2).engine_thread_split(cores=16) == (0, 2)
    assert Settings().engine_thread_split()[1] >= 1  # the cores this process may use


def test_such_a_worker_exits_with_the_advice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "INTERLINEAR_WORKER_CONCURRENCY": "40",
        "INTERLINEAR_BROKER_URL": "redis://127.0.0.1:6379/15",
        "INTERLINEAR_DATABASE_URL": f"sqlite:///{tmp_path}/worker.db",
        "HF_HUB_OFFLINE": "1",
    }
    worker = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-n", "refused@%h"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert worker.returncode != 0
    assert "INTERLINEAR_WORKER_CONCURRENCY=40 needs 44 database connections" in worker.stderr + worker.stdout


def test_a_worker_lowers_its_cpu_priority_as_set() -> None:
    """INTERLINEAR_WORKER_NICE: a backlog worker beside the urgent queues' worker on one host. A
    worker leading its own session lowers the session's share too: with autogroup scheduling,
    sessions share the CPU first (benchmarks/mixed.py --shape compose found os.nice alone did
    nothing for workers started in sessions of their own)."""
    script = (
        "import os, pathlib\n"
        "from celery.signals import worker_init\n"
        "import workers.tasks\n"
        "before = os.nice(0)\n"
        "worker_init.send(sender=None)\n"
        "print(os.nice(0) - before)\n"
        "group = pathlib.Path('/proc/self/autogroup')\n"
        "print(group.read_text().split()[-1] if group.exists() else 'none')\n"
    )
    env = {**os.environ, "INTERLINEAR_WORKER_NICE": "7", "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,
    )
    assert done.returncode == 0, done.stderr
    nice, group = done.stdout.strip().splitlines()[-2:]
    assert nice == "7"
    assert group in ("7", "none"), group  # "none": a kernel without autogroups
