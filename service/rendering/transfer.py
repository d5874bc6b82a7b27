"""Carry a block's inline markup onto its translation ("detag and project").

The model translates plain sentences: the markup never reaches it, so translation memory, the
glossary's placeholders, shared batches and human corrections all work on the same text as
before, and a corrected sentence gets its links and emphasis back like a model's one. Each
sentence's markup is then projected onto its translation:

1. The span boundaries cut the source sentence into leaves (the text between two boundaries).
2. A leaf inside markup whose text the translation repeats word for word (a name, a number, a
   URL, code) is pinned to that place: anchors, the most of them that keep the source's order.
3. Between anchors, the translation's words go to the leaves in order, in proportion to the
   leaves' number of words, each leaf inside an element getting at least one while there are
   enough (an anchor that would leave one without is dropped).
4. Verbatim leaves (code) get their source text back in the place their words had.

Every step keeps order, so spans nest in the translation as they did in the source and no
element is lost or duplicated, whatever the model did to the sentence. The price: where word
order changes (German verb-final clauses, Korean), a tag around a translated word can land on
its neighbour. Hanneman & Dinu (2020, "How should markup tags be translated?") found this kind
of projection the robust choice for models not trained on tags, which OPUS-MT and M2M100 are not.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from service.rendering.inline import InlineText, Span

_WORD = re.compile(r"\S+")
MIN_ANCHOR_CHARS = 2


@dataclass(frozen=True)
class Piece:
    """``text[start:end]`` of a block is one sentence; ``target`` is its translation (None: keep it)."""

    start: int
    end: int
    target: str | None


def transfer_markup(block: InlineText, pieces: list[Piece]) -> InlineText:
    """The block with each piece's translation in place and every span moved onto it."""
    points = sorted({0, len(block.text), *(s.start for s in block.spans), *(s.end for s in block.spans)})
    regions: list[Piece] = []
    cursor = 0
    for piece in sorted(pieces, key=lambda p: p.start):
        if piece.start < cursor:
            continue  # overlapping placements: the first one wins
        if piece.start > cursor:
            regions.append(Piece(cursor, piece.start, None))
        regions.append(piece)
        cursor = piece.end
    if cursor < len(block.text):
        regions.append(Piece(cursor, len(block.text), None))

    mapping: dict[int, int] = {}
    parts: list[str] = []
    length = 0
    for region in regions:
        inner = sorted({region.start, region.end, *(p for p in points if region.start <= p <= region.end)})
        if region.target is None:
            for point in inner:
                mapping.setdefault(point, length + point - region.start)
            text = block.text[region.start : region.end]
        else:
            text, local = _project(block, region, inner, region.target)
            for point in inner:
                mapping.setdefault(point, length + local[point])
        parts.append(text)
        length += len(text)
    for point in points:
        mapping.setdefault(point, length)
    spans = [replace(s, start=mapping[s.start], end=mapping[s.end]) for s in block.spans]
    return InlineText("".join(parts), spans)


@dataclass
class _Leaf:
    start: int  # in the block's source text
    end: int
    text: str
    depth: int  # how many spans it is inside
    verbatim: bool
    words: tuple[int, int] | None = None  # [first, last) of the target's words

    @property
    def content(self) -> bool:
        return any(ch.isalnum() for ch in self.text)


def _project(block: InlineText, region: Piece, points: list[int], target: str) -> tuple[str, dict[int, int]]:
    """Translation of one sentence with verbatim leaves restored, and where each point lands in it."""
    assert region.target is not None
    leaves = [_leaf(block.spans, block.text, a, b) for a, b in itertools.pairwise(points)]
    words = [(m.start(), m.end()) for m in _WORD.finditer(target)]
    _anchor(leaves, words, target)
    _allocate(leaves, len(words))
    bounds = _boundaries(leaves, words, target)
    text, bounds = _restore_verbatim(leaves, bounds, target)
    return text, {point: bounds[i] for i, point in enumerate(points)}


def _leaf(spans: list[Span], text: str, a: int, b: int) -> _Leaf:
    covering = [s for s in spans if s.start <= a and b <= s.end and s.start < s.end]
    return _Leaf(a, b, text[a:b], len(covering), any(s.verbatim for s in covering))


def _anchor(leaves: list[_Leaf], words: list[tuple[int, int]], target: str) -> None:
    """Pin marked leaves whose text the translation repeats: the most such leaves whose places in
    the translation keep the source's order (a longest increasing run)."""
    found: list[tuple[int, int, int]] = []  # (leaf, first word, last word + 1)
    for index, leaf in enumerate(leaves):
        needle = leaf.text.strip()
        short = len(needle) < MIN_ANCHOR_CHARS and not needle.isdigit()  # a footnote's "1" is an anchor
        if not leaf.depth or not leaf.content or short:
            continue
        pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
        match = re.search(pattern, target)
        if match is None and leaf.verbatim:  # code the model only re-cased: still the code's place
            match = re.search(pattern, target, re.IGNORECASE)
        if match is not None:
            first = next(i for i, (_, end) in enumerate(words) if end > match.start())
            last = next(i for i, (_, end) in enumerate(words) if end >= match.end())
            found.append((index, first, last + 1))
    best: list[list[tuple[int, int, int]]] = []
    for candidate in found:
        before = [chain for chain in best if chain[-1][2] <= candidate[1]]
        best.append([*max(before, key=len, default=[]), candidate])
    for index, first, stop in max(best, key=len, default=[]):
        leaves[index].words = (first, stop)


