"""Uploaded files as article text: .txt, .md, .html as they are; .docx (python-docx) as Markdown
with its headings, list items and table cells; .pdf (pypdf) from its text layer, its lines read
into paragraphs by their layout (:func:`reflow`).

pypdf over pdfplumber: pure Python with no further dependencies, maintained, and faster for
plain text extraction; what news text needs of the layout (each line's height on the page, font
size and weight) pypdf's text visitor gives. A PDF without a text layer (a scan) is refused with a
message saying so: there is no OCR here.

Every way a file can fail to read is an :class:`InputError` (a 422) that says what to send: a
damaged or truncated file, the wrong kind behind the name, a library's own exception, and the
resource limits set here (a PDF stream that unpacks past ``PDF_MAX_STREAM``, a .docx past
``MAX_UNPACKED``). A .docx with a document type declaration (``<!DOCTYPE``, entities) is refused:
Word never writes one, python-docx leaves entities unexpanded, and the text that used them would
be lost without a word.
The text of a .docx is what is parsed and translated; the file itself is kept with the document,
and rendering writes the translation into its runs (:mod:`service.rendering.docx`).
"""

from __future__ import annotations

import io
import itertools
import math
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from service.errors import InputError
from service.parse import decode_text, not_utf8
from service.rendering.docx import paragraphs
from service.rendering.markdown import escape_line
from service.storage.files import SourceUpload

if TYPE_CHECKING:
    from docx.table import Table
    from pypdf import PageObject

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
DOCX = ".docx"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = ".pdf"
SUFFIXES = (*TEXT_SUFFIXES, DOCX, PDF)
MAX_UNPACKED = 50_000_000  # a .docx is a zip: refuse one that unpacks to more than this (a zip bomb)
MIN_CHARS_PER_PAGE = 20  # less text than this per page: no text layer, a scan
PDF_MAX_STREAM = 20_000_000  # a PDF stream that unpacks to more than this: a decompression bomb
# The first bytes of files that are not text, what they are, and the name to upload them under: a
# PDF or a .docx renamed .txt decodes as text (its markup was stored as the article's sentences).
# "{send}" is how the file is given: "upload" (the API, the pages) or "pass" (the CLI).
_NOT_TEXT = (
    (b"%PDF-", "a PDF", "send it under a name that ends in .pdf"),
    (b"PK\x03\x04", "a zip archive (a Word .docx?)", "send it under a name that ends in .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (a Word .doc?)",
     "save it as .docx and {send} that"),
    (b"{\\rtf", "an RTF file", "save it as .docx and {send} that"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "send the article's text"),
    (b"\xff\xd8\xff", "a JPEG image", "send the article's text"),
    (b"GIF8", "a GIF image", "send the article's text"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and {send} the article's file"),
)  # fmt: skip
# a DTD in any of the .docx's XML parts, in UTF-8 or UTF-16 (python-docx reads either)
_DTD_MARKS = tuple(mark.encode(codec) for mark in ("<!DOCTYPE", "<!ENTITY") for codec in
                   ("ascii", "utf-16-le", "utf-16-be"))  # fmt: skip


@dataclass(frozen=True)
class Upload:
    text: str
    format: str  # text | markdown | html, as the parser takes it
    original: SourceUpload | None = None  # the file, where rendering needs more than its text


def read_upload(filename: str, data: bytes, text_by_default: bool = False) -> Upload:
    """The article in an uploaded file; :class:`InputError` saying what to send instead.

    The API's and the pages' uploads, and the CLI's files. With ``text_by_default`` (the CLI, which
    reads a file of any name as text) a name with none of :data:`SUFFIXES` is read as a text file,
    its first bytes checked the same way, instead of refused."""
    suffix = PurePath(filename).suffix.lower()
    send = "pass" if text_by_default else "upload"  # the CLI passes a file, a client uploads one
    if not data:
        raise InputError(f"{filename} is empty; {send} a file with the article's text")
    if suffix in TEXT_SUFFIXES or (text_by_default and suffix not in (DOCX, PDF)):
        head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()
        named = suffix if suffix in TEXT_SUFFIXES else "text"  # "x.doc is ..., not a text file"
        for magic, kind, what_to_do in _NOT_TEXT:
            if head.startswith(magic):
                raise InputError(f"{filename} is {kind}, not a {named} file: {what_to_do.format(send=send)}")
        kind = TEXT_SUFFIXES.get(suffix, "text")
        try:
            return Upload(decode_text(data), kind)
        except UnicodeDecodeError as exc:  # the <meta charset> advice for a page only
            raise InputError(not_utf8(exc, filename, html=kind == "html")) from exc
    if suffix == DOCX:
        original = SourceUpload(PurePath(filename).name[-300:], DOCX_MEDIA_TYPE, data)
        return Upload(_docx_markdown(filename, data), "markdown", original)
    if suffix == PDF:
        return Upload(_pdf_text(filename, data), "text")
    raise InputError(f"{filename}: upload a {', '.join(SUFFIXES)} file")


def _docx_markdown(filename: str, data: bytes) -> str:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_UNPACKED:
                raise InputError(
                    f"{filename} unpacks to {unpacked:,} bytes, over {MAX_UNPACKED:,}; send its text instead"
                )
            declared = [m.filename for m in members if m.filename.endswith((".xml", ".rels")) and
                        _declares_dtd(archive.read(m))]  # fmt: skip
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError,
            OSError) as exc:  # fmt: skip
        raise InputError(
            f"{filename} is not a .docx file (not a zip archive, or a damaged one: {exc}); "
            "save it again as .docx"
        ) from exc
    if declared:
        raise InputError(
            f"{filename} declares a document type or entities (<!DOCTYPE/<!ENTITY in {declared[0]}), which "
            "Word never writes and which are not read here (their text would be lost): save it again "
            "from Word or LibreOffice as .docx, or send its text"
        )
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        has_title = any(_style(p) == "title" for p in document.paragraphs)
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.append(_table(item))
                continue
            block = _paragraph(item, title=not has_title and not any(b.startswith("# ") for b in blocks))
            blocks.append(block)
        blocks = [block for block in blocks if block]
    except Exception as exc:  # python-docx and lxml raise assorted errors on damaged files
        raise InputError(
            f"cannot read {filename} as a Word document ({type(exc).__name__}); save it again as .docx "
            "or send its text"
        ) from exc
    if not blocks:
        raise InputError(f"{filename} holds no text")
    if blocks[0].startswith("## ") and not any(block.startswith("# ") for block in blocks):
        # No Title style: a Heading 1 that opens the document is its title (it was "(untitled)").
        blocks[0] = blocks[0][1:]
    return "\n\n".join(blocks)


