"""Engine confidence on the tiny random-weight model through both engines (plumbing, not quality):
every hypothesis carries the mean log-probability per output token its engine gave it, checked
against the same model scoring that output by teacher forcing (to 0.02: batching and float order
differ; a sum divided by one token too many is off by ~0.1 here); a pivot keeps the weaker hop's."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from workers.engines.convert import convert_to_ctranslate2
from workers.engines.ctranslate2 import CTranslate2Engine
from workers.engines.engine import DecodeOptions
from workers.engines.pivot import PivotEngine
from workers.engines.transformers import TransformersEngine

SENTENCES = ["Die Regierung hat am Montag neue Maßnahmen angekündigt.", "Wer weiß?"]


@pytest.fixture(scope="module")
def float_dir(tiny_marian_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # float32, so that CTranslate2 computes what transformers computes
    return convert_to_ctranslate2(
        str(tiny_marian_dir), tmp_path_factory.mktemp("ct2") / "f32", quantization=None
    )


def teacher_forced(engine: TransformersEngine, source: str, target_ids: list[int]) -> float:
    """The model's mean log-probability per token of ``target_ids`` (ending with </s>) for ``source``."""
    import torch

    batch = engine.tokenizer([source], return_tensors="pt")
    labels = torch.tensor([target_ids])
    with torch.inference_mode():
        logits = engine.model(**batch, labels=labels).logits
    logprobs = torch.log_softmax(logits, dim=-1)[0]
    return float(logprobs[range(len(target_ids)), target_ids].mean())


@pytest.mark.parametrize("beam_size", [1, 3])
def test_transformers_score_is_the_mean_log_probability(tiny_marian_dir: Path, beam_size: int) -> None:
    engine = TransformersEngine(
        str(tiny_marian_dir), options=DecodeOptions(beam_size=beam_size, batch_size=4)
    )
    for sentence, hypothesis in zip(SENTENCES, engine.translate(SENTENCES, "de", "en"), strict=True):
        assert hypothesis.score is not None and hypothesis.score < 0
        # the generated ids: re-encode nothing, take them from a greedy/beam run of one sentence
        generated = engine.model.generate(
            **engine.tokenizer([sentence], return_tensors="pt"), num_beams=beam_size,
            max_new_tokens=min(engine.max_input_tokens - 1, 2 * engine.count_tokens(sentence) + 10),
        )[0].tolist()  # fmt: skip
        target = [t for t in generated[1:] if t != engine.tokenizer.pad_token_id]
        assert hypothesis.score == pytest.approx(teacher_forced(engine, sentence, target), abs=0.02)


def test_ctranslate2_score_is_the_mean_log_probability(tiny_marian_dir: Path, float_dir: Path) -> None:
    reference = TransformersEngine(str(tiny_marian_dir))
    engine = CTranslate2Engine(float_dir, options=DecodeOptions(batch_size=4, beam_size=1), threads=1)
    tokenizer = reference.tokenizer
    for sentence, hypothesis in zip(SENTENCES, engine.translate(SENTENCES, "de", "en"), strict=True):
        assert hypothesis.score is not None and hypothesis.score < 0
        tokens = tokenizer.convert_ids_to_tokens(tokenizer(sentence)["input_ids"])
        result = engine.translator.translate_batch(
            [tokens], beam_size=1, return_end_token=True,
            max_decoding_length=min(engine.max_input_tokens - 1, 2 * len(tokens) + 10),
        )[0]  # fmt: skip
        target = tokenizer.convert_tokens_to_ids(result.hypotheses[0])
        assert hypothesis.score == pytest.approx(teacher_forced(reference, sentence, target), abs=0.02)


def test_quantized_ctranslate2_scores_every_hypothesis(tiny_marian_dir: Path, tmp_path: Path) -> None:
    engine = CTranslate2Engine(convert_to_ctranslate2(str(tiny_marian_dir), tmp_path / "int8"), threads=1)
    scores = [h.score for h in engine.translate(SENTENCES, "de", "en")]
    assert all(s is not None and math.isfinite(s) and s < 0 for s in scores)


def test_a_pivot_keeps_the_weaker_hop(tiny_marian_dir: Path, float_dir: Path) -> None:
    first = TransformersEngine(str(tiny_marian_dir), options=DecodeOptions(beam_size=1))
    second = CTranslate2Engine(float_dir, options=DecodeOptions(beam_size=1), threads=1)
    pivot = PivotEngine(first, second, via="en")
    middle = first.translate(SENTENCES, "de", "en")
    final = second.translate([h.text for h in middle], "en", "ko")
    for hop1, hop2, through in zip(middle, final, pivot.translate(SENTENCES, "de", "ko"), strict=True):
        assert hop1.score is not None and hop2.score is not None
        assert through.score == pytest.approx(min(hop1.score, hop2.score))
