"""What an error echoes of the request, with no invisible or control character raw: one rule for
every interface (the API's ``detail``, the pages' error messages).

An error's ``detail`` says what was sent where that helps ("no document …", a validation problem's
``input``, the path of a 405). Found by an outside attack: a right-to-left override (U+202E) in an
id came back raw in the 404, where it reverses the text after it wherever the message is shown (a
log, a terminal, a web page), and a JSON escape (``\\u001b``) is decoded back to the raw character
by the client. Every such character is written out instead, as Python writes it in a literal
(``\\u202e``, ``\\x1b``): controls (C0, DEL, C1, line breaks included), format characters (the
direction marks and overrides, zero-width characters, the byte order mark), the line and paragraph
separators, and lone surrogates. Our own messages hold none of them. The pages echoed them raw
until an outside tester found the same U+202E on ``/documents/abc%E2%80%AEdef``'s 404 page.
"""

from __future__ import annotations

import unicodedata
from typing import Any

# Control, format, line separator, paragraph separator, surrogate.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def _written(character: str) -> str:
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def is_hidden(character: str) -> bool:
    """Whether ``character`` is one :func:`escaped` writes out (a control, an invisible format
    character, a line or paragraph separator, a lone surrogate)."""
    return unicodedata.category(character) in _HIDDEN


def escaped(text: str) -> str:
    """``text`` with each control or invisible format character written out (``\\u202e``)."""
    if text.isprintable():  # the common case: nothing to look at twice
        return text
    return "".join(_written(c) if is_hidden(c) else c for c in text)


def escaped_all(value: Any) -> Any:
    """``value`` (a detail: a string, or problems as lists and objects) with every string in it,
    keys too, :func:`escaped`."""
    if isinstance(value, str):
        return escaped(value)
    if isinstance(value, list):
        return [escaped_all(item) for item in value]
    if isinstance(value, dict):
        return {escaped_all(key): escaped_all(item) for key, item in value.items()}
    return value
