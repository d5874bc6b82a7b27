"""Counting a text's tokens says nothing about its length being wrong (found by an outside tester:
"Token indices sequence length is longer than the specified maximum sequence length for this
model" in a worker's log, from counting a long sentence's tokens in order to split it). Every
count goes through one helper, ``workers.engines.hf.token_count``, which asks the tokenizer not
to warn; the count is the tokenizer's own, special tokens included. On the tiny model, whose
tokenizer reads 64 positions; each test loads its own model (a tokenizer warns once)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from transformers import AutoTokenizer
from transformers.utils import logging as hf_logging

from service.errors import ModelError
from workers.engines.convert import convert_to_ctranslate2
from workers.engines.ctranslate2 import CTranslate2Engine
from workers.engines.hf import token_count
from workers.engines.transformers import TransformersEngine
from workers.summarise.abstractive import Seq2SeqSummariser
from workers.summarise.instruct import seq2seq_generate
from workers.tiny.build import TINY_MAX_POSITIONS

LONG = ", ".join(["Die Regierung hat am Montag neue Maßnahmen angekündigt"] * 12) + "."
TOO_LONG = "sequence length is longer than the specified maximum"


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def transformers_log() -> Iterator[list[str]]:
    """What the transformers library logs, at its default level (warnings) whatever another test
    set it to: its own logger does not pass records on to the root logger, which caplog reads."""
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_warning()
    handler = _Lines()
    logger = logging.getLogger("transformers")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)
        hf_logging.set_verbosity(verbosity)


def _warned(lines: list[str]) -> list[str]:
    return [line for line in lines if TOO_LONG in line]


def test_the_helper_counts_as_the_tokenizer_does_without_a_warning(
    tiny_marian_dir: Path, transformers_log: list[str]
) -> None:
    tokenizer = AutoTokenizer.from_pretrained(str(tiny_marian_dir))
    assert tokenizer.model_max_length == TINY_MAX_POSITIONS
    count = token_count(tokenizer, LONG)
    assert count > TINY_MAX_POSITIONS
    assert _warned(transformers_log) == [], transformers_log
    assert count == len(tokenizer(LONG)["input_ids"])  # the tokenizer's own count, special tokens included
    assert _warned(transformers_log), "the tokenizer itself still warns: the check above checks something"


def test_the_translation_engines_split_a_long_sentence_without_a_warning(
    tiny_marian_dir: Path, tmp_path: Path, transformers_log: list[str]
) -> None:
    converted = convert_to_ctranslate2(str(tiny_marian_dir), tmp_path / "tiny-int8")
    engines = (TransformersEngine(str(tiny_marian_dir)), CTranslate2Engine(converted, threads=1))
    for engine in engines:
        assert engine.count_tokens(LONG) == token_count(engine.tokenizer, LONG) > engine.max_input_tokens
        chunks = engine.split_to_fit(LONG)
        assert len(chunks) > 1 and all(engine.count_tokens(c) <= engine.max_input_tokens for c in chunks)
        (hypothesis,) = engine.translate([LONG], "de", "en")
        assert hypothesis.chunks == len(chunks)
    assert _warned(transformers_log) == [], transformers_log


def test_the_summarisers_count_a_long_input_without_a_warning(
    tiny_marian_dir: Path, transformers_log: list[str]
) -> None:
    summariser = Seq2SeqSummariser(tiny_marian_dir, max_new_tokens=8)
    chunks = summariser.chunks([LONG, LONG])
    assert len(chunks) > 2 and all(summariser.count_tokens(c) <= summariser.max_input_tokens for c in chunks)
    generate, _ = seq2seq_generate(str(tiny_marian_dir), max_new_tokens=8)
    with pytest.raises(ModelError, match=r"the prompt is \d+ tokens, over the 64 that"):
        generate(LONG)  # refused, never truncated, and counted without a warning
    assert _warned(transformers_log) == [], transformers_log
