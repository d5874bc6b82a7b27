"""Turn raw input (scraped plain text, Markdown or HTML) into blocks of text lines.

A block is what the source separates visually: a paragraph, a heading, a list item, or a run
of lines with no blank line between them. Markup gives us a block's kind; plain text does not,
and the structure step infers it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from service.errors import InputError


class SourceFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class BlockKind(StrEnum):
    UNKNOWN = "unknown"  # plain text: decided later from the lines themselves
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # a list item
    CODE = "code"  # a code block: never translated
    CELL = "cell"  # a table cell: body text wherever it stands and however short
    CAPTION = "caption"  # a figure's or table's caption (<figcaption>, a caption class): its own block


@dataclass
class Block:
    lines: list[str]
    kind: BlockKind = BlockKind.UNKNOWN
    level: int = 0  # heading level for Markdown/HTML headings
    lang: str | None = None  # the language the markup declares for it (HTML lang="en" on a quote)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class SourceMetadata:
    """Metadata the markup itself declares (HTML <meta>, <title>); empty for plain text."""

    title: str | None = None
    date: dt.date | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    page_title: str | None = None  # an HTML page's <title>, as it stands (a site name with it)


# libxml2 drops elements nested deeper than 255 levels: text there would be lost silently.
HTML_MAX_DEPTH = 250

_HTML_HINT = re.compile(r"<(!doctype|html|head|body|article|main|div|p|h[1-6]|section|span)\b", re.I)
_MARKDOWN_HINT = re.compile(r"^(#{1,6}\s|```|[-*+]\s|\d+\.\s|>\s)|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*", re.M)


# a page or a fragment of one: it opens with a tag (or a doctype, a comment) or names the page's parts
_HTML_PAGE = re.compile(r"^\s*<|<(!doctype|html|head|body)\b", re.I)


def detect_format(text: str) -> SourceFormat:
    """The format of a text sent without one: HTML where it is a page or opens with a tag;
    Markdown where it has a Markdown heading line or three of Markdown's marks, even with HTML
    blocks inside (``<div class="note">…</div>`` between its paragraphs); HTML where it has tags of
    a page's blocks; else plain text."""
    head = text[:5000]
    if _HTML_PAGE.search(head):
        return SourceFormat.HTML
    if re.search(r"^#{1,6}\s+\S", text, re.M) or len(_MARKDOWN_HINT.findall(text)) >= 3:
        return SourceFormat.MARKDOWN
    if _HTML_HINT.search(head):
        return SourceFormat.HTML
    return SourceFormat.TEXT


def text_blocks(text: str) -> list[Block]:
    """Plain text: blank lines separate blocks; each non-blank line is kept exactly (stripped)."""
    blocks: list[Block] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(Block(current))
            current = []
    if current:
        blocks.append(Block(current))
    return blocks


def markdown_blocks(text: str, rows_are_tables: bool = False) -> list[Block]:
    """Markdown: headings, paragraphs and list items, with inline markup removed; the text of a raw
    HTML block as its elements say (:mod:`service.parse.raw_html`).

    ``rows_are_tables``: lines that all open and close with a pipe are a table even without a rule
    under a head (trafilatura writes an HTML table without ``<th>`` so); in Markdown as people
    write it (GFM) such lines are text."""
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[Block] = []
    in_item = 0
    heading_level = 0
    for token in tokens:
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline":
            if not heading_level and _is_table(token.content, rows_are_tables):
                blocks.extend(_table_cells(token.content))
                continue
            lines = [line.strip() for line in _inline_text(token).splitlines() if line.strip()]
            if not lines:
                continue
            if heading_level:
                blocks.append(Block([" ".join(lines)], BlockKind.HEADING, heading_level))
            else:
                blocks.append(Block(lines, BlockKind.ITEM if in_item else BlockKind.PARAGRAPH))
        elif token.type == "html_block":
            from service.parse.raw_html import raw_html_blocks

            for block in raw_html_blocks(token.content):
                if in_item and block.kind is BlockKind.PARAGRAPH:
                    block.kind = BlockKind.ITEM  # a paragraph of a list item, as Markdown's own are
                blocks.append(block)
        elif token.type in ("fence", "code_block") and token.content.strip():
            lines = [line for line in token.content.strip().splitlines() if line.strip()]
            blocks.append(Block(lines, BlockKind.CODE))
    return blocks


_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


