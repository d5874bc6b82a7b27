"""Parse an article (plain text, Markdown or HTML) into the document model."""

from __future__ import annotations

import codecs
import logging
import re

from service.document import Article
from service.errors import InputError, InputTooLarge
from service.parse.checks import check_sentence_lengths, check_unbroken_runs
from service.parse.source_formats import (
    SourceFormat,
    detect_format,
    html_blocks,
    markdown_blocks,
    text_blocks,
)
from service.parse.structure import build_article
from service.parse.wrapped_text import unwrapped

__all__ = [
    "SourceFormat",
    "binary_problem",
    "decode_article",
    "decode_text",
    "looks_binary",
    "not_utf8",
    "parse_article",
]

log = logging.getLogger(__name__)

_BINARY_CONTROL = {chr(c) for c in range(32)} - {"\n", "\r", "\t", "\f", "\v"}


def decode_article(data: bytes, max_bytes: int, source_format: str | None = None) -> str:
    """Bytes as submitted → text, or an :class:`InputError` that says what to fix (``source_format``,
    or the format detected where it is None, chooses the advice for bytes that are not UTF-8)."""
    if len(data) > max_bytes:
        raise InputTooLarge(
            f"the article is {len(data):,} bytes, over the limit of {max_bytes:,} bytes; "
            "split it or raise INTERLINEAR_MAX_ARTICLE_BYTES"
        )
    if not data.strip():
        raise InputError("the article is empty; send its text, or a file or page with text in it")
    if (nul := data.find(b"\x00")) >= 0:  # anywhere: PostgreSQL cannot store it
        raise InputError(nul_refusal(data, nul))
    try:
        text = decode_text(data)
    except UnicodeDecodeError as exc:
        if source_format is None:
            html = detect_format(data[:5000].decode("utf-8", errors="replace")) is SourceFormat.HTML
        else:
            html = source_format == SourceFormat.HTML.value
        raise InputError(not_utf8(exc, "the article", html)) from exc
    if (problem := binary_problem(text)) is not None:
        raise InputError(problem)
    # Stray control characters (a terminal's colour codes, a bell, a CMS's leftovers) are no text:
    # they would reach titles, pages and the model. Vertical tab and form feed break lines.
    return _CONTROL.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def _place(before: str, offset: int | None = None) -> str:
    """Where the character after ``before`` (the text before it) is: its line and column, and its
    byte ``offset`` in what was sent where known."""
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return f"line {line:,}, column {column:,}" + (f" (byte offset {offset:,})" if offset is not None else "")


def not_utf8(exc: UnicodeDecodeError, what: str, html: bool) -> str:
    """Why ``what`` could not be read as text (``exc`` from :func:`decode_text`), where, and what to
    do: a text file is saved again as UTF-8; a page (``html``, or one that declares a charset) may
    also declare the encoding it is in."""
    encoding = "windows-1252"  # the likeliest, undeclared
    if exc.reason.startswith("unknown charset"):
        problem, html = f"{what} declares an {exc.reason} (in <meta charset>), and is not UTF-8", True
    else:
        data = bytes(exc.object)
        before = data[: exc.start].decode("utf-8", errors="replace")
        byte = f"byte 0x{data[exc.start]:02X} at {_place(before, exc.start)}"
        if exc.encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig"):
            problem = f"{what} is not UTF-8 text: {byte} is not UTF-8 (it may be Latin-1 or Windows-1252)"
        else:
            problem = f"{what} is not valid {exc.encoding} text, the charset it declares: {byte}"
            encoding, html = exc.encoding, True
    if html:
        return (
            f"{problem}; save the page as UTF-8, or declare the encoding it is in at the top of its "
            '<head> (<meta charset="windows-1252">, say), and submit it again'
        )
    return (
        f"{problem}; save it as UTF-8 (an editor's 'Save as' offers the encoding; or run "
        f"iconv -f {encoding} -t utf-8 FILE > FILE.utf8) and submit it again"
    )


