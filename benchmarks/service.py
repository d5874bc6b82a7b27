"""Service vs engine: the same translations by the engine alone and through the whole service.

Run from anywhere: ``python benchmarks/service.py [--shapes 200x3,10x60] [--threads 2] [--targets
en,ko]``. A script, not a test: it prints a table (``--json`` writes every number); ``README.md``
keeps a result. The default run takes about 15-25 minutes on 2 cores.

The model: a ``MarianMTModel`` of the real opus-mt-de-en shape with **random weights**, built once
with ``benchmarks/engines.py``'s ``build_model`` and converted to CTranslate2 int8 into a temporary
model store with the service's own ``workers.engines.model_store.converted``, where the worker finds it
(it converts nothing itself). Random weights say nothing about quality, only speed; they never end
a sentence, so every output runs to the decode cap (``max_output_ratio`` x input + 10 tokens) and a
sentence costs more than with the trained model.

For each shape ``JOBSxSENTENCES`` (articles made by ``harness.py``'s ``make_articles``: a title line and
SENTENCES newstest2019 sentences), both sides translate the same segments, those the API's own
parser (``service.ingest.read_article``) makes of the articles, titles included:

(a) engine alone (``engine_alone.py``): ``CTranslate2Engine`` in a subprocess, all segments in one
    ``translate`` call, timed (loading not included; shown apart), at each thread split (T x 1 and
    1 x T: intra x inter threads); run before the service and again after it, and the fastest pass
    is the baseline: the engine's best configuration in the same run (the same work's time drifts
    on a shared VM);
(b) service: ``load.py`` (API under uvicorn, a fresh PostgreSQL schema, a private Redis database,
    ONE celery worker with the threads pool, ``--worker-concurrency`` task threads (default: the
    service's own setting), CTranslate2 ``intra_threads`` T and ``OMP_NUM_THREADS`` T, so both sides
    have T engine threads), every job submitted at once (``--posts`` POSTs in flight, 16); its time
    is ``load.py``'s wall time, from the first POST to the last job done (translation and
    summaries). The worker loads the model before the first POST (``--preload``,
    ``INTERLINEAR_PRELOAD_PAIRS``), as a deployment warms its workers, so neither side's time
    includes loading. The worker's log gives the segments
    the service really translated; the table shows both counts, and says so when they differ.

``--targets`` (default ``en``; issue 26, Korean in every benchmark): the jobs' targets, ``en``
and/or ``ko``. With ``ko`` the worker runs the registry's routes over two models (``load.py
--models``: ``INTERLINEAR_MODELS``, ``INTERLINEAR_ENGINE=ctranslate2``): de-en the model above (its
conversion), en-ko the random-weight OPUS-MT tc-big shape (transformer-big) of ``bench_models.py``,
cached in ``--model-cache``; de→ko is then the registry's pivot, de→en then en→ko
(``workers/engines/pivot.py``). The worker's batching engine keeps recent outputs
(``workers/engines/batching.py``'s ``_recent``), so a job's German is decoded into English once, for
the ``en`` target and the pivot's first hop together. The baseline does that work once in one
process: de→en over every distinct segment, then en→ko over those English outputs (both models
loaded first, not timed; each hop timed apart, at the same thread split; the pass's time is their
sum). The service may decode both models at once (each has its own batching thread with T engine
threads); the baseline runs them one after the other.

Sentences/s on both sides is segments translated (into every target) / seconds; the ratio is the
service's over the engine's, for the whole job (en+ko with ``--targets en,ko``). A table per route
gives the engine alone's sentences/s and output tokens/s of each hop; the service's time per route is
not measured (its hops share one worker). Job latency is queued -> done per job (p50, p95); "first
job" is the first POST to the first job done. Targets (issue 12): ratio >= 0.9, first job done
within 10% of the service's wall time, p50 job latency <= 60% of it. A missed target is reported,
not an error: exit code 0 once every run finished (even with a target missed or a job failed), 2
if the setup or a run failed.

That check found a bug (fixed in 2dedd81): the API shared one ``pysbd.Segmenter`` between its
threads, so articles parsed at the same moment got sentences run together, and some were refused
with 422 for a "sentence" over ``INTERLINEAR_MAX_SENTENCE_CHARS``. ``--posts 1`` avoids any such race.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bench_models  # benchmarks/bench_models.py: the cached tc-big en-ko shape
import engine_alone  # benchmarks/engine_alone.py: the baseline, the engine's best thread split
import engines as engine_bench  # benchmarks/engines.py: the random-weight model of the opus-mt shape
import harness  # benchmarks/harness.py: the articles and setup errors (load.py runs the service)
from machine import cpu_model  # benchmarks/machine.py (the script's own folder is on sys.path)
from service_report import print_report, row_for, versions  # benchmarks/

REPO_ROOT = Path(__file__).resolve().parents[1]
LOAD_SCRIPT = Path(__file__).resolve().with_name("load.py")
SOURCE_LANG = "de"
TARGETS = ("en", "ko")  # what --targets takes: de→en, and de→ko via en (the registry's pivot)

# The repository root first: ``import service...`` must find the package, not this script's name
# in its own folder (engines.py and harness.py have put it first already, on import).
if sys.path[0] != str(REPO_ROOT):
    sys.path.insert(0, str(REPO_ROOT))


@dataclass
class Shape:
    jobs: int
    sentences: int

    @property
    def name(self) -> str:
        return f"{self.jobs}x{self.sentences}"


def parse_shapes(text: str) -> list[Shape]:
    shapes = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*x\s*(\d+)\s*", part)
        if not match or min(int(match[1]), int(match[2])) < 1:
            raise argparse.ArgumentTypeError(f"{part!r} is not JOBSxSENTENCES, e.g. 200x3")
        shapes.append(Shape(int(match[1]), int(match[2])))
    return shapes


def parse_targets(text: str) -> list[str]:
    targets = list(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
    if not targets or not set(targets) <= set(TARGETS):
        raise argparse.ArgumentTypeError(f"{text!r}: targets are {', '.join(TARGETS)}, comma-separated")
    return targets


def segment(articles: list[str]) -> list[list[str]]:
    """The translatable segments of each article, as the API parses a job (``source_lang`` auto)."""
    from service.ingest import read_article
    from service.settings import Settings

    settings = Settings()
    out = []
    for text in articles:
        _, article = read_article(text.encode("utf-8"), settings, None, None)
        out.append([s.text for s in article.segments() if s.translatable])
    return out


def decode_settings() -> dict[str, Any]:
    """The decoding settings both sides use: the worker's (``ModelCache``), from ``INTERLINEAR_*``."""
    from service.settings import Settings

    s = Settings()
    return {
        "device": s.device,
        "batch_size": s.batch_size,
        "beam_size": s.beam_size,
        "max_output_ratio": s.max_output_ratio,
        "batch_wait_ms": s.batch_wait_ms,
        "batch_max_tokens": s.batch_max_tokens,
        "commit_every": s.commit_every,
        "summary_method": s.summary_method if s.summaries_enabled else "off",
        "model_revision": s.model_revision,
    }


