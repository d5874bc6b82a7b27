"""Mixed load: breaking news and normal articles arriving behind a backlog (issue 26).

Run from anywhere: ``python benchmarks/mixed.py`` (defaults: about 15 minutes on a quiet 2-core
machine) or ``python benchmarks/mixed.py --small`` (a few minutes: proves it works). A script, not a
test: it prints a table (``--json`` writes every number). Everything on 127.0.0.1, torn down at the
end (also on Ctrl-C or SIGTERM).

What it starts (``harness.py``'s helpers): a fresh PostgreSQL schema, a private Redis database
(``--redis-db``, must be empty; flushed after), the API under uvicorn, and the workers of
``--shape``: ``pair`` (default, docker-compose.yml's shape) is a worker for a person's requests
and breaking news and the main worker for every other queue, bulk last, at a lower CPU priority
(``--main-nice``); ``one`` is ONE celery worker (threads pool, the service's task threads,
``--threads`` cores for CTranslate2) taking this run's five queues in the service's order (a person
waiting, breaking, summaries, normal, bulk); ``compose`` is the earlier docker-compose.yml shape
on one host: a worker for a person's requests and breaking news, the main worker and a bulk worker
(now the ``scale-out`` profile, for a host of its own), each with
its own copy of the model, the other two at a lower CPU priority (``INTERLINEAR_WORKER_NICE``, as
compose's cpu_shares). Every worker loads the random-weight opus-mt-de-en shape model before the
first POST (``bench_models.py``, cached).

What it does, in order:

1. **idle**: ``--idle-runs`` articles of the breaking articles' size, and as many three-sentence
   jobs, each alone on the idle service; then ``--small-jobs`` small jobs sent together, as the
   backlog sends its own (tenant ``idle``; every baseline of sentences of its own: the engine keeps
   recent outputs, so a sentence timed here would be answered from them in the mixed run);
2. **backlog** (tenant ``newsroom``): one long job (``--long-sentences``, normal), ``--small-jobs``
   jobs of ``--small-sentences`` (normal) and a bulk re-translation of ``--bulk-docs`` articles of
   ``--bulk-sentences`` (``"priority": "bulk"``, as ``interlinear retranslate`` and batch scripts
   send; the re-translation command itself needs documents translated before with another model);
3. ``--start-after`` seconds after the backlog was accepted, ``--articles`` breaking articles of
   ``--article-sentences`` arrive one every ``--every`` seconds, and as many normal ones between them.

Every sentence is used once in the whole run (newstest2019 and FLORES-200 German lines), so no job
is served from memory. Latencies are the server's (queued to the job's final event, read from the
run's database at the end). Per class: p50 / p95 against the idle service: breaking and normal
articles against the median article alone; the backlog's small jobs against the small jobs sent
together to the idle service, percentile for percentile (what the long job and the bulk work add
to them; against one small job alone the ratio would mostly measure their own queue).
Throughput: every segment of the mixed run over the time from the first POST to the last job
done, against the engine alone's best thread split (``engine_alone.py``) on a sample of the same
segments, measured before and after the service run. Targets (issue 26): breaking p95 <= 2x idle,
small normal jobs p95 <= 4x idle, throughput >= 0.9x the engine's best.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import bench_models  # benchmarks/: the cached random-weight models
import engine_alone
import harness  # benchmarks/harness.py: services, keys, CPU counters
from mixed_report import print_report, summarise

REPO_ROOT = Path(__file__).resolve().parents[1]
FLORES_DE = REPO_ROOT.parent / "shared" / "eval" / "flores200-devtest" / "deu_Latn.devtest"


class Pool:
    """German sentences, each handed out once."""

    def __init__(self) -> None:
        lines, _ = harness.german_lines()
        if FLORES_DE.is_file():
            lines += [x.strip() for x in FLORES_DE.read_text(encoding="utf-8").splitlines() if len(x) >= 40]
        self.lines = list(dict.fromkeys(lines))
        self.used = 0

    def article(self, title: str, sentences: int, per_paragraph: int = 5) -> str:
        if self.used + sentences > len(self.lines):
            raise harness.SetupError(
                f"the run needs more than the {len(self.lines)} distinct German sentences at hand: "
                "lower the sizes"
            )
        body = self.lines[self.used : self.used + sentences]
        self.used += sentences
        paragraphs = [" ".join(body[i : i + per_paragraph]) for i in range(0, len(body), per_paragraph)]
        return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def segments_of(text: str) -> list[str]:
    """The translatable segments the API makes of an article (titles included)."""
    from service.ingest import read_article
    from service.settings import Settings

    _, article = read_article(text.encode("utf-8"), Settings(), None, None)
    return [s.text for s in article.segments() if s.translatable]


def start_service(
    services: harness.Services, args: argparse.Namespace, ct2_dir: Path, run: str
) -> dict[str, Any]:
    """API + one worker on this run's queues; returns what the run needs (URLs, keys, children)."""
    broker = harness.prepare_redis(services, harness.DEFAULT_REDIS, args.redis_db, False)
    ns = argparse.Namespace(database_url=None, storage="postgres", postgres_url=harness.DEFAULT_POSTGRES)
    database_url, storage = harness.prepare_database(services, ns, run)
    queues = {
        name: f"mixed-{name}-{run}" for name in ("interactive", "breaking", "summary", "translation", "bulk")
    }
    settings = {
        "database_url": database_url,
        "broker_url": broker,
        "model_dir": str(ct2_dir),
        "model_dir_engine": "ctranslate2",
        "preload_pairs": json.dumps(["de-en"]),
        **{f"{k}_queue": v for k, v in queues.items()},
    }
    if args.worker_concurrency:
        settings["worker_concurrency"] = str(args.worker_concurrency)
    if args.engine_threads:
        settings["engine_threads"] = str(args.engine_threads)
    if args.inter_threads:
        settings["engine_inter_threads"] = str(args.inter_threads)
    env = harness.service_env(settings)
    harness.migrate(database_url)
    keys = {tenant: harness.create_key(env, services.tmp, tenant=tenant) for tenant in ("newsroom", "idle")}
    api, base_url = harness.start_api(services, env)
    from service.settings import Settings

    order = Settings(**{k: v for k, v in settings.items() if k.endswith("_queue")}).worker_queues
    worker_env = dict(env, OMP_NUM_THREADS=str(args.threads))
    workers = []
    for name, queue_names, extra in worker_shape(args, queues, order):
        command = [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "-Q",
                   ",".join(queue_names), "--loglevel", "INFO", "--without-gossip", "--without-mingle",
                   "--without-heartbeat", "-n", f"{name}-{run}@%h"]  # fmt: skip
        own = {f"INTERLINEAR_{key.upper()}": value for key, value in extra.items()}
        workers.append(services.start(name, command, dict(worker_env, **own)))
    harness.wait_for(lambda: harness.api_ready(base_url), 120, "the API's /readyz", api)
    for worker in workers:
        harness.wait_for(lambda w=worker: harness.worker_ready(w), 120, f"{worker.name} to be ready", worker)
        preloaded = lambda w=worker: "preloaded" in harness.log_tail(w.log, 20000)  # noqa: E731
        harness.wait_for(preloaded, 300, f"{worker.name}'s model", worker)
    return {
        "base_url": base_url,
        "keys": keys,
        "database_url": database_url,
        "storage": storage,
        "children": [api, *workers],
        "queues": order,
    }


