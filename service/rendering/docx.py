"""DOCX in and out with python-docx: paragraphs (body and table cells) as blocks, runs as spans.

A paragraph's runs tile its text, each with its own formatting; a hyperlink holds runs of its
own. Writing back changes only the runs' text: styles, run formatting, hyperlink addresses,
tables, images and everything else in the package stay as they were. A run holding more than
text (an image, a field) is kept whole, its text included.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from service.rendering.inline import InlineText, TextBuilder, looks_like_address

_BREAKS = re.compile(r"([\n\t])")
_BREAK_TAGS = {"\n": "br", "\t": "tab"}
_TEXT_PARTS = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "lastRenderedPageBreak"}


@dataclass
class DocxBlock:
    paragraph: Any
    inline: InlineText
    runs: dict[int, Any] = field(default_factory=dict)  # span id -> the run it stands for


def paragraphs(container: Any) -> Iterator[Any]:
    """Every paragraph in reading order: the body's, and each table cell's once (merged cells repeat),
    tables inside cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            seen: dict[int, Any] = {}  # the elements kept alive: a freed proxy's id is used again
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen[id(cell._tc)] = cell._tc
                    yield from paragraphs(cell)


def read_docx(data: bytes) -> tuple[Any, list[DocxBlock]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    blocks = []
    for paragraph in paragraphs(document):
        block = _block(paragraph)
        if block.inline.text:
            blocks.append(block)
    return document, blocks


def _block(paragraph: Any) -> DocxBlock:
    from docx.text.hyperlink import Hyperlink

    builder = TextBuilder()
    runs: dict[int, Any] = {}
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            link = builder.open("a", (("href", item.address or ""),), verbatim=looks_like_address(item.text))
            for run in item.runs:
                _run(builder, runs, run)
            builder.close(link)
        else:
            _run(builder, runs, item)
    return DocxBlock(paragraph, builder.build(), runs)


def _run(builder: TextBuilder, runs: dict[int, Any], run: Any) -> None:
    plain = all(_local(child.tag) in _TEXT_PARTS for child in run._r)
    span = builder.open("run", verbatim=not plain)
    for piece in _BREAKS.split(run.text):  # python-docx reads <w:br/> as "\n", <w:tab/> as "\t"
        if piece in _BREAK_TAGS:
            builder.void(_BREAK_TAGS[piece], spaced=True)
        else:
            builder.text(piece)
    builder.close(span)
    runs[span] = run


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def write_block(block: DocxBlock, translated: InlineText) -> None:
    """Each run gets the translation's text from its start to the next run's start."""
    order = sorted(
        (span for span in translated.spans if span.id in block.runs), key=lambda s: (s.start, s.id)
    )
    text = translated.text
    for i, span in enumerate(order):
        if span.verbatim:
            continue  # kept whole
        start = 0 if i == 0 else span.start
        stop = order[i + 1].start if i + 1 < len(order) else len(text)
        piece = text[start:stop]
        breaks = [s for s in translated.spans if s.parent == span.id and s.tag in _BREAK_TAGS.values()]
        for mark in sorted(breaks, key=lambda s: s.start, reverse=True):  # line breaks and tabs back
            at = min(max(mark.start - start, 0), len(piece))
            char = "\n" if mark.tag == "br" else "\t"
            piece = (
                piece[:at] + char + piece[at + 1 :]
                if piece[at : at + 1] == " "
                else piece[:at] + char + piece[at:]
            )
        block.runs[span.id].text = piece


def save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
