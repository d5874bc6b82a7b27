"""The Korean routes beside de→en (issue 26): ``python benchmarks/engines.py --korean``.

Every route is ``CTranslate2Engine`` int8 on a random-weight model of the registry's real shape
(``bench_models.py``, cached), loaded once in one subprocess and timed in interleaved rounds (A B C D
A B C D ...), the fastest pass of each counting:

- ``de→en``: opus-mt-de-en shape (``service/models.toml``'s de-en);
- ``en→ko``: OPUS-MT tc-big shape (transformer-big; the registry's en-ko), on English input;
- ``de→ko via en``: both in a row, as ``PivotEngine`` does (the registry's de-ko default);
- ``de→ko M2M100-418M``: the direct candidate ``[candidates.de-ko.m2m100-418M]``.

Decoding is fixed-length like the rest of ``engines.py`` (every sentence decodes exactly
``--new-tokens`` tokens, beam ``--beam-size``), so the work per sentence is the same on every
route and "tok/s" counts generated tokens. Then the engine time of a job with ``targets: ["en",
"ko"]`` on a German article follows per route: de→en for ``en``, and de→en + en→ko again for ``ko``
(a pivot translates its first hop itself).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import bench_models
from machine import cpu_model

REPO_ROOT = Path(__file__).resolve().parents[1]
if sys.path[0] != str(REPO_ROOT):  # before benchmarks/, whose service.py would shadow the package
    sys.path.insert(0, str(REPO_ROOT))
FLORES = REPO_ROOT.parent / "shared" / "eval" / "flores200-devtest"
# Published scores of each option (service/models.toml); random weights measure none of them.
QUALITY = {
    "de→en": "chrF 0.67 (OPUS-MT, FLORES-200 deu-eng)",
    "en→ko": "chrF 0.364 (tc-big, flores101 eng-kor)",
    "de→ko via en": "hops chrF 0.67 and 0.364 (the weaker bounds it)",
    "de→ko M2M100-418M": "chrF++ 25.6 (~0.26 chrF; FLORES-200)",
}
ROUTES = {  # name: (hops as (shape, source, target)), input language
    "de→en": ([("opus-mt-de-en", "de", "en")], "de"),
    "en→ko": ([("tc-big-en-ko", "en", "ko")], "en"),
    "de→ko via en": ([("opus-mt-de-en", "de", "en"), ("tc-big-en-ko", "en", "ko")], "de"),
    "de→ko M2M100-418M": ([("m2m100-418M", "de", "ko")], "de"),
}


class _Fixed:
    """A ``ctranslate2.Translator`` that decodes exactly ``length`` tokens per sentence."""

    def __init__(self, translator: Any, length: int) -> None:
        self._translator, self._length = translator, length

    def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.update(min_decoding_length=self._length, max_decoding_length=self._length)
        return self._translator.translate_batch(*args, **kwargs)


def _worker(args: argparse.Namespace) -> None:
    from workers.engines.ctranslate2 import CTranslate2Engine
    from workers.engines.engine import DecodeOptions

    dirs = json.loads(args.dirs)
    inputs = json.loads(Path(args.input).read_text(encoding="utf-8"))
    options = DecodeOptions(batch_size=args.batch_size, beam_size=args.beam_size)
    engines = {}
    for shape in {hop[0] for hops, _ in ROUTES.values() for hop in hops}:
        codes = {"de": "de", "en": "en", "ko": "ko"} if shape.startswith("m2m100") else None
        engine = CTranslate2Engine(dirs[shape], options=options, threads=args.threads, language_codes=codes,
                                   inter_threads=args.inter_threads)  # fmt: skip
        engine.translator = _Fixed(engine.translator, args.new_tokens)
        engines[shape] = engine

    def run(route: str) -> tuple[int, float]:
        hops, lang = ROUTES[route]
        texts, produced = inputs[lang], 0
        for shape, source, target in hops:
            hypotheses = engines[shape].translate(texts, source, target)
            texts = [h.text for h in hypotheses]
            produced += sum(h.output_tokens for h in hypotheses)
        return produced, 0.0

    for route in ROUTES:  # warm-up, untimed
        hops, lang = ROUTES[route]
        engines[hops[0][0]].translate(inputs[lang][:2], hops[0][1], hops[0][2])
    print("READY " + json.dumps({"rss_mib": _rss()}), flush=True)
    for number in range(args.rounds):
        for route in ROUTES:
            load = os.getloadavg()[0]
            start, cpu = time.perf_counter(), time.process_time()
            produced, _ = run(route)
            seconds = time.perf_counter() - start
            result = {"route": route, "round": number, "seconds": seconds, "output_tokens": produced,
                      "cpu_seconds": time.process_time() - cpu, "load": load}  # fmt: skip
            print("RESULT " + json.dumps(result), flush=True)


def _rss() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_routes(args: argparse.Namespace, console: Any) -> int:
    """Build (or reuse) the models, time the routes, print the table."""
    import engines as engine_bench

    german = engine_bench.read_lines(engine_bench.SOURCE_FILE)[: args.sentences]
    english_file = FLORES / "eng_Latn.devtest"
    english = engine_bench.read_lines(english_file)[: args.sentences] if english_file.is_file() else []
    if len(english) < len(german):
        console.print(f"[red]{english_file} not found[/]: the en→ko route reads FLORES-200's English side")
        return 2
    dirs = {
        shape: str(bench_models.model_dirs(shape, args.model_cache, console.print)[1])
        for shape in ("opus-mt-de-en", "tc-big-en-ko", "m2m100-418M")
    }
    source = Path(args.model_cache) / "routes-input.json"
    source.write_text(json.dumps({"de": german, "en": english}, ensure_ascii=False), encoding="utf-8")
    env = dict(
        os.environ, OMP_NUM_THREADS=str(args.threads), TOKENIZERS_PARALLELISM="false", HF_HUB_OFFLINE="1"
    )
    from service.settings import Settings

    intra, inter = Settings(engine_inter_threads=args.inter_threads).engine_thread_split(cores=args.threads)
    command = [
        sys.executable, str(Path(__file__).resolve()), "--input", str(source), "--dirs", json.dumps(dirs),
        "--threads", str(intra), "--inter-threads", str(inter), "--beam-size", str(args.beam_size),
        "--batch-size", str(args.batch_size),
        "--new-tokens", str(args.new_tokens), "--rounds", str(args.rounds),
    ]  # fmt: skip
    load_before = os.getloadavg()[0]
    with console.status(f"timing {len(ROUTES)} routes, {args.rounds} interleaved rounds"):
        done = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, text=True)
    passes = [json.loads(x[7:]) for x in done.stdout.splitlines() if x.startswith("RESULT ")]
    ready = [json.loads(x[6:]) for x in done.stdout.splitlines() if x.startswith("READY ")]
    if done.returncode != 0 or not ready:
        console.print(f"[red]the routes run failed (exit {done.returncode})[/]:\n{done.stderr[-3000:]}")
        return 2
    args.split = (intra, inter)
    print_routes(passes, len(german), args, console, load_before, ready[0]["rss_mib"])
    return 0


def print_routes(
    passes: list[dict[str, Any]], sentences: int, args: Any, console: Any, load_before: float, rss: float
) -> None:
    from rich.table import Table

    best = {r: min((p for p in passes if p["route"] == r), key=lambda p: p["seconds"]) for r in ROUTES}
    rate = {r: sentences / best[r]["seconds"] for r in ROUTES}
    table = Table(title=f"Routes, {sentences} sentences x {args.new_tokens} tokens per hop, CTranslate2 int8")
    for column in (
        "route",
        "sent/s",
        "tok/s",
        "vs de→en",
        "best s",
        "CPU s",
        "rounds s",
        "load",
        "published",
    ):
        table.add_column(column, justify="left" if column in ("route", "published") else "right")
    for r in ROUTES:
        b = best[r]
        table.add_row(
            r, f"{rate[r]:.2f}", f"{b['output_tokens'] / b['seconds']:.0f}",
            f"{rate[r] / rate['de→en']:.2f}x",
            f"{b['seconds']:.1f}", f"{b['cpu_seconds']:.1f}",
            " / ".join(f"{p['seconds']:.1f}" for p in passes if p["route"] == r),
            " / ".join(f"{p['load']:.1f}" for p in passes if p["route"] == r), QUALITY[r],
        )  # fmt: skip
    console.print(table)
    en, ko = 1 / rate["de→en"], 1 / rate["de→ko via en"]
    console.print(
        f'Engine time of a German article with targets ["en", "ko"], per sentence: en {en:.2f} s '
        f"({en / (en + ko):.0%}), ko via en {ko:.2f} s ({ko / (en + ko):.0%}; its de→en hop again, "
        f"then en→ko); with M2M100-418M for ko: {1 / rate['de→ko M2M100-418M']:.2f} s. Parse, memory "
        "lookup, store and summaries are not timed here (service benchmarks).\n"
        f"os.getloadavg() (1 min) before {load_before:.2f}, after {os.getloadavg()[0]:.2f}; peak RSS "
        f"with all models loaded {rss:.0f} MiB; CTranslate2 intra x inter threads "
        f"{args.split[0]} x {args.split[1]}; beam "
        f"{args.beam_size}, batch {args.batch_size}; best of {args.rounds} interleaved rounds; machine "
        f"{cpu_model()}, {os.cpu_count()} "
        "cores; random weights: speed only"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    for name in ("--input", "--dirs"):
        parser.add_argument(name, required=True)
    for name in ("--threads", "--inter-threads", "--beam-size", "--batch-size", "--new-tokens", "--rounds"):
        parser.add_argument(name, type=int, required=True)
    _worker(parser.parse_args())
