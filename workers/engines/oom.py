"""An out-of-memory batch is split in half and retried, down to one input: shared by every engine."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from service.errors import ModelError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Lower-cased fragments of allocation-failure messages: PyTorch on CUDA/MPS ("CUDA out of memory"),
# PyTorch on CPU ("DefaultCPUAllocator: can't allocate memory"), CTranslate2 on CUDA ("CUDA failed
# with error out of memory"), CTranslate2 on CPU ("mkl_malloc: failed to allocate memory", or
# "aligned_alloc: ..." without MKL), cuBLAS ("CUBLAS_STATUS_ALLOC_FAILED").
OOM_MARKERS = ("out of memory", "can't allocate memory", "failed to allocate memory", "alloc_failed")

ADVICE = (
    "lower INTERLINEAR_BEAM_SIZE or INTERLINEAR_BATCH_SIZE, free memory or use a device with more "
    "(INTERLINEAR_DEVICE), or shorten the input"
)


def is_out_of_memory(exc: BaseException) -> bool:
    """True for an allocation failure from Python, PyTorch or CTranslate2 (which raise
    ``RuntimeError``, or ``MemoryError`` for ``std::bad_alloc``)."""
    if isinstance(exc, MemoryError):
        return True
    torch = sys.modules.get("torch")  # a torch error needs torch loaded: never import it here
    oom_type = getattr(torch, "OutOfMemoryError", None) if torch is not None else None
    if isinstance(oom_type, type) and isinstance(exc, oom_type):
        return True
    return isinstance(exc, RuntimeError) and any(m in str(exc).lower() for m in OOM_MARKERS)


def release_cached_memory() -> None:
    """Hand PyTorch's cached CUDA blocks back so the retry can use them (no-op without CUDA)."""
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        torch.cuda.empty_cache()


def decode_splitting_on_oom(
    decode: Callable[[list[T]], list[R]], items: Sequence[T], where: str = "decoding"
) -> tuple[list[R], int]:
    """Run ``decode(items)``; on out of memory, decode each half on its own, recursively.

    Returns the outputs, aligned with ``items``, and how many times a batch was split. An
    out-of-memory error on a single input raises :class:`ModelError` saying what to do.
    """
    batch = list(items)
    if not batch:
        return [], 0
    try:
        return decode(batch), 0
    except Exception as exc:  # narrowed right below: anything else is re-raised
        if not is_out_of_memory(exc):
            raise
        release_cached_memory()
        if len(batch) == 1:
            raise ModelError(f"out of memory {where} a single input ({exc}); {ADVICE}") from exc
        log.warning("out of memory %s a batch of %d; retrying as two halves: %s", where, len(batch), exc)
    # Retried outside the ``except`` block: the failed call's frames (and tensors) are freed first.
    middle = len(batch) // 2
    first, first_splits = decode_splitting_on_oom(decode, batch[:middle], where)
    second, second_splits = decode_splitting_on_oom(decode, batch[middle:], where)
    return first + second, 1 + first_splits + second_splits
