"""CTranslate2's settings swept on the same segments, per model shape (issue 26).

Run from anywhere: ``python benchmarks/ct2_sweep.py [--shapes opus-mt-de-en,tc-big-en-ko,m2m100-418M]
[--sentences 60] [--small]``. A script, not a test: it prints one table per model shape.

Per shape, one subprocess loads the random-weight model (``bench_models.py``, cached) once per
thread split and runs every configuration on the same pre-tokenized newstest2019 German sentences,
interleaved (A B C ... A B C ...) for ``--rounds`` rounds after one untimed warm-up, so that a spell
of other work on the machine spoils one pass of each rather than all passes of one; the fastest
pass counts and all are shown. Decoding is fixed-length: every sentence decodes exactly
``--new-tokens`` tokens (minimum = maximum), beam ``--beam-size``, so every configuration does the
same work whatever it groups, and "tok/s" counts generated target tokens, as CTranslate2's
published figures do. "per thread" divides by every thread the configuration runs (intra x inter):
CTranslate2's published OPUS-MT int8 figure is 696 target tokens/s on 4 threads of a Xeon 8275CL,
about 174 per thread (https://github.com/OpenNMT/CTranslate2#benchmarks, real weights and outputs).

A configuration: ``intra`` and ``inter`` threads (``ctranslate2.Translator``'s ``intra_threads``,
``inter_threads``); grouping ``length`` (what ``CTranslate2Engine`` does: inputs sorted by length,
one ``translate_batch`` per group of inputs within 16 tokens) or ``none`` (one ``translate_batch`` for
all; CTranslate2 sorts and splits it itself); ``batch_type`` and the batch (``examples``: that many
sentences; ``tokens``: that many times the group's longest input, the engine's formula); and
``calls`` concurrent callers (Python threads, each with an equal share of the sentences).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import bench_models  # benchmarks/bench_models.py (the script's own folder is on sys.path)
from machine import cpu_model

REPO_ROOT = Path(__file__).resolve().parents[1]
if sys.path[0] != str(REPO_ROOT):  # before benchmarks/, whose service.py would shadow the package
    sys.path.insert(0, str(REPO_ROOT))
PUBLISHED_PER_THREAD = 696 / 4  # CTranslate2 README, OPUS-MT int8 on a Xeon 8275CL, 4 threads
LENGTH_BUCKET = 16  # workers/engines/ctranslate2.py's


@dataclass(frozen=True)
class Config:
    name: str
    intra: int
    inter: int = 1
    grouping: str = "length"  # "length" | "none" | "length-async"
    batch_type: str = "tokens"  # "tokens" | "examples"
    batch: int = 16
    calls: int = 1

    @property
    def threads(self) -> int:
        return self.intra * self.inter


def default_configs(threads: int) -> list[Config]:
    """The engine's default first (the baseline of the table), then the alternatives."""
    t = threads
    configs = [
        Config("engine default", t),
        Config("one call, no grouping", t, grouping="none"),
        Config("batch 64", t, batch=64),
        Config("examples 16", t, batch_type="examples"),
    ]
    if t > 1:
        configs += [
            Config(f"inter {t}, one call", 1, t, grouping="none", batch_type="examples"),
            Config(f"inter {t}, one call, batch 8", 1, t, grouping="none", batch_type="examples", batch=8),
            Config(f"inter {t}, {t} calls", 1, t, calls=t),
            Config(f"inter {t}, groups at once", 1, t, grouping="length-async"),
            Config(f"inter {t}, groups at once, batch 8", 1, t, grouping="length-async", batch=8),
            Config(f"inter {t}, groups at once, 8 examples", 1, t, "length-async", "examples", 8),
            Config(f"inter {t}, groups at once, 4 examples", 1, t, "length-async", "examples", 4),
        ]
    return configs


# --- the measuring subprocess -----------------------------------------------------------------


def _groups(tokens: list[list[str]], grouping: str) -> list[list[int]]:
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
    if grouping == "none":
        return [order]
    groups: list[list[int]] = []
    for i in order:
        if groups and len(tokens[i]) - len(tokens[groups[-1][0]]) < LENGTH_BUCKET:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _translate(translator: Any, tokens: list[list[str]], config: Config, args: Any, prefix: Any) -> int:
    """Translate ``tokens`` as ``config`` says; returns the target tokens generated. ``length-async``
    hands every group to CTranslate2 at once (``asynchronous=True``), so that its ``inter``
    replicas decode groups in parallel, and then waits for them all."""
    pending = []
    for group in _groups(tokens, config.grouping):
        batch = [tokens[i] for i in group]
        longest = max(len(t) for t in batch)
        size = config.batch * longest if config.batch_type == "tokens" else config.batch
        pending.append(translator.translate_batch(
            batch, target_prefix=[prefix] * len(batch) if prefix else None, max_batch_size=size,
            batch_type=config.batch_type, beam_size=args.beam_size, max_input_length=0,
            min_decoding_length=args.new_tokens, max_decoding_length=args.new_tokens,
            asynchronous=config.grouping == "length-async",
        ))  # fmt: skip
    results = [r.result() if config.grouping == "length-async" else r for call in pending for r in call]
    return sum(len(r.hypotheses[0]) - (1 if prefix else 0) for r in results)