# --- (a) the engine alone: engine_alone.py, its best thread split, in a subprocess ----------------


# --- (b) the service, with load.py ------------------------------------------------------------


def run_service(
    shape: Shape, model: list[str], store: Path, args: argparse.Namespace, tmp: Path
) -> tuple[int, dict[str, Any], Path]:
    """``model``: load.py's options naming the worker's model(s)."""
    out = tmp / f"service-{shape.name}.json"
    logs = (args.keep_logs or tmp / "logs") / shape.name
    command = [
        sys.executable, str(LOAD_SCRIPT),
        "--jobs", str(shape.jobs), "--sentences", str(shape.sentences),
        *model, "--engine", "ctranslate2", "--model-store", str(store), "--targets", ",".join(args.targets),
        "--workers", "1", "--worker-pool", "threads", "--worker-concurrency", str(args.worker_concurrency),
        "--engine-threads", str(args.threads), "--worker-threads", str(args.threads),
        "--timeout", str(args.timeout), "--redis-db", str(args.redis_db), "--concurrency", str(args.posts),
        "--json", str(out), "--keep-logs", str(logs),
        # the worker loads the model before the first POST, as the engine alone is timed after loading
        "--preload", "--source-lang", SOURCE_LANG,
    ]  # fmt: skip
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    log = tmp / f"load-{shape.name}.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            command, env=env, cwd=REPO_ROOT, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        try:
            code = process.wait()
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: load.py stops what it started and cleans up
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
            raise
    if code not in (0, 1) or not out.is_file():
        raise harness.SetupError(
            f"`{' '.join(command)}` failed (exit {code}):\n{log.read_text(errors='replace')[-3000:]}"
        )
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    report["exit_code"] = code
    report["output"] = log.read_text(errors="replace")
    return code, report, logs


