"""Is the Hugging Face hub reachable? Asked once, quickly, before a hub id is loaded.

Without this, ``from_pretrained`` on a machine with no network spends about 45 s in retries
before its error. A model already in the local cache loads from it (``local_files_only``); one
that is not fails at once with what to do.
"""

from __future__ import annotations

import os
import socket
import threading
from urllib.parse import urlparse

PROBE_TIMEOUT_S = 2.0


def hub_offline() -> bool:
    """``HF_HUB_OFFLINE`` is set, or the hub's host cannot be reached within ``PROBE_TIMEOUT_S``."""
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return True
    endpoint = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    host = endpoint.hostname or "huggingface.co"
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    reached = threading.Event()

    def connect() -> None:  # in a thread: name resolution itself has no timeout
        try:
            with socket.create_connection((host, port), timeout=PROBE_TIMEOUT_S):
                reached.set()
        except OSError:
            pass

    threading.Thread(target=connect, name="hub-probe", daemon=True).start()
    return not reached.wait(PROBE_TIMEOUT_S)


def require_cached_when_offline(model_id: str, revision: str | None) -> bool:
    """Whether a hub id must load from the local cache (the hub is offline); raises
    :class:`~service.errors.ModelError` at once, before any model library is imported, where it
    is not cached there."""
    from pathlib import Path

    from service.errors import ModelError

    if Path(model_id).is_dir() or not hub_offline():
        return False
    from huggingface_hub import try_to_load_from_cache

    cached = try_to_load_from_cache(model_id, "config.json", revision=revision)
    if not isinstance(cached, str):
        raise ModelError(f"cannot load model {model_id!r}: {offline_advice(model_id)}")
    return True


def offline_advice(model_id: str) -> str:
    return (
        f"{model_id!r} is not in the local Hugging Face cache and the hub cannot be reached from "
        "here. Run `interlinear models pull` on a machine with network access and copy the cache "
        "(HF_HOME), or point the registry (INTERLINEAR_MODEL_<SRC>_<TGT>, INTERLINEAR_MODEL_DIR) at "
        "a local model directory"
    )