def _run(translator: Any, tokens: list[list[str]], config: Config, args: Any, prefix: Any) -> int:
    if config.calls == 1:
        return _translate(translator, tokens, config, args, prefix)
    shares = [tokens[k :: config.calls] for k in range(config.calls)]
    counts = [0] * config.calls

    def call(k: int) -> None:
        counts[k] = _translate(translator, shares[k], config, args, prefix)

    threads = [threading.Thread(target=call, args=(k,)) for k in range(config.calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts)


def measure(args: argparse.Namespace) -> None:
    """The subprocess: load, warm up, time every configuration ``--rounds`` times interleaved."""
    import ctranslate2
    from transformers import AutoTokenizer

    configs = [Config(**c) for c in json.loads(args.configs_json)]
    ct2_dir = Path(args.ct2_dir)
    shape = bench_models.SHAPES[args.shape]
    tokenizer = AutoTokenizer.from_pretrained(str(ct2_dir))
    prefix = None
    if hasattr(tokenizer, "src_lang"):  # M2M100: source language on the tokenizer, target first
        tokenizer.src_lang = shape.source
        prefix = [tokenizer.convert_ids_to_tokens(tokenizer.get_lang_id(shape.target))]
    sentences = json.loads(Path(args.input).read_text(encoding="utf-8"))
    tokens = [tokenizer.convert_ids_to_tokens(tokenizer(s)["input_ids"]) for s in sentences]
    translators: dict[tuple[int, int], Any] = {}
    for c in configs:
        if (c.intra, c.inter) not in translators:
            translators[(c.intra, c.inter)] = ctranslate2.Translator(
                str(ct2_dir), device="cpu", compute_type="int8", intra_threads=c.intra, inter_threads=c.inter
            )
    rss = rss_mib()
    for c in configs:  # warm-up, untimed
        _run(translators[(c.intra, c.inter)], tokens[:2], c, args, prefix)
    ready = {"input_tokens": sum(len(t) for t in tokens), "rss_mib_loaded": rss}
    ready["translators"] = len(translators)
    print("READY " + json.dumps(ready), flush=True)
    for number in range(args.rounds):
        for c in configs:
            load = os.getloadavg()[0]
            start, cpu = time.perf_counter(), time.process_time()
            produced = _run(translators[(c.intra, c.inter)], tokens, c, args, prefix)
            seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
            result = {"config": c.name, "round": number, "seconds": seconds, "cpu_seconds": cpu_seconds,
                      "output_tokens": produced, "load": load}  # fmt: skip
            print("RESULT " + json.dumps(result), flush=True)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- the driver -------------------------------------------------------------------------------


def sweep_shape(
    shape: str, sentences: list[str], configs: list[Config], args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    """Run ``configs`` on ``sentences`` with model ``shape`` in a subprocess; every pass's result."""
    _, ct2_dir = bench_models.model_dirs(shape, args.model_cache)
    source = tmp / f"sweep-{shape}.json"
    source.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, TOKENIZERS_PARALLELISM="false", HF_HUB_OFFLINE="1")
    env.pop("OMP_NUM_THREADS", None)  # each Translator sets its own threads
    command = [
        sys.executable, str(Path(__file__).resolve()), "--measure", "--shape", shape, "--ct2-dir",
        str(ct2_dir), "--input", str(source), "--configs-json", json.dumps([asdict(c) for c in configs]),
        "--rounds", str(args.rounds), "--new-tokens", str(args.new_tokens),
        "--beam-size", str(args.beam_size),
    ]  # fmt: skip
    load_before = os.getloadavg()[0]
    done = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, text=True)
    passes = [json.loads(line[7:]) for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    ready = [json.loads(line[6:]) for line in done.stdout.splitlines() if line.startswith("READY ")]
    if done.returncode != 0 or not ready:
        raise SystemExit(f"the {shape} sweep failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return {"shape": shape, "passes": passes, **ready[0],
            "load_before": load_before, "load_after": os.getloadavg()[0]}  # fmt: skip


def rows_of(result: dict[str, Any], configs: list[Config], sentences: int) -> list[dict[str, Any]]:
    rows = []
    for c in configs:
        passes = [p for p in result["passes"] if p["config"] == c.name]
        best = min(passes, key=lambda p: p["seconds"])
        tok_s = best["output_tokens"] / best["seconds"]
        rows.append({
            **asdict(c), "threads": c.threads, "sent_s": sentences / best["seconds"], "tok_s": tok_s,
            "tok_s_thread": tok_s / c.threads, "best_s": best["seconds"], "cpu_s": best["cpu_seconds"],
            "rounds_s": [p["seconds"] for p in passes], "loads": [p["load"] for p in passes],
        })  # fmt: skip
    base = rows[0]["tok_s"]
    for row in rows:
        row["vs_default"] = row["tok_s"] / base
    return rows


def print_table(
    shape: str, rows: list[dict[str, Any]], result: dict[str, Any], args: Any, console: Any
) -> None:
    from rich.table import Table

    label = bench_models.SHAPES[shape].label
    title = f"CTranslate2 settings, {label}, {args.sentences} sentences x {args.new_tokens} tokens"
    table = Table(title=title)
    columns = ("configuration", "intra x inter", "grouping", "batch", "calls", "sent/s", "tok/s",
               "tok/s/thread", "vs 174", "vs default", "best s", "CPU s", "rounds s", "load")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column == "configuration" else "right", no_wrap=True)
    for r in rows:
        table.add_row(
            r["name"], f"{r['intra']} x {r['inter']}", r["grouping"], f"{r['batch']} {r['batch_type']}",
            str(r["calls"]), f"{r['sent_s']:.2f}", f"{r['tok_s']:.0f}", f"{r['tok_s_thread']:.0f}",
            f"{r['tok_s_thread'] / PUBLISHED_PER_THREAD:.2f}", f"{r['vs_default']:.2f}x",
            f"{r['best_s']:.1f}",
            f"{r['cpu_s']:.1f}", " / ".join(f"{x:.1f}" for x in r["rounds_s"]),
            " / ".join(f"{x:.1f}" for x in r["loads"]),
        )  # fmt: skip
    console.print(table)
    console.print(
        f"os.getloadavg() (1 min): {result['load_before']:.2f} before, {result['load_after']:.2f} after; "
        f"input {result['input_tokens']} tokens; RSS with {result['translators']} translators loaded "
        f"{result['rss_mib_loaded']:.0f} MiB; beam {args.beam_size}; best of {args.rounds} interleaved "
        f"rounds; machine {cpu_model()}, {os.cpu_count()} cores; random weights, int8"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shapes", default="opus-mt-de-en,tc-big-en-ko,m2m100-418M")
    parser.add_argument("--sentences", type=int, default=60, help="newstest2019 German sentences")
    parser.add_argument("--new-tokens", type=int, default=32, help="tokens decoded per sentence")
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2, help="threads per configuration")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved passes; the best counts")
    parser.add_argument("--small", action="store_true", help="24 sentences x 16 tokens, 2 rounds")
    parser.add_argument(
        "--configs", help="comma-separated numbers (1 = the engine default) of the configurations to run"
    )
    parser.add_argument("--model-cache", type=Path, default=bench_models.DEFAULT_CACHE)
    parser.add_argument("--json", type=Path, help="also write every pass here")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    for hidden in ("--shape", "--ct2-dir", "--input", "--configs-json"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.small:
        args.sentences, args.new_tokens, args.rounds = 24, 16, 2
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.measure:
        measure(args)
        return 0
    import tempfile

    import engines  # benchmarks/engines.py: the newstest2019 lines
    from rich.console import Console

    console = Console(width=max(Console().width, 170))
    if not engines.SOURCE_FILE.is_file():
        console.print(f"[red]{engines.SOURCE_FILE} not found[/]: the sweep reads newstest2019 from shared/")
        return 2
    sentences = engines.read_lines(engines.SOURCE_FILE)[: args.sentences]
    configs = default_configs(args.threads)
    if args.configs:  # the engine default stays first: the table's baseline
        chosen = {1, *(int(n) for n in args.configs.split(","))}
        configs = [c for n, c in enumerate(configs, 1) if n in chosen]
    report = []
    with tempfile.TemporaryDirectory(prefix="interlinear-sweep-") as tmp:
        for shape in [s for s in args.shapes.split(",") if s]:
            result = sweep_shape(shape, sentences, configs, args, Path(tmp))
            rows = rows_of(result, configs, len(sentences))
            print_table(shape, rows, result, args, console)
            report.append({"shape": shape, "rows": rows, **result})
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