def _is_table(raw: str, rows_are_tables: bool = False) -> bool:
    """A pipe table (GFM; trafilatura writes HTML tables so): rows in pipes, a rule under the head;
    with ``rows_are_tables``, rows in pipes alone."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    if not lines or not all(line.startswith("|") for line in lines):
        return False
    if rows_are_tables:
        return all(len(line) > 1 and line.endswith("|") for line in lines)
    return len(lines) >= 2 and any(_TABLE_RULE.match(line) for line in lines)


def _table_cells(raw: str) -> list[Block]:
    """Each cell of a pipe table a block of its own: the model never sees the pipes."""
    blocks = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or _TABLE_RULE.match(line):
            continue
        for cell in _CELL_SEPARATOR.split(line.strip("|")):
            inline = MarkdownIt("commonmark").parseInline(cell.strip().replace("\\|", "|"))
            text = " ".join(_inline_text(inline[0]).split()) if inline else ""
            if text:
                blocks.append(Block([text], BlockKind.CELL))
    return blocks


# Inline raw HTML whose content is no text of the article: code, styles, embedded documents.
HIDDEN_CONTENT = frozenset({
    "script", "style", "iframe", "object", "applet", "template", "noembed", "frameset",
})  # fmt: skip
_RAW_OPEN = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*?(?<!/)>")
_RAW_CLOSE = re.compile(r"</([A-Za-z][\w-]*)\s*>")


def hidden_content_opened(raw: str) -> str | None:
    """The name of the element ``raw`` opens when what it holds is no text (``<script>``)."""
    opening = _RAW_OPEN.fullmatch(raw.strip())
    return opening[1].lower() if opening and opening[1].lower() in HIDDEN_CONTENT else None


def hidden_content_closed(raw: str, name: str) -> bool:
    closing = _RAW_CLOSE.fullmatch(raw.strip())
    return bool(closing and closing[1].lower() == name)


def hidden_content_closings(children: list[Token]) -> dict[str, int]:
    """Where in a paragraph's inline tokens each element whose content is no text is closed last.

    An element opened after its last closing (``<script>`` and no ``</script>`` before the
    paragraph ends) hides nothing: its tag goes and the text after it is text, read and translated
    (it swallowed the rest of its paragraph)."""
    last: dict[str, int] = {}
    for index, child in enumerate(children):
        closing = _RAW_CLOSE.fullmatch(child.content.strip()) if child.type == "html_inline" else None
        if closing and closing[1].lower() in HIDDEN_CONTENT:
            last[closing[1].lower()] = index
    return last


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    hidden: str | None = None  # inside <script>...</script>: neither read nor translated
    children = token.children or []
    closings = hidden_content_closings(children)
    for index, child in enumerate(children):
        if hidden is not None:
            if child.type == "html_inline" and hidden_content_closed(child.content, hidden):
                hidden = None
            continue
        if child.type == "html_inline":
            name = hidden_content_opened(child.content)
            hidden = name if name is not None and closings.get(name, -1) > index else None
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":  # a wrapped line: a space, as Markdown and HTML render it
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)  # the alt text is the caption
    return "".join(parts)


def html_blocks(html: str) -> tuple[list[Block], SourceMetadata]:
    """HTML: trafilatura finds the main text (dropping navigation, ads, footers) as Markdown."""
    import trafilatura

    root = _tree(html)  # one parse for the depth check and the <pre> blocks
    if html_depth(root) >= HTML_MAX_DEPTH:
        raise InputError(
            f"the HTML nests elements {HTML_MAX_DEPTH} or more levels deep, too deep to read its text; "
            "submit the article as plain text or Markdown instead"
        )
    page = _without_navigation(root, html)  # one reading of what is navigation, for both paths below
    try:
        extracted = trafilatura.extract(
            page,
            output_format="markdown",
            include_comments=False,
            include_tables=True,
            include_images=False,
            favor_recall=True,
        )
        # its date is not used (see below): no extensive search of the text for one
        raw_meta = trafilatura.extract_metadata(html, extensive=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken input
        raise InputError(
            f"could not read the HTML ({exc}); submit the article as plain text instead"
        ) from exc
    from service.parse.page_dates import published_date
    from service.parse.pagetext import page_blocks, reconcile

    # trafilatura finds no main text in a very short page (one <p>): then all of its text is the
    # article; otherwise what it left out of the article's runs (captions, div-only text) is added
    blocks = (
        reconcile(markdown_blocks(extracted, rows_are_tables=True), page)
        if extracted and extracted.strip()
        else page_blocks(page)
    )
    if not blocks:
        raise InputError(
            "no article text found in the HTML (navigation, links and forms are not the article); "
            "submit the article's page or its text"
        )
    code = _preformatted(root)
    for block in blocks:
        if " ".join(block.text.split()) in code:
            block.kind = BlockKind.CODE
    metadata = SourceMetadata()
    if root is not None:
        metadata.page_title = " ".join((root.findtext(".//title") or "").split()) or None
    # only a date the page declares (meta tags, JSON-LD, <time> in the article's header, the canonical
    # URL): trafilatura's, found by htmldate, may be a year in the text ("aus dem Jahr 1998")
    metadata.date = published_date(root)
    if raw_meta is not None:
        metadata.title = raw_meta.title or None
        metadata.categories = [c for c in (raw_meta.categories or []) if c]
        metadata.tags = [t for t in (raw_meta.tags or []) if t]
    return blocks, metadata


def _without_navigation(root: Any | None, html: str) -> str:
    """The page without its navigation (``<nav>``, ``<aside>``, ``<menu>``, and ``<header>`` and
    ``<footer>`` outside ``<article>``/``<main>``): on a page with little text, trafilatura (set to
    favour recall) took a menu for the article."""
    from lxml import etree

    if root is None:
        return html
    dropped = False
    for element in root.xpath("//nav | //aside | //menu | //header | //footer"):
        if str(element.tag) in ("header", "footer") and any(
            str(a.tag) in ("article", "main") for a in element.iterancestors()
        ):
            continue
        parent = element.getparent()
        if parent is None:
            continue
        if element.tail:  # the text after the element stays where it was
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)
        dropped = True
    return str(etree.tostring(root, encoding="unicode", method="html")) if dropped else html


def _tree(html: str) -> Any | None:
    """The page parsed by lxml's HTML parser, or None where it cannot be (trafilatura reports why)."""
    from lxml import etree
    from lxml.html import HTMLParser

    try:
        return etree.fromstring(html.encode("utf-8", "replace"), HTMLParser(encoding="utf-8"))
    except (etree.LxmlError, ValueError):
        return None


def _preformatted(root: Any | None) -> set[str]:
    """The text of the page's ``<pre>`` blocks (trafilatura passes them on as plain lines)."""
    if root is None:
        return set()
    return {" ".join(pre.xpath("string()").split()) for pre in root.iter("pre")}


def html_depth(root: Any | None) -> int:
    """How deeply the parsed HTML nests its elements (the parser stops at 255)."""
    from lxml import etree

    if root is None:
        return 0
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest
