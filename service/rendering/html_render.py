"""HTML in and out: the page's runs of inline content as blocks, and the translation written back.

A run is what a browser lays out as one block of text: the text and inline elements between two
block-level elements (``<p>``, ``<li>``, ``<td>``, ``<h2>``, ...), so ``<div>text <b>x</b></div>``
is one too. The page's ``<title>`` is a run. ``<pre>``, scripts, styles, forms and embedded
documents are never runs: they come back as they were. Inline elements become spans; elements
that hold no text of their own (``<br>``, ``<img>``, a ``<script>`` inside a paragraph) are kept
whole and put back where the projection places them, with every attribute.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import html

from service.rendering.inline import InlineText, Span, TextBuilder, looks_like_address

BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
    "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})  # fmt: skip
# Never translated: written back exactly as they came.
KEPT = frozenset({
    "pre", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "textarea", "select", "button", "video", "audio", "picture", "map", "meta", "link", "base", "input",
})  # fmt: skip
VOID = frozenset(["br", "wbr", "img", "area", "hr", "col", "source", "track"])
VERBATIM = frozenset(["code", "kbd", "samp", "var", "tt"])
_DOCUMENT = re.compile(r"<html[\s>]", re.I)
_DOCTYPE = re.compile(r"<!doctype", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HIDDEN_EQUIV = "data-interlinear-http-equiv"  # libxml2 drops <meta http-equiv="Content-Type"> on output
_CHARSET_VALUE = re.compile(r"(charset\s*=\s*)[\w.:-]+", re.I)


@dataclass
class Run:
    """One block of inline content and where it sits in the tree."""

    owner: Any  # the element whose .text (``in_text``) or .tail holds the run's first text
    in_text: bool
    parent: Any
    children: list[Any] = field(default_factory=list)  # the inline elements of the run
    inline: InlineText = field(default_factory=lambda: InlineText(""))
    nodes: dict[int, Any] = field(default_factory=dict)  # span id -> its source element


@dataclass
class HtmlPage:
    root: Any  # the <html> element, or a <div> holding a fragment's parts
    fragment: bool
    doctype: str | None
    runs: list[Run]

    def serialise(self) -> str:
        if not self.fragment:
            hidden = [meta for meta in _charset_metas(self.root) if meta.get("http-equiv") is not None]
            for meta in hidden:  # written under another name, so that it is written at all
                meta.attrib[_HIDDEN_EQUIV] = meta.attrib.pop("http-equiv")
            out = str(html.tostring(self.root, encoding="unicode", doctype=self.doctype or None))
            for meta in hidden:
                meta.attrib["http-equiv"] = meta.attrib.pop(_HIDDEN_EQUIV)
            return out.replace(f"{_HIDDEN_EQUIV}=", "http-equiv=") if hidden else out
        parts = [self.root.text or ""]
        parts.extend(str(html.tostring(child, encoding="unicode", with_tail=True)) for child in self.root)
        return "".join(parts)


def read_html(source: str) -> HtmlPage:
    source = _XML_DECLARATION.sub("", source, count=1)  # XHTML: lxml takes no declaration in text
    if _DOCUMENT.search(source):
        tree = html.document_fromstring(source).getroottree()
        doctype = tree.docinfo.doctype if _DOCTYPE.search(source) else None  # lxml makes one up
        root, fragment = tree.getroot(), False
    else:
        parts = html.fragments_fromstring(source)
        root = html.Element("div")
        if parts and isinstance(parts[0], str):
            root.text = parts.pop(0)
        root.extend(parts)
        fragment, doctype = True, None
    return HtmlPage(root, fragment, doctype, list(_runs(root)))


def _charset_metas(root: Any) -> list[Any]:
    return [
        meta
        for meta in root.iter("meta")
        if meta.get("charset") is not None or "charset" in (meta.get("content") or "").lower()
    ]


def declare_utf8(page: HtmlPage) -> None:
    """The page's charset declaration says UTF-8, as the rendering is written (one that said
    windows-1252 would have a browser read the UTF-8 body wrongly)."""
    for meta in _charset_metas(page.root):
        if meta.get("charset") is not None:
            meta.set("charset", "utf-8")
        else:
            meta.set("content", _CHARSET_VALUE.sub(r"\g<1>utf-8", meta.get("content") or ""))


def _is_element(node: Any) -> bool:
    return isinstance(node.tag, str)


def _is_block(node: Any) -> bool:
    if not _is_element(node):
        return False
    if node.tag in BLOCK:
        return True
    return node.tag not in KEPT and any(_is_element(d) and d.tag in BLOCK for d in node.iterdescendants())


def _runs(element: Any) -> Iterator[Run]:
    if element.tag in KEPT:
        return
    run = Run(element, True, element)
    builder = TextBuilder()
    builder.text(element.text)
    for child in element:
        if _is_block(child):
            yield from _finish(run, builder)
            yield from _runs(child)
            run, builder = Run(child, False, element), TextBuilder()
            builder.text(child.tail)
        else:
            run.children.append(child)
            _inline(child, builder, run.nodes)
            builder.text(child.tail)
    yield from _finish(run, builder)


def _finish(run: Run, builder: TextBuilder) -> Iterator[Run]:
    if builder.has_text:
        run.inline = builder.build()
        yield run


def _inline(node: Any, builder: TextBuilder, nodes: dict[int, Any]) -> None:
    if not _is_element(node) or node.tag in KEPT or node.tag in VOID:
        tag = node.tag if _is_element(node) else "#node"  # comments, processing instructions
        nodes[builder.void(tag, spaced=tag == "br")] = node
        return
    verbatim = node.tag in VERBATIM or (node.tag == "a" and looks_like_address(node.text_content()))
    raw = (("#raw", node.text_content()),) if node.tag in VERBATIM else ()  # code keeps its spacing
    span_id = builder.open(node.tag, (*node.attrib.items(), *raw), verbatim=verbatim)
    nodes[span_id] = node
    builder.text(node.text)
    for child in node:
        _inline(child, builder, nodes)
        builder.text(child.tail)
    builder.close(span_id)


def write_run(run: Run, translated: InlineText) -> None:
    """Replace the run's content in the tree with ``translated`` (its spans from the same run)."""
    parent = run.parent
    index = 0 if run.in_text else parent.index(run.owner) + 1
    for child in run.children:
        parent.remove(child)  # with its tail
    lead, elements = _build(translated, None, 0, len(translated.text), run.nodes)
    if run.in_text:
        parent.text = lead
    else:
        run.owner.tail = lead
    for offset, element in enumerate(elements):
        parent.insert(index + offset, element)


