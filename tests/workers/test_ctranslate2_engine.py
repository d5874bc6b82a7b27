"""The CTranslate2 engine on the tiny random-weight model, converted: plumbing only, never quality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.errors import ModelError
from workers.engines.convert import CONVERSION_RECORD, convert_to_ctranslate2
from workers.engines.ctranslate2 import CTranslate2Engine
from workers.engines.engine import DecodeOptions
from workers.engines.hf import local_revision
from workers.tiny.build import TINY_MAX_POSITIONS


@pytest.fixture(scope="module")
def converted_dir(tiny_marian_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert_to_ctranslate2(str(tiny_marian_dir), tmp_path_factory.mktemp("ct2") / "tiny-int8")


@pytest.fixture(scope="module")
def engine(converted_dir: Path) -> CTranslate2Engine:
    return CTranslate2Engine(converted_dir, options=DecodeOptions(batch_size=2, beam_size=2), threads=1)


def test_conversion_records_source_quantization_and_tokenizer(
    converted_dir: Path, tiny_marian_dir: Path
) -> None:
    assert (converted_dir / "model.bin").is_file()
    assert (converted_dir / "tokenizer_config.json").is_file()
    record = json.loads((converted_dir / CONVERSION_RECORD).read_text(encoding="utf-8"))
    assert record["source"] == str(tiny_marian_dir)
    assert record["source_revision"] == local_revision(tiny_marian_dir)
    assert record["quantization"] == "int8"
    assert record["ctranslate2_version"]
    assert record["max_input_tokens"] == TINY_MAX_POSITIONS
    assert not converted_dir.with_name(converted_dir.name + ".converting").exists()


def test_info_names_engine_source_revision_and_quantization(
    engine: CTranslate2Engine, converted_dir: Path, tiny_marian_dir: Path
) -> None:
    assert engine.info.engine == "ctranslate2"
    assert engine.info.model_id == converted_dir.name
    assert engine.info.revision == f"{local_revision(tiny_marian_dir)}+ct2-int8"
    assert engine.compute_type == "int8"
    assert engine.max_input_tokens == TINY_MAX_POSITIONS


def test_another_compute_type_is_part_of_the_revision(converted_dir: Path) -> None:
    engine = CTranslate2Engine(converted_dir, compute_type="float32", threads=1)
    assert engine.info.revision.endswith("+ct2-int8@float32")


def test_one_hypothesis_per_sentence_in_order(engine: CTranslate2Engine) -> None:
    sentences = [
        "Die Regierung hat am Montag neue Maßnahmen angekündigt.",
        "Wer weiß?",
        "Das ist viel.",
        "Die Regierung hat am Montag neue Maßnahmen angekündigt, sagte der Sprecher in Berlin.",
        "",
    ]
    hypotheses = engine.translate(sentences, "de", "en")
    assert len(hypotheses) == len(sentences)
    # Input token counts are per sentence, so they prove the results are not reordered.
    assert [h.input_tokens for h in hypotheses] == [engine.count_tokens(s) for s in sentences]
    assert all(h.chunks == 1 for h in hypotheses)
    assert all(isinstance(h.text, str) for h in hypotheses)
    # Decoding is capped within the model limit; an empty input may decode to nothing at all.
    assert all(h.output_tokens < engine.max_input_tokens for h in hypotheses)
    assert all(h.output_tokens >= 1 for h in hypotheses[:-1])


def test_long_input_is_split_never_truncated(engine: CTranslate2Engine) -> None:
    long_sentence = ", ".join(["Die Regierung hat am Montag neue Maßnahmen angekündigt"] * 12) + "."
    assert engine.count_tokens(long_sentence) > engine.max_input_tokens
    chunks = engine.split_to_fit(long_sentence)
    assert len(chunks) > 1
    assert all(engine.count_tokens(chunk) <= engine.max_input_tokens for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(long_sentence.split())
    short, hypothesis = engine.translate(["Wer weiß?", long_sentence], "de", "en")
    assert short.chunks == 1
    assert hypothesis.chunks == len(chunks) > 1
    assert hypothesis.input_tokens == sum(engine.count_tokens(chunk) for chunk in chunks)


def test_converting_a_missing_directory_fails_with_advice(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="local model directory"):
        convert_to_ctranslate2(str(tmp_path / "no-such-model"), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_existing_output_is_reused_or_needs_force(converted_dir: Path, tiny_marian_dir: Path) -> None:
    before = (converted_dir / "model.bin").stat().st_mtime_ns
    assert convert_to_ctranslate2(str(tiny_marian_dir), converted_dir) == converted_dir
    assert (converted_dir / "model.bin").stat().st_mtime_ns == before
    with pytest.raises(ModelError, match="force"):
        convert_to_ctranslate2(str(tiny_marian_dir), converted_dir, quantization="float32")


def test_loading_a_directory_that_is_not_converted_fails_with_advice(tiny_marian_dir: Path) -> None:
    with pytest.raises(ModelError, match=r"workers\.engines\.convert"):
        CTranslate2Engine(tiny_marian_dir)


def test_a_missing_cuda_library_says_what_to_install() -> None:
    """The advice a GPU worker gives when CTranslate2's build cannot open its CUDA library (seen on
    the lent H100 with CUDA 13 only: the engine fails at load with it; the check itself needs a GPU)."""
    from workers.engines.ctranslate2 import MISSING_LIBRARY, cuda_library_advice

    seen = RuntimeError(f"Library libcublas.so.12 is not found or {MISSING_LIBRARY}")
    advice = cuda_library_advice(seen, "cuda")
    assert "libcublas.so.12" in advice and "nvidia-cublas-cu12" in advice and "LD_LIBRARY_PATH" in advice
    assert advice.endswith("or set INTERLINEAR_DEVICE=cpu")
    no_gpu = RuntimeError("CUDA failed with error no CUDA-capable device is detected")
    other = cuda_library_advice(no_gpu, "cuda")
    assert "nvidia-smi" in other and "nvidia-cublas" not in other


def test_parallel_replicas_give_the_same_hypotheses_in_the_same_order(
    engine: CTranslate2Engine, converted_dir: Path
) -> None:
    """With ``inter_threads`` 2, a call's length groups decode at once on two replicas (issue 26):
    every sentence still gets its own hypothesis, the same as one batch at a time."""
    parallel = CTranslate2Engine(
        converted_dir, options=DecodeOptions(batch_size=2, beam_size=2), threads=1, inter_threads=2
    )
    sentences = [
        "Die Regierung hat am Montag neue Maßnahmen angekündigt, sagte der Sprecher in Berlin am Abend.",
        "Wer weiß?",
        "Das ist viel.",
        "Die Pegel der Elbe steigen seit Sonntag.",
        "Mehrere Orte wurden evakuiert, und die Feuerwehr ist mit allen Kräften im Einsatz, hieß es.",
        "Ja.",
        # a group of more than REPLICA_BATCH (8) sentences of about one length: cut into batches
        *(f"Im Landkreis Nummer {n} wurden heute neue Schulen eröffnet." for n in range(1, 11)),
    ]
    assert parallel.translator.num_translators == 2
    assert parallel.translate(sentences, "de", "en") == engine.translate(sentences, "de", "en")
