"""The service benchmark's report: a row per shape (engine alone against the service, first job,
p50) and the notes under the table. Used by ``service.py``; not a script."""

from __future__ import annotations

import contextlib
import math
import platform
from typing import Any

import harness  # benchmarks/harness.py: the articles and setup errors (load.py runs the service)

TARGET_RATIO = 0.9
TARGET_FIRST = 0.10  # of the service's wall time
TARGET_P50 = 0.60


def share(value: float | None, wall: float) -> float:
    return math.nan if value is None or not wall else value / wall


def row_for(
    shape: Any,
    segments: list[list[str]],
    engine: dict[str, Any],
    service: dict[str, Any],
    worker_log: dict[str, Any],
    targets: list[str],
) -> dict[str, Any]:
    """``worker_log``: ``service.py``'s ``worker_log_summary``."""
    stored: dict[str, int] = worker_log["segments_translated"]  # per target
    shared_routes = worker_log.get("shared_batch_routes", {})
    result = service["result"]
    states = {job["index"]: job.get("state") for job in service["jobs"]}
    done_segments = sum(len(segs) for i, segs in enumerate(segments) if states.get(i) == "succeeded")
    wall = result["wall_seconds"] or math.nan
    engine_rate = engine["segments"] / engine["seconds"]
    service_rate = done_segments / wall if wall else math.nan
    ratio = service_rate / engine_rate
    first = share(result["first_done_seconds"], wall)
    p50 = share(result["job_p50"], wall)
    p95 = share(result["job_p95"], wall)
    return {
        "shape": shape.name,
        "jobs": shape.jobs,
        "sentences_per_job": shape.sentences,
        "segments": engine["segments"],
        "segments_done_by_service": done_segments,
        # its worker's log: what the API stored and it translated, into every target (the least)
        "segments_the_service_translated": min(stored.get(t, 0) for t in targets),
        "segments_translated_per_target": {t: stored.get(t, 0) for t in targets},
        "targets": targets,
        "routes": [route_rates(hop, shared_routes.get(hop["route"])) for hop in engine.get("hops", [])],
        "jobs_succeeded": result["succeeded"],
        "jobs_failed": result["failed"],
        "jobs_refused": result["refused_or_unsent"],
        "engine_seconds": engine["seconds"],
        "engine_rate": engine_rate,
        "service_seconds": wall,
        "service_rate": service_rate,
        "ratio": ratio,
        "first_done_seconds": result["first_done_seconds"],
        "first_done_share": first,
        "job_p50": result["job_p50"],
        "job_p50_share": p50,
        "job_p95": result["job_p95"],
        "job_p95_share": p95,
        "met": {
            "ratio": ratio >= TARGET_RATIO,
            "first_job": first <= TARGET_FIRST,
            "p50": p50 <= TARGET_P50,
        },
    }


def route_rates(hop: dict[str, Any], shared: dict[str, Any] | None) -> dict[str, Any]:
    """One hop of the engine alone's best pass: sentences/s and tokens/s; beside it, the sentences the
    service's worker decoded on that route in calls several requests shared (its log's INFO lines)."""
    seconds = hop["seconds"] or math.nan
    return {
        "route": hop["route"],
        "sentences": hop["distinct"],
        "seconds": hop["seconds"],
        "sentences_per_s": hop["distinct"] / seconds,
        "input_tokens": hop["input_tokens"],
        "output_tokens": hop["output_tokens"],
        "output_tokens_per_s": hop["output_tokens"] / seconds,
        "outputs_at_cap": hop["outputs_at_cap"],
        "service_decoded_in_shared_calls": shared["decoded"] if shared else 0,
    }


def mark(ok: bool) -> str:
    return "[green]yes[/]" if ok else "[red]NO[/]"


def fmt_s(value: float | None) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.1f}"