def worker_log_summary(logs: Path) -> dict[str, Any]:
    """What the worker's log says: task counts and times per task type, shared engine batches (logged
    at INFO when a batch served more than one task) in all and per route (the sentences each decoded,
    less those it knew already), warnings and errors."""
    text = "\n".join(
        path.read_text(encoding="utf-8", errors="replace") for path in sorted(logs.glob("worker*.log"))
    )
    tasks: dict[str, list[float]] = {}
    for name, seconds in re.findall(r"Task (interlinear\.\w+)\[[^\]]+\] succeeded in ([0-9.]+)s", text):
        tasks.setdefault(name, []).append(float(seconds))
    shared = [
        (int(n), int(j))
        for n, j in re.findall(
            r"batch \d+ started: (\d+) sentences \(\d+ distinct\) from \d+ requests of (\d+) jobs", text
        )
    ]
    shared_seconds = [float(s) for s in re.findall(r"batch \d+ done in ([0-9.]+) s", text)]
    pattern = (
        r"batch (\d+) started: \d+ sentences \((\d+) distinct\) from \d+ requests of \d+ jobs, (\w+)>(\w+)"
    )
    started = {number: (int(distinct), f"{a}→{b}") for number, distinct, a, b in re.findall(pattern, text)}
    routes: dict[str, dict[str, float]] = {}
    for number, seconds, known in re.findall(
        r"batch (\d+) done in ([0-9.]+) s \((\d+) sentences known", text
    ):
        if number in started:
            distinct, name = started[number]
            route = routes.setdefault(
                name, {"calls": 0, "distinct": 0, "known": 0, "decoded": 0, "seconds": 0.0}
            )
            route["calls"] += 1
            route["distinct"] += distinct
            route["known"] += int(known)
            route["decoded"] += distinct - int(known)
            route["seconds"] += float(seconds)
    translated: dict[str, int] = {}
    for n, target in re.findall(r"job \S+: (\d+) segments translated into (\w+)", text):
        translated[target] = translated.get(target, 0) + int(n)
    problems = [
        line.strip()
        for line in text.splitlines()
        if re.search(r"(ERROR|CRITICAL|WARNING)/|Traceback|raised unexpected|retry", line)
        and "SecurityWarning" not in line
    ]
    return {
        "tasks": {
            name: {"count": len(times), "seconds": round(sum(times), 1), "max": max(times)}
            for name, times in sorted(tasks.items())
        },
        "segments_translated": translated,  # per target
        "shared_batches": len(shared),
        "shared_batch_sentences": sum(n for n, _ in shared),
        "shared_batch_jobs_max": max((j for _, j in shared), default=0),
        "shared_batch_seconds": round(sum(shared_seconds), 1),
        "shared_batch_routes": routes,
        "problems": problems[:20],
        "problem_count": len(problems),
    }


