"""Throughput of the translation engines on a random-weight model of the real opus-mt-de-en shape.

Run from anywhere: ``python benchmarks/engines.py [--sentences 200] [--threads 2]``. A script, not a
test: it prints a table; ``benchmarks/README.md`` keeps the results.

What is measured, each engine in its own subprocess (so peak RSS is that engine's own), loaded and
warmed up once, then timed over ``--rounds`` full passes (default 2) interleaved with the other
engines; the fastest pass counts, so a spell of other work on the machine spoils at most one pass
(all passes are shown):

(a) naive: one sentence at a time, ``tokenizer -> model.generate -> decode``, which is what a call of
    ``transformers.pipeline("translation")`` did; transformers 5 removed that pipeline, so the loop
    is written out. It runs on the first ``--naive-sentences`` (default 30) only, to keep the default
    run within ~5 minutes on 2 cores: its cost per sentence does not depend on batching, so its
    rate holds; ``--naive-sentences 0`` runs it on all.
(b) Interlinear's ``TransformersEngine``: batched (``--batch-size``), longest first.
(c) Interlinear's ``CTranslate2Engine``: the same weights converted to CTranslate2, int8.

The model: ``MarianMTModel`` with the opus-mt-de-en configuration (d_model 512, 6+6 layers, 8 heads,
FFN 2048, swish, 512 positions, vocabulary 58,101 with ``<pad>`` last) and random weights, so the
work per token is the real model's. The tokenizer: the bundled corpus of ``workers/tiny`` yields at
most ~520 sentencepiece pieces (~4.2 tokens per German word, about 2.5x too many input tokens), so
a unigram model with the same trainer settings is trained on newstest2019 text that is *not*
benchmarked (the English side and the German lines after the first ``--sentences``), 8,000 pieces,
~2 tokens per word; the vocabulary is then padded with unused entries to the real 58,101 so the
embedding and output projection have the real size.

Random weights never emit a sensible end of sentence, so every engine decodes exactly
``--new-tokens`` tokens per sentence (minimum = maximum length), with the same beam size: the same
work for all three, and ``tokens/s`` counts those generated tokens (as each engine reports them).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from machine import cpu_model, peak_rss_mib  # benchmarks/machine.py (the script's folder is on sys.path)

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT.parent / "shared" / "eval" / "newstest2019-deen"
SOURCE_FILE = DATA / "newstest2019.deu"
HELD_OUT_FILE = DATA / "newstest2019.eng"

OPUS_MT_DE_EN_VOCAB = 58_101
OPUS_MT_DE_EN_SHAPE: dict[str, Any] = {
    "d_model": 512,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "encoder_attention_heads": 8,
    "decoder_attention_heads": 8,
    "encoder_ffn_dim": 2048,
    "decoder_ffn_dim": 2048,
    "max_position_embeddings": 512,
    "activation_function": "swish",
    "scale_embedding": True,
    "share_encoder_decoder_embeddings": True,
}
SPM_PIECES = 8_000
ENGINES = {
    "naive": "(a) naive, one at a time",
    "transformers": "(b) TransformersEngine",
    "ctranslate2": "(c) CTranslate2Engine int8",
    # --device cuda only: CTranslate2's GPU compute types
    "ct2-float16": "(d) CTranslate2Engine float16",
    "ct2-int8_float16": "(e) CTranslate2Engine int8_float16",
}
CT2_COMPUTE = {"ctranslate2": "int8", "ct2-float16": "float16", "ct2-int8_float16": "int8_float16"}
CPU_ENGINES = ("naive", "transformers", "ctranslate2")
WARMUP_SENTENCES = 2

Translate = Callable[[list[str]], int]  # translates a batch, returns the tokens it generated

if sys.path[0] != str(REPO_ROOT):  # before benchmarks/, whose service.py would shadow the package
    sys.path.insert(0, str(REPO_ROOT))


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_model(out_dir: Path, spm_training_lines: list[str]) -> Path:
    """Random weights in the opus-mt-de-en shape, saved like a hub checkout."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    from workers.tiny.build import train_sentencepiece

    work = out_dir / "_spm"
    # The tiny models' tokenizer settings, on a larger corpus.
    spm_model = train_sentencepiece(work, vocab_size=SPM_PIECES, text="\n".join(spm_training_lines) + "\n")
    processor = spm.SentencePieceProcessor(model_file=str(spm_model))
    vocab = {processor.id_to_piece(i): i for i in range(processor.get_piece_size())}
    while len(vocab) < OPUS_MT_DE_EN_VOCAB - 1:  # unused entries up to the real size
        vocab[f"<unused_{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)  # last, as in opus-mt (CTranslate2 drops it)
    (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(work / "spm.model"),
        target_spm=str(work / "spm.model"),
        vocab=str(work / "vocab.json"),
        model_max_length=OPUS_MT_DE_EN_SHAPE["max_position_embeddings"],
    )
    config = MarianConfig(
        vocab_size=len(vocab),
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=vocab["</s>"],
        **OPUS_MT_DE_EN_SHAPE,
    )
    torch.manual_seed(0)
    model = MarianMTModel(config)
    model.generation_config.bad_words_ids = [[vocab["<pad>"]]]  # as opus-mt: never emit <pad>
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    return out_dir


# --- one engine, in a subprocess -------------------------------------------------------------


def _load_naive(model_dir: Path, args: argparse.Namespace) -> Translate:
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir)).eval().to(args.device)
    pad_id = tokenizer.pad_token_id

    def translate(batch: list[str]) -> int:
        produced = 0
        for sentence in batch:
            inputs = tokenizer([sentence], return_tensors="pt").to(args.device)
            with torch.inference_mode():
                generated = model.generate(
                    **inputs,
                    num_beams=args.beam_size,
                    min_new_tokens=args.new_tokens,
                    max_new_tokens=args.new_tokens,
                )
            tokenizer.batch_decode(generated, skip_special_tokens=True)
            produced += int((generated[0] != pad_id).sum().item())
        return produced

    return translate


