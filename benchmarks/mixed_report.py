"""The mixed-load benchmark's numbers: latency per class against the idle service, throughput
against the engine alone (``mixed.py``)."""

from __future__ import annotations

import math
import os
from typing import Any

import harness  # benchmarks/harness.py: percentiles, CPU lines
from machine import cpu_model

CLASSES = ("breaking", "normal article", "small", "long", "bulk")
TARGETS = {"breaking": 2.0, "small": 4.0}  # p95 over idle; throughput target below
TARGET_THROUGHPUT = 0.9


def percentile(values: list[float], q: float) -> float:
    return harness.percentile(values, q)


def summarise(client: Any, times: dict[str, float], engine: dict[str, Any]) -> dict[str, Any]:
    jobs = client.jobs
    idle = {
        cls: [j["latency"] for j in jobs if j["class"] == cls and j["latency"] is not None]
        for cls in ("idle article", "idle small", "idle burst")
    }
    # Small jobs against as many small jobs sent together to the idle service (percentile for
    # percentile): what the long job and the bulk work add; articles against one alone (median).
    idle_of = {"breaking": "idle article", "normal article": "idle article", "small": "idle burst"}
    rows = []
    for cls in CLASSES:
        members = [j for j in jobs if j["class"] == cls]
        latencies = [j["latency"] for j in members if j["latency"] is not None and j["state"] == "succeeded"]
        baseline = idle.get(idle_of.get(cls, ""), [])
        base = percentile(baseline, 0.5)
        base95 = percentile(baseline, 0.95) if cls == "small" else base
        p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
        rows.append(
            {
                "class": cls,
                "jobs": len(members),
                "succeeded": sum(j["state"] == "succeeded" for j in members),
                "segments": sum(j["segments"] for j in members),
                "priority": sorted({j["priority"] for j in members}),
                "p50": p50,
                "p95": p95,
                "max": max(latencies, default=math.nan),
                "idle": base,
                "idle95": base95,
                "p50_x": p50 / base if base else math.nan,
                "p95_x": p95 / base95 if base95 else math.nan,
                "target": TARGETS.get(cls),
            }
        )
    mixed = [j for j in jobs if j["tenant"] == "newsroom"]
    finishes = [j["done"] for j in mixed if j["done"] is not None]
    wall = (max(finishes) - times["backlog"]) if finishes else math.nan
    segments = sum(j["segments"] for j in mixed if j["state"] == "succeeded")
    best = engine["best"]
    engine_rate = best["segments"] / best["seconds"]
    return {
        "alone_small": percentile(idle["idle small"], 0.5),
        "rows": rows,
        "wall": wall,
        "segments": segments,
        "rate": segments / wall,
        "engine_rate": engine_rate,
        "throughput_x": segments / wall / engine_rate,
        "engine": engine,
        "times": times,
    }


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def print_report(result: dict[str, Any], info: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    table = Table(title="Mixed load: latency per class against the same article on the idle service")
    for column in (
        "class",
        "priority",
        "jobs ok/all",
        "segments",
        "p50 s",
        "p95 s",
        "max s",
        "idle p50 / p95 s",
        "p50 / idle",
        "p95 / idle",
        "target (p95)",
    ):
        table.add_column(column, justify="left" if column == "class" else "right")
    for r in result["rows"]:
        met = (
            ""
            if r["target"] is None
            else (f"≤ {r['target']:g}x " + ("yes" if r["p95_x"] <= r["target"] else "NO"))
        )
        table.add_row(
            r["class"],
            ",".join(r["priority"]),
            f"{r['succeeded']}/{r['jobs']}",
            str(r["segments"]),
            fmt(r["p50"]),
            fmt(r["p95"]),
            fmt(r["max"]),
            fmt(r["idle"]) + ("" if r["idle95"] == r["idle"] else f" / {fmt(r['idle95'])}"),
            fmt(r["p50_x"], 2) + "x",
            fmt(r["p95_x"], 2) + "x",
            met,
        )
    console.print(table)
    e = result["engine"]
    passes = "; ".join(
        f"{p['intra']}x{p['inter']} {p['segments'] / p['seconds']:.2f}/s (load {p['load_before']:.1f})"
        for p in e["passes"]
    )
    ok = "yes" if result["throughput_x"] >= TARGET_THROUGHPUT else "NO"
    console.print(
        f"throughput: {result['segments']} segments in {fmt(result['wall'])} s = "
        f"{result['rate']:.2f} segments/s; engine's best {result['engine_rate']:.2f}/s (intra x inter "
        f"{e['best']['intra']}x{e['best']['inter']}, on {e['best']['segments']} of the same segments): "
        f"{result['throughput_x']:.2f}x (target ≥ 0.9: {ok})\n"
        f"engine alone, every pass: {passes}\n"
        f"os.getloadavg() (1 min) at the start {info['load_start']:.2f}, before the service run "
        f"{info['load_service']:.2f}, at the end {info['load_end']:.2f}; CPU seconds during the mixed run: "
        f"{harness.cpu_line(info['cpu']) if info.get('cpu') else '-'}\n"
        f"idle baselines: articles one at a time; small jobs as a burst of as many small jobs (one "
        f"small job alone: {fmt(result['alone_small'])} s)\n"
        f"sizes: {info['sizes']}\nmodel: {info['model']}; workers: {info['shape']}, threads pool, "
        f"concurrency {info['worker_concurrency']}, CTranslate2 intra x inter threads "
        f"{info.get('split', str(info['threads']) + ' x ' + str(info['inter_threads']))}; "
        f"storage {info['storage']}\ndate {info['date']}; machine {cpu_model()}, {os.cpu_count()} cores. "
        "Random weights: speed only (every output runs to the decode cap)."
    )