def _declares_dtd(xml: bytes) -> bool:
    """A ``<!DOCTYPE`` or ``<!ENTITY`` in an XML part (in text, XML escapes ``<``: it is markup)."""
    return any(mark in xml for mark in _DTD_MARKS)


def _style(paragraph: object) -> str:
    return (getattr(getattr(paragraph, "style", None), "name", "") or "").lower()


def _paragraph(paragraph: object, title: bool = False) -> str:
    """A paragraph as a Markdown line: Title is the title (``#``), Heading N a heading under it; in a
    document without a Title, its first Heading 1 is the title (``title``)."""
    text = escape_line(" ".join(getattr(paragraph, "text", "").split()))
    if not text:
        return ""
    style = _style(paragraph)
    if style == "title" or (title and style == "heading 1"):
        return f"# {text}"
    if style.startswith("heading"):
        level = style.removeprefix("heading").strip()
        depth = int(level) + 1 if level.isdigit() else 2  # "Heading 1" under the title
        return f"{'#' * min(depth, 6)} {text}"
    if style.startswith("list"):
        return f"- {text}"
    return text


def _table(table: Table) -> str:
    """A Word table as a Markdown pipe table: the parser reads each cell as a block of its own (no
    cell is a heading or a date line, every cell is kept); merged cells once."""
    seen: dict[int, object] = {}  # the cells' elements kept alive: a freed proxy's id is used again
    rows: list[str] = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            text = " ".join(" ".join(p.text.split()) for p in paragraphs(cell) if p.text.strip())
            cells.append(escape_line(text).replace("|", "\\|") if text else " ")
        if any(cell.strip() for cell in cells):
            rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return ""
    width = max(row.count(" | ") + 1 for row in rows)
    rule = "| " + " | ".join(["---"] * width) + " |"
    return "\n".join([rows[0], rule, *rows[1:]])


