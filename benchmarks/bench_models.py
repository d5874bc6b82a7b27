"""Random-weight models of the registry's real shapes, built once and cached, for the benchmarks.

Random weights say nothing about quality; they make the work per token the real model's (layer
sizes, vocabulary, so the output projection, the largest matrix multiply of a decoding step).
Each model is built in float32 with transformers, saved like a hub checkout, and converted to
CTranslate2 int8 with the service's own converter; both are kept under ``--model-cache``
(default ``var/bench-models`` in the repository, which git ignores) and reused by every script
and run, since the large shapes take minutes and gigabytes to build:

- ``opus-mt-de-en``: MarianMT, d_model 512, 6+6 layers, 8 heads, FFN 2048, swish, vocabulary
  58,101 (the de→en route and the first hop of de→en→ko);
- ``tc-big-en-ko``: OPUS-MT tc-big (transformer-big Marian), d_model 1024, 6+6 layers, 16 heads,
  FFN 4096, relu, 1,024 positions: the en→ko route of ``service/models.toml``. Vocabulary 32,001:
  an estimate (the published float16 checkpoint is 418 MB, 209 M parameters, of which the 6+6
  transformer-big layers are 176 M, leaving ~32 k shared embedding rows);
- ``m2m100-418M``: M2M100 418M (d_model 1024, 12+12 layers, 16 heads, FFN 4096, relu, vocabulary
  128,112 with the language tokens; 484 M parameters): the direct de→ko candidate.

The tokenizer is a sentencepiece unigram model (8,000 pieces) trained on text the benchmarks do
not translate (:func:`tokenizer_text`), padded with unused entries to the real vocabulary size.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if sys.path[0] != str(REPO_ROOT):  # before benchmarks/, whose service.py would shadow the package
    sys.path.insert(0, str(REPO_ROOT))
DEFAULT_CACHE = REPO_ROOT / "var" / "bench-models"
CACHE_FORMAT = "v2"  # bump when a builder changes, so stale builds are not reused
SPM_PIECES = 8_000
FLORES_DE = REPO_ROOT.parent / "shared" / "eval" / "flores200-devtest" / "deu_Latn.devtest"


@dataclass(frozen=True)
class ModelShape:
    name: str
    kind: str  # "marian" | "m2m100"
    vocab: int
    config: dict[str, Any]
    source: str  # the language pair this model stands for in the tables
    target: str
    label: str
    extra: dict[str, Any] = field(default_factory=dict)


MARIAN_BASE = {
    "d_model": 512, "encoder_layers": 6, "decoder_layers": 6, "encoder_attention_heads": 8,
    "decoder_attention_heads": 8, "encoder_ffn_dim": 2048, "decoder_ffn_dim": 2048,
    "max_position_embeddings": 512, "activation_function": "swish", "scale_embedding": True,
    "share_encoder_decoder_embeddings": True,
}  # fmt: skip
BIG = {
    "d_model": 1024, "encoder_layers": 6, "decoder_layers": 6, "encoder_attention_heads": 16,
    "decoder_attention_heads": 16, "encoder_ffn_dim": 4096, "decoder_ffn_dim": 4096,
    "max_position_embeddings": 1024, "activation_function": "relu", "scale_embedding": True,
    "share_encoder_decoder_embeddings": True,
}  # fmt: skip
M2M100_418M = {
    "d_model": 1024, "encoder_layers": 12, "decoder_layers": 12, "encoder_attention_heads": 16,
    "decoder_attention_heads": 16, "encoder_ffn_dim": 4096, "decoder_ffn_dim": 4096,
    "max_position_embeddings": 1024, "activation_function": "relu", "scale_embedding": True,
}  # fmt: skip

SHAPES = {
    "opus-mt-de-en": ModelShape(
        "opus-mt-de-en", "marian", 58_101, MARIAN_BASE, "de", "en", "opus-mt-de-en shape (Marian base, 74 M)"
    ),
    "tc-big-en-ko": ModelShape(
        "tc-big-en-ko",
        "marian",
        32_001,
        BIG,
        "en",
        "ko",
        "opus-mt-tc-big-en-ko shape (transformer-big, 209 M)",
    ),
    "m2m100-418M": ModelShape(
        "m2m100-418M", "m2m100", 128_000, M2M100_418M, "de", "ko", "M2M100-418M shape (484 M)"
    ),
}


def tokenizer_text() -> str:
    """Text the tokenizers are trained on: the English side of newstest2019 and FLORES-200's German
    devtest, so that German input splits into about as many pieces as with the real models, while
    the benchmarks' inputs (newstest2019's German side, FLORES-200's English side) stay unseen
    (``mixed.py`` hands out FLORES German lines only after every newstest2019 one)."""
    import engines  # benchmarks/engines.py (this folder is on sys.path)

    lines = engines.read_lines(engines.HELD_OUT_FILE)
    if FLORES_DE.is_file():
        lines += engines.read_lines(FLORES_DE)
    return "\n".join(lines) + "\n"


def _pieces(work: Path, first: dict[str, int], size: int, last: list[str]) -> tuple[Path, Path]:
    import sentencepiece as spm

    from workers.tiny.build import train_sentencepiece

    model = train_sentencepiece(work, vocab_size=SPM_PIECES, text=tokenizer_text())
    processor = spm.SentencePieceProcessor(model_file=str(model))
    vocab = dict(first)
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    while len(vocab) < size - len(last):  # unused entries up to the real size
        vocab[f"<unused_{len(vocab)}>"] = len(vocab)
    for token in last:
        vocab[token] = len(vocab)
    path = work / "vocab.json"
    path.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return model, path


def _build(shape: ModelShape, out_dir: Path) -> None:
    import torch

    work = out_dir / "_spm"
    torch.manual_seed(0)
    if shape.kind == "marian":
        from transformers import MarianConfig, MarianMTModel, MarianTokenizer

        spm_model, vocab_path = _pieces(work, {}, shape.vocab, ["<pad>"])  # <pad> last, as opus-mt
        tokenizer: Any = MarianTokenizer(
            source_spm=str(spm_model), target_spm=str(spm_model), vocab=str(vocab_path),
            model_max_length=shape.config["max_position_embeddings"],
        )  # fmt: skip
        vocab = tokenizer.get_vocab()
        config: Any = MarianConfig(
            vocab_size=len(vocab), pad_token_id=vocab["<pad>"], eos_token_id=vocab["</s>"],
            decoder_start_token_id=vocab["<pad>"], forced_eos_token_id=vocab["</s>"], **shape.config,
        )  # fmt: skip
        model: Any = MarianMTModel(config)
        model.generation_config.bad_words_ids = [[vocab["<pad>"]]]
    else:
        from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

        first = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
        spm_model, vocab_path = _pieces(work, first, shape.vocab, [])
        tokenizer = M2M100Tokenizer(
            vocab_file=str(vocab_path), spm_file=str(spm_model), src_lang=shape.source,
            tgt_lang=shape.target, model_max_length=shape.config["max_position_embeddings"],
        )  # fmt: skip
        config = M2M100Config(
            vocab_size=max(tokenizer.lang_token_to_id.values()) + tokenizer.num_madeup_words + 1,
            pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
            **shape.config,
        )  # fmt: skip
        model = M2M100ForConditionalGeneration(config)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    del model
    shutil.rmtree(work)


def model_dirs(name: str, cache: Path | None = None, say: Any = print) -> tuple[Path, Path]:
    """``(hugging face dir, CTranslate2 int8 dir)`` of shape ``name``, built and converted on first use."""
    shape = SHAPES[name]
    root = Path(cache or DEFAULT_CACHE).resolve() / f"{name}-{CACHE_FORMAT}"
    hf_dir, ct2_dir = root / "hf", root / "ct2-int8"
    if (root / "complete").is_file():
        return hf_dir, ct2_dir
    from workers.engines.convert import convert_to_ctranslate2

    shutil.rmtree(root, ignore_errors=True)  # an earlier build that did not finish
    root.mkdir(parents=True)
    started = time.perf_counter()
    say(f"building the random-weight {shape.label} into {root} (once; cached)")
    _build(shape, hf_dir)
    built = time.perf_counter() - started
    convert_to_ctranslate2(str(hf_dir), ct2_dir, quantization="int8")
    converted = time.perf_counter() - started - built
    record = {"shape": name, "build_seconds": round(built, 1), "convert_seconds": round(converted, 1)}
    (root / "complete").write_text(json.dumps(record), encoding="utf-8")
    say(f"  built in {built:.0f} s, converted in {converted:.0f} s")
    return hf_dir, ct2_dir


def parameters(hf_dir: Path) -> int | None:
    """Parameter count from the saved safetensors header (no weights loaded)."""
    path = hf_dir / "model.safetensors"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        size = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(size))
    total = 0
    for key, value in header.items():
        if key != "__metadata__":
            count = 1
            for dim in value["shape"]:
                count *= dim
            total += count
    return total