def nul_refusal(data: bytes, offset: int, what: str = "the article") -> str:
    """What a NUL byte at ``offset`` says about ``what`` (the article, a file by its name), where it
    is, and what to send."""
    if _utf16_like(data[:2000]):
        return (
            f"{what} has NUL bytes (the first at byte offset {offset:,}): it looks like text saved "
            "as UTF-16; save it as UTF-8 (an editor's 'Save as' offers the encoding) and submit it again"
        )
    where = _place(data[:offset].decode("utf-8", errors="replace"), offset)
    return (
        f"{what} has a NUL byte at {where}, which text never has: it looks like a binary file; "
        f"{_SEND_ARTICLE}, or remove the NUL bytes if the rest is text"
    )


def _utf16_like(head: bytes) -> bool:
    """A UTF-16 byte order mark, or NUL bytes in one of each two places and seldom in the other
    (Latin-script text as UTF-16); a binary file's NULs fall on both."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > len(head) // 5 and min(even, odd) * 4 < max(even, odd)


_CONTROL = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|[\x01-\x08\x0e-\x1f\x7f]")


_DECLARED_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# as browsers read them (WHATWG Encoding): a page that says ISO-8859-1 or ASCII is windows-1252
_LEGACY = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
           "ascii": "cp1252", "iso8859-1": "cp1252", "windows-1252": "cp1252"}  # fmt: skip


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark), or the charset an HTML page declares in its first
    2 KB (``<meta charset>`` / ``<meta http-equiv="Content-Type">``); ``UnicodeDecodeError`` else."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = _DECLARED_CHARSET.search(data[:2048])
        if declared is None:
            raise
        name = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(_LEGACY.get(name, name)).name
        except LookupError:
            raise UnicodeDecodeError("utf-8", data, 0, 1, f"unknown charset {name!r}") from None
        if codec in ("utf-8", "utf-8-sig"):
            raise
        return data.decode(codec, errors="replace" if codec == "cp1252" else "strict")


_SEND_ARTICLE = (
    "submit the article as text, Markdown or HTML (a Word or PDF file as a file upload, under its own name)"
)


def binary_problem(text: str, what: str = "the article", instead: str = _SEND_ARTICLE) -> str | None:
    """Why ``text`` is a binary file read as text (:func:`looks_binary`), saying where its first
    control character is and what to send ``instead``; None for text."""
    if not looks_binary(text):
        return None
    first = next(i for i, ch in enumerate(text) if ch in _BINARY_CONTROL)
    return (
        f"{what} looks like a binary file, not text: it has control characters that text does not, the "
        f"first (U+{ord(text[first]):04X}) at {_place(text[:first])}; {instead}"
    )


def looks_binary(text: str) -> bool:
    """NUL characters, or more control characters than text ever has: a binary file read as text."""
    return "\x00" in text or sum(ch in _BINARY_CONTROL for ch in text[:10_000]) > 10


def parse_article(text: str, source_format: str | None = None, source_lang: str | None = None,
                  max_sentence_chars: int | None = None) -> Article:  # fmt: skip
    """Text → article; with ``max_sentence_chars``, an article with a longer sentence is refused."""
    if not text.strip():
        raise InputError("the article is empty; send its text, or a file or page with text in it")
    fmt = SourceFormat(source_format) if source_format else detect_format(text)
    try:
        if fmt is SourceFormat.HTML:
            blocks, meta = html_blocks(text)
        else:
            blocks = markdown_blocks(text) if fmt is SourceFormat.MARKDOWN else unwrapped(text_blocks(text))
            meta = None
    except InputError:
        raise
    except (RecursionError, MemoryError, ValueError, LookupError, TypeError, AttributeError) as exc:
        # the parsers' libraries (lxml, trafilatura, markdown-it) on input they cannot take: the
        # article's fault or theirs, never a 500; logged, for the second case
        log.warning("could not parse an article as %s", fmt.value, exc_info=True)
        raise InputError(
            f"could not read the article as {fmt.value} ({type(exc).__name__}); "
            "submit it as plain text (format 'text') or send a simpler copy of the page"
        ) from exc
    if max_sentence_chars is None:
        return build_article(blocks, fmt, source_lang, meta)
    check_unbroken_runs(blocks, max_sentence_chars)  # before the splitters spend minutes on it
    article = build_article(blocks, fmt, source_lang, meta)
    check_sentence_lengths(article, max_sentence_chars)
    return article