def _load_transformers(model_dir: Path, args: argparse.Namespace) -> Translate:
    from workers.engines.engine import DecodeOptions
    from workers.engines.transformers import TransformersEngine

    engine = TransformersEngine(
        str(model_dir),
        device=args.device,
        options=DecodeOptions(batch_size=args.batch_size, beam_size=args.beam_size),
    )
    generate = engine.model.generate

    def fixed_length_generate(*a: Any, **kw: Any) -> Any:
        kw.update(min_new_tokens=args.new_tokens, max_new_tokens=args.new_tokens)
        return generate(*a, **kw)

    engine.model.generate = fixed_length_generate
    return lambda batch: sum(h.output_tokens for h in engine.translate(batch, "de", "en"))


class _FixedLengthTranslator:
    """Forwards to a ``ctranslate2.Translator`` with a fixed decoding length."""

    def __init__(self, translator: Any, length: int) -> None:
        self._translator = translator
        self._length = length

    def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.update(min_decoding_length=self._length, max_decoding_length=self._length)
        return self._translator.translate_batch(*args, **kwargs)


def _load_ctranslate2(model_dir: Path, args: argparse.Namespace) -> Translate:
    from workers.engines.ctranslate2 import CTranslate2Engine
    from workers.engines.engine import DecodeOptions

    engine = CTranslate2Engine(
        model_dir,
        device=args.device,
        compute_type=CT2_COMPUTE[args.worker],
        options=DecodeOptions(batch_size=args.batch_size, beam_size=args.beam_size),
        threads=args.threads,
    )
    engine.translator = _FixedLengthTranslator(engine.translator, args.new_tokens)
    return lambda batch: sum(h.output_tokens for h in engine.translate(batch, "de", "en"))


