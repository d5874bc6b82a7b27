"""Loading a Hugging Face seq2seq model: one place for the translation engine and the summariser."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.errors import ModelError
from workers.engines.hub import offline_advice, require_cached_when_offline


def local_revision(path: Path) -> str:
    """A stable revision for a local model directory: a hash of its config and weight files."""
    digest = hashlib.sha256()
    for file in sorted(path.iterdir()):
        if file.is_file() and (file.suffix in {".json", ".safetensors", ".bin", ".spm", ".model"}):
            digest.update(file.name.encode())
            with file.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
    return "local-" + digest.hexdigest()[:12]


def resolved_revision(model_id: str, config: Any, revision: str | None) -> str:
    """The hub commit a model was loaded from, or ``local-<hash>`` for a local directory."""
    local = Path(model_id)
    resolved = local_revision(local) if local.is_dir() else getattr(config, "_commit_hash", None)
    return resolved or revision or "unknown"


def input_limit(tokenizer: Any, config: Any) -> int | None:
    """The longest input the model takes: the smaller of the tokenizer's and the positions' limit."""
    limits = [tokenizer.model_max_length, getattr(config, "max_position_embeddings", None)]
    usable = [int(x) for x in limits if isinstance(x, int) and 0 < x < 100_000]
    return min(usable) if usable else None


def token_count(tokenizer: Any, text: str) -> int:
    """How many tokens ``text`` is to the model, special tokens included: what every engine and
    summariser compares with its input limit. Counting a text longer than that limit (which is why
    it is counted: to split it) is no error, so the tokenizer is asked not to warn "Token indices
    sequence length is longer than the specified maximum sequence length" (``verbose=False``); the
    text is never truncated."""
    return len(tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"])


@dataclass
class Seq2Seq:
    tokenizer: Any
    model: Any
    revision: str  # hub commit hash, or local-<hash> for a directory
    max_input_tokens: int


def local_source_problem(source: str) -> str | None:
    """Why ``source``, named as a local path, is not a model directory; None where it may be one
    (or is a hub id). Checked before ``from_pretrained``, whose own reasons mislead here."""
    local = Path(source)
    if local.is_dir():
        if (local / "config.json").is_file():
            return None
        return (
            "the directory has no config.json, so it is not a model saved with save_pretrained "
            "(nor a hub checkout); point at the folder that holds config.json"
        )
    if local.exists() or source.startswith((".", "/", "~")):
        return (
            "it is not a model directory; pass an existing local model directory (a Hugging Face "
            "checkout) or a hub id (download it first with network access: `interlinear models pull`)"
        )
    return None


def load_seq2seq(model_id: str, revision: str | None, device: str) -> Seq2Seq:
    """``from_pretrained`` on a hub id or a local directory (``HF_HUB_OFFLINE`` honoured)."""
    problem = local_source_problem(model_id)
    if problem is not None:
        raise ModelError(f"cannot load model {model_id!r}: {problem}")
    offline = require_cached_when_offline(model_id, revision)
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(model_id, revision=revision, local_files_only=offline)
        model = AutoModelForSeq2SeqLM.from_pretrained(model_id, revision=revision, local_files_only=offline)
    except (OSError, ValueError) as exc:
        if offline:
            raise ModelError(f"cannot load model {model_id!r}: {offline_advice(model_id)}") from exc
        raise ModelError(
            f"cannot load model {model_id!r}: {exc}. Download it first with network access "
            "(`interlinear models pull`), or pass a local directory with --model-dir"
        ) from exc
    model.eval().to(device)
    limit = input_limit(tokenizer, model.config) or 512
    return Seq2Seq(tokenizer, model, resolved_revision(model_id, model.config, revision), limit)
