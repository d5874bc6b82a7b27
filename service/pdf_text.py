"""A PDF's article text (pypdf) from its text layer, its lines read into paragraphs by their layout
(:func:`reflow`).

pypdf over pdfplumber: pure Python with no further dependencies, maintained, and faster for
plain text extraction; what news text needs of the layout (each line's height on the page, font
size and weight) pypdf's text visitor gives (:mod:`service.pdf_lines`). A PDF without a text layer
(a scan) is refused with a message saying so: there is no OCR here. Every way a PDF can fail to
read is an :class:`InputError` (a 422) that says what to send, a stream that unpacks past
``PDF_MAX_STREAM`` (a decompression bomb) included.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Sequence

from service.errors import InputError
from service.pdf_lines import PdfLine, body_size, page_lines
from service.pdf_running import drop_running_lines
from service.pdf_warnings import pdf_warnings

MIN_CHARS_PER_PAGE = 20  # less text than this per page: no text layer, a scan
PDF_MAX_STREAM = 20_000_000  # a PDF stream that unpacks to more than this: a decompression bomb


def pdf_text(filename: str, data: bytes) -> str:
    """The article text of the PDF ``data`` (uploaded as ``filename``): its pages' paragraphs, one
    blank line between two, without the running headers and footers a browser prints
    (:mod:`service.pdf_running`); :class:`InputError` where it cannot be read or holds no text
    layer."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    if data.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{filename} is a zip archive (a Word .docx?), not a PDF: send it under a name that ends in .docx"
        )
    if b"%PDF-" not in data[:1024]:
        raise InputError(
            f"{filename} is not a PDF (no %PDF- header where a PDF has one): upload the file under "
            "its own kind's name (.txt, .md, .html, .docx) or send its text"
        )
    limit = PDF_MAX_STREAM
    try:
        with pdf_warnings() as warned, apply_configuration(
            maximum_declared_stream_length=limit, zlib_maximum_output_length=limit,
            lzw_maximum_output_length=limit, run_length_maximum_output_length=limit,
            array_based_stream_maximum_output_length=limit, brotli_maximum_output_length=limit,
            image_maximum_buffer_size=limit, stream_decoding_work_maximum_length=4 * limit,
        ):  # fmt: skip
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InputError(f"{filename} is encrypted; send an unprotected copy or its text")
            pages = [page_lines(page) for page in reader.pages]
            title = reader.metadata.title if reader.metadata else None
    except InputError:
        raise
    except LimitReachedError as exc:
        raise InputError(
            f"{filename} unpacks to more than its limits allow ({exc}; a page stream over {limit:,} "
            "bytes is refused, as a decompression bomb would be): send the article's text instead"
        ) from exc
    except Exception as exc:  # pypdf raises assorted errors (and RecursionError) on damaged files
        found = "".join(f"; {warning}" for warning in dict.fromkeys(warned))[:300]  # "EOF marker not found"
        raise InputError(
            f"cannot read {filename} as a PDF ({type(exc).__name__}: {exc}{found}); send its text instead"
        ) from exc
    # a browser's header and footer are not the article; a page of nothing else has no text of its own
    pages = drop_running_lines(pages, title if isinstance(title, str) else "")
    letters = sum(len("".join(line.text.split())) for page in pages for line in page)
    if not pages or letters < MIN_CHARS_PER_PAGE * len(pages):
        raise InputError(
            f"{filename} has no text layer ({letters} characters on {len(pages)} page(s)): it is a scan. "
            "Run OCR on it first (e.g. ocrmypdf) or send the article's text"
        )
    return across_pages([text for text in (reflow(page) for page in pages) if text])


# a paragraph's end: a sentence's last mark, with the quotation mark or bracket that may follow it
_ENDS_PARAGRAPH = re.compile(r"[.!?…:;]['\"“”»«’)\]]*$")
_LIST_MARK = re.compile(r"^(?:[-–—•*·▪►]\s|\d{1,3}[.)]\s)")


