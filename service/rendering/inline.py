"""A block's text as the model sees it, with its inline markup kept beside it as spans.

A :class:`Span` covers ``text[start:end]`` of its block; spans nest the way the markup did
(``parent``), and a void one (a line break, an image, an opaque element) has ``start == end``.
:class:`TextBuilder` collects text and markup from a format's reader, collapsing whitespace the
way a browser does, so the block's text compares with the parser's sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SPACE = re.compile(r"\s+")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[^\s@]+@[^\s@]+\.\w+")


def looks_like_address(text: str) -> bool:
    """A URL or an e-mail address: a link that shows its own address keeps it, untranslated."""
    return _ADDRESS.fullmatch(text.strip()) is not None


@dataclass(frozen=True)
class Span:
    id: int  # position among its block's spans, in the order they open
    tag: str  # the element or markup it stands for: "a", "strong", "code", "run", ...
    start: int
    end: int
    parent: int | None = None
    attrs: tuple[tuple[str, str], ...] = ()
    verbatim: bool = False  # code and the like: the text stays the source's
    void: bool = False  # holds no text of its own (a line break, an image, a kept element)

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


@dataclass
class InlineText:
    text: str
    spans: list[Span] = field(default_factory=list)

    def children(self, parent: int | None) -> list[Span]:
        return sorted((s for s in self.spans if s.parent == parent), key=lambda s: (s.start, s.id))

    def layout(
        self, parent: int | None, start: int, end: int
    ) -> tuple[list[str], list[tuple[Span, int, int]]]:
        """``text[start:end]`` under span ``parent`` as the texts between its child spans (one more
        than the spans) and the spans with their ranges, kept in order and inside the range."""
        gaps: list[str] = []
        placed: list[tuple[Span, int, int]] = []
        cursor = start
        for span in self.children(parent):
            s = min(max(span.start, cursor), end)
            e = min(max(span.end, s), end)
            gaps.append(self.text[cursor:s])
            placed.append((span, s, e))
            cursor = e
        gaps.append(self.text[cursor:end])
        return gaps, placed


class TextBuilder:
    """Append text and markup in source order; whitespace runs become one space, none at the edges."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._space = False
        self._open: list[int] = []
        self._starts: dict[int, int] = {}
        self._spans: dict[int, Span] = {}
        self._next = 0

    @property
    def has_text(self) -> bool:
        return self._length > 0

    def text(self, chunk: str | None) -> None:
        if not chunk:
            return
        for i, piece in enumerate(_SPACE.split(chunk)):
            if i > 0:
                self._space = True
            if piece:
                self._flush_space()
                self._parts.append(piece)
                self._length += len(piece)

    def _flush_space(self) -> None:
        if self._space and self._length:
            self._parts.append(" ")
            self._length += 1
        self._space = False

    def open(self, tag: str, attrs: tuple[tuple[str, str], ...] = (), verbatim: bool = False) -> int:
        self._flush_space()  # a space before an element stays outside it
        span_id = self._next
        self._next += 1
        parent = self._open[-1] if self._open else None
        verbatim = verbatim or (parent is not None and self._spans[parent].verbatim)
        self._spans[span_id] = Span(span_id, tag, self._length, self._length, parent, attrs, verbatim)
        self._open.append(span_id)
        return span_id

    def close(self, span_id: int) -> None:
        while self._open:
            top = self._open.pop()
            span = self._spans[top]
            self._spans[top] = Span(top, span.tag, span.start, self._length, span.parent, span.attrs,
                                    span.verbatim)  # fmt: skip
            if top == span_id:
                return

    def void(self, tag: str, attrs: tuple[tuple[str, str], ...] = (), spaced: bool = False) -> int:
        """A void element where the text stands (a space waiting before it comes after it, once);
        ``spaced`` (a line break) separates the words on either side."""
        span_id = self._next
        self._next += 1
        parent = self._open[-1] if self._open else None
        self._spans[span_id] = Span(span_id, tag, self._length, self._length, parent, attrs, void=True)
        if spaced:
            self._space = True
        return span_id

    def build(self) -> InlineText:
        for span_id in list(self._open):
            self.close(span_id)
        return InlineText("".join(self._parts), [self._spans[i] for i in sorted(self._spans)])


def normalise(text: str) -> str:
    """Whitespace as the builder leaves it: how a parser's sentence is found in a block."""
    return " ".join(text.split())
