"""The load benchmark's report: what the run measured, summarised (``summarise``) and printed as
tables (``report``)."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness import cpu_line, log_tail, ms, percentile, seconds  # benchmarks/harness.py
from machine import cpu_model  # benchmarks/machine.py

if TYPE_CHECKING:
    from load import Load


# --- report -----------------------------------------------------------------------------------


def idle_seconds(samples: list[dict[str, float]], queues: list[str]) -> float:
    """How long the latest samples show nothing queued, nothing unacknowledged, no job finishing."""
    if not samples or any(samples[-1][q] for q in [*queues, "unacked"]):
        return 0.0
    first = samples[-1]
    for row in reversed(samples):
        if any(row[q] for q in [*queues, "unacked"]) or row["finished"] != samples[-1]["finished"]:
            break
        first = row
    return samples[-1]["t"] - first["t"]


def triple(result: dict[str, Any], name: str, fmt: Any) -> str:
    return " / ".join(fmt(result[f"{name}_{q}"]) for q in ("p50", "p95", "max"))


def depth_series(samples: list[dict[str, float]], queues: list[str], every: int) -> tuple[str, int, float]:
    """Queued tasks (both queues) every ``every`` seconds (longer for long runs: at most 30 points;
    repeats written ``0 x12``), the last sample, and the maximum with its time."""
    if samples:
        every = max(every, math.ceil(samples[-1]["t"] / 30))
    points: list[int] = []
    next_t = 0.0
    top, top_t = 0, 0.0
    for row in samples:
        queued = int(sum(row[q] for q in queues))
        if queued > top:
            top, top_t = queued, row["t"]
        if row["t"] >= next_t:
            points.append(queued)
            next_t = (math.floor(row["t"] / every) + 1) * every
    runs: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j < len(points) and points[j] == points[i]:
            j += 1
        runs.append(f"{points[i]} x{j - i}" if j - i > 2 else " ".join([str(points[i])] * (j - i)))
        i = j
    text = f"(every {every} s) " + " ".join(runs)
    if samples:
        last = samples[-1]
        text += f"; at the end ({last['t']:.0f} s): {int(sum(last[q] for q in queues))}"
    return text, top, top_t


def queue_maxima(samples: list[dict[str, float]], queues: list[str]) -> str:
    kinds = ("translate", "summarise")
    return ", ".join(
        f"{kind} {max((int(row[q]) for row in samples), default=0)}"
        for kind, q in zip(kinds, queues, strict=True)
    )


def tasks_run(log: Path) -> tuple[int, float]:
    """Tasks a worker ran, and its longest (its first translation, which loads the model)."""
    times = [float(t) for t in re.findall(r" succeeded in ([0-9.]+)s", log_tail(log, 10**9))]
    return len(times), max(times, default=math.nan)


def summarise(load: Load, args: argparse.Namespace) -> dict[str, Any]:
    records = load.records
    succeeded = [r for r in records if r.state == "succeeded"]
    failed = [r for r in records if r.state == "failed"]
    refused = [r for r in records if r.job_id is None]
    finishes = [r.finished_at for r in records if r.finished_at is not None]
    # Wall time: the first POST (client clock) to the last job's final event (server clock, same
    # machine); if some job never finished, until the run stopped.
    all_final = len(succeeded) + len(failed) + len(refused) == len(records)
    wall = (max(finishes) - load.started) if finishes and all_final else load.stopped_after
    posts = [r.post_seconds for r in records if r.status is not None]
    job_latency = [
        r.finished_at - r.created_at
        for r in succeeded
        if r.finished_at is not None and r.created_at is not None
    ]
    return {
        "jobs": len(records),
        "submitted": len(records) - len(refused),
        "refused_or_unsent": len(refused),
        "succeeded": len(succeeded),
        "failed": len(failed),
        "unfinished": len(records) - len(succeeded) - len(failed) - len(refused),
        "all_succeeded": len(succeeded) == len(records),
        "all_final": all_final,
        "timed_out": load.timed_out,
        "stop_reason": load.stop_reason,
        "redis_restarted": load.redis_restarted,
        "wall_seconds": wall,
        "jobs_per_minute": len(succeeded) / wall * 60 if wall > 0 else math.nan,
        "submit_seconds": load.submitted_after,
        "post_p50": percentile(posts, 0.50),
        "post_p95": percentile(posts, 0.95),
        "post_max": max(posts, default=math.nan),
        "gets": len(load.get_seconds),
        "get_errors": load.get_errors,
        "get_p50": percentile(load.get_seconds, 0.50),
        "get_p95": percentile(load.get_seconds, 0.95),
        "get_max": max(load.get_seconds, default=math.nan),
        "job_p50": percentile(job_latency, 0.50),
        "job_p95": percentile(job_latency, 0.95),
        "job_max": max(job_latency, default=math.nan),
        "first_done_seconds": (min(finishes) - load.started) if finishes else math.nan,
        "errors": sorted({r.error or r.job_error or "" for r in records if r.error or r.job_error})[:10],
    }


def report(result: dict[str, Any], load: Load, info: dict[str, Any], queues: list[str], console: Any) -> None:
    from rich.table import Table

    series, top, top_t = depth_series(load.samples, queues, info["depth_every"])
    workers = info["workers"]
    table = Table(title=f"Load test: {result['jobs']} jobs through the API to {workers} workers")
    table.add_column("measure", no_wrap=True)
    table.add_column("value")
    r = result
    completed = "yes" if r["all_succeeded"] else "NO" + (f" ({r['stop_reason']})" if r["stop_reason"] else "")
    tasks = " / ".join(str(n) for n, _ in info["tasks_per_worker"])
    longest = " / ".join(seconds(t) for _, t in info["tasks_per_worker"])
    until = "last job done" if r["all_final"] else "stop"
    rows = [
        ("jobs submitted / completed", f"{r['submitted']} / {r['succeeded']}"),
        ("failed / unfinished / refused", f"{r['failed']} / {r['unfinished']} / {r['refused_or_unsent']}"),
        ("every job completed", completed),
        (f"wall time (first POST -> {until})", seconds(r["wall_seconds"])),
        ("first job done after", seconds(r["first_done_seconds"])),
        ("jobs per minute", f"{r['jobs_per_minute']:.1f}"),
        ("all POSTs answered after", seconds(r["submit_seconds"])),
        ("POST /v1/jobs p50 / p95 / max", triple(r, "post", ms)),
        (f"GET /v1/jobs/{{id}} p50 / p95 / max ({r['gets']} GETs)", triple(r, "get", ms)),
        ("job latency p50 / p95 / max (queued -> done)", triple(r, "job", seconds)),
        ("queued tasks over time", series),
        ("queued tasks, max", f"{top} (at {top_t:.0f} s); per queue: {queue_maxima(load.samples, queues)}"),
        (
            "workers",
            f"{workers} x concurrency {info['worker_concurrency']}, pool {info['worker_pool']}; tasks run "
            f"{tasks}; longest task {longest}",
        ),
        (
            "CPU seconds during the run",
            cpu_line(info["cpu_seconds"]),
        ),
        ("storage", info["storage"]),
        ("broker", info["broker"]),
        ("model", info["model"]),
        ("auth", info["auth"]),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    console.print(
        f"date {dt.date.today().isoformat()}; machine: {cpu_model()}, {os.cpu_count()} cores; "
        f"load average (1 min) before the run {info['load_before']:.2f}\n"
        f"settings: concurrency {info['concurrency']}, {info['sentences']} sentences per article "
        f"({info['article_chars']} characters on average, from {info['articles_from']}), targets "
        f"{','.join(info['targets'])}, poll window {info['poll_window']} every {info['poll_interval']} s, "
        f"timeout {info['timeout']} s; torch threads per worker {info['worker_threads']}"
        f"{', engine threads ' + str(info['engine_threads']) if info['engine_threads'] is not None else ''}\n"
        f"versions: python {platform.python_version()}, {info['versions']}"
    )
    if info["tiny"]:
        console.print(
            "[bold]Note:[/] the model is the tiny random-weight MarianMT (plumbing only): this measures the "
            "API, the queue and the storage path, not translation speed or quality."
        )
    if result["errors"]:
        console.print("errors (first 10 distinct):")
        for error in result["errors"]:
            console.print(f"  {error}")
