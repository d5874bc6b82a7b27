"""The summariser interface: a request of source sentences in, one :class:`Summary` out.

Every route (extractive, abstractive seq2seq, instruction model) takes the same
:class:`SummaryRequest` and returns a :class:`Summary` that records what made it: the method,
its version (algorithm version or model revision) and, for prompted models, the prompt file and
the SHA-256 of its bytes. Storage keeps these beside the summary text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

SUMMARISE_SECTION = "summarise_section"
SUMMARISE_ARTICLE = "summarise_article"

# Sentence limit used when a request leaves ``max_sentences`` unset, per task.
DEFAULT_MAX_SENTENCES = {SUMMARISE_SECTION: 2, SUMMARISE_ARTICLE: 5}
FALLBACK_MAX_SENTENCES = 3

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LANG = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class SummaryRequest:
    """What to summarise and how long the summary may be.

    ``sentences`` are ``(segment_key, text)`` pairs in source order, already split into sentences
    (``Segment.key`` / ``Segment.text``). ``language`` is their language; ``summary_lang`` the
    language the summary is written in (``None``: the source language; only prompted models
    can summarise into another language).

    Limits: ``max_sentences=None`` means the task's default (:data:`DEFAULT_MAX_SENTENCES`);
    ``max_chars=None`` means no character limit; ``max_tokens`` bounds the tokens a model may
    generate (ignored by the extractive route). ``max_chars`` counts the whole summary text,
    separators included.
    """

    sentences: list[tuple[str, str]]
    language: str
    max_sentences: int | None = None
    max_chars: int | None = None
    max_tokens: int | None = None
    task: str = SUMMARISE_SECTION
    summary_lang: str | None = None
    title: str | None = None  # section heading or article title, given to prompted models as context

    def __post_init__(self) -> None:
        keys = [key for key, _ in self.sentences]  # a summary names its sources by key
        if len(set(keys)) != len(keys):
            duplicates = sorted({key for key in keys if keys.count(key) > 1})
            raise ValueError(f"sentence keys must be unique; repeated: {duplicates}")
        for name in ("max_sentences", "max_chars", "max_tokens"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must be >= 0 or None, not {value}")
        if not _NAME.match(self.task):
            raise ValueError(
                f"task must be a lowercase identifier like 'summarise_section', not {self.task!r}"
            )
        for name in ("language", "summary_lang"):
            value = getattr(self, name)
            if value is not None and not _LANG.match(value):
                raise ValueError(f"{name} must be an ISO 639-1 code like 'de', not {value!r}")

    @property
    def output_lang(self) -> str:
        return self.summary_lang or self.language

    @property
    def sentence_limit(self) -> int:
        """``max_sentences``, or the task's default where the request leaves it unset."""
        if self.max_sentences is not None:
            return self.max_sentences
        return DEFAULT_MAX_SENTENCES.get(self.task, FALLBACK_MAX_SENTENCES)

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.sentences]

    @property
    def text(self) -> str:
        """The source sentences joined with single spaces."""
        return " ".join(" ".join(text.split()) for _, text in self.sentences)


@dataclass(frozen=True)
class Summary:
    text: str
    # Extractive: exactly the segments whose text makes up ``text``, in source order.
    # Abstractive/instruct: the segments the summary covers (all of the request's).
    sentence_keys: list[str]
    method: str  # "extractive" | "abstractive" | "instruct"
    method_version: str  # algorithm version, or model revision
    prompt_name: str | None = None  # e.g. "summarise_section.de.j2"
    prompt_hash: str | None = None  # SHA-256 of the prompt file's bytes


@runtime_checkable
class Summariser(Protocol):
    method: str  # "extractive" | "abstractive" | "instruct"

    def summarise(self, request: SummaryRequest) -> Summary:
        """Summarise the request's sentences within its limits."""
        ...


def fit_to_limits(text: str, lang: str, max_sentences: int, max_chars: int | None) -> str:
    """Cut generated text to at most ``max_sentences`` whole sentences and ``max_chars`` characters.

    Models are only *asked* to respect a length; this makes the limits hold for stored
    summaries too. Leading whole sentences are kept; where even the first sentence is longer
    than ``max_chars``, it is cut at the last word boundary that fits and marked with "…".
    """
    from service.parse.segment import split_sentences

    text = " ".join(text.split())
    if max_sentences <= 0 or (max_chars is not None and max_chars <= 0) or not text:
        return ""
    kept: list[str] = []
    for sentence in split_sentences(text, lang)[:max_sentences]:
        candidate = " ".join([*kept, sentence])
        if max_chars is not None and len(candidate) > max_chars:
            break
        kept.append(sentence)
    if kept:
        return " ".join(kept)
    assert max_chars is not None  # the first sentence always fits without a character limit
    if max_chars == 1:
        return "…"
    head = text[: max_chars - 1]
    if not text[len(head)].isspace() and " " in head:  # the cut falls inside a word: drop it
        head = head.rsplit(" ", 1)[0]
    return head.rstrip() + "…"
