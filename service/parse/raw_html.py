"""The text of a raw HTML block in a Markdown article, read as a page's text is read.

CommonMark passes an HTML block (lines that open with ``<div>``, ``<p>``, ``<h2>``, a comment, ...)
through untouched, and markdown-it gives it as one ``html_block`` token. Its text is the article's
as much as the Markdown around it, so it is read with lxml the way the renderer reads a page
(:func:`service.rendering.html_render.read_html`): each run of inline content is a block of the
kind its element says (:func:`service.parse.pagetext.block_of`: an ``<h2>`` a heading, an ``<li>``
an item, a ``<figcaption>`` a caption), entities decoded and the text of inline tags kept. A
``<pre>`` is a code block. What never is text (``<script>``, ``<style>``, ``<template>``, comments)
gives none. Reading it as the renderer does is what lets the renderer find each stored sentence
in the same block again and put its translation there.

Unlike a page, nothing is left out as navigation or an ad box: an HTML block in Markdown was
written into the article by its author, and there is no extractor deciding what the article is.
"""

from __future__ import annotations

from typing import Any

from service.parse.source_formats import Block, BlockKind


def raw_html_blocks(raw: str) -> list[Block]:
    """The blocks of an HTML block's text, in reading order (none for a comment or a ``<script>``)."""
    from lxml import etree

    from service.parse.pagetext import block_of
    from service.rendering.html_render import read_html

    if not raw.strip():
        return []
    page = read_html(raw)
    runs = {(id(run.owner), run.in_text): run for run in page.runs}
    blocks: list[Block] = []
    inside_pre = 0
    for event, element in etree.iterwalk(page.root, events=("start", "end")):
        if not isinstance(element.tag, str):  # a comment or a processing instruction: no text
            continue
        if str(element.tag) == "pre":
            inside_pre += 1 if event == "start" else -1
            if event == "start" and inside_pre == 1:
                blocks.extend(_code(element))
        # a run starts in an element's own text (at its start) or in the text after it (at its end)
        run = runs.get((id(element), event == "start"))
        if run is not None:
            blocks.append(block_of(run))
    return blocks


def _code(pre: Any) -> list[Block]:
    lines = [line.rstrip() for line in str(pre.text_content()).splitlines() if line.strip()]
    return [Block(lines, BlockKind.CODE)] if lines else []
