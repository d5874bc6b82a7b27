"""Uploaded files as article text: .txt, .md, .html as they are; .docx (python-docx) as Markdown
with its headings, list items and table cells; .pdf from its text layer, its lines read into
paragraphs by their layout (:mod:`service.pdf_text`, which says why pypdf).

Every way a file can fail to read is an :class:`InputError` (a 422) that says what to send: a
damaged or truncated file, the wrong kind behind the name, a library's own exception, and the
resource limits (a .docx that unpacks past ``MAX_UNPACKED`` here, a PDF stream past
``service.pdf_text.PDF_MAX_STREAM``). A .docx with a document type declaration (``<!DOCTYPE``,
entities) is refused: Word never writes one, python-docx leaves entities unexpanded, and the text
that used them would be lost without a word.
The text of a .docx is what is parsed and translated; the file itself is kept with the document,
and rendering writes the translation into its runs (:mod:`service.rendering.docx`).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from service.echo_text import hidden_problem
from service.errors import InputError
from service.parse import decode_text, not_utf8, nul_refusal
from service.pdf_text import pdf_text
from service.rendering.docx import paragraphs
from service.rendering.markdown import escape_line
from service.storage.files import SourceUpload

if TYPE_CHECKING:
    from docx.table import Table

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
DOCX = ".docx"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = ".pdf"
SUFFIXES = (*TEXT_SUFFIXES, DOCX, PDF)
MAX_UNPACKED = 50_000_000  # a .docx is a zip: refuse one that unpacks to more than this (a zip bomb)
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
    # a name that shows as another ("a\u202etxt.md" as "adm.txt"), shown where a job says its file
    problem = hidden_problem(filename, "the file name", f"rename the file without it and {send} it again")
    if problem is not None:
        raise InputError(problem)
    if not data:
        raise InputError(f"{filename.strip() or 'the file'} is empty; {send} a file with the article's text")
    if suffix in TEXT_SUFFIXES or (text_by_default and suffix not in (DOCX, PDF)):
        head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()
        named = suffix if suffix in TEXT_SUFFIXES else "text"  # "x.doc is ..., not a text file"
        for magic, kind, what_to_do in _NOT_TEXT:
            if head.startswith(magic):
                raise InputError(f"{filename} is {kind}, not a {named} file: {what_to_do.format(send=send)}")
        kind = TEXT_SUFFIXES.get(suffix, "text")
        if kind != "html" and re.match(rb"(?i)<(?:!doctype\s+html|html[\s>])", head):
            # a saved web page under a text name: read as text, its markup would be the article
            raise InputError(
                f"{filename} is an HTML page, not a {named} file: send it under a name that ends in .html"
            )
        if (nul := data.find(b"\x00")) >= 0:  # a program, an image: binary, not text in another encoding
            raise InputError(nul_refusal(data, nul, filename))
        try:
            return Upload(decode_text(data), kind)
        except UnicodeDecodeError as exc:  # the <meta charset> advice for a page only
            raise InputError(not_utf8(exc, filename, html=kind == "html")) from exc
    if suffix == DOCX:
        original = SourceUpload(PurePath(filename).name[-300:], DOCX_MEDIA_TYPE, data)
        return Upload(_docx_markdown(filename, data), "markdown", original)
    if suffix == PDF:
        return Upload(pdf_text(filename, data), "text")
    kinds = ", ".join(SUFFIXES)
    if not filename.strip():
        raise InputError(f"the file has no name, so its kind is not known: {send} a {kinds} file")
    raise InputError(f"{filename}: {send} a {kinds} file")


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
            parts = [(m.filename, archive.read(m)) for m in members if m.filename.endswith((".xml", ".rels"))]
            declared = [name for name, xml in parts if _declares_dtd(xml)]
            # an entity no part declares ("&xxe;" with its DTD taken out): XML knows five, Word no other
            referred = [
                (name, m.group(0).decode()) for name, xml in parts if (m := _ENTITY_REFERENCE.search(xml))
            ]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, EOFError,
            OSError) as exc:  # fmt: skip
        raise InputError(
            f"{filename} is not a .docx file (not a zip archive, or a damaged one: {exc}); "
            "save it again as .docx"
        ) from exc
    if referred and not declared:
        part, entity = referred[0]
        raise InputError(
            f"{filename} refers to an entity ({entity} in {part}) that no Word document has, so it cannot be "
            "read: save it again from Word or LibreOffice as .docx, or send its text"
        )
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


_ENTITY_REFERENCE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[A-Za-z_][\w.-]*;")


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
