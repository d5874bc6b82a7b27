"""The engine alone: ``CTranslate2Engine`` as the worker builds it, all segments in one ``translate``
call, in a subprocess of its own; a baseline for the service benchmarks.

``best(...)`` runs each thread split (``intra x inter``: ``CTranslate2Engine``'s ``threads`` and
``inter_threads``) ``rounds`` times, interleaved, and returns every pass and the
fastest: "the engine's best configuration measured in the same run" (issue 26).

``then`` adds hops: ``(CTranslate2 dir, source, target)`` each run over the previous hop's outputs,
as a pivot route does (de→en, then en→ko over those English outputs). Every model is loaded
before the first call (loading not counted); each hop is timed apart (``hops`` in the result),
with the same thread split, and the pass's ``seconds`` are their sum.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if sys.path[0] != str(REPO_ROOT):  # before benchmarks/, whose service.py would shadow the package
    sys.path.insert(0, str(REPO_ROOT))


def _worker(args: argparse.Namespace) -> None:
    from service.settings import Settings
    from workers.engines.ctranslate2 import CTranslate2Engine
    from workers.engines.engine import DecodeOptions

    s = Settings()
    options = DecodeOptions(
        batch_size=s.batch_size, beam_size=s.beam_size, max_output_ratio=s.max_output_ratio
    )
    segments = json.loads(Path(args.input).read_text(encoding="utf-8"))
    hops = [(args.ct2_dir, args.source, args.target), *(tuple(hop) for hop in args.then or [])]
    start = time.perf_counter()
    engines = [
        CTranslate2Engine(
            ct2_dir, device=s.device, options=options, threads=args.intra, inter_threads=args.inter
        )
        for ct2_dir, _, _ in hops
    ]
    loaded = time.perf_counter() - start
    texts, results = segments, []
    for engine, (_, source, target) in zip(engines, hops, strict=True):
        distinct = list(dict.fromkeys(texts))  # as the worker does: identical sentences once
        start, cpu = time.perf_counter(), time.process_time()
        hypotheses = engine.translate(distinct, source, target)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        results.append({
            "route": f"{source}→{target}",
            "segments": len(texts),
            "distinct": len(distinct),
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "input_tokens": sum(h.input_tokens for h in hypotheses),
            "output_tokens": sum(h.output_tokens for h in hypotheses),
            "outputs_at_cap": sum(h.output_tokens >= engine._decode_cap(h.input_tokens) for h in hypotheses),
        })  # fmt: skip
        texts = [h.text for h in hypotheses]  # the next hop translates these outputs
    from machine import peak_rss_mib  # benchmarks/machine.py (this script's folder is on sys.path)

    result: dict[str, Any] = {
        name: sum(hop[name] for hop in results)
        for name in ("seconds", "cpu_seconds", "input_tokens", "output_tokens", "outputs_at_cap")
    }
    result.update(
        segments=len(segments),
        distinct=results[0]["distinct"],
        load_seconds=loaded,
        peak_rss_mib=peak_rss_mib(),
        intra=args.intra,
        inter=args.inter,
        hops=results,
    )
    print("RESULT " + json.dumps(result), flush=True)


def run(
    segments: list[str],
    ct2_dir: Path,
    intra: int,
    inter: int,
    tmp: Path,
    pair: tuple[str, str] = ("de", "en"),
    name: str = "engine-alone",
    then: Sequence[tuple[Path, str, str]] = (),
) -> dict[str, Any]:
    """One timed call per hop (loading not counted) in a fresh process; its log goes to
    ``tmp/NAME.log``. ``then``: further hops, ``(CTranslate2 dir, source, target)``."""
    source = tmp / f"{name}-segments.json"
    source.write_text(json.dumps(segments, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, OMP_NUM_THREADS=str(intra), TOKENIZERS_PARALLELISM="false", HF_HUB_OFFLINE="1")
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--input",
        str(source),
        "--ct2-dir",
        str(ct2_dir),
        "--intra",
        str(intra),
        "--inter",
        str(inter),
        "--source",
        pair[0],
        "--target",
        pair[1],
    ]
    for hop_dir, hop_source, hop_target in then:
        command += ["--then", str(hop_dir), hop_source, hop_target]
    log = tmp / f"{name}-{intra}x{inter}.log"
    with log.open("w") as stderr:
        done = subprocess.run(
            command, env=env, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True
        )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
            result["load_before"] = os.getloadavg()[0]
            return result
    raise RuntimeError(
        f"the engine-alone run failed (exit {done.returncode}):\n{log.read_text(errors='replace')[-3000:]}"
    )


def splits(threads: int) -> list[tuple[int, int]]:
    """The thread splits compared: the worker's default (all threads on one batch) first."""
    return [(threads, 1)] + ([(1, threads)] if threads > 1 else [])


def best(
    segments: list[str],
    ct2_dir: Path,
    threads: int,
    tmp: Path,
    rounds: int = 1,
    pair: tuple[str, str] = ("de", "en"),
    name: str = "engine-alone",
    then: Sequence[tuple[Path, str, str]] = (),
) -> dict[str, Any]:
    """Every split ``rounds`` times, interleaved; ``{"passes": [...], "best": fastest pass}``."""
    passes = [
        run(segments, ct2_dir, i, j, tmp, pair, name, then) for _ in range(rounds) for i, j in splits(threads)
    ]
    return {"passes": passes, "best": min(passes, key=lambda p: p["seconds"])}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    for name in ("--input", "--ct2-dir", "--source", "--target"):
        parser.add_argument(name, required=True)
    parser.add_argument("--intra", type=int, required=True)
    parser.add_argument("--inter", type=int, default=1)
    parser.add_argument("--then", nargs=3, action="append", metavar=("CT2_DIR", "SOURCE", "TARGET"))
    _worker(parser.parse_args())
