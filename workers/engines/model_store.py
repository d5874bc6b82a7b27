"""The local model store: CTranslate2 conversions of the registry's models, made once and reused.

A pair whose engine is ``ctranslate2`` names a transformers model (a hub id, or a directory saved
with ``save_pretrained``); the worker loads its conversion from the store, keyed by model, hub
revision and weight type (``int8`` on CPU, ``float16`` on CUDA), converting it on first use from
the local Hugging Face cache. A directory that already is a CTranslate2 model is used as it is.
``interlinear models pull`` downloads and converts ahead of time.
"""

from __future__ import annotations

import re
from pathlib import Path

from service.errors import ModelError
from workers.engines.convert import convert_to_ctranslate2
from workers.engines.ctranslate2 import DEFAULT_COMPUTE_TYPE


def is_ctranslate2_dir(model: str) -> bool:
    return (Path(model) / "model.bin").is_file()


def weight_type(device: str) -> str:
    """What the store keeps for a device: int8 on CPU, float16 on CUDA (CTranslate2's defaults)."""
    return DEFAULT_COMPUTE_TYPE.get(device.split(":", 1)[0], "int8")


def store_path(store: Path, model: str, revision: str | None, quantization: str) -> Path:
    """``STORE/<model>/<revision>/<weight type>``; a local directory is named by its path."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "--", model.strip("/")) or "model"
    return Path(store) / slug / (revision or "default") / quantization


def converted(model: str, revision: str | None, device: str, store: Path) -> Path:
    """The CTranslate2 directory for ``model``: itself if it is one, else its conversion in the
    store (made now if missing or stale). Raises :class:`ModelError` saying why it cannot be."""
    if is_ctranslate2_dir(model):
        return Path(model)
    quantization = weight_type(device)
    path = store_path(store, model, revision, quantization)
    try:
        return convert_to_ctranslate2(model, path, quantization, revision=revision)
    except ModelError as exc:
        if "already exists" not in str(exc):
            raise
    return convert_to_ctranslate2(model, path, quantization, revision=revision, force=True)  # stale
