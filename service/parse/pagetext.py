"""A page's text as the renderer reads it, and what of it is the article.

trafilatura finds an article's main text, but it reads markup its own way: it drops captions
(``<figcaption>``), text in ``div``\\ s without ``<p>``, tables it cannot lay out, embedded posts.
The renderer reads every run of inline content (:mod:`service.rendering.html_render`). Here the two are
reconciled: a run the extractor left out that is not page furniture (navigation, forms, runs of
links alone, ads, share and newsletter boxes) is added where it stands, so no article text is
dropped silently; and the same definition of furniture tells the rendering scan what may stay.
"""

from __future__ import annotations

import re
from typing import Any

from service.parse.source_formats import Block, BlockKind

_FORM_PARTS = frozenset({"form", "button", "select", "label"})
_NAVIGATION = frozenset({"nav", "aside", "menu"})
_CAPTION_TAGS = frozenset({"figcaption", "caption"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# class or id words of boxes that are not the article: ads, share and newsletter boxes, comments
_FURNITURE_WORDS = frozenset({
    "ad", "ads", "advert", "advertisement", "anzeige", "werbung", "sponsor", "sponsored", "promo",
    "newsletter", "cookie", "consent", "share", "sharing", "social", "related", "recommended",
    "recommendations", "comments", "paywall", "outbrain", "taboola", "breadcrumb", "breadcrumbs",
    "pagination", "skiplink", "sidebar", "widget", "banner", "subscribe", "subscription", "signup",
    "login", "cmp", "navigation", "nav", "menu", "toolbar",
})  # fmt: skip
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog"})
_CAPTION_WORDS = ("caption", "bildunterschrift", "bu", "legend", "image-text", "credit")
_CLASS_WORD = re.compile(r"[a-z0-9]+")
_IGNORABLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero widths
MIN_SHORT_CHARS = 15  # a shorter extracted block explains a run only when it is the whole run


def comparable(text: str) -> str:
    """Text as both readings compare it: whitespace collapsed, soft hyphens and zero widths gone."""
    return " ".join(text.translate(_IGNORABLE).split())


def _words_of(element: Any) -> set[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return set(_CLASS_WORD.findall(names))


def _chain(run: Any) -> list[Any]:
    return [run.parent, *run.parent.iterancestors()]


def is_furniture(run: Any) -> bool:
    """Not the article: the page's navigation (``<nav>``, ``<aside>``, ``<menu>``, a ``<header>`` or
    ``<footer>`` outside ``<article>``/``<main>``), forms, a box of ads, sharing, newsletters or
    comments (told by its class or id), a run of links alone (a menu written without ``<nav>``)."""
    chain = _chain(run)
    tags = [str(element.tag) for element in chain]
    if any(tag in _FORM_PARTS or tag in _NAVIGATION for tag in tags):
        return True
    for index, tag in enumerate(tags):
        if tag in ("header", "footer") and not any(t in ("article", "main") for t in tags[index + 1 :]):
            return True
    if any(_words_of(box) & _FURNITURE_WORDS or box.get("role") in _FURNITURE_ROLES for box in _boxes(chain)):
        return True
    return _links_only(run)


def _boxes(chain: list[Any]) -> list[Any]:
    """The elements around a run that may be a box of their own: those inside the article
    (``<article>``, ``<main>``, ``<body>``), and none that holds the headline (a wrapper's class,
    "has-sidebar" on the page's outer ``div``, says nothing about the article in it)."""
    boxes = []
    for element in chain:
        if str(element.tag) in ("article", "main", "body", "html") or element.find(".//h1") is not None:
            break
        boxes.append(element)
    return boxes


def _links_only(run: Any) -> bool:
    def letters(text: str) -> int:
        return sum(ch.isalpha() for ch in text)

    linked = sum(letters(child.text_content()) for child in run.children if str(child.tag) == "a")
    return linked > 0 and linked >= letters(run.inline.text)


def is_caption(run: Any) -> bool:
    """A figure's or table's caption: ``<figcaption>``, ``<caption>``, or a caption class."""
    for element in _chain(run):
        if str(element.tag) in _CAPTION_TAGS:
            return True
        names = f"{element.get('class') or ''}".lower()
        if any(word in _CLASS_WORD.findall(names) for word in _CAPTION_WORDS) or "caption" in names:
            return True
        if str(element.tag) in ("figure", "article", "main", "body"):
            return False
    return False


def declared_lang(run: Any) -> str | None:
    """The language an element around the run declares (``<p lang="en">``), not the page's own
    (``<html lang>``): a quoted post in another language."""
    for element in _chain(run):
        if str(element.tag) == "html":
            return None
        code = element.get("lang") or element.get("{http://www.w3.org/XML/1998/namespace}lang")
        if code:
            return code.split("-")[0].strip().lower() or None
    return None


def block_of(run: Any) -> Block:
    """A run as a parser block of the kind its element says."""
    text = comparable(run.inline.text)
    tags = [str(element.tag) for element in _chain(run)]
    lang = declared_lang(run)
    if tags[0] in _HEADINGS:
        return Block([text], BlockKind.HEADING, int(tags[0][1]), lang)
    if is_caption(run):
        return Block([text], BlockKind.CAPTION, lang=lang)
    if tags[0] in ("td", "th"):
        return Block([text], BlockKind.CELL, lang=lang)
    return Block([text], BlockKind.ITEM if tags[0] == "li" else BlockKind.PARAGRAPH, lang=lang)


def article_runs(html: str, furniture: bool = False) -> list[Any]:
    """The runs of the page that may be article text: not ``<title>``, not furniture (with
    ``furniture``, those too)."""
    from service.rendering.html_render import read_html

    return [
        run
        for run in read_html(html).runs
        if str(run.parent.tag) != "title" and run.inline.text and (furniture or not is_furniture(run))
    ]


def page_blocks(html: str) -> list[Block]:
    """Every run of article text as a block (a page too short for trafilatura to find its text)."""
    return [block_of(run) for run in article_runs(html)]


def reconcile(blocks: list[Block], html: str) -> list[Block]:
    """The extractor's blocks as the page's runs are: each run of article text it left out added
    where it stands, a block it made of several runs (a list item holding a heading and a paragraph)
    cut into them, and each caption marked as one."""
    texts = [comparable(block.text) for block in blocks]
    added: dict[int, list[Block]] = {}
    held: dict[int, list[Any]] = {}  # extracted block -> the whole runs it holds
    last = -1  # the extracted block the previous run was found in
    runs = article_runs(html, furniture=True)
    furniture = {comparable(run.inline.text) for run in runs if is_furniture(run)}
    for run in (run for run in runs if not is_furniture(run)):
        text = comparable(run.inline.text)
        found = _covering(texts, text, last)
        if found is not None:
            last = found
            held.setdefault(found, []).append(run)
            if texts[found] == text:
                if is_caption(run) and blocks[found].kind is not BlockKind.HEADING:
                    blocks[found].kind = BlockKind.CAPTION
                blocks[found].lang = declared_lang(run)
            continue
        template = block_of(run)
        for piece in _uncovered(text, texts):
            added.setdefault(last + 1, []).append(
                Block([piece], template.kind, template.level, template.lang)
            )
    out: list[Block] = []
    for index, block in enumerate([*blocks, None]):
        out.extend(added.get(index, []))
        if block is None:
            continue
        runs = held.get(index, [])
        if not runs and texts[index] in furniture:
            continue  # a menu or a box the extractor took for text (a link list in a table cell)
        parts = [comparable(run.inline.text) for run in runs]
        if len(runs) > 1 and not _uncovered(texts[index], parts, whole=True):
            out.extend(block_of(run) for run in runs)  # the runs it is made of, each its own block
        else:
            out.append(block)
    return out


def _covering(texts: list[str], text: str, after: int) -> int | None:
    """The extracted block that holds the whole run, looked for from the last one found on."""
    order = [*range(max(after, 0), len(texts)), *range(0, max(after, 0))]
    if len(text) < MIN_SHORT_CHARS:  # "2025", "Berlin": the block it is, not a word of another
        return next((i for i in order if text == texts[i]), None)
    return next((i for i in order if text in texts[i]), None)


def _uncovered(text: str, texts: list[str], whole: bool = False) -> list[str]:
    """The parts of a run that no extracted block holds (a run of several extracted lines, as a
    paragraph of ``<br>``-separated lines is, has none); ``whole``: any of ``texts``, however short."""
    spans: list[tuple[int, int]] = []
    for block in sorted(set(texts), key=len, reverse=True):
        if not block or (not whole and len(block) < MIN_SHORT_CHARS and block != text):
            continue
        start = text.find(block)
        while start >= 0:
            spans.append((start, start + len(block)))
            start = text.find(block, start + len(block))
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if start > cursor:
            pieces.append(text[cursor:start])
        cursor = max(cursor, end)
    pieces.append(text[cursor:])
    return [p.strip() for p in pieces if sum(ch.isalpha() for ch in p) >= 3]