def worker_shape(
    args: argparse.Namespace, queues: dict[str, str], order: list[str]
) -> list[tuple[str, list[str], dict[str, str]]]:
    """The workers to start: (name, queues, extra settings). ``one``: one worker on every queue.
    ``compose``: docker-compose.yml's shape on one host: a worker for a person's requests and
    breaking news (4 task threads), the main worker (a person's requests, summaries, normal jobs)
    and the bulk worker (1 task thread); compose's cpu_shares (4096 / 1024 / 256) become nice
    values of about the same weight ratios (0 / ``--main-nice`` / ``--bulk-nice``)."""
    if args.shape == "one":
        return [("worker", order, {})]
    urgent = ("urgent-worker", [queues["interactive"], queues["breaking"]], {"worker_concurrency": "4"})
    if args.shape == "pair":
        main = [queues["interactive"], queues["summary"], queues["translation"], queues["bulk"]]
        return [urgent, ("main-worker", main, {"worker_nice": str(args.main_nice)})]
    return [
        urgent,
        (
            "main-worker",
            [queues["interactive"], queues["summary"], queues["translation"]],
            {"worker_nice": str(args.main_nice)},
        ),
        ("bulk-worker", [queues["bulk"]], {"worker_concurrency": "1", "worker_nice": str(args.bulk_nice)}),
    ]