def print_report(
    rows: list[dict[str, Any]], runs: list[dict[str, Any]], info: dict[str, Any], console: Any
) -> None:
    from rich.table import Table

    table = Table(title="Service vs engine alone: the same segments, the same engine threads")
    for name, justify in [
        ("shape\njobs x sent.", "left"), ("segments\nparsed / service", "right"), ("engine\ns", "right"),
        ("engine\nsent/s", "right"), ("service\ns", "right"), ("service\nsent/s", "right"),
        ("ratio\n≥ 0.9", "right"), ("first job done\ns (% wall) ≤ 10%", "right"),
        ("job p50\ns (% wall) ≤ 60%", "right"), ("job p95\ns (% wall)", "right"),
        ("jobs ok /\nfailed / refused", "right"),
    ]:  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        met = row["met"]
        table.add_row(
            row["shape"],
            f"{row['segments']} / {served(row)}",
            fmt_s(row["engine_seconds"]),
            f"{row['engine_rate']:.2f}",
            fmt_s(row["service_seconds"]),
            f"{row['service_rate']:.2f}",
            f"{row['ratio']:.2f} {mark(met['ratio'])}",
            f"{fmt_s(row['first_done_seconds'])} ({row['first_done_share']:.0%}) {mark(met['first_job'])}",
            f"{fmt_s(row['job_p50'])} ({row['job_p50_share']:.0%}) {mark(met['p50'])}",
            f"{fmt_s(row['job_p95'])} ({row['job_p95_share']:.0%})",
            f"{row['jobs_succeeded']} / {row['jobs_failed']} / {row['jobs_refused']}",
        )
    console.print(table)
    print_routes(rows, console)
    for row in rows:
        parsed, stored = row["segments_done_by_service"], row["segments_translated_per_target"]
        if any(n != parsed for n in stored.values()):
            console.print(
                f"[yellow]{row['shape']}: the service translated {served(row)} segments where the parser "
                f"makes {parsed} of the same (succeeded) articles[/]: the API split some articles "
                "differently. Seen before 2dedd81 when it parsed POSTs in parallel (one pysbd.Segmenter "
                "shared by threads ran sentences together). Sentences/s counts the articles' parsed "
                "sentences on both sides; --posts 1 submits one at a time."
            )
    d = info["decode"]
    console.print(
        f"date {info['date']}; machine: {info['machine']}, {info['cores']} cores; engine threads T = "
        f"{info['threads']} on both sides (CTranslate2 intra_threads, OMP_NUM_THREADS); service: 1 worker, "
        f"threads pool, concurrency {info['worker_concurrency']}, batch_wait_ms {d['batch_wait_ms']}, "
        f"batch_max_tokens {d['batch_max_tokens']}, commit_every {d['commit_every']}, summaries "
        f"{d['summary_method']}\n"
        f"model: {info['model']}; built in {info['build_seconds']:.0f} s, converted in "
        f"{info['convert_seconds']:.0f} s; decoding: beam {d['beam_size']}, batch {d['batch_size']}, cap "
        f"{d['max_output_ratio']:g} x input + 10 tokens, {d['device']}\n"
        f"versions: {info['versions']}"
    )
    for run in runs:
        engine, cpu = run["engine"], run["service_info"].get("cpu_seconds", {})
        hops = engine.get("hops") or [engine]
        tokens = "; ".join(
            f"{h.get('route', 'de→en')}: {h['input_tokens']} input / {h['output_tokens']} output tokens, "
            f"{h['outputs_at_cap']} of {h['distinct']} outputs at the decode cap"
            for h in hops
        )
        console.print(
            f"[bold]{run['shape']}[/]: load average (1 min) before the engine run "
            f"{run['load_before_engine']:.2f}, "
            f"before the service run {run['load_before_service']:.2f}. Engine alone, before / after the "
            f"service: {' / '.join(f'{x:.1f}' for x in run['engine_runs_seconds'])} s (the faster is the "
            f"baseline); loaded in "
            f"{engine['load_seconds']:.1f} s, {tokens}, CPU {engine['cpu_seconds']:.0f} s, peak RSS "
            f"{engine['peak_rss_mib']:.0f} MiB. Service: "
            f"{harness.cpu_line(cpu) if cpu else 'no CPU figures'} (CPU s over the run)."
        )
        worker = run["worker_log"]
        tasks = "; ".join(
            f"{name.removeprefix('interlinear.')} {t['count']} tasks, {t['seconds']:.0f} s in all, "
            f"longest {t['max']:.1f} s"
            for name, t in worker["tasks"].items()
        )
        console.print(
            f"  worker: {tasks}; {worker['shared_batches']} engine calls for several requests "
            f"({worker['shared_batch_sentences']} sentences, up to {worker['shared_batch_jobs_max']} "
            f"jobs in one, {worker['shared_batch_seconds']:.0f} s decoding, "
            f"{worker['shared_batch_sentences'] / max(1, worker['shared_batches']):.1f} sentences per call); "
            f"first POST to all POSTs answered "
            f"{run['service_result']['submit_seconds']:.1f} s; POST p50/p95 "
            f"{harness.ms(run['service_result']['post_p50'] or math.nan)} / "
            f"{harness.ms(run['service_result']['post_p95'] or math.nan)}; "
            f"{run['service_result']['gets']} GETs "
            f"(polling)"
        )
        if worker["problem_count"]:
            console.print(f"  [yellow]worker log: {worker['problem_count']} warning/error lines[/], e.g.:")
            for line in worker["problems"][:5]:
                console.print(f"    {line[:300]}")
        for error in run["service_result"].get("errors") or []:
            console.print(f"  [red]job error:[/] {error}")
    console.print(
        "Random weights: speed only, never quality. Every output runs to the decode cap, so a sentence "
        "costs more than with the trained model. The same engine call's time varies by up to ~25 % "
        "between runs on a shared VM: a ratio within that of 1.0 means 'as fast as its engine'. Neither "
        "time includes loading the model: the worker loads it before the first POST "
        "(INTERLINEAR_PRELOAD_PAIRS), the engine alone before its call."
        + (
            f" Targets {'+'.join(info['targets'])}: the engine alone decodes de→en once, then en→ko over "
            "its outputs (the pivot's second hop), as the service's batching engine reuses the en "
            "target's outputs for the pivot's first hop."
            if "ko" in info.get("targets", ["en"])
            else ""
        )
    )


