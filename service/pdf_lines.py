"""A PDF page's text as lines with their layout (pypdf's text visitor): where each line is set on
the page, in what size and whether bold. :mod:`service.pdf_text` reads them into paragraphs."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PageObject


@dataclass(frozen=True)
class PdfLine:
    """A line of a PDF page's text as pypdf extracts it, with where and how it is set: the height of
    its baseline on the page and its font size in points (None and 0 where unknown), and whether it
    is set in a bold face throughout."""

    text: str
    y: float | None = None
    size: float = 0.0
    bold: bool = False


_BOLD_FACE = re.compile(r"bold|black|heavy|semibold|demibold", re.I)


def page_lines(page: PageObject) -> list[PdfLine]:
    """The page's text lines as pypdf extracts them, each with its place, size and weight (from the
    text visitor, which is given each piece of the text as it is added); without them where the
    pieces do not make up the text."""
    pieces: list[tuple[str, float | None, float, bool]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: object, size: float) -> None:
        try:
            y, scale = _placed(cm, tm)
            pieces.append((text, y, abs(float(size or 0)) * scale, _bold(font)))
        except (TypeError, ValueError, IndexError):  # matrices a damaged file left odd: no place
            pieces.append((text, None, 0.0, False))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece[0] for piece in pieces) != text:
        return [PdfLine(line) for line in text.splitlines()]
    lines: list[PdfLine] = []
    current = ""
    measures: list[tuple[int, float, float, bool]] = []  # (characters, y, size, bold) of its pieces
    for piece, y, size, bold in pieces:
        for index, part in enumerate(piece.split("\n")):
            if index:
                lines.append(_measured(current, measures))
                current, measures = "", []
            current += part
            if part.strip() and y is not None:
                measures.append((len("".join(part.split())), y, size, bold))
    lines.append(_measured(current, measures))
    return lines


def _placed(cm: Sequence[float], tm: Sequence[float]) -> tuple[float, float]:
    """Where text set with these matrices starts on the page (its baseline's height), and how much
    they scale its font vertically."""
    a, b, c, d, _, f = (float(value) for value in cm)
    tc, td, tf = float(tm[2]), float(tm[3]), float(tm[5])
    return float(tm[4]) * b + tf * d + f, math.hypot(tc * a + td * c, tc * b + td * d)


def _bold(font: object) -> bool:
    try:
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        descriptor = font.get("/FontDescriptor") if isinstance(font, dict) else None
        descriptor = descriptor.get_object() if descriptor is not None else None
        weight = float(descriptor.get("/FontWeight", 0)) if isinstance(descriptor, dict) else 0.0
    except Exception:  # a damaged font dictionary says nothing of its weight
        return False
    return bool(_BOLD_FACE.search(name)) or weight >= 600


def _measured(text: str, measures: list[tuple[int, float, float, bool]]) -> PdfLine:
    if not measures:
        return PdfLine(text)
    chars: Counter[float] = Counter()
    for count, _, size, _ in measures:
        chars[round(size, 1)] += count
    bold = all(bold for _, _, _, bold in measures)
    return PdfLine(text, measures[0][1], chars.most_common(1)[0][0], bold)


def body_size(lines: Iterable[PdfLine]) -> float:
    """The size the most characters of these lines are set in, of those whose place and size are
    known: a page's body text; 0 where none is."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.y is not None and line.size > 0:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0