def spread(segments: list[str], n: int) -> list[str]:
    """``n`` of ``segments`` taken evenly through them (every class of job, long and short
    segments alike), or all of them: the engine alone's sample is the run's mix, not the long job's
    first sentences."""
    if n >= len(segments):
        return segments
    return [segments[i * len(segments) // n] for i in range(n)]


def worker_split(args: argparse.Namespace) -> tuple[int, int]:
    """The workers' CTranslate2 (intra, inter) threads, as the service chooses them."""
    from service.settings import Settings

    chosen = Settings(engine_threads=args.engine_threads, engine_inter_threads=args.inter_threads)
    return chosen.engine_thread_split(cores=args.threads)


def shape_label(args: argparse.Namespace) -> str:
    if args.shape == "one":
        return "one on every queue"
    if args.shape == "pair":
        return f"urgent (4 threads) and main (every other queue, bulk included; nice {args.main_nice})"
    return (f"docker-compose's urgent (4 threads), main (nice {args.main_nice}) and bulk "
            f"(1 thread, nice {args.bulk_nice})")  # fmt: skip


class Client:
    """POSTs jobs; reads their end from the run's database (no polling load on the API)."""

    def __init__(self, service: dict[str, Any]) -> None:
        import httpx
        from sqlalchemy import create_engine

        self.http = httpx.Client(base_url=service["base_url"], timeout=120)
        self.keys = service["keys"]
        self.db = create_engine(service["database_url"])
        self.jobs: list[dict[str, Any]] = []
        self.lock = threading.Lock()

    def post(self, text: str, cls: str, tenant: str = "newsroom", priority: str = "normal") -> dict[str, Any]:
        body = {"text": text, "source_lang": "de", "targets": ["en"], "priority": priority}
        answer = self.http.post(
            "/v1/jobs", json=body, headers={"Authorization": f"Bearer {self.keys[tenant]}"}
        )
        if answer.status_code != 202:
            raise harness.SetupError(f"POST /v1/jobs gave {answer.status_code}: {answer.text[:300]}")
        job = {
            "id": answer.json()["id"],
            "class": cls,
            "tenant": tenant,
            "segments": len(segments_of(text)),
            "posted": time.time(),
        }
        with self.lock:
            self.jobs.append(job)
        return job

    def unfinished(self, ids: list[str]) -> int:
        from sqlalchemy import func, select

        from service.storage.tables import Job

        with self.db.connect() as c:
            query = select(func.count()).where(Job.id.in_(ids), Job.state.not_in(harness.FINAL))
            return int(c.execute(query).scalar() or 0)

    def wait(self, ids: list[str], deadline: float, every: float = 1.0) -> bool:
        while time.monotonic() < deadline:
            if not self.unfinished(ids):
                return True
            time.sleep(every)
        return False

    def timings(self) -> None:
        """Each job's state, priority and server-side queued -> done seconds."""
        from sqlalchemy import select

        from service.storage.tables import Job, JobEvent

        with self.db.connect() as c:
            for job in self.jobs:
                row = c.execute(
                    select(Job.state, Job.created_at, Job.options).where(Job.id == job["id"])
                ).one()
                done = c.execute(
                    select(JobEvent.at).where(JobEvent.job_id == job["id"], JobEvent.state.in_(harness.FINAL))
                ).scalar()
                job["state"], job["priority"] = row.state, (row.options or {}).get("priority", "normal")
                job["created"] = row.created_at.timestamp()
                job["done"] = done.timestamp() if done is not None else None
                job["latency"] = job["done"] - job["created"] if done is not None else None

    def close(self) -> None:
        self.http.close()
        self.db.dispose()


def run_mixed(
    args: argparse.Namespace, client: Client, pool: Pool, texts: dict[str, Any]
) -> dict[str, float]:
    """Idle runs, then the backlog, then the arrivals; returns the phases' times (epoch seconds)."""
    deadline = time.monotonic() + args.timeout
    for text, cls in [(t, "idle article") for t in texts["idle article"]] + [
        (t, "idle small") for t in texts["idle small"]
    ]:
        job = client.post(text, cls, tenant="idle")
        if not client.wait([job["id"]], deadline, every=0.25):
            raise harness.SetupError("an idle job did not finish within --timeout")
    # The small jobs' baseline: as many small jobs of other sentences, sent together to the idle
    # service as the backlog sends them (each one alone would leave out their own queue).
    with ThreadPoolExecutor(8) as posts:
        burst = list(posts.map(lambda t: client.post(t, "idle burst", tenant="idle"), texts["idle burst"]))
    if not client.wait([job["id"] for job in burst], deadline, every=0.5):
        raise harness.SetupError("the idle burst of small jobs did not finish within --timeout")
    times = {"backlog": time.time()}
    backlog = [(texts["long"], "long", "normal")] + [(t, "small", "normal") for t in texts["small"]]
    backlog += [(t, "bulk", "bulk") for t in texts["bulk"]]
    with ThreadPoolExecutor(8) as posts:  # 8 POSTs in flight
        list(posts.map(lambda item: client.post(item[0], item[1], priority=item[2]), backlog))
    times["backlog accepted"] = time.time()
    time.sleep(args.start_after)
    times["arrivals"] = time.time()
    arrivals: list[tuple[float, Callable[[], Any]]] = []
    for i in range(args.articles):
        arrivals.append(
            (i * args.every, lambda t=texts["breaking"][i]: client.post(t, "breaking", priority="breaking"))
        )
        arrivals.append(
            ((i + 0.5) * args.every, lambda t=texts["normal"][i]: client.post(t, "normal article"))
        )
    start = time.monotonic()
    for at, send in sorted(arrivals, key=lambda pair: pair[0]):
        time.sleep(max(0.0, start + at - time.monotonic()))
        send()
    ids = [job["id"] for job in client.jobs if job["tenant"] == "newsroom"]
    times["all done" if client.wait(ids, deadline, every=2.0) else "timed out"] = time.time()
    return times


def make_texts(args: argparse.Namespace, pool: Pool) -> dict[str, Any]:
    # Baselines first, from sentences of their own: the engine keeps recent outputs
    # (workers/engines/batching.py), so a sentence timed on the idle service would be answered
    # from them in the mixed run.
    def many(title: str, count: int, sentences: int) -> list[str]:
        return [pool.article(f"{title} {i + 1}", sentences) for i in range(count)]

    idle = {
        "idle article": many("Meldung", args.idle_runs, args.article_sentences),
        "idle small": many("Notiz", args.idle_runs, args.small_sentences),
        "idle burst": many("Kurz", args.small_jobs, args.small_sentences),
    }
    return idle | {
        "breaking": [
            pool.article(f"Eilmeldung {i + 1}", args.article_sentences) for i in range(args.articles)
        ],
        "normal": [pool.article(f"Bericht {i + 1}", args.article_sentences) for i in range(args.articles)],
        "small": [pool.article(f"Kurzmeldung {i + 1}", args.small_sentences) for i in range(args.small_jobs)],
        "long": pool.article("Dossier", args.long_sentences),
        "bulk": [pool.article(f"Archiv {i + 1}", args.bulk_sentences) for i in range(args.bulk_docs)],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    for name, default, what in [
        ("--long-sentences", 1000, "sentences of the long job"),
        ("--small-jobs", 100, "three-sentence jobs"),
        ("--small-sentences", 3, "sentences per small job"),
        ("--bulk-docs", 50, "bulk re-translation articles"),
        ("--bulk-sentences", 6, "sentences per bulk article"),
        ("--articles", 10, "breaking (and normal) articles"),
        ("--article-sentences", 20, "sentences per article"),
        ("--idle-runs", 2, "articles timed on the idle service"),
        ("--engine-sample", 150, "segments the engine alone is timed on, taken evenly from all"),
        ("--threads", os.cpu_count() or 2, "cores for CTranslate2 (worker's OMP_NUM_THREADS; engine alone)"),
        ("--engine-threads", 0, "the worker's engine_threads (0: the service's default split)"),
        ("--inter-threads", 0, "the worker's engine_inter_threads (0: the service's default split)"),
        ("--worker-concurrency", 0, "task threads (0: the service's default)"),
        ("--redis-db", 14, "empty Redis db"),
    ]:
        p.add_argument(name, type=int, default=default, help=what)
    p.add_argument(
        "--shape",
        choices=("one", "pair", "compose"),
        default="pair",
        help="one worker on every queue; pair: an urgent worker and the main worker (bulk included); "
        "compose: docker-compose's urgent, main and bulk workers",
    )
    p.add_argument("--main-nice", type=int, default=10, help="--shape pair, compose: the main worker's nice")
    p.add_argument("--bulk-nice", type=int, default=12, help="--shape compose: the bulk worker's nice")
    p.add_argument("--every", type=float, default=5.0, help="seconds between breaking articles")
    p.add_argument("--start-after", type=float, default=10.0, help="seconds after the backlog, then arrivals")
    p.add_argument("--timeout", type=float, default=1800, help="seconds for the whole service run")
    p.add_argument("--model-cache", type=Path, default=bench_models.DEFAULT_CACHE)
    p.add_argument(
        "--no-engine-after",
        dest="engine_after",
        action="store_false",
        help="time the engine alone only before the service run (not again after it)",
    )
    p.add_argument("--json", type=Path)
    p.add_argument("--keep-logs", type=Path)
    p.add_argument("--small", action="store_true", help="a quick run: a few minutes on 2 cores")
    args = p.parse_args(argv)
    if args.small:
        args.long_sentences, args.small_jobs, args.bulk_docs, args.bulk_sentences = 24, 6, 3, 3
        args.articles, args.article_sentences, args.every, args.idle_runs = 2, 4, 3.0, 1
        args.engine_sample, args.start_after, args.engine_after = 20, 2.0, False
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from rich.console import Console

    console = Console(width=max(Console().width, 150))
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    info: dict[str, Any] = {
        "load_start": os.getloadavg()[0],
        "threads": args.threads,
        "date": time.strftime("%F %T"),
    }
    run = uuid.uuid4().hex[:8]
    tmp = Path(tempfile.mkdtemp(prefix="interlinear-mixed-"))
    services = harness.Services(tmp)
    with harness.sigterm_as_interrupt():
        try:
            pool = Pool()
            texts = make_texts(args, pool)
            _, ct2_dir = bench_models.model_dirs("opus-mt-de-en", args.model_cache, console.print)
            backlog = [texts["long"], *texts["small"], *texts["bulk"], *texts["breaking"], *texts["normal"]]
            sample = spread([s for text in backlog for s in segments_of(text)], args.engine_sample)
            with console.status("the engine alone (before)"):
                before = engine_alone.best(sample, ct2_dir, args.threads, tmp)
            with console.status("starting PostgreSQL schema, Redis db, API, worker"):
                service = start_service(services, args, ct2_dir, run)
            client = Client(service)
            info["load_service"] = os.getloadavg()[0]
            cpu_before = harness.cpu_snapshot(service["children"])
            with console.status("idle runs, backlog, then breaking and normal articles"):
                times = run_mixed(args, client, pool, texts)
            info["cpu"] = harness.cpu_used(cpu_before, harness.cpu_snapshot(service["children"]))
            client.timings()
            client.close()
        except harness.SetupError as exc:
            console.print(f"[red]setup failed:[/] {exc}")
            return 2
        except KeyboardInterrupt:
            console.print("[yellow]interrupted[/]")
            return 130
        finally:
            if args.keep_logs:
                args.keep_logs.mkdir(parents=True, exist_ok=True)
                for child in services.children:
                    (args.keep_logs / child.log.name).write_bytes(child.log.read_bytes())
            for problem in services.close():
                console.print(f"[yellow]{problem}[/]")
    after = {"passes": []}
    if args.engine_after:  # the same work's time drifts on a shared machine: the faster pass counts
        with console.status("the engine alone (after)"):
            after = engine_alone.best(sample, ct2_dir, args.threads, tmp)
    shutil.rmtree(tmp, ignore_errors=True)
    engine = {"passes": before["passes"] + after["passes"]}
    engine["best"] = min(engine["passes"], key=lambda p: p["seconds"])
    result = summarise(client, times, engine)
    info.update(
        load_end=os.getloadavg()[0],
        storage=service["storage"],
        worker_concurrency=args.worker_concurrency or "default",
        shape=shape_label(args),
        inter_threads=args.inter_threads,
        split="{} x {}".format(*worker_split(args)),
        model=bench_models.SHAPES["opus-mt-de-en"].label + ", CTranslate2 int8",
        sizes=f"long {args.long_sentences}; small {args.small_jobs}x{args.small_sentences}; bulk "
        f"{args.bulk_docs}x{args.bulk_sentences}; breaking and normal "
        f"{args.articles}x{args.article_sentences} "
        f"every {args.every:g} s after {args.start_after:g} s; idle runs {args.idle_runs}",
    )
    print_report(result, info, console)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"result": result, "info": info, "jobs": client.jobs}, indent=2, default=str)
        )
    return 0 if "all done" in times else 1


if __name__ == "__main__":
    sys.exit(main())
