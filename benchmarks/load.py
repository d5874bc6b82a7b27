"""Load test of the service path: HTTP API -> Redis -> 2 Celery workers -> storage, on loopback only.

Run from anywhere: ``python benchmarks/load.py [--jobs 200] [--concurrency 16]``. A script, not a
test: it prints a table (and ``--json`` writes every number); ``README.md`` keeps a result.

What it starts, all on 127.0.0.1 and all stopped again at the end (also on Ctrl-C, SIGTERM or an
error): a fresh PostgreSQL schema in the local ``test`` database (``--storage sqlite``: a temporary
SQLite file; ``--database-url``: one of your own, left as it is), the API under uvicorn on a free
port, and ``--workers`` ``celery worker`` processes (default 2, concurrency 1 each) consuming this
run's own summarise and translate queues, in the service's order (summaries first), in a dedicated
Redis database (``--redis-db``, must be empty; it is flushed afterwards). With API keys on (the
default), a key for tenant ``load`` is created in the run's database with ``python -m service.cli
keys create``; ``--no-auth`` runs the API with ``INTERLINEAR_AUTH_REQUIRED=false`` instead.

The model: by default the tiny random-weight MarianMT of ``workers/tiny`` (d_model 32, 1+1 layers),
so a task's model time is small and the run measures the API, the queue and the storage, not
translation speed; ``--model-dir`` takes a real model directory (a Hugging Face one; ``--engine
ctranslate2`` has the workers run its CTranslate2 conversion from ``--model-store``, made there on
first use); ``--models`` names a model per pair instead (JSON, ``INTERLINEAR_MODELS``), so the
registry's routes run, pivots included (``service.py --targets en,ko``). ``--worker-pool``,
``--worker-concurrency`` and ``--engine-threads`` set the workers' ``INTERLINEAR_*`` settings of the
same names (``benchmarks/service.py`` runs one threaded worker so).

What it does: submits ``--jobs`` distinct short German articles (``--sentences`` lines of
newstest2019 each, under a title line) with ``POST /v1/jobs``, at most ``--concurrency`` requests in
flight; polls ``GET /v1/jobs/{id}`` (the oldest unfinished ``--poll-window`` jobs, every
``--poll-interval`` seconds) until every job has succeeded or failed, or ``--timeout`` seconds have
passed, or nothing was queued or running and no job finished for ``--stall-after`` seconds (tasks
lost, e.g. Redis restarted): it always stops by itself. Every ``--sample-every`` seconds it reads
the queue depth (Redis ``LLEN`` of both queues, and the tasks the workers hold unacknowledged). The
report includes the CPU seconds of the API, the workers, this script, PostgreSQL and Redis during
the run, read from ``/proc``.

Exit code 0 only if every job succeeded; 1 if not; 2 if the setup failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import shutil
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness import (  # benchmarks/harness.py: the services, keys, CPU counters
    DEFAULT_POSTGRES,
    DEFAULT_REDIS,
    FINAL,
    LOAD_RATE_LIMIT,
    LOAD_TENANT,
    PRIORITY_SUFFIXES,
    WORKERS,
    Services,
    SetupError,
    api_ready,
    check_auth,
    cpu_snapshot,
    cpu_used,
    create_key,
    make_articles,
    migrate,
    model_settings,
    preloaded,
    prepare_database,
    prepare_redis,
    service_env,
    sigterm_as_interrupt,
    start_api,
    versions,
    wait_for,
    worker_ready,
)
from load_report import idle_seconds, report, summarise, tasks_run  # benchmarks/load_report.py

# --- the load ---------------------------------------------------------------------------------


@dataclass
class JobRecord:
    index: int
    post_seconds: float = 0.0
    status: int | None = None
    error: str | None = None
    job_id: str | None = None
    state: str | None = None
    created_at: float | None = None  # server clock (epoch seconds)
    finished_at: float | None = None
    job_error: str | None = None


@dataclass
class Load:
    records: list[JobRecord]
    get_seconds: list[float] = field(default_factory=list)
    get_errors: int = 0
    samples: list[dict[str, float]] = field(default_factory=list)
    started: float = 0.0  # wall clock of the first POST
    submitted_after: float = 0.0  # seconds from the first POST until the last POST answered
    stopped_after: float = 0.0  # seconds from the first POST until the poller stopped
    timed_out: bool = False
    stop_reason: str | None = None  # why it stopped before every job finished
    redis_restarted: bool = False  # Redis's run_id changed: whatever was queued is gone


def epoch(value: str | None) -> float | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.timestamp()


def update_record(record: JobRecord, body: dict[str, Any]) -> None:
    record.state = body.get("state")
    record.created_at = epoch(body.get("created_at"))
    if record.state in FINAL:
        at = [epoch(e.get("at")) for e in body.get("events", []) if e.get("state") == record.state]
        record.finished_at = next((a for a in at if a is not None), epoch(body.get("updated_at")))
        record.job_error = body.get("error")


async def run_load(
    args: argparse.Namespace, base_url: str, headers: dict[str, str], articles: list[str], redis_url: str,
    queues: list[str], progress: Any,
) -> Load:  # fmt: skip
    import httpx
    import redis.asyncio as aioredis

    load = Load(records=[JobRecord(i) for i in range(len(articles))])
    deadline = time.monotonic() + args.timeout
    submitted = asyncio.Event()
    connections = args.concurrency + args.poll_concurrency
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    client = httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60, limits=limits)
    redis_client = aioredis.Redis.from_url(redis_url, socket_timeout=5)
    t0 = time.perf_counter()
    load.started = time.time()
    submit_task = progress.add_task("submitted", total=len(articles))
    done_task = progress.add_task("finished", total=len(articles))

    async def post(record: JobRecord, gate: asyncio.Semaphore) -> None:
        body = {"text": articles[record.index], "source_lang": args.source_lang, "targets": args.targets}
        async with gate:
            if time.monotonic() > deadline:
                record.error = "not sent: --timeout passed"
                return
            start = time.perf_counter()
            try:
                response = await client.post("/v1/jobs", json=body)
            except httpx.HTTPError as exc:
                record.error = f"{type(exc).__name__}: {exc}"
                return
            finally:
                record.post_seconds = time.perf_counter() - start
                progress.advance(submit_task)
        record.status = response.status_code
        if response.status_code == 202:
            data = response.json()
            record.job_id = data["id"]
            update_record(record, data)
        else:
            record.error = f"HTTP {response.status_code}: {response.text[:300]}"

    async def submit_all() -> None:
        gate = asyncio.Semaphore(args.concurrency)
        await asyncio.gather(*(post(r, gate) for r in load.records))
        load.submitted_after = time.perf_counter() - t0
        submitted.set()

    async def get(record: JobRecord) -> None:
        start = time.perf_counter()
        try:
            response = await client.get(f"/v1/jobs/{record.job_id}")
        except httpx.HTTPError:
            load.get_errors += 1
            return
        load.get_seconds.append(time.perf_counter() - start)
        if response.status_code != 200:
            load.get_errors += 1
            return
        update_record(record, response.json())

    def finished() -> int:
        return sum(1 for r in load.records if r.state in FINAL or (r.job_id is None and r.error))

    async def poll() -> None:
        gate = asyncio.Semaphore(args.poll_concurrency)

        async def gated(record: JobRecord) -> None:
            async with gate:
                await get(record)

        while time.monotonic() < deadline:
            pending = [r for r in load.records if r.job_id and r.state not in FINAL]
            if submitted.is_set() and not pending:
                break
            await asyncio.gather(*(gated(r) for r in pending[: args.poll_window]))
            progress.update(done_task, completed=finished())
            idle = idle_seconds(load.samples, queues)
            if submitted.is_set() and idle >= args.stall_after:
                load.stop_reason = (
                    f"stalled: nothing queued or running and no job finished for {idle:.0f} s while "
                    f"{len(pending)} jobs are unfinished (their tasks were lost"
                    + (": Redis restarted during the run)" if load.redis_restarted else ")")
                )
                break
            await asyncio.sleep(args.poll_interval)
        else:
            load.timed_out = True
            load.stop_reason = f"--timeout {args.timeout:.0f} s passed"
        load.stopped_after = time.perf_counter() - t0

    async def depth(name: str) -> int:
        total = 0
        for suffix in PRIORITY_SUFFIXES:
            total += int(await redis_client.llen(name + suffix))
        return total

    async def redis_run_id() -> str:
        server: dict[str, Any] = await redis_client.info("server")
        return str(server.get("run_id"))

    async def sample(stop: asyncio.Event) -> None:
        run_id = ""
        with contextlib.suppress(Exception):
            run_id = await redis_run_id()
        while not stop.is_set():
            try:
                if run_id and await redis_run_id() != run_id:
                    load.redis_restarted = True
                row = {"t": round(time.perf_counter() - t0, 2)}
                for queue in queues:
                    row[queue] = await depth(queue)
                row["unacked"] = int(await redis_client.hlen("unacked"))
                row["finished"] = finished()
                load.samples.append(row)
                progress.update(
                    done_task,
                    description=f"finished (queued now {sum(row[q] for q in queues)})",
                )
            except Exception:  # a missed sample must not stop the run
                pass
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=args.sample_every)

    stop = asyncio.Event()
    sampler = asyncio.create_task(sample(stop))
    try:
        submitter = asyncio.create_task(submit_all())
        poller = asyncio.create_task(poll())
        await asyncio.wait([poller], timeout=args.timeout + 120)
        if not submitter.done():  # only after --timeout: stop whatever is left
            submitter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await submitter
            load.submitted_after = time.perf_counter() - t0
        if not poller.done():
            poller.cancel()
            load.timed_out = True
            load.stop_reason = f"--timeout {args.timeout:.0f} s passed"
        progress.update(done_task, completed=finished())
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await sampler
        await client.aclose()
        await redis_client.aclose()
    return load


# --- main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--jobs", type=int, default=200, help="articles to submit")
    parser.add_argument("--concurrency", type=int, default=16, help="POST requests in flight at most")
    parser.add_argument("--sentences", type=int, default=3, help="sentences per article")
    parser.add_argument("--targets", default="en", help="comma-separated target languages")
    parser.add_argument("--source-lang", default="auto", help="sent with each job ('auto': detected)")
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds from the first POST; then it stops"
    )
    parser.add_argument("--poll-interval", type=float, default=1.0, help="seconds between polling rounds")
    parser.add_argument("--poll-window", type=int, default=32, help="oldest unfinished jobs polled per round")
    parser.add_argument("--poll-concurrency", type=int, default=4, help="GET requests in flight at most")
    parser.add_argument("--sample-every", type=float, default=1.0, help="seconds between queue-depth samples")
    parser.add_argument(
        "--stall-after",
        type=float,
        default=120,
        help="stop early when nothing is queued or running and no job finished for this long",
    )
    parser.add_argument("--depth-every", type=int, default=10, help="seconds between depths in the table")
    parser.add_argument("--storage", choices=["postgres", "sqlite"], default="postgres", help="job store")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES, help="server for --storage postgres")
    parser.add_argument("--database-url", help="use this database as it is (no schema made or dropped)")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help="Redis server, without a database number")
    parser.add_argument(
        "--redis-db", type=int, default=13, help="Redis database for this run (must be empty)"
    )
    parser.add_argument("--redis-flush-first", action="store_true", help="empty --redis-db before the run")
    parser.add_argument("--model-dir", type=Path, help="a real model directory (else: tiny random weights)")
    parser.add_argument(
        "--models",
        help='INTERLINEAR_MODELS instead of --model-dir: JSON {"de-en": dir, ...} (registry routes)',
    )
    parser.add_argument("--worker-threads", type=int, default=1, help="torch threads per worker process")
    parser.add_argument(
        "--preload", action="store_true",
        help="workers load their models at start (INTERLINEAR_PRELOAD_PAIRS); the run starts once they have",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=WORKERS, help="celery worker processes")
    parser.add_argument(
        "--worker-concurrency", type=int, default=1, help="tasks each worker runs at once (its --concurrency)"
    )
    parser.add_argument(
        "--worker-pool",
        choices=["threads", "prefork", "solo"],
        help="INTERLINEAR_WORKER_POOL (default: the service's own, threads)",
    )
    parser.add_argument(
        "--engine",
        choices=["transformers", "ctranslate2"],
        help="INTERLINEAR_MODEL_DIR_ENGINE: how the workers run --model-dir (default: the service's own)",
    )
    parser.add_argument(
        "--model-store", type=Path, help="INTERLINEAR_MODEL_STORE: where CTranslate2 conversions are kept"
    )
    parser.add_argument(
        "--engine-threads", type=int, help="INTERLINEAR_ENGINE_THREADS: CTranslate2 intra_threads per model"
    )
    parser.add_argument(
        "--no-auth", action="store_true", help="run the API with INTERLINEAR_AUTH_REQUIRED=false"
    )
    parser.add_argument("--json", type=Path, help="also write the report and every sample here")
    parser.add_argument("--keep-logs", type=Path, help="copy the API and worker logs into this folder")
    args = parser.parse_args(argv)
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    if min(args.jobs, args.concurrency, args.sentences, args.workers, args.worker_concurrency) < 1:
        parser.error(
            "--jobs, --concurrency, --sentences, --workers and --worker-concurrency must be at least 1"
        )
    if not args.targets:
        parser.error("--targets must not be empty")
    if args.preload and args.source_lang == "auto":
        parser.error("--preload needs --source-lang: the pairs to load")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(width=max(Console().width, 120))
    try:
        articles, articles_from = make_articles(args.jobs, args.sentences)
    except SetupError as exc:
        console.print(f"[red]{exc}[/]")
        return 2
    run = uuid.uuid4().hex[:8]
    queues = [f"load-translate-{run}", f"load-summarise-{run}"]
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="interlinear-load-"))
    services = Services(tmp)
    services.cleanups.append(("temporary directory", lambda: shutil.rmtree(tmp, ignore_errors=True)))
    load: Load | None = None
    info: dict[str, Any] = {}
    code = 2
    with sigterm_as_interrupt():
        try:
            console.print(f"run {run}: everything on 127.0.0.1, temporary files in {tmp}")
            broker = prepare_redis(services, args.redis_url, args.redis_db, args.redis_flush_first)
            database_url, storage = prepare_database(services, args, run)
            settings = {
                "database_url": database_url,
                "broker_url": broker,
                "translation_queue": queues[0],
                "summary_queue": queues[1],
                "bulk_queue": f"load-bulk-{run}",
                "worker_concurrency": str(args.worker_concurrency),
            }
            model = model_settings(args, settings, tmp, console)
            env = service_env(settings)
            with console.status("migrating the database"):
                migrate(database_url)
            headers: dict[str, str] = {}
            api_env = dict(env)
            if args.no_auth:
                api_env["INTERLINEAR_AUTH_REQUIRED"] = "false"
                auth = "off (--no-auth: INTERLINEAR_AUTH_REQUIRED=false)"
            else:
                with console.status(f"creating an API key for tenant {LOAD_TENANT!r}"):
                    key = create_key(env, tmp)
                headers["Authorization"] = f"Bearer {key}"
                auth = f"API key of tenant {LOAD_TENANT!r}, rate limit {LOAD_RATE_LIMIT}"
            api, base_url = start_api(services, api_env)
            worker_env = dict(env, OMP_NUM_THREADS=str(args.worker_threads))
            worker_command = [
                sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker",
                # the service's order (Settings.worker_queues): summaries, which finish jobs, first
                "-Q", f"{queues[1]},{queues[0]}",
                "--concurrency", str(args.worker_concurrency), "--loglevel", "INFO",
                "--without-gossip", "--without-mingle", "--without-heartbeat",
            ]  # fmt: skip
            workers = [
                services.start(f"worker{n}", [*worker_command, "-n", f"load{n}-{run}@%h"], worker_env)
                for n in range(1, args.workers + 1)
            ]
            with console.status(f"starting the API and the {args.workers} workers"):
                wait_for(lambda: api_ready(base_url), 120, "the API's /readyz", api)
                if not args.no_auth:
                    auth += check_auth(base_url, headers)
                pairs = [f"{args.source_lang}-{t}" for t in args.targets]
                for worker in workers:
                    wait_for(lambda w=worker: worker_ready(w), 120, f"{worker.name} to be ready", worker)
                    if args.preload:  # as a deployment warms its workers before traffic reaches them
                        wait_for(lambda w=worker: preloaded(w, pairs), 300,
                                 f"{worker.name} to load its models", worker)  # fmt: skip
            console.print(
                f"API {base_url}, workers on {', '.join(queues)}, broker {broker}, storage: {storage}"
            )
            with Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=console, transient=True,
            ) as progress:  # fmt: skip
                cpu_before = cpu_snapshot([api, *workers])
                load = asyncio.run(run_load(args, base_url, headers, articles, broker, queues, progress))
                cpu_during = cpu_used(cpu_before, cpu_snapshot([api, *workers]))
            for child in [api, *workers]:
                if child.process.poll() is not None:
                    console.print(
                        f"[red]{child.name} exited during the run (code {child.process.returncode})[/]"
                    )
            info = {
                "storage": storage,
                "broker": f"Redis {broker}, queues {', '.join(queues)} (flushed after)",
                "model": model,
                "tiny": args.model_dir is None and not args.models,
                "auth": auth,
                "tasks_per_worker": [tasks_run(w.log) for w in workers],
                "cpu_seconds": cpu_during,
                "depth_every": args.depth_every,
                "load_before": load_before,
                "concurrency": args.concurrency,
                "sentences": args.sentences,
                "article_chars": round(sum(len(a) for a in articles) / len(articles)),
                "articles_from": articles_from,
                "targets": args.targets,
                "poll_window": args.poll_window,
                "poll_interval": args.poll_interval,
                "timeout": args.timeout,
                "worker_threads": args.worker_threads,
                "workers": args.workers,
                "worker_concurrency": args.worker_concurrency,
                "worker_pool": args.worker_pool or "threads (the service's default)",
                "engine": args.engine or "the service's default",
                "engine_threads": args.engine_threads,
                "versions": versions(),
            }
            if args.keep_logs:
                args.keep_logs.mkdir(parents=True, exist_ok=True)
                for child in services.children:
                    shutil.copy(child.log, args.keep_logs / child.log.name)
        except SetupError as exc:
            console.print(f"[red]setup failed:[/] {exc}")
        except KeyboardInterrupt:
            console.print("[yellow]interrupted: stopping everything[/]")
            code = 130
        finally:
            with console.status("stopping the API and the workers, cleaning up"):
                problems = services.close()
            for problem in problems:
                console.print(f"[yellow]{problem}[/]")
    if load is None:
        return code
    result = summarise(load, args)
    report(result, load, info, queues, console)
    if args.json:
        payload = {
            "result": {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in result.items()},
            "info": info,
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "samples": load.samples,
            "jobs": [vars(r) for r in load.records],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        console.print(f"JSON report: {args.json}")
    return 0 if result["all_succeeded"] else 1


if __name__ == "__main__":
    sys.exit(main())