def _build(inline: InlineText, parent: int | None, start: int, end: int,
           nodes: dict[int, Any]) -> tuple[str, list[Any]]:  # fmt: skip
    """Text and elements for ``inline.text[start:end]`` under span ``parent``."""
    gaps, placed = inline.layout(parent, start, end)
    elements = [_element(inline, span, s, e, nodes) for span, s, e in placed]
    for element, tail in zip(elements, gaps[1:], strict=True):
        element.tail = tail or None
    return gaps[0], elements


def _element(inline: InlineText, span: Span, start: int, end: int, nodes: dict[int, Any]) -> Any:
    source = nodes[span.id]
    if span.void:
        element = copy.deepcopy(source)
        element.tail = None
        return element
    element = source.makeelement(source.tag, dict(source.attrib))
    lead, children = _build(inline, span.id, start, end, nodes)
    raw = span.attr("#raw")
    if raw is not None and not children:  # code with nothing inside it: exactly as it was
        lead = raw
    element.text = lead or None
    element.extend(children)
    return element


def run_place(run: Run) -> str:
    """Where a run is: its element's path, and after which child when it follows one."""
    path = str(run.parent.getroottree().getpath(run.parent))
    if run.in_text:
        return path
    return f"{path}, after <{run.owner.tag}> #{run.parent.index(run.owner) + 1}"


def set_language(page: HtmlPage, lang: str) -> None:
    """The page says which language it is now in, where it said which it was in."""
    if not page.fragment and page.root.get("lang") is not None:
        page.root.set("lang", lang)