# --- main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--shapes", type=parse_shapes, default="200x3,10x60", help="JOBSxSENTENCES, comma-separated"
    )
    parser.add_argument(
        "--threads", type=int, default=os.cpu_count() or 2, help="engine threads T on both sides (the cores)"
    )
    parser.add_argument(
        "--worker-concurrency",
        type=int,
        help="task threads of the service's one worker (default: INTERLINEAR_WORKER_CONCURRENCY's)",
    )
    parser.add_argument(
        "--targets", type=parse_targets, default="en", help=f"the jobs' targets, of {', '.join(TARGETS)}"
    )
    parser.add_argument(
        "--model-cache",
        type=Path,
        default=bench_models.DEFAULT_CACHE,
        help="where the tc-big en-ko shape is kept",
    )
    parser.add_argument("--posts", type=int, default=16, help="POSTs in flight (load.py --concurrency)")
    parser.add_argument("--timeout", type=float, default=1800, help="load.py's --timeout per service run")
    parser.add_argument(
        "--redis-db", type=int, default=13, help="Redis database for the runs (must be empty)"
    )
    parser.add_argument("--json", type=Path, help="also write every number here")
    parser.add_argument("--keep-logs", type=Path, help="keep the API, worker and engine logs in this folder")
    args = parser.parse_args(argv)
    if args.worker_concurrency is None:
        from service.settings import Settings

        args.worker_concurrency = Settings().worker_concurrency
    if min(args.threads, args.worker_concurrency, args.posts) < 1:
        parser.error("--threads, --worker-concurrency and --posts must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from rich.console import Console

    console = Console(width=max(Console().width, 160))
    if not engine_bench.SOURCE_FILE.is_file() or not engine_bench.HELD_OUT_FILE.is_file():
        console.print(
            f"[red]{engine_bench.SOURCE_FILE} (and its .eng side) not found[/]: the benchmark reads "
            "newstest2019 from the shared/ folder beside the repository"
        )
        return 2
    with (
        harness.sigterm_as_interrupt(),
        tempfile.TemporaryDirectory(prefix="interlinear-service-bench-") as name,
    ):
        tmp = Path(name)
        try:
            return run_all(args, tmp, console)
        except harness.SetupError as exc:
            console.print(f"[red]setup failed:[/] {exc}")
            return 2
        except KeyboardInterrupt:
            console.print("[yellow]interrupted[/]")
            return 130
        finally:
            if args.keep_logs:
                args.keep_logs.mkdir(parents=True, exist_ok=True)
                for path in tmp.glob("*.log"):
                    path.replace(args.keep_logs / path.name)


def run_all(args: argparse.Namespace, tmp: Path, console: Any) -> int:
    shapes: list[Shape] = args.shapes
    inputs = {}
    for shape in shapes:
        articles, _ = harness.make_articles(shape.jobs, shape.sentences)
        inputs[shape.name] = segment(articles)
    used = {line for shape in shapes for line in harness.make_articles(shape.jobs, shape.sentences)[0]}
    used_sentences = " ".join(used)
    held_out = [
        line for line in engine_bench.read_lines(engine_bench.SOURCE_FILE) if line not in used_sentences
    ] + engine_bench.read_lines(engine_bench.HELD_OUT_FILE)
    model_dir, store = (tmp / "opus-mt-de-en-shape").resolve(), tmp / "model-store"
    decode = decode_settings()
    with console.status("building the random-weight opus-mt-shape model"):
        started = time.perf_counter()
        engine_bench.build_model(model_dir, held_out)
        built = time.perf_counter() - started
    with console.status("converting it to CTranslate2 int8 into the model store"):
        from workers.engines.model_store import converted

        started = time.perf_counter()
        ct2_dir = converted(str(model_dir), decode["model_revision"], decode["device"], store)
        convert_seconds = time.perf_counter() - started
    console.print(f"model {model_dir}, its conversion {ct2_dir}")
    # The engine alone: de→en once (the en target and the pivot's first hop), then en→ko over its outputs.
    en_ko: Path | None = None
    then: list[tuple[Path, str, str]] = []
    model_args = ["--model-dir", str(model_dir)]
    if "ko" in args.targets:
        with console.status("the random-weight tc-big en-ko shape (bench_models.py, cached)"):
            en_ko = bench_models.model_dirs("tc-big-en-ko", args.model_cache, console.print)[1]
        model_args = ["--models", json.dumps({"de-en": str(ct2_dir), "en-ko": str(en_ko)})]
        console.print(f"en-ko model {en_ko}")
        then = [(en_ko, "en", "ko")]
    info: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": cpu_model(),
        "cores": os.cpu_count(),
        "threads": args.threads,
        "worker_concurrency": args.worker_concurrency,
        "decode": decode,
        "targets": args.targets,
        "model": "MarianMT, opus-mt-de-en shape (d_model 512, 6+6 layers, vocabulary 58,101), random "
        "weights, CTranslate2 int8"
        + (f"; en-ko: {bench_models.SHAPES['tc-big-en-ko'].label}, random weights, int8" if en_ko else ""),
        "build_seconds": built,
        "convert_seconds": convert_seconds,
        "versions": versions(),
        "command": " ".join(["python", "benchmarks/service.py", *sys.argv[1:]]),
    }
    rows, runs = [], []
    for shape in shapes:
        segments = inputs[shape.name]
        flat = [s for article in segments for s in article]
        load_before_engine = os.getloadavg()[0]
        with console.status(f"{shape.name}: the engine alone, {len(flat)} segments"):
            before = engine_alone.best(flat, ct2_dir, args.threads, tmp, name=shape.name, then=then)["best"]
        console.print(
            f"{shape.name}: engine alone {before['seconds']:.1f} s for {before['segments']} segments"
        )
        load_before_service = os.getloadavg()[0]
        with console.status(f"{shape.name}: the service, {shape.jobs} jobs through load.py"):
            code, service, logs = run_service(shape, model_args, store, args, tmp)
        # Once more after the service: the same work's time drifts on a shared VM, and the faster of
        # the two engine runs is the baseline, so that drift never flatters the service.
        with console.status(f"{shape.name}: the engine alone again"):
            after = engine_alone.best(flat, ct2_dir, args.threads, tmp, name=f"{shape.name}-after", then=then)
            after = after["best"]
        console.print(f"{shape.name}: engine alone again {after['seconds']:.1f} s")
        engine = min(before, after, key=lambda run: float(run["seconds"]))
        worker_log = worker_log_summary(logs)
        row = row_for(shape, segments, engine, service, worker_log, args.targets)
        console.print(
            f"{shape.name}: service {row['service_seconds']:.1f} s (load.py exit {code}), "
            f"ratio {row['ratio']:.2f}"
        )
        rows.append(row)
        runs.append(
            {
                "shape": shape.name,
                "load_before_engine": load_before_engine,
                "load_before_service": load_before_service,
                "engine": engine,
                "engine_runs_seconds": [before["seconds"], after["seconds"]],
                "service_result": service["result"],
                "service_info": service["info"],
                "service_exit_code": code,
                "worker_log": worker_log,
            }
        )
    if args.json:  # first, so that the numbers are kept whatever happens to the table
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"rows": rows, "runs": runs, "info": info}
        args.json.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    print_report(rows, runs, info, console)
    if args.json:
        console.print(f"JSON report: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
