"""The transformers engine on a tiny random-weight model: plumbing only, never quality."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import ModelError
from workers.engines.transformers import TransformersEngine
from workers.tiny.build import TINY_MAX_POSITIONS


@pytest.fixture(scope="module")
def engine(tiny_marian_dir: Path) -> TransformersEngine:
    return TransformersEngine(str(tiny_marian_dir))


def test_loads_local_directory_and_records_a_content_revision(
    engine: TransformersEngine, tiny_marian_dir: Path
) -> None:
    assert engine.info.model_id == tiny_marian_dir.name  # its name, never the server path
    assert engine.info.revision.startswith("local-")
    assert engine.info.engine == "transformers"
    assert engine.max_input_tokens == TINY_MAX_POSITIONS


def test_one_hypothesis_per_sentence_in_order(engine: TransformersEngine) -> None:
    sentences = ["Die Regierung hat am Montag neue Maßnahmen angekündigt.", "Wer weiß?", "Das ist viel."]
    hypotheses = engine.translate(sentences, "de", "en")
    assert len(hypotheses) == 3
    assert [h.input_tokens for h in hypotheses] == [engine.count_tokens(s) for s in sentences]
    assert all(h.chunks == 1 for h in hypotheses)


def test_long_input_is_split_never_truncated(engine: TransformersEngine) -> None:
    long_sentence = ", ".join(["Die Regierung hat am Montag neue Maßnahmen angekündigt"] * 12) + "."
    assert engine.count_tokens(long_sentence) > engine.max_input_tokens
    chunks = engine.split_to_fit(long_sentence)
    assert len(chunks) > 1
    assert all(engine.count_tokens(chunk) <= engine.max_input_tokens for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(long_sentence.split())
    (hypothesis,) = engine.translate([long_sentence], "de", "en")
    assert hypothesis.chunks == len(chunks)
    assert hypothesis.input_tokens == sum(engine.count_tokens(chunk) for chunk in chunks)


def test_one_huge_word_is_split_too(engine: TransformersEngine) -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitän" * 8
    chunks = engine.split_to_fit(word)
    assert len(chunks) > 1 and "".join(chunks) == word


def test_unknown_hub_id_offline_fails_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match="models pull"):
        TransformersEngine("interlinear-test/no-such-model")
