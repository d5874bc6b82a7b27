"""Markdown in and out: each paragraph and heading as a block, and the translation written back.

Blocks are read with markdown-it (CommonMark, as the parser reads Markdown) and written back over
the source lines they came from, so everything around them (code blocks, raw HTML, tables,
reference definitions, blank lines) stays as it was. A written block keeps its container prefix
(``#``, ``-``, ``1.``, ``>``) and holds the translation on one line, its inline markup rebuilt:
emphasis, strong, links with their URL and title, code spans (verbatim), images, raw inline HTML.
Raw HTML comes back without what runs or loads code (:mod:`.inert`): a ``<script>`` and what it
holds is no text of a sentence and goes, an HTML block or tag loses its event handlers. The text
of an HTML block is read and written as a page's (:mod:`.markdown_html`): each of its runs is a
passage, in its place among the paragraphs.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from service.parse.source_formats import (
    HIDDEN_CONTENT,
    hidden_content_closed,
    hidden_content_closings,
    hidden_content_opened,
)
from service.rendering.inert import ACTIVE_ELEMENTS, inert_fragment, inert_start_tag
from service.rendering.inline import InlineText, Span, TextBuilder, looks_like_address
from service.rendering.markdown_html import HtmlBlock, HtmlRun, html_block, html_runs

_PAIRS = {"em_open": "em", "strong_open": "strong", "link_open": "a", "s_open": "s"}
_CLOSERS = {"em_close", "strong_close", "link_close", "s_close"}
_CONTAINER = re.compile(r"^[ \t]*(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:#{1,6}[ \t]+)?")
_HTML_OPEN = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*?(?<!/)>")
_HTML_CLOSE = re.compile(r"</([A-Za-z][\w-]*)\s*>")
_HTML_VOID = {"br", "wbr", "img", "hr", "input", "source", "track", "area", "col", "embed"}
HIDDEN_OR_ACTIVE = HIDDEN_CONTENT | ACTIVE_ELEMENTS | {"link", "meta"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>&!])")
_LINE_START = re.compile(r"^(?:(#{1,6}|[-+*])(?=\s|$)|(\d{1,9})([.)])(?=\s|$))")


@dataclass
class MarkdownBlock:
    first: int  # first source line (0-based)
    stop: int  # line after the last one written back
    prefix: str
    suffix: str  # an ATX heading's closing hashes
    inline: InlineText


def read_markdown(source: str) -> list[MarkdownBlock | HtmlRun]:
    """The source's passages in reading order: its paragraphs, headings and items, and the runs of
    text of its HTML blocks."""
    tokens = MarkdownIt("commonmark").parse(source)
    lines = source.split("\n")
    blocks: list[MarkdownBlock | HtmlRun] = []
    for opener, token in itertools.pairwise([Token("", "", 0), *tokens]):
        if (html := html_block(token, lines)) is not None:
            blocks.extend(html_runs(html))
            continue
        if token.type != "inline" or opener.map is None or not token.content.strip():
            continue
        first, stop = opener.map
        if opener.type == "heading_open" and opener.markup in ("=", "-"):
            stop -= 1  # a setext heading keeps its underline
        line = lines[first]
        head = token.content.split("\n", 1)[0]
        at = line.find(head) if head else -1
        prefix = line[:at] if at >= 0 else _CONTAINER.match(line).group(0)  # type: ignore[union-attr]
        suffix = ""
        if opener.type == "heading_open" and opener.markup.startswith("#") and at >= 0:
            suffix = line[at + len(head) :]
        inline = _inline(token.children or [])
        if inline.text:
            blocks.append(MarkdownBlock(first, stop, prefix, suffix, inline))
    return blocks


def _inline(children: list[Token]) -> InlineText:
    builder = TextBuilder()
    open_ids: list[int] = []
    html_open: list[tuple[str, int]] = []  # raw inline HTML elements open: (name, span id)
    hidden: tuple[str, list[str]] | None = None  # <script>...</script>: its name and raw parts
    closings = hidden_content_closings(children)
    for index, child in enumerate(children):
        kind = child.type
        if hidden is not None:  # no text of the sentence: kept whole if nothing of it runs
            hidden[1].append(child.content)
            if kind == "html_inline" and hidden_content_closed(child.content, hidden[0]):
                kept = inert_fragment("".join(hidden[1]))
                if kept.strip():
                    builder.void("html", (("raw", kept),))
                hidden = None
            continue
        if kind == "html_inline" and (name := hidden_content_opened(child.content)):
            if closings.get(name, -1) > index:
                hidden = (name, [child.content])
            # else never closed in its paragraph: the tag goes, the text after it is text (escaped)
        elif kind in ("text", "text_special"):
            builder.text(child.content)
        elif kind == "softbreak":  # the source's line breaks stay (a table's rows need them)
            builder.void("softbreak", spaced=True)
        elif kind == "hardbreak":
            builder.void("br", spaced=True)
        elif kind == "code_inline":
            span = builder.open("code", (("markup", child.markup), ("raw", child.content)), verbatim=True)
            builder.text(child.content)
            builder.close(span)
        elif kind in _PAIRS:
            attrs = tuple((k, str(v)) for k, v in child.attrs.items())
            # <https://...> and [https://...](https://...): a link that shows its address keeps it
            address = kind == "link_open" and looks_like_address(_link_text(children, index))
            open_ids.append(builder.open(_PAIRS[kind], (*attrs, ("markup", child.markup)), verbatim=address))
        elif kind in _CLOSERS and open_ids:
            builder.close(open_ids.pop())
        elif kind == "image":  # its alt text is text of the sentence, as the parser reads it
            attrs = tuple((k, str(v)) for k, v in child.attrs.items() if k != "alt")
            image = builder.open("img", attrs)
            builder.text("".join(c.content for c in child.children or []))
            builder.close(image)
        elif kind == "html_inline":
            _html_inline(builder, child.content, html_open)
    return builder.build()


def _link_text(children: list[Token], opening: int) -> str:
    """The text between a link_open and its link_close."""
    parts, depth = [], 0
    for child in children[opening + 1 :]:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            if depth == 0:
                break
            depth -= 1
        parts.append(child.content)
    return "".join(parts)


def _html_inline(builder: TextBuilder, raw: str, open_elements: list[tuple[str, int]]) -> None:
    """``<sup>`` and its ``</sup>`` become one span around what they hold; anything else is kept whole."""
    opening, closing = _HTML_OPEN.fullmatch(raw), _HTML_CLOSE.fullmatch(raw)
    if opening:
        kept = inert_start_tag(raw)
        if kept is None:  # an element that runs or loads code: its tags go, what it holds stays
            return
        raw = kept
    if opening and opening[1].lower() not in _HTML_VOID:
        open_elements.append((opening[1].lower(), builder.open("html", (("raw", raw),))))
    elif closing and open_elements and open_elements[-1][0] == closing[1].lower():
        builder.close(open_elements.pop()[1])
    elif not closing or closing[1].lower() not in HIDDEN_OR_ACTIVE:
        builder.void("html", (("raw", inert_fragment(raw)),))


def to_html(source: str) -> str:
    """Markdown as HTML: CommonMark, with GFM pipe tables as ``<table>`` (the parser reads them as
    tables, so a rendering shows them as tables, not as a paragraph of pipes)."""
    return MarkdownIt("commonmark").enable("table").render(source)


def write_markdown(source: str, blocks: list[tuple[MarkdownBlock | HtmlRun, InlineText]]) -> str:
    """The source with each block's lines replaced by its translation, and its HTML blocks with
    their runs' translations and without what runs or loads code."""
    lines = source.split("\n")
    written: list[tuple[int, int, list[str]]] = []  # (first line, line after, lines in their place)
    touched: dict[int, HtmlBlock] = {}  # first line -> an HTML block a translation was written into
    for block, translated in blocks:
        if isinstance(block, HtmlRun):
            block.write(translated)
            touched[block.block.first] = block.block
    for html in _html_blocks(source):
        raw = touched.get(html.first, html).serialise()
        kept = inert_fragment(raw)
        if kept != html.raw:  # written inside its container: the first line after its prefix, the rest after
            continuation = re.sub(r"[^>\s]", " ", html.prefix)  # the prefix's quote marks, or its indent
            kept_lines = kept.rstrip("\n").split("\n") if kept.strip() else [""]
            rest = [continuation + line for line in kept_lines[1:]]
            written.append((html.first, html.stop, [html.prefix + kept_lines[0], *rest]))
    for block, translated in blocks:
        if isinstance(block, HtmlRun):
            continue
        continuation = re.sub(r"[^>\s]", " ", block.prefix)
        # a line of the block starts after its container's prefix, not after a stray space
        body = re.sub(
            "\n" + re.escape(continuation) + " +", "\n" + continuation, to_markdown(translated, continuation)
        )
        if not block.prefix.strip() or block.prefix.lstrip().startswith(">"):
            body = _escape_start(body)
        written.append((block.first, block.stop, [block.prefix + body + block.suffix]))
    for first, stop, replacement in sorted(written, key=lambda item: item[0], reverse=True):
        lines[first:stop] = replacement
    return "\n".join(lines)


