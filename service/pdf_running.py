"""A PDF's running headers and footers, found and dropped before its pages are read into paragraphs.

Chrome and Chromium print a page to PDF with "Headers and footers" on unless told otherwise: at the
top of every page the date and time of printing (left: "12/2/26, 9:14 AM", "02.12.26, 09:14") and
the page's ``<title>`` (centre, cut with "…" where long), at the bottom the page's URL (left, cut
so too) and its number (right: "1/3"), all in small type. pypdf gives each of the two rows as one
line, after the page's own text (they are drawn last), and they were read as sentences of the
article and translated. Other programs print a title, a date or page numbers there too.

Only a page's edge rows are looked at: the lines on its topmost and on its bottommost baseline
(where pypdf gives the lines' places; else its first and its last line). An edge row is dropped:

* where the PDF has two pages or more and the row is at that edge of every one of them with the
  same text but for page numbers: digits that are the same on every page (a print date) or count
  up by one from page to page ("1/3", "2/3", "3/3"). So goes any running header or footer, a
  document's title over every page too. Digits that change otherwise (a table's "2023" and "2024"
  rows, "1,5" and "1,7") are the article's own text;
* or, on a page of any PDF (one page repeats nothing), where it holds nothing but what a browser
  prints there: a print stamp (a date in digits and a time of day), a page counter ("1/3",
  "Page 1 of 3", "Seite 1 von 3"), a URL, and the PDF's own title (its metadata title, which
  Chromium takes from ``<title>``, or the start of it ending in "…"); and something says it is not
  the article's: a page counter, the PDF's title beside a stamp or URL, or type smaller than that
  of the page's other text.

What stays is the article's first line, its title, and a dateline of its own: a title alone at the
top is running only where it heads every page; an article's "2. Dezember 2026" or "02.12.2026,
14:30 Uhr" is no print stamp (a browser writes no month's name, no "Uhr"), and a bare date and time
or a bare URL set as large as the article's text is the article's (a dateline, a closing link).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from service.pdf_lines import PdfLine, body_size

ROW = 2.0  # points: lines whose baselines are this close to the topmost (bottommost) share its row
SMALLER = 0.9  # a row set in less than this part of the page's text size is set smaller

_DATE = r"\d{1,4}(?P<sep>[./-])\d{1,2}(?P=sep)\d{1,4}\.?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?\s?m\.?)?"
_COUNTER = (
    r"(?:(?:page|seite|p\.|s\.)\s*)?(?P<number>\d+)\s*(?:/|of|von)\s*(?P<total>\d+)"
    r"|(?:page|seite)\s+(?P<alone>\d+)"
)
_URL = r"(?:https?|file|ftp)://\S+|www\.\S+\.\S+"
# what a browser prints in a page's margin, each matched at the start or at the end of a row
_ITEMS = {
    kind: (re.compile(rf"(?:{pattern})(?=\s|$)", re.I), re.compile(rf"(?:^|(?<=\s))(?:{pattern})$", re.I))
    for kind, pattern in (("stamp", rf"{_DATE},?\s+{_TIME}"), ("url", _URL), ("counter", _COUNTER))
}


@dataclass(frozen=True)
class _Row:
    """The lines of a page on one baseline at its top or bottom: their places in the page's list,
    their text and its largest size (0 where unknown)."""

    places: frozenset[int]
    text: str
    size: float


def drop_running_lines(pages: Sequence[Sequence[PdfLine]], title: str = "") -> list[list[PdfLine]]:
    """The pages' lines without their running headers and footers (see the module's docstring);
    ``title``: the PDF's metadata title, "" where it has none."""
    edges = [_edge_rows(page) for page in pages]
    dropped: list[set[int]] = [set() for _ in pages]
    with_text = [index for index, (top, _) in enumerate(edges) if top is not None]
    for side in (0, 1):
        rows = [edges[index][side] for index in with_text]
        if len(rows) >= 2 and _running(rows):
            for index, row in zip(with_text, rows, strict=True):
                dropped[index].update(row.places if row else ())
    title = _plain(title)
    for index, page in enumerate(pages):
        kept = [row for row in edges[index] if row is not None and not row.places <= dropped[index]]
        edge = frozenset().union(*(row.places for row in edges[index] if row is not None))
        body = body_size(line for place, line in enumerate(page) if place not in edge)
        for row in kept:
            if _printed(row, title, body):
                dropped[index].update(row.places)
    return [
        [line for place, line in enumerate(page) if place not in dropped[index]]
        for index, page in enumerate(pages)
    ]


