"""Raw HTML blocks of a Markdown source: their runs of text as passages, and the translation written in.

An HTML block (lines that open with ``<div>``, ``<p>``, ``<h2>``, ...) is passed through by
Markdown as it is, so its text is read as an HTML page's is (:func:`.html_render.read_html`, the
reading the parser uses too: :mod:`service.parse.raw_html`): each run of inline content is a
passage, and a translated run is written into the block's tree (:func:`.html_render.write_run`),
which goes back in the block's place, without what runs or loads code (:mod:`.inert`). A block
none of whose runs is translated comes back as it was (its source text, byte for byte).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from service.rendering import html_render
from service.rendering.inline import InlineText

_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")


@dataclass
class HtmlBlock:
    first: int  # first source line (0-based)
    stop: int  # line after its last
    prefix: str  # its container's prefix on its first line (a list item's indent, a quote's ">")
    raw: str  # its HTML, without the container's prefixes
    page: html_render.HtmlPage | None = None  # read when its runs are wanted
    changed: bool = False  # a run of it holds a translation

    def serialise(self) -> str:
        """Its HTML as it is now: the source's where nothing was written into it."""
        if not self.changed or self.page is None:
            return self.raw
        out = self.page.serialise()
        if not _BLANK_LINE.search(self.raw):  # a blank line would end the block in Markdown
            out = _BLANK_LINE.sub("", out)
        return out.rstrip("\n")


@dataclass
class HtmlRun:
    """One run of an HTML block's text: a passage of the Markdown source like a paragraph."""

    block: HtmlBlock
    run: html_render.Run

    @property
    def inline(self) -> InlineText:
        return self.run.inline

    def write(self, translated: InlineText) -> None:
        if translated.text == self.inline.text:
            return  # nothing translated in it: the block keeps its source text as it was written
        html_render.write_run(self.run, translated)
        self.block.changed = True


def html_block(token: Token, lines: list[str]) -> HtmlBlock | None:
    """An ``html_block`` token as a block of the source's lines; None for another token."""
    if token.type != "html_block" or token.map is None:
        return None
    first, stop = token.map
    head = token.content.split("\n", 1)[0]
    at = lines[first].find(head) if head else -1
    prefix = lines[first][:at] if at >= 0 else ""
    return HtmlBlock(first, stop, prefix, token.content.rstrip("\n"))


def html_runs(block: HtmlBlock) -> list[HtmlRun]:
    """The runs of text of an HTML block, in reading order (none in a comment or a ``<script>``)."""
    if not block.raw.strip():
        return []
    block.page = html_render.read_html(block.raw)
    return [HtmlRun(block, run) for run in block.page.runs]
