"""Plain text wrapped at a fixed width, its paragraphs' lines joined again.

Wire copy, e-mail and text saved from a terminal break every paragraph into lines of at most some
width (69, 72, 80 characters) with no blank line between them. Read line by line, such a paragraph
became a heading per line over sentences cut in half ("Der Verband der" / "Drohnenpiloten kündigte
Widerstand an."). Scraped pages put each paragraph on one line instead, and some texts keep short
lines of their own (a byline over a date, a list, a subhead over its paragraph): those stay.

A line was broken by wrapping when the next line's first word would not have fitted on it: its
length, a space and that word come to more than the text's width (the longest line that another
line follows in its block), less a tenth for text wrapped by hand. A text is taken to be wrapped
when at least two lines break so in the middle of a sentence, most lines that end with no sentence
punctuation are such lines, and at least one line after such a break starts in lower case (a list of
headlines or figures, each line capitalised, is no paragraph); then each line that was broken by
wrapping is joined to the next (a hyphen at its end kept, as German compounds "CDU-" / "Politiker"
need it).
"""

from __future__ import annotations

import re
from itertools import pairwise

from service.parse.parts import BULLET, NUMBERED
from service.parse.source_formats import Block

WIDTHS = (40, 130)  # the widths a text may be wrapped at: a wider line is a paragraph on one line
# a line counts as full when the next word would have taken it past 90 % of the width: text wrapped
# by hand, or by a tool that breaks before the width, is that ragged
SLACK = 0.9
MIN_BREAKS = 2  # lines broken in the middle of a sentence that make a text wrapped
_ENDS_SENTENCE = re.compile(r"[.!?…:;]['\"“”»«)]*$")


def unwrapped(blocks: list[Block]) -> list[Block]:
    """``blocks`` with the lines of each wrapped paragraph joined, where the text is wrapped;
    otherwise ``blocks`` as they are."""
    width = wrap_width(blocks)
    if width is None:
        return blocks
    return [Block(_joined(block.lines, width), block.kind, block.level, block.lang) for block in blocks]


def wrap_width(blocks: list[Block]) -> int | None:
    """The width the text is wrapped at, or None where it is not wrapped."""
    followed = [upper for block in blocks for upper, _ in pairwise(block.lines) if " " in upper]
    if not followed:
        return None
    width = max(len(line) for line in followed)
    if not WIDTHS[0] <= width <= WIDTHS[1]:
        return None
    open_ended = [
        (upper, lower)
        for block in blocks
        for upper, lower in pairwise(block.lines)
        if not _ENDS_SENTENCE.search(upper)
    ]
    broken = [(upper, lower) for upper, lower in open_ended if _broken(upper, lower, width)]
    # a sentence going on starts a line in lower case (or a figure, or Hangul) somewhere; the lines of
    # a list of headlines or of figures all start with a capital
    goes_on = any(not lower[:1].isupper() for _, lower in broken)
    return width if len(broken) >= MIN_BREAKS and 2 * len(broken) > len(open_ended) and goes_on else None


def _broken(upper: str, lower: str, width: int) -> bool:
    """Whether ``upper`` was broken before ``lower`` by wrapping at ``width``: the next word would
    not have fitted, and the line fills at least half the width (not a heading before a long word)."""
    # a number opens a list's point only after a sentence's end or another point ("am" /
    # "21. August" is a date going on)
    if BULLET.match(lower) or (
        NUMBERED.match(lower) and (_ENDS_SENTENCE.search(upper) or NUMBERED.match(upper))
    ):
        return False  # a list's next item
    first = lower.split(maxsplit=1)[0] if lower.split() else ""
    return 2 * len(upper) >= width and len(upper) + 1 + len(first) > SLACK * width


def _joined(lines: list[str], width: int) -> list[str]:
    """The lines of a block, each broken by wrapping joined to the next: with a space, or right after
    a hyphen that ends a word ("CDU-" / "Politiker")."""
    out = lines[:1]
    for upper, lower in pairwise(lines):
        if _broken(upper, lower, width):
            out[-1] = out[-1] + lower if re.search(r"\w-$", out[-1]) else f"{out[-1]} {lower}"
        else:
            out.append(lower)
    return out
