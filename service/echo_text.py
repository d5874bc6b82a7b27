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

The same characters are refused where a text is a name people read to know what it is
(:func:`hidden_problem`): an uploaded file's name, a glossary's name, a client's id of an article
(``external_id``, :mod:`service.external_ids`; a schema's pattern says it with
:func:`hidden_character_class`). Found by an outside tester:
``"a\\u202etxt.md"`` was taken as a file name, and shows as ``"adm.txt"``. In a translation people
may need the zero-width joiners and marks, but never the direction controls that embed, override
or isolate a run (:func:`is_direction_control`: U+202A-U+202E, U+2066-U+2069), which make a text
show as another; a correction is refused only those.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

# Control, format, line separator, paragraph separator, surrogate.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
# The bidirectional classes of the controls that embed, override or isolate a run of text (and end
# one): left-to-right and right-to-left embedding and override, pop directional formatting, the
# isolates and pop directional isolate. The marks (LRM, RLM, ALM) have a strong direction of their
# own instead and move no run.
_DIRECTION_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


# An id echoed in a refusal ("no document ...", "no glossary ...") at most this long, then "…": a
# 7,000-character id made a 7 KB 404 (found by an outside tester)
ECHOED_ID_CHARS = 80


def shortened(text: str, most: int) -> str:
    """``text`` as a message quotes it: whole up to ``most`` characters, else cut there and "…"."""
    return text if len(text) <= most else text[:most] + "…"


def _written(character: str) -> str:
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def is_hidden(character: str) -> bool:
    """Whether ``character`` is one :func:`escaped` writes out (a control, an invisible format
    character, a line or paragraph separator, a lone surrogate)."""
    return unicodedata.category(character) in _HIDDEN


@cache
def hidden_character_class() -> str:
    """Every hidden character (:func:`is_hidden`) of the Basic Multilingual Plane but the lone
    surrogates, as the inside of a regular expression's character class, in escapes that ECMA-262
    (a JSON schema's ``pattern``) and Python read alike (``\\x00-\\x1f\\x7f-\\x9f\\xad...``): the
    same rule in a schema. A pattern cannot name the others in a form both read (a character past
    U+FFFF is two code units in ECMA-262, one in Python; a lone surrogate would refuse every such
    pair): the check itself refuses them."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or not is_hidden(chr(code)):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])

    def escape(code: int) -> str:
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return "".join(escape(a) if a == b else f"{escape(a)}-{escape(b)}" for a, b in ranges)


def is_direction_control(character: str) -> bool:
    """Whether ``character`` is a hidden one (:func:`is_hidden`) that embeds, overrides or isolates
    a run of text, or ends one: a direction control, which can make a text show as another."""
    return is_hidden(character) and unicodedata.bidirectional(character) in _DIRECTION_CONTROLS


def without_direction_controls(text: str) -> str:
    """``text`` less its direction controls (:func:`is_direction_control`): for a label made of an
    article's words (a filter's option, a list's row), where an override the text never closes would
    turn what follows it (a date, the next label) round."""
    return "".join(c for c in text if not is_direction_control(c))


def code_point(character: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: a character as a message names it."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def hidden_problem(
    text: str, what: str, instead: str, refused: Callable[[str], bool] = is_hidden
) -> str | None:
    """Why ``text`` (``what``: "the file name") cannot be taken: the first character ``refused``
    says (by default every hidden one) named by its code point, where it is, and what to do
    (``instead``); None where it holds none."""
    at = next((i for i, c in enumerate(text) if refused(c)), None)
    if at is None:
        return None
    kind = "a direction control" if is_direction_control(text[at]) else "an invisible or control character"
    return (
        f"{what} holds {code_point(text[at])} at character {at + 1}, {kind}, which can make a text "
        f"show as another; {instead}"
    )


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
