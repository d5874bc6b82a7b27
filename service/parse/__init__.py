"""Parse an article (plain text, Markdown or HTML) into the document model."""

from __future__ import annotations

from service.document import Article
from service.errors import InputError
from service.parse.formats import SourceFormat, detect_format, html_blocks, markdown_blocks, text_blocks
from service.parse.structure import build_article

__all__ = ["SourceFormat", "decode_article", "parse_article"]

_BINARY_CONTROL = {chr(c) for c in range(32)} - {"\n", "\r", "\t", "\f", "\v"}


def decode_article(data: bytes, max_bytes: int) -> str:
    """Bytes as submitted → text, or an :class:`InputError` that says what to fix."""
    if len(data) > max_bytes:
        raise InputError(
            f"the article is {len(data):,} bytes, over the limit of {max_bytes:,} bytes; "
            "split it or raise INTERLINEAR_MAX_ARTICLE_BYTES"
        )
    if not data.strip():
        raise InputError("the article is empty; submit a file with text in it")
    if b"\x00" in data[:65536]:
        raise InputError("the article looks like a binary file, not text; submit text, Markdown or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the article is not UTF-8 text (undecodable byte at offset {exc.start}); "
            "convert it to UTF-8 or submit text, Markdown or HTML"
        ) from exc
    controls = sum(ch in _BINARY_CONTROL for ch in text[:10_000])
    if controls > 10:
        raise InputError("the article looks like a binary file, not text; submit text, Markdown or HTML")
    return text


def parse_article(text: str, source_format: str | None = None, source_lang: str | None = None) -> Article:
    if not text.strip():
        raise InputError("the article is empty; submit a file with text in it")
    fmt = SourceFormat(source_format) if source_format else detect_format(text)
    if fmt is SourceFormat.HTML:
        blocks, meta = html_blocks(text)
        return build_article(blocks, fmt, source_lang, meta)
    blocks = markdown_blocks(text) if fmt is SourceFormat.MARKDOWN else text_blocks(text)
    return build_article(blocks, fmt, source_lang)