def across_pages(pages: list[str]) -> str:
    """The pages' paragraphs, a blank line between each: a paragraph a page break cut in the middle
    of a sentence (the page's last paragraph ends with no sentence mark and runs at least six words,
    so it is no heading) is joined to the next page's first, after a hyphen that ends a word part
    without a space ("Bürger-" / "meister" as "Bürgermeister"; "CDU-" / "Politiker" as "CDU-Politiker")."""
    out: list[str] = []
    for text in pages:
        paragraphs = text.split("\n\n")
        last = out[-1] if out else ""
        if (
            last
            and not _ENDS_PARAGRAPH.search(last)
            and len(last.split()) >= 6
            and not _LIST_MARK.match(paragraphs[0])
        ):
            first = paragraphs.pop(0)
            if last.endswith("-") and first[:1].islower():
                out[-1] = last[:-1] + first
            elif last.endswith("-"):
                out[-1] = last + first
            else:
                out[-1] = f"{last} {first}"
        out.extend(paragraphs)
    return "\n\n".join(out)


def reflow(page: Sequence[PdfLine]) -> str:
    """A PDF page's lines as paragraphs, separated by a blank line: a line-end hyphen joins the word
    again, a line joins the next one unless the layout or the text says a paragraph ends there.

    The layout says so where it is known: a line set in another size or weight than the next (a
    title or a heading over its text: 24 pt bold over 12 pt, as a browser prints ``<h1>``), or a
    gap to the next line larger than the page's line spacing (1.4 times that of its body text,
    scaled to the lines' size; Chromium prints a paragraph's margin so), or the next line set
    higher up (another column). The text says so where a line ends a sentence well short of the
    full line width (a paragraph's last line), or the page has an empty line there."""
    lines = [PdfLine(line.text.strip(), line.y, line.size, line.bold) for line in page]
    width = max((len(line.text) for line in lines), default=0)
    body, pitch = _body_spacing(lines)
    paragraphs: list[str] = []
    current = ""
    previous: PdfLine | None = None
    for line in lines:
        if not line.text:
            if current:
                paragraphs.append(current)
            current, previous = "", None
            continue
        if current and previous is not None and _layout_break(previous, line, body, pitch):
            paragraphs.append(current)
            current = ""
        if current.endswith("-") and line.text[:1].islower():
            current = current[:-1] + line.text
        else:
            current = f"{current} {line.text}".strip()
        previous = line
        if line.text[-1:] in '.!?:"»“”' and len(line.text) < 0.7 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _body_spacing(lines: list[PdfLine]) -> tuple[float, float]:
    """The page's body text size (the size most of its characters are set in) and line spacing (the
    least distance, of at least 0.8 times that size, between two lines of body text one under the
    other: a paragraph's lines are closer than two paragraphs); 0 and 0 where unknown."""
    body = body_size(lines)
    if not body:
        return 0.0, 0.0
    gaps = [
        upper.y - lower.y
        for upper, lower in itertools.pairwise(lines)
        if upper.y is not None and lower.y is not None and upper.size == lower.size == body
        and upper.bold == lower.bold and upper.text and lower.text
        and 0.8 * body <= upper.y - lower.y <= 3 * body
    ]  # fmt: skip
    return body, min(gaps, default=1.2 * body)


def _layout_break(upper: PdfLine, lower: PdfLine, body: float, pitch: float) -> bool:
    """Whether the layout ends a paragraph between two lines of a page (see :func:`reflow`)."""
    if upper.y is None or lower.y is None or upper.size <= 0 or lower.size <= 0 or body <= 0:
        return False
    if abs(upper.size - lower.size) > 0.1 * max(upper.size, lower.size) or upper.bold != lower.bold:
        return True
    gap = upper.y - lower.y
    return gap < -1 or gap > 1.4 * pitch * max(upper.size, lower.size) / body
