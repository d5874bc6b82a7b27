"""Out of memory on an oversized batch: the batch is split and retried smaller, never lost.

The engine tests cause a real out-of-memory error: a child process caps its own address space
(``RLIMIT_AS``) just above what it uses, then decodes 64 long inputs (see
:mod:`tests.reliability.oom_probe`). Nothing in torch, CTranslate2 or the model is replaced.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from service.errors import ModelError
from tests.conftest import REPO_ROOT
from tests.reliability.oom_probe import BATCH, MALLOC_ENV
from workers.engines.oom import decode_splitting_on_oom, is_out_of_memory

linux_only = pytest.mark.skipif(
    sys.platform != "linux", reason="caps the address space with RLIMIT_AS and reads /proc: Linux only"
)
MAX_POSITIONS = 1024  # long inputs: a batch's attention scores are hundreds of MiB


def run_probe(*args: str) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "tests.reliability.oom_probe", *args],
        cwd=REPO_ROOT,
        env={**os.environ, **MALLOC_ENV, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if completed.returncode != 0:
        pytest.fail(
            f"the OOM probe {args[0]} failed (rc {completed.returncode}):\n{completed.stderr[-4000:]}"
        )
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def long_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workers.tiny.build import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian-long"), max_positions=MAX_POSITIONS)


@pytest.fixture(scope="module")
def transformers_probe(long_model_dir: Path) -> dict[str, Any]:
    return run_probe("transformers", str(long_model_dir))


@pytest.fixture(scope="module")
def ctranslate2_probe(long_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_probe("ctranslate2", str(long_model_dir), str(tmp_path_factory.mktemp("ct2") / "long-f32"))


def assert_split_and_aligned(engine: dict[str, Any]) -> None:
    assert engine["distinct_lengths"] == BATCH  # every input has its own token count
    assert engine["count"] == BATCH
    assert engine["oom_splits"] > 0
    assert engine["misaligned"] == []  # each output's input token count is its own input's
    assert engine["empty"] == []
    assert len(engine["warnings"]) == engine["oom_splits"]
    assert all("out of memory" in w and "retrying as two halves" in w for w in engine["warnings"])


@linux_only
def test_whole_batch_really_runs_out_of_memory_under_the_cap(transformers_probe: dict[str, Any]) -> None:
    direct = transformers_probe["direct"]
    assert direct["raised"] == "RuntimeError", direct
    assert "can't allocate memory" in direct["message"]
    assert direct["is_oom"]


@linux_only
def test_transformers_engine_splits_the_batch_and_keeps_every_output_in_order(
    transformers_probe: dict[str, Any],
) -> None:
    engine = transformers_probe["engine"]
    assert_split_and_aligned(engine)
    assert f"a batch of {BATCH};" in engine["warnings"][0]


@linux_only
def test_one_input_that_does_not_fit_fails_with_advice(transformers_probe: dict[str, Any]) -> None:
    single = transformers_probe["single"]
    assert single["raised"] == "ModelError", single
    assert "out of memory" in single["message"] and "a single input" in single["message"]
    assert "INTERLINEAR_BATCH_SIZE" in single["message"] and "shorten the input" in single["message"]
    assert transformers_probe["single_oom_splits"] == 0  # nothing to split


@linux_only
def test_ctranslate2_engine_splits_a_group_that_runs_out_of_memory(ctranslate2_probe: dict[str, Any]) -> None:
    direct = ctranslate2_probe["direct"]
    assert direct["raised"] == "RuntimeError" and direct["is_oom"], direct
    assert_split_and_aligned(ctranslate2_probe["engine"])


def test_halves_are_decoded_in_order_and_every_split_is_counted() -> None:
    calls: list[list[int]] = []

    def decode(batch: list[int]) -> list[int]:
        calls.append(batch)
        if len(batch) > 2:
            raise MemoryError
        return [x * 10 for x in batch]

    outputs, splits = decode_splitting_on_oom(decode, list(range(7)))
    assert outputs == [x * 10 for x in range(7)]
    assert splits == 3  # 7 -> 3 + 4; 3 -> 1 + 2; 4 -> 2 + 2
    assert [len(batch) for batch in calls] == [7, 3, 1, 2, 4, 2, 2]


def test_other_errors_are_raised_at_once() -> None:
    calls = 0

    def decode(batch: list[int]) -> list[int]:
        nonlocal calls
        calls += 1
        raise RuntimeError("Expected all tensors to be on the same device")

    with pytest.raises(RuntimeError, match="same device"):
        decode_splitting_on_oom(decode, [1, 2, 3, 4])
    assert calls == 1


def test_a_single_input_out_of_memory_is_a_model_error() -> None:
    def decode(batch: list[int]) -> list[int]:
        raise MemoryError

    with pytest.raises(ModelError, match="INTERLINEAR_BEAM_SIZE"):
        decode_splitting_on_oom(decode, [1])


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (MemoryError(), True),
        (RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB"), True),  # PyTorch
        (RuntimeError("DefaultCPUAllocator: can't allocate memory: you tried to allocate 8 bytes"), True),
        (RuntimeError("CUDA failed with error out of memory"), True),  # CTranslate2 on CUDA
        (RuntimeError("mkl_malloc: failed to allocate memory"), True),  # CTranslate2 on CPU
        (RuntimeError("CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling `cublasCreate(handle)`"), True),
        (RuntimeError("could not create a primitive"), False),
        (ValueError("out of memory"), False),  # only runtime errors carry allocator messages
    ],
)
def test_out_of_memory_is_recognised(error: BaseException, expected: bool) -> None:
    assert is_out_of_memory(error) is expected


def test_torch_out_of_memory_is_recognised_by_type() -> None:
    import torch

    assert is_out_of_memory(torch.OutOfMemoryError("allocator gave up"))