def _pdf_text(filename: str, data: bytes) -> str:
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
        with apply_configuration(
            maximum_declared_stream_length=limit, zlib_maximum_output_length=limit,
            lzw_maximum_output_length=limit, run_length_maximum_output_length=limit,
            array_based_stream_maximum_output_length=limit, brotli_maximum_output_length=limit,
            image_maximum_buffer_size=limit, stream_decoding_work_maximum_length=4 * limit,
        ):  # fmt: skip
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InputError(f"{filename} is encrypted; send an unprotected copy or its text")
            pages = [page_lines(page) for page in reader.pages]
    except InputError:
        raise
    except LimitReachedError as exc:
        raise InputError(
            f"{filename} unpacks to more than its limits allow ({exc}; a page stream over {limit:,} "
            "bytes is refused, as a decompression bomb would be): send the article's text instead"
        ) from exc
    except Exception as exc:  # pypdf raises assorted errors (and RecursionError) on damaged files
        raise InputError(
            f"cannot read {filename} as a PDF ({type(exc).__name__}: {exc}); send its text instead"
        ) from exc
    letters = sum(len("".join(line.text.split())) for page in pages for line in page)
    if not pages or letters < MIN_CHARS_PER_PAGE * len(pages):
        raise InputError(
            f"{filename} has no text layer ({letters} characters on {len(pages)} page(s)): it is a scan. "
            "Run OCR on it first (e.g. ocrmypdf) or send the article's text"
        )
    return "\n\n".join(text for text in (reflow(page) for page in pages) if text)


@dataclass(frozen=True)
class PdfLine:
    """A line of a PDF page's text as pypdf extracts it, with where and how it is set: the height of
    its baseline on the page and its font size in points (None and 0 where unknown), and whether it
    is set in a bold face throughout."""

    text: str
    y: float | None = None
    size: float = 0.0
    bold: bool = False


_BOLD_FACE = re.compile(r"bold|black|heavy|semibold|demibold", re.I)


def page_lines(page: PageObject) -> list[PdfLine]:
    """The page's text lines as pypdf extracts them, each with its place, size and weight (from the
    text visitor, which is given each piece of the text as it is added); without them where the
    pieces do not make up the text."""
    pieces: list[tuple[str, float | None, float, bool]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: object, size: float) -> None:
        try:
            y, scale = _placed(cm, tm)
            pieces.append((text, y, abs(float(size or 0)) * scale, _bold(font)))
        except (TypeError, ValueError, IndexError):  # matrices a damaged file left odd: no place
            pieces.append((text, None, 0.0, False))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece[0] for piece in pieces) != text:
        return [PdfLine(line) for line in text.splitlines()]
    lines: list[PdfLine] = []
    current = ""
    measures: list[tuple[int, float, float, bool]] = []  # (characters, y, size, bold) of its pieces
    for piece, y, size, bold in pieces:
        for index, part in enumerate(piece.split("\n")):
            if index:
                lines.append(_measured(current, measures))
                current, measures = "", []
            current += part
            if part.strip() and y is not None:
                measures.append((len("".join(part.split())), y, size, bold))
    lines.append(_measured(current, measures))
    return lines


def _placed(cm: Sequence[float], tm: Sequence[float]) -> tuple[float, float]:
    """Where text set with these matrices starts on the page (its baseline's height), and how much
    they scale its font vertically."""
    a, b, c, d, _, f = (float(value) for value in cm)
    tc, td, tf = float(tm[2]), float(tm[3]), float(tm[5])
    return float(tm[4]) * b + tf * d + f, math.hypot(tc * a + td * c, tc * b + td * d)


def _bold(font: object) -> bool:
    try:
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        descriptor = font.get("/FontDescriptor") if isinstance(font, dict) else None
        descriptor = descriptor.get_object() if descriptor is not None else None
        weight = float(descriptor.get("/FontWeight", 0)) if isinstance(descriptor, dict) else 0.0
    except Exception:  # a damaged font dictionary says nothing of its weight
        return False
    return bool(_BOLD_FACE.search(name)) or weight >= 600


def _measured(text: str, measures: list[tuple[int, float, float, bool]]) -> PdfLine:
    if not measures:
        return PdfLine(text)
    chars: Counter[float] = Counter()
    for count, _, size, _ in measures:
        chars[round(size, 1)] += count
    bold = all(bold for _, _, _, bold in measures)
    return PdfLine(text, measures[0][1], chars.most_common(1)[0][0], bold)


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
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.y is not None and line.size > 0:
            sizes[line.size] += len(line.text)
    if not sizes:
        return 0.0, 0.0
    body = sizes.most_common(1)[0][0]
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