def _allocate(leaves: list[_Leaf], word_count: int) -> None:
    """Give the words between anchors to the leaves between them, in order and by length.

    An anchor that leaves the leaves before it fewer words than they have leaves with text is
    dropped (the model moved that word elsewhere): an element that held text keeps some.
    """
    while True:
        needed, free, last = 0, 0, None
        for leaf in leaves:
            if leaf.words is None:
                needed += leaf.content and leaf.depth > 0  # text inside an element needs a word
                continue
            if leaf.words[0] - free < needed:
                leaf.words = None
                break
            needed, free, last = 0, leaf.words[1], leaf
        else:
            if last is None or word_count - free >= needed:
                break
            last.words = None  # too few words after the last anchor
    group: list[_Leaf] = []
    free = 0
    for item in [*leaves, None]:
        if item is not None and item.words is None:
            group.append(item)
            continue
        stop = item.words[0] if item is not None and item.words is not None else word_count
        _share(group, free, max(stop, free))
        if item is not None and item.words is not None:
            free = item.words[1]
        group = []


def _share(group: list[_Leaf], first: int, stop: int) -> None:
    """Shares in proportion to the leaves' words (largest remainder); then every leaf with text gets
    a word while there are enough, leaves inside elements before the others, taken from the largest."""
    if not group:
        return
    count = stop - first
    weights = [len(leaf.text.split()) if leaf.content else 0 for leaf in group]  # a word for a word
    if not any(weights):
        weights = [1] + [0] * (len(group) - 1)  # punctuation only: the words go to the first leaf
    content = [w > 0 for w in weights]
    marked = [c and leaf.depth > 0 for c, leaf in zip(content, group, strict=True)]
    if count >= sum(content):
        needs = content
    elif count >= sum(marked):
        needs = marked
    else:
        needs = [False] * len(group)
        weights = [w if m else 0 for w, m in zip(weights, marked, strict=True)]
    total = sum(weights) or 1
    exact = [count * w / total for w in weights]
    shares = [int(x) for x in exact]
    for i in sorted(range(len(group)), key=lambda i: exact[i] - shares[i], reverse=True)[
        : count - sum(shares)
    ]:
        shares[i] += 1
    for i in [i for i, need in enumerate(needs) if need and shares[i] == 0]:
        spare_of = [share - needs[j] for j, share in enumerate(shares)]  # what a leaf can give
        donor = max(range(len(group)), key=lambda j: spare_of[j])
        if spare_of[donor] > 0:
            shares[donor] -= 1
            shares[i] = 1
    position = first
    for leaf, share in zip(group, shares, strict=True):
        leaf.words = (position, position + share)
        position += share


def _boundaries(leaves: list[_Leaf], words: list[tuple[int, int]], target: str) -> list[int]:
    """Where each leaf starts in the translation; whitespace goes where the source had it."""
    spans = [leaf.words if leaf.words and leaf.words[1] > leaf.words[0] else None for leaf in leaves]
    length = len(target)
    bounds = [0]
    for i in range(1, len(leaves)):
        before = next((s for s in reversed(spans[:i]) if s), None)
        after = next((s for s in spans[i:] if s), None)
        if before is None:
            point = 0
        elif after is None:
            rest = "".join(leaf.text for leaf in leaves[i:]).strip()
            if leaves[i].text[:1].isspace():
                point = words[before[1] - 1][1]
            elif rest and target.rstrip().endswith(rest):  # closing punctuation stays outside
                point = len(target.rstrip()) - len(rest)
            else:
                point = length
        elif leaves[i].text[:1].isspace() or (
            not leaves[i - 1].text[-1:].isspace() and leaves[i - 1].depth > leaves[i].depth
        ):
            point = words[before[1] - 1][1]  # the space opens the next leaf, as in the source,
        else:  # or stays outside the markup where the source had none
            point = words[after[0]][0]
        bounds.append(max(point, bounds[-1]))
    bounds.append(max(length, bounds[-1]))
    return bounds


def _restore_verbatim(leaves: list[_Leaf], bounds: list[int], target: str) -> tuple[str, list[int]]:
    """Verbatim leaves (code) hold their source text where their words were, or in between."""
    chunks = [target[a:b] for a, b in itertools.pairwise(bounds)]
    for i, leaf in enumerate(leaves):
        if not (leaf.verbatim and leaf.content):
            continue
        core, chunk = leaf.text.strip(), chunks[i]
        if chunk.strip():
            chunks[i] = chunk[: len(chunk) - len(chunk.lstrip())] + core + chunk[len(chunk.rstrip()) :]
            continue
        chunks[i] = core  # no words of its own: in between, with a space outside it where words touch
        before = next((j for j in range(i - 1, -1, -1) if chunks[j]), None)
        if before is not None and not chunks[before][-1].isspace():
            chunks[before] += " "
        after = next((j for j in range(i + 1, len(chunks)) if chunks[j]), None)
        if after is not None and not chunks[after][0].isspace():
            chunks[after] = " " + chunks[after]
    new_bounds = [0]
    for chunk in chunks:
        new_bounds.append(new_bounds[-1] + len(chunk))
    return "".join(chunks), new_bounds
