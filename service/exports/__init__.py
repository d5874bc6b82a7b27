"""Exports of an aligned document: JSON, TMX 1.4b, XLIFF 2.0 and a standalone HTML page.

``export_document(document, fmt, target_langs)`` returns ``(content, media_type)``. Every format
renders the one read model, :class:`~service.aligned.AlignedDocument`; the readers for TMX and
XLIFF (round trips, imports from other tools) are in :mod:`service.exports.tmx_import`, and the
checks against the official schemas in :mod:`service.exports.validate`.

``target_langs`` picks the translations to export (default: every target language the document
has, in order); asking for a language the document has no translation into is a ``ValueError``
that lists the languages it has. XLIFF 2 holds one target language per file, so
``fmt="xliff"`` needs exactly one of them (see :mod:`service.exports.xliff`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from service.aligned import AlignedDocument

MEDIA_TYPES = {
    "json": "application/json",
    "tmx": "application/x-tmx+xml",
    "xliff": "application/xliff+xml",
    "html": "text/html; charset=utf-8",
}
FORMATS = tuple(MEDIA_TYPES)

# Characters that XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates,
# U+FFFE/U+FFFF). News text should never hold them; if one slips through it becomes U+FFFD
# rather than an export that fails or a file no XML parser reads.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot represent replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def resolve_targets(document: AlignedDocument, target_langs: list[str] | None) -> list[str]:
    """The target languages to export, checked against those the document has translations into."""
    available = [lang for lang in document.target_langs if lang != document.source_lang]
    if target_langs is None:
        return available
    wanted = list(dict.fromkeys(target_langs))  # keep order, drop repeats
    missing = [lang for lang in wanted if lang not in available]
    if missing:
        have = ", ".join(available) or "none yet"
        if document.source_lang in missing:
            raise ValueError(
                f"document {document.id} is in {document.source_lang}: export a target language "
                f"(available: {have})"
            )
        raise ValueError(
            f"document {document.id} has no translations into {', '.join(missing)}; "
            f"target languages available: {have}"
        )
    return wanted


def restrict(document: AlignedDocument, langs: list[str]) -> AlignedDocument:
    """A copy of ``document`` that keeps only the translations into ``langs``."""
    copy = document.model_copy(deep=True)
    copy.target_langs = [lang for lang in document.target_langs if lang in langs]
    for segment in copy.all_segments():
        segment.translations = {
            lang: output for lang, output in segment.translations.items() if lang in langs
        }
    return copy


def export_document(
    document: AlignedDocument, fmt: str, target_langs: list[str] | None = None
) -> tuple[bytes, str]:
    """Render ``document`` as ``fmt`` (one of :data:`FORMATS`); returns (content, media type)."""
    key = fmt.strip().lower()
    renderers = _renderers()
    if key not in renderers:
        raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    langs = resolve_targets(document, target_langs)
    return renderers[key](document, langs), MEDIA_TYPES[key]


def _renderers() -> dict[str, Callable[[AlignedDocument, list[str]], bytes]]:
    # Imported here: the format modules import the helpers above from this package.
    from service.exports import json, side_by_side, tmx, xliff

    return {"json": json.render, "tmx": tmx.render, "xliff": xliff.render, "html": side_by_side.render}


__all__ = ["FORMATS", "MEDIA_TYPES", "export_document", "resolve_targets", "restrict", "xml_text"]
