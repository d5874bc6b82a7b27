"""Build tiny Hugging Face translation models from a small config and random weights."""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

TINY_MAX_POSITIONS = 64  # deliberately small so long sentences exercise input splitting


def corpus_text() -> str:
    return resources.files("workers.tiny").joinpath("corpus.txt").read_text(encoding="utf-8")


def train_sentencepiece(out_dir: Path, vocab_size: int = 400, text: str | None = None) -> Path:
    """Train a unigram sentencepiece model on ``text`` (default: the bundled DE/EN/KO corpus);
    returns the .model path."""
    import sentencepiece as spm

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(corpus_text() if text is None else text)
        corpus_path = handle.name
    prefix = out_dir / "spm"
    spm.SentencePieceTrainer.train(
        input=corpus_path,
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        unk_id=1,
        eos_id=0,
        bos_id=-1,
        pad_id=-1,
        unk_piece="<unk>",
        eos_piece="</s>",
        minloglevel=2,
    )
    Path(corpus_path).unlink()
    return prefix.with_suffix(".model")


# The same small shape for every architecture: fast on a CPU, big enough to run real code paths.
TINY_SHAPE: dict[str, Any] = {
    "d_model": 32,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "max_position_embeddings": TINY_MAX_POSITIONS,
}


def _vocabulary(work: Path, first: dict[str, int], last: list[str]) -> tuple[Path, Path]:
    """Train the sentencepiece model and write vocab.json: ``first`` tokens, the pieces, ``last``."""
    import sentencepiece as spm

    spm_path = train_sentencepiece(work)
    processor = spm.SentencePieceProcessor(model_file=str(spm_path))
    vocab = dict(first)
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    for token in last:
        vocab.setdefault(token, len(vocab))
    vocab_path = work / "vocab.json"
    vocab_path.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return spm_path, vocab_path


def _save(model: Any, tokenizer: Any, out_dir: Path, work: Path) -> Path:
    model.generation_config.num_beams = 1
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    return out_dir


def build_tiny_marian(out_dir: Path, seed: int = 0, max_positions: int = TINY_MAX_POSITIONS) -> Path:
    """A MarianMT model (the opus-mt architecture) with random weights, saved like a hub checkout."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out_dir = Path(out_dir)
    work = out_dir / "_spm"
    spm_path, vocab_path = _vocabulary(work, {}, ["<pad>"])
    tokenizer = MarianTokenizer(
        source_spm=str(spm_path),
        target_spm=str(spm_path),
        vocab=str(vocab_path),
        model_max_length=max_positions,
    )
    vocab = tokenizer.get_vocab()
    config = MarianConfig(
        vocab_size=len(vocab),
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=vocab["</s>"],
        share_encoder_decoder_embeddings=True,
        **(TINY_SHAPE | {"max_position_embeddings": max_positions}),
    )
    torch.manual_seed(seed)
    return _save(MarianMTModel(config), tokenizer, out_dir, work)


def build_tiny_m2m100(out_dir: Path, seed: int = 0) -> Path:
    """A multilingual M2M100 model (the facebook/m2m100 architecture) with random weights.

    Its tokenizer knows every M2M100 language code (``__de__``, ``__ko__``, ...), so it runs the
    multilingual route: source language set on the tokenizer, target forced as the first token.
    """
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    out_dir = Path(out_dir)
    work = out_dir / "_spm"
    spm_path, vocab_path = _vocabulary(work, {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}, [])
    tokenizer = M2M100Tokenizer(
        vocab_file=str(vocab_path), spm_file=str(spm_path), src_lang="de", tgt_lang="en",
        model_max_length=TINY_MAX_POSITIONS,
    )  # fmt: skip
    config = M2M100Config(
        # pieces, then one token per language code, then the tokenizer's "madeup" words
        vocab_size=max(tokenizer.lang_token_to_id.values()) + tokenizer.num_madeup_words + 1,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        **TINY_SHAPE,
    )
    torch.manual_seed(seed)
    return _save(M2M100ForConditionalGeneration(config), tokenizer, out_dir, work)


def build_tiny_prophetnet(out_dir: Path, seed: int = 0) -> Path:
    """A ProphetNet model with random weights: a seq2seq architecture CTranslate2 has no converter
    for, so that the fallback from CTranslate2 to transformers is tested on a real model."""
    import torch
    from transformers import ProphetNetConfig, ProphetNetForConditionalGeneration, ProphetNetTokenizer

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[X_SEP]"]
    words = sorted({w for w in corpus_text().lower().split() if w.isalpha()})[:300]
    letters = sorted({ch for ch in corpus_text().lower() if ch.isalpha()})
    vocab = out_dir / "vocab.txt"
    vocab.write_text("\n".join(dict.fromkeys([*specials, *letters, *words])) + "\n", encoding="utf-8")
    tokenizer = ProphetNetTokenizer(str(vocab), model_max_length=TINY_MAX_POSITIONS, cls_token="[CLS]")
    config = ProphetNetConfig(
        vocab_size=len(tokenizer), hidden_size=32, encoder_ffn_dim=64, decoder_ffn_dim=64,
        num_encoder_layers=1, num_decoder_layers=1, num_encoder_attention_heads=2,
        num_decoder_attention_heads=2, max_position_embeddings=TINY_MAX_POSITIONS, ngram=1,
        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.cls_token_id,
        eos_token_id=tokenizer.sep_token_id, decoder_start_token_id=tokenizer.cls_token_id,
    )  # fmt: skip
    torch.manual_seed(seed)
    model = ProphetNetForConditionalGeneration(config)
    generation = model.generation_config
    generation.num_beams = 1
    generation.decoder_start_token_id = generation.bos_token_id = tokenizer.cls_token_id
    generation.eos_token_id, generation.pad_token_id = tokenizer.sep_token_id, tokenizer.pad_token_id
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir
