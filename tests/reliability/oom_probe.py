"""Run an engine into a real out-of-memory error; prints one JSON object.

``python -m tests.reliability.oom_probe transformers MODEL_DIR`` or
``python -m tests.reliability.oom_probe ctranslate2 MODEL_DIR CT2_DIR``, in a process of its own
started with :data:`MALLOC_ENV`: it caps its own address space (``RLIMIT_AS``) a little above
what it already uses, so large tensors cannot be allocated. Attention scores are
``batch x heads x tokens²`` (the transformers model runs with eager attention, which
materialises them), so the memory a batch needs grows with its size as it does for a real model.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from workers.engines.ctranslate2 import CTranslate2Engine
from workers.engines.engine import DecodeOptions
from workers.engines.oom import is_out_of_memory
from workers.engines.transformers import TransformersEngine
from workers.tiny.build import corpus_text

BATCH = 64
OPTIONS = DecodeOptions(batch_size=BATCH, beam_size=1, max_output_ratio=0.01)  # ~20 new tokens

# glibc settings that make the cap the only headroom: one malloc arena (another thread's arena
# keeps up to 64 MiB of address space in reserve, which a failed allocation silently falls back
# to), and blocks over 1 MiB always mapped afresh and handed back when freed.
MALLOC_ENV = {
    "MALLOC_ARENA_MAX": "1",
    "MALLOC_MMAP_THRESHOLD_": str(1 << 20),
    "MALLOC_TRIM_THRESHOLD_": str(1 << 20),
    "MKL_DISABLE_FAST_MM": "1",  # MKL (CTranslate2 on CPU) keeps freed buffers for reuse otherwise
}

Engine = TransformersEngine | CTranslate2Engine


def vm_size() -> int:
    """This process's address space in bytes (``VmSize``), what ``RLIMIT_AS`` is checked against."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize in /proc/self/status: this test needs Linux")


@contextmanager
def address_space_headroom(headroom: int) -> Iterator[None]:
    """Allow only ``headroom`` more bytes of address space inside the block."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (vm_size() + headroom, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def long_inputs(engine: Engine, count: int) -> list[str]:
    """``count`` inputs near the model's input limit, each one word shorter than the one before
    (so each has its own token count, and a misaligned output shows)."""
    words = corpus_text().split()
    limit = engine.max_input_tokens - 2
    low, high = 1, limit  # the most words (cycling through the corpus) that fit the limit
    while low < high:
        middle = (low + high + 1) // 2
        text = " ".join(words[i % len(words)] for i in range(middle))
        low, high = (middle, high) if engine.count_tokens(text) <= limit else (low, middle - 1)
    base = [words[i % len(words)] for i in range(low)]
    return [" ".join(base[i:]) for i in range(count)]


def attention_bytes(model_dir: str, batch: int, tokens: int) -> int:
    """Size of one float32 ``batch x heads x tokens x tokens`` attention score tensor."""
    config = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))
    return batch * int(config["encoder_attention_heads"]) * tokens * tokens * 4


def failure(call: Callable[[], Any]) -> dict[str, Any]:
    """Run ``call``; describe the exception it raised (``raised: None`` when it returned)."""
    try:
        call()
    except Exception as exc:
        return {"raised": type(exc).__name__, "message": str(exc), "is_oom": is_out_of_memory(exc)}
    return {"raised": None}


class Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def translate_capped(engine: Engine, inputs: list[str], headroom: int) -> dict[str, Any]:
    """``engine.translate`` on ``inputs`` under the cap: what came back, and how."""
    handler = Warnings()
    logging.getLogger("workers.engines.oom").addHandler(handler)
    engine.oom_splits = 0
    with address_space_headroom(headroom):
        hypotheses = engine.translate(inputs, "de", "en")
    return {
        "count": len(hypotheses),
        "oom_splits": engine.oom_splits,
        "warnings": handler.messages,
        "empty": [i for i, h in enumerate(hypotheses) if not h.text],
        "misaligned": [
            i
            for i, (h, text) in enumerate(zip(hypotheses, inputs, strict=True))
            if h.input_tokens != engine.count_tokens(text) or h.chunks != 1
        ],
        "distinct_lengths": len({engine.count_tokens(text) for text in inputs}),
    }


def probe_transformers(model_dir: str) -> dict[str, Any]:
    engine = TransformersEngine(model_dir, options=OPTIONS)
    engine.model.set_attn_implementation("eager")
    torch = engine._torch
    inputs = long_inputs(engine, BATCH)
    tokens = engine.count_tokens(inputs[0])
    # Warm up without a cap on the first input: thread pools exist, and the oneDNN kernels for its
    # shapes are built (building one under a tight cap fails for good, and not as out of memory).
    engine.translate(inputs[:1], "de", "en")
    result: dict[str, Any] = {"tokens": tokens}

    # One input whose attention scores alone are four times the headroom: no split can help.
    with address_space_headroom(attention_bytes(model_dir, 1, tokens) // 4):
        result["single"] = failure(lambda: engine.translate(inputs[:1], "de", "en"))
    result["single_oom_splits"] = engine.oom_splits

    def generate_whole_batch() -> None:
        batch = engine.tokenizer(inputs, return_tensors="pt", padding=True)
        with torch.inference_mode():
            engine.model.generate(**batch, num_beams=1, max_new_tokens=20)

    headroom = attention_bytes(model_dir, BATCH, tokens) // 4  # a quarter of the full batch's scores
    with address_space_headroom(headroom):
        result["direct"] = failure(generate_whole_batch)
    result["engine"] = translate_capped(engine, inputs, headroom)
    return result


def probe_ctranslate2(model_dir: str, ct2_dir: str) -> dict[str, Any]:
    from workers.engines.convert import convert_to_ctranslate2

    # float32 weights and compute: the same tensor sizes as the transformers model
    convert_to_ctranslate2(model_dir, Path(ct2_dir), quantization=None)
    engine = CTranslate2Engine(ct2_dir, compute_type="float32", options=OPTIONS, threads=1)
    inputs = long_inputs(engine, BATCH)
    tokens = engine.count_tokens(inputs[0])
    engine.translate(inputs[:1], "de", "en")  # warm-up without a cap
    result: dict[str, Any] = {"tokens": tokens}

    # The least headroom (from room for two inputs' attention scores, doubling) in which one input
    # decodes: CTranslate2's other buffers vary with the machine, so this is measured, not assumed.
    headroom = attention_bytes(model_dir, 2, tokens)
    while headroom < attention_bytes(model_dir, BATCH, tokens) // 4:
        with address_space_headroom(headroom):
            if failure(lambda: engine.translate(inputs[:1], "de", "en"))["raised"] is None:
                break
        headroom *= 2
    headroom *= 2  # margin: what a split leaves behind must not decide the outcome
    result["headroom_inputs"] = headroom / attention_bytes(model_dir, 1, tokens)
    pieces = [engine.tokenizer.convert_ids_to_tokens(engine.tokenizer(t)["input_ids"]) for t in inputs]
    with address_space_headroom(headroom):
        result["direct"] = failure(
            lambda: engine.translator.translate_batch(
                pieces, beam_size=1, max_decoding_length=20, max_input_length=0
            )
        )
    result["engine"] = translate_capped(engine, inputs, headroom)
    return result


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    kind, *paths = sys.argv[1:]
    outcome = probe_transformers(*paths) if kind == "transformers" else probe_ctranslate2(*paths)
    sys.stdout.write(json.dumps(outcome) + "\n")
