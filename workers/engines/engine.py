"""The engine interface, modelled on ``ctranslate2.Translator``: one object owns a loaded model,
``translate`` takes plain lists and returns small result objects."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from service.retranslate import EngineIdentity


@dataclass(frozen=True)
class Hypothesis:
    text: str
    input_tokens: int
    output_tokens: int
    chunks: int = 1  # >1 where the source was longer than the model's limit and was split
    # The engine's score: mean log-probability per output token (0 at best); None where unknown
    score: float | None = None


@dataclass(frozen=True)
class ModelInfo:
    """What made an output: stored beside every translation."""

    model_id: str  # hub id or local path as configured
    revision: str  # hub commit hash, or a content hash of a local model's weights
    engine: str  # "transformers" | "ctranslate2"


@dataclass(frozen=True)
class DecodeOptions:
    batch_size: int = 16
    beam_size: int = 4
    max_output_ratio: float = 2.0

    def output_hash(self) -> str:
        """Hash of the options that change what is generated (not batch size), stored per output."""
        shape = {"beam_size": self.beam_size, "max_output_ratio": self.max_output_ratio}
        return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]


class Pending(Protocol):
    def wait(self) -> list[Hypothesis]:
        """The chunk's hypotheses, aligned with its sentences (waiting for them where need be)."""
        ...


class TranslationEngine(Protocol):
    info: ModelInfo
    options: DecodeOptions

    def translate(self, sentences: list[str], source_lang: str, target_lang: str) -> list[Hypothesis]:
        """Translate each sentence; the result list is aligned with the input list."""
        ...

    def submit_all(self, chunks: list[list[str]], source_lang: str, target_lang: str) -> Sequence[Pending]:
        """Hand over a task's chunks in one step, without waiting; one :class:`Pending` per chunk.
        An engine that shares calls between threads queues them all at once (so none misses the
        call the first starts); one that translates on the caller's thread translates each when its
        ``wait`` is called (:class:`TranslatesOnWait`)."""
        ...


@dataclass(frozen=True)
class _Deferred:
    engine: TranslationEngine
    sentences: list[str]
    source_lang: str
    target_lang: str

    def wait(self) -> list[Hypothesis]:
        if not self.sentences:
            return []
        return self.engine.translate(self.sentences, self.source_lang, self.target_lang)


class TranslatesOnWait:
    """``submit_all`` for an engine that translates on the caller's thread."""

    def submit_all(self, chunks: list[list[str]], source_lang: str, target_lang: str) -> Sequence[Pending]:
        engine: TranslationEngine = self  # type: ignore[assignment]
        return [_Deferred(engine, list(chunk), source_lang, target_lang) for chunk in chunks]


def route_name(engine: TranslationEngine, source_lang: str, target_lang: str) -> str:
    """``de>en``, or ``en>de>ko`` for an engine that pivots (a PivotEngine's ``via``)."""
    via = getattr(engine, "via", None)
    return f"{source_lang}>{via}>{target_lang}" if via else f"{source_lang}>{target_lang}"


def identity_of(engine: TranslationEngine) -> EngineIdentity:
    """What makes this engine's outputs current (:func:`service.retranslate.plan` compares it)."""
    info = engine.info
    return EngineIdentity(info.model_id, info.revision, info.engine, engine.options.output_hash())