def worker(args: argparse.Namespace) -> None:
    """Load one engine, warm it up, then time one full pass over the sentences per ``run`` line
    read from stdin, until stdin closes. Speaks ``READY``/``RESULT`` lines of JSON on stdout."""
    import torch

    torch.set_num_threads(args.threads)
    sentences = read_lines(Path(args.input))
    if args.limit > 0:
        sentences = sentences[: args.limit]
    loaders = {"naive": _load_naive, "transformers": _load_transformers}
    model_dir = Path(args.ct2_dir if args.worker in CT2_COMPUTE else args.model_dir)
    load = loaders.get(args.worker, _load_ctranslate2)
    start = time.perf_counter()
    translate = load(model_dir, args)
    loaded = time.perf_counter() - start
    translate(sentences[:WARMUP_SENTENCES])  # first-call costs (allocations, kernels) not counted
    print("READY " + json.dumps({"load_seconds": loaded}), flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            continue
        start, cpu_start = time.perf_counter(), time.process_time()
        produced = translate(sentences)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        result = {
            "sentences": len(sentences),
            "output_tokens": produced,
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "peak_rss_mib": peak_rss_mib(),
            "torch_threads": torch.get_num_threads(),
        }
        print("RESULT " + json.dumps(result), flush=True)


def gpu_name(device: str) -> str:
    """ ", GPU <name>" when the run is on CUDA, for the table's footer."""
    if not device.startswith("cuda"):
        return ""
    import torch

    return f", GPU {torch.cuda.get_device_name(0)} (device {device})"


# --- the driver -------------------------------------------------------------------------------


class Worker:
    """One engine in its own process (so its peak RSS is its own), kept loaded between rounds."""

    def __init__(self, engine: str, paths: dict[str, Path], args: argparse.Namespace) -> None:
        env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), TOKENIZERS_PARALLELISM="false")
        env.setdefault("HF_HUB_OFFLINE", "1")
        env.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            engine,
            "--input",
            str(paths["input"]),
            "--model-dir",
            str(paths["model"]),
            "--ct2-dir",
            str(paths["ct2"]),
            "--threads",
            str(args.threads),
            "--beam-size",
            str(args.beam_size),
            "--batch-size",
            str(args.batch_size),
            "--new-tokens",
            str(args.new_tokens),
            "--device",
            args.device,
        ]
        if engine == "naive" and args.naive_sentences > 0:
            command += ["--limit", str(args.naive_sentences)]
        self.engine = engine
        self.log = paths["input"].with_name(f"{engine}.log")
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True
            )
        self.load_seconds: float = self._read("READY")["load_seconds"]

    def _read(self, tag: str) -> dict[str, Any]:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(tag + " "):
                message: dict[str, Any] = json.loads(line.removeprefix(tag + " "))
                return message
        code = self.process.wait()
        raise SystemExit(f"the {self.engine} run failed (exit {code}):\n{self.log.read_text()[-4000:]}")

    def run(self) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write("run\n")
        self.process.stdin.flush()
        return self._read("RESULT")

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sentences", type=int, default=200, help="German sentences to translate")
    parser.add_argument("--threads", type=int, default=2, help="torch and CTranslate2 threads")
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--new-tokens", type=int, default=32, help="tokens decoded per sentence")
    parser.add_argument(
        "--rounds", type=int, default=2, help="timed passes per engine, interleaved; the best counts"
    )
    parser.add_argument(
        "--naive-sentences",
        type=int,
        default=30,
        help="(a) runs on the first this many sentences only, to keep the run short (0: all)",
    )
    parser.add_argument("--device", default="cpu", help="cpu, or cuda (adds CTranslate2 float16 rows)")
    parser.add_argument(
        "--engines", default=None, help="comma-separated subset (default: all for the device)"
    )
    parser.add_argument(
        "--korean",
        action="store_true",
        help="time the routes instead: de→en, en→ko (tc-big), de→ko via en, de→ko M2M100-418M (routes.py)",
    )
    parser.add_argument(
        "--model-cache", type=Path, help="where --korean keeps its built models (var/bench-models)"
    )
    parser.add_argument(
        "--inter-threads",
        type=int,
        default=0,
        help="--korean: CTranslate2 inter_threads, --threads / it threads each (0: the service's split "
        "of --threads cores, Settings.engine_thread_split)",
    )
    parser.add_argument("--worker", choices=list(ENGINES), help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--model-dir", help=argparse.SUPPRESS)
    parser.add_argument("--ct2-dir", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    if args.worker:
        worker(args)
        return

    if args.korean:
        import bench_models
        import routes
        from rich.console import Console

        args.model_cache = args.model_cache or bench_models.DEFAULT_CACHE
        raise SystemExit(routes.run_routes(args, Console(width=max(Console().width, 150))))
    if not SOURCE_FILE.is_file() or not HELD_OUT_FILE.is_file():
        raise SystemExit(
            f"{SOURCE_FILE} (and {HELD_OUT_FILE.name}) not found: the benchmark reads newstest2019 "
            "from the shared/ folder beside the repository"
        )
    default = ",".join(ENGINES if args.device.startswith("cuda") else CPU_ENGINES)
    engines = [e for e in (args.engines or default).split(",") if e]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        raise SystemExit(f"unknown engines {sorted(unknown)}; choose from {', '.join(ENGINES)}")
    german = read_lines(SOURCE_FILE)
    sentences = german[: args.sentences]
    held_out = german[args.sentences :] + read_lines(HELD_OUT_FILE)

    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 150))
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="interlinear-bench-") as tmp:
        root = Path(tmp)
        paths = {"input": root / "input.de", "model": root / "marian", "ct2": root / "marian-ct2-int8"}
        paths["input"].write_text("\n".join(sentences) + "\n", encoding="utf-8")
        with console.status("building the random-weight model and converting it"):
            started = time.perf_counter()
            build_model(paths["model"], held_out)
            built = time.perf_counter() - started
            if set(engines) & set(CT2_COMPUTE):
                from workers.engines.convert import convert_to_ctranslate2

                convert_to_ctranslate2(str(paths["model"]), paths["ct2"], quantization="int8")
            converted = time.perf_counter() - started - built
            from transformers import AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained(str(paths["model"]))
            input_tokens = [len(tokenizer(s)["input_ids"]) for s in sentences]
        workers: list[Worker] = []
        try:
            for engine in engines:  # loaded one after the other, all kept resident
                with console.status(f"loading {ENGINES[engine]}"):
                    try:
                        workers.append(Worker(engine, paths, args))
                    except SystemExit as failed:  # e.g. a CUDA library this build lacks: say so, go on
                        console.print(f"[yellow]{ENGINES[engine]} could not run:[/] {str(failed)[-600:]}")
            rounds: dict[str, list[dict[str, Any]]] = {engine: [] for engine in engines}
            for number in range(1, args.rounds + 1):  # interleaved, so a busy spell hits one pass
                for w in workers:
                    with console.status(f"round {number}/{args.rounds}: {ENGINES[w.engine]}"):
                        rounds[w.engine].append(w.run())
        finally:
            for w in workers:
                w.close()
    results = []
    for w in workers:
        best = dict(min(rounds[w.engine], key=lambda r: r["seconds"]))
        best.update(
            engine=w.engine,
            load_seconds=w.load_seconds,
            all_seconds=[r["seconds"] for r in rounds[w.engine]],
            peak_rss_mib=max(r["peak_rss_mib"] for r in rounds[w.engine]),
        )
        results.append(best)

    import ctranslate2
    import torch
    import transformers

    baseline = next((r for r in results if r["engine"] == "naive"), None)
    table = Table(title=f"Engines, {len(sentences)} newstest2019 German sentences")
    columns = (
        "engine",
        "sentences",
        "sent/s",
        "tok/s",
        "out tokens",
        "best s",
        "CPU s",
        "rounds s",
        "load s",
        "peak RSS MiB",
        "vs (a)",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "engine" else "right", no_wrap=True)
    for r in results:
        speed = r["sentences"] / r["seconds"]
        ratio = f"{speed / (baseline['sentences'] / baseline['seconds']):.1f}x" if baseline else "-"
        table.add_row(
            ENGINES[r["engine"]],
            str(r["sentences"]),
            f"{speed:.2f}",
            f"{r['output_tokens'] / r['seconds']:.0f}",
            str(r["output_tokens"]),
            f"{r['seconds']:.1f}",
            f"{r['cpu_seconds']:.1f}",
            " / ".join(f"{x:.1f}" for x in r["all_seconds"]),
            f"{r['load_seconds']:.1f}",
            f"{r['peak_rss_mib']:.0f}",
            ratio,
        )
    console.print(table)
    console.print(
        f"date {date.today().isoformat()}; machine: {cpu_model()}, {os.cpu_count()} cores"
        f"{gpu_name(args.device)}; "
        f"torch threads {results[0]['torch_threads'] if results else args.threads}, "
        f"CTranslate2 intra_threads {args.threads}; load average (1 min) before the run {load_before:.2f} "
        "(other work on the machine slows every engine: rounds that disagree show it)\n"
        f"settings: beam {args.beam_size}, batch {args.batch_size} (b, c), {args.new_tokens} new tokens "
        f"per sentence (min = max), input {sum(input_tokens)} tokens "
        f"({sum(input_tokens) / len(sentences):.1f} per sentence, max {max(input_tokens)}); "
        f"warm-up {WARMUP_SENTENCES} sentences not timed; best of {args.rounds} interleaved rounds "
        f"(CPU s is that round's process CPU time); model built in {built:.0f} s, "
        f"converted in {converted:.0f} s\n"
        f"versions: python {platform.python_version()}, torch {torch.__version__}, "
        f"transformers {transformers.__version__}, ctranslate2 {ctranslate2.__version__}"
    )


if __name__ == "__main__":
    main()