def _edge_rows(page: Sequence[PdfLine]) -> tuple[_Row | None, _Row | None]:
    """The page's top and bottom row (None for a page without text; a page of one row has no bottom
    one). By the lines' heights where pypdf gives each line's; else its first and last line."""
    shown = [place for place, line in enumerate(page) if line.text.strip()]
    if not shown:
        return None, None
    heights = [page[place].y for place in shown]
    if all(y is not None for y in heights):
        known = [y for y in heights if y is not None]
        top = [place for place, y in zip(shown, known, strict=True) if y >= max(known) - ROW]
        bottom = [place for place, y in zip(shown, known, strict=True) if y <= min(known) + ROW]
    else:
        top, bottom = shown[:1], shown[-1:]
    if set(top) & set(bottom):
        return _row(page, top), None
    return _row(page, top), _row(page, bottom)


def _row(page: Sequence[PdfLine], places: list[int]) -> _Row:
    lines = [page[place] for place in places]
    return _Row(
        frozenset(places), " ".join(line.text.strip() for line in lines), max(line.size for line in lines)
    )


def _running(rows: Sequence[_Row | None]) -> bool:
    """Whether these rows, one at the same edge of each page, are one running header or footer: on
    every page the same text but for page numbers."""
    if any(row is None for row in rows):
        return False
    texts = [_plain(row.text) for row in rows if row is not None]
    if len({re.sub(r"\d+", "0", text) for text in texts}) != 1:
        return False
    for numbers in zip(*(re.findall(r"\d+", text) for text in texts), strict=True):
        values = [int(number) for number in numbers]
        if len(set(values)) > 1 and any(b != a + 1 for a, b in itertools.pairwise(values)):
            return False
    return True


def _printed(row: _Row, title: str, body: float) -> bool:
    """Whether a page's edge row is what a browser prints there (see the module's docstring);
    ``title``: the PDF's metadata title as :func:`_plain` gives it, ``body``: the size of the page's
    other text (0 where unknown)."""
    rest, kinds = _plain(row.text), set()
    found = True
    while rest and found:
        found = False
        for kind, (at_start, at_end) in _ITEMS.items():
            match = at_start.match(rest) or at_end.search(rest)
            if match and _counts(kind, match):
                rest = (rest[: match.start()] + rest[match.end() :]).strip()
                kinds.add(kind)
                found = True
    if not kinds:
        return False
    titled = bool(rest) and _is_title(rest, title)
    if rest and not titled:
        return False
    smaller = 0 < row.size < SMALLER * body
    return "counter" in kinds or titled or smaller


def _counts(kind: str, match: re.Match[str]) -> bool:
    """A page counter's number is at most its total ("3/2" is no page counter); other items hold."""
    if kind != "counter" or match["total"] is None:
        return True
    return 1 <= int(match["number"]) <= int(match["total"])


def _is_title(text: str, title: str) -> bool:
    """Whether ``text`` is the PDF's title, or its start cut with "…" (NFKC: "...") as a browser cuts
    a long one to fit the header."""
    if not title:
        return False
    if text == title:
        return True
    head = text.removesuffix("...").rstrip()
    return head != text and len(head) >= 3 and title.startswith(head)


def _plain(text: str) -> str:
    """``text`` compared as a reader sees it: NFKC (pypdf gives Chromium's "ﬁle://" as the ligature,
    "…" as one character, a narrow space before "AM"), its spaces one each, case folded."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