def served(row: dict[str, Any]) -> str:
    """The segments the service translated: one count, or one per target ("en 13, ko 13")."""
    per = row["segments_translated_per_target"]
    return (
        str(row["segments_the_service_translated"])
        if len(per) == 1
        else ", ".join(f"{t} {n}" for t, n in per.items())
    )


def print_routes(rows: list[dict[str, Any]], console: Any) -> None:
    """The engine alone per route (hop) of its best pass: what each model decodes, how fast; and
    what the service's worker decoded on that route in shared calls."""
    from rich.table import Table

    table = Table(
        title="Engine alone per route, its best pass (the service's time per route is not measured)"
    )
    for name in ("shape", "route", "sentences\n(distinct)", "s", "sent/s", "tokens\nin / out", "out\ntok/s",
                 "at cap", "service decoded\n(shared calls)"):  # fmt: skip
        table.add_column(name, justify="left" if name in ("shape", "route") else "right")
    for row in rows:
        for r in row["routes"]:
            table.add_row(
                row["shape"], r["route"], str(r["sentences"]), fmt_s(r["seconds"]),
                f"{r['sentences_per_s']:.2f}", f"{r['input_tokens']} / {r['output_tokens']}",
                f"{r['output_tokens_per_s']:.0f}", f"{r['outputs_at_cap']} of {r['sentences']}",
                str(r["service_decoded_in_shared_calls"]),
            )  # fmt: skip
    console.print(table)
    for row in rows:
        for r in row["routes"][1:]:
            if r["service_decoded_in_shared_calls"] > r["sentences"]:
                console.print(
                    f"[yellow]{row['shape']} {r['route']}: the service decoded at least "
                    f"{r['service_decoded_in_shared_calls']} distinct sentences, the engine alone "
                    f"{r['sentences']}[/]: random weights give many inputs the same output, and which ones "
                    "depends on the batch (the service's de→en calls are not the engine alone's one "
                    "call), so the second hop's work differs and the ratio compares unequal work."
                )


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = [f"python {platform.python_version()}"]
    for package in ("ctranslate2", "transformers", "torch", "celery", "fastapi", "uvicorn", "sqlalchemy"):
        with contextlib.suppress(PackageNotFoundError):
            out.append(f"{package} {version(package)}")
    return ", ".join(out)
