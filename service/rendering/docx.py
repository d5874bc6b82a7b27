"""DOCX in and out with python-docx: paragraphs (body and table cells) as blocks, runs as spans.

A paragraph's runs tile its text, each with its own formatting; a hyperlink holds runs of its
own. Writing back changes only the runs' text: styles, run formatting, hyperlink addresses,
tables, images and everything else in the package stay as they were. A run holding more than
text (an image, a field) is kept whole, its text included.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from service.rendering.inline import InlineText, TextBuilder

_TEXT_PARTS = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "lastRenderedPageBreak"}


@dataclass
class DocxBlock:
    paragraph: Any
    inline: InlineText
    runs: dict[int, Any] = field(default_factory=dict)  # span id -> the run it stands for


def paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph in reading order: the body's, and each table cell's once (merged cells repeat)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


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
            link = builder.open("a", (("href", item.address or ""),))
            for run in item.runs:
                _run(builder, runs, run)
            builder.close(link)
        else:
            _run(builder, runs, item)
    return DocxBlock(paragraph, builder.build(), runs)


def _run(builder: TextBuilder, runs: dict[int, Any], run: Any) -> None:
    plain = all(_local(child.tag) in _TEXT_PARTS for child in run._r)
    span = builder.open("run", verbatim=not plain)
    builder.text(run.text)
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
        block.runs[span.id].text = text[start:stop]


def save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