def _html_blocks(source: str) -> list[HtmlBlock]:
    """Each HTML block of the source: its lines, the prefix of its container (a list item's indent,
    a quote's ``>``) and its raw HTML."""
    lines = source.split("\n")
    tokens = MarkdownIt("commonmark").parse(source)
    return [block for token in tokens if (block := html_block(token, lines)) is not None]


def to_markdown(inline: InlineText, continuation: str = "") -> str:
    return _render(inline, None, 0, len(inline.text), continuation)


def _render(inline: InlineText, parent: int | None, start: int, end: int, continuation: str) -> str:
    gaps, placed = inline.layout(parent, start, end)
    out = [_escape(gaps[0])]
    for (span, s, e), gap in zip(placed, gaps[1:], strict=True):
        out.extend((_span(inline, span, s, e, continuation), _escape(gap)))
    return "".join(out)


def _span(inline: InlineText, span: Span, start: int, end: int, continuation: str) -> str:
    attr = dict(span.attrs)
    if span.tag == "br":
        return "\\\n" + continuation
    if span.tag == "softbreak":
        return "\n" + continuation
    if span.tag == "img":
        title = f' "{attr["title"]}"' if attr.get("title") else ""
        alt = _render(inline, span.id, start, end, continuation).strip()
        return f"![{alt}]({_destination(attr.get('src', ''))}{title})"
    if span.tag == "html" and span.void:
        return attr.get("raw", "")
    if span.tag == "code":
        return _code(attr.get("raw", inline.text[start:end]))
    inner = _render(inline, span.id, start, end, continuation)
    stripped = inner.strip()
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    if span.tag == "html":  # an inline HTML element around text
        name = _HTML_OPEN.fullmatch(attr["raw"])[1]  # type: ignore[index]
        return f"{attr['raw']}{inner}</{name}>"
    if span.tag == "a":
        if attr.get("markup") == "autolink":
            return f"{lead}<{attr.get('href', '')}>{trail}"
        title = ' "' + attr["title"].replace('"', '\\"') + '"' if attr.get("title") else ""
        return f"{lead}[{stripped}]({_destination(attr.get('href', ''))}{title}){trail}"
    if not stripped:
        return inner  # emphasis around nothing cannot be written
    mark = {"em": "*", "strong": "**", "s": "~~"}.get(span.tag, "")
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _code(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _destination(href: str) -> str:
    return f"<{href}>" if re.search(r"[\s()<>]", href) else href


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _escape_start(line: str) -> str:
    """A line that would open a heading or a list item, escaped to stay a paragraph."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line, count=1)


def escape_line(text: str) -> str:
    """Plain text as one Markdown line that reads back as exactly that text."""
    return _escape_start(_escape(text))
