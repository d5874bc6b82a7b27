"""Quotes and brackets paired as in the source; URLs, e-mail addresses, handles and hashtags kept."""

from __future__ import annotations

import re
import unicodedata

from service.checks.flag import Flag, flag
from service.echo_text import code_point, is_direction_control, is_hidden

_DOUBLE_QUOTES = re.compile(r"[\"„“”«»「」『』]")
# a single quotation mark, not an apostrophe ("‘yes’", "'yes'"; not "don't", "Götze’s")
_SINGLE_QUOTES = re.compile(r"[‘‚‹›ʺ]|(?<!\w)['’]|['’](?!\w)")
# a quotation mark inside the sentence, between the quotation and the words around it
_QUOTE_INSIDE = re.compile(r"\w\W*[\"„“”«»「」『』]\W*\w")
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_TOKENS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+"  # URL
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?<![\w@])@[A-Za-z0-9_]{2,}"  # handle
    r"|(?<![\w#&])#\w*[^\W\d_]\w*",  # hashtag (not "#1")
)


def _open_quotes(text: str) -> int:
    """How many double quotes are left open: 0 or 1 (straight quotes only pair by count)."""
    return len(_DOUBLE_QUOTES.findall(text)) % 2


def check_quotes(source: str, target: str) -> list[Flag]:
    flags: list[Flag] = []
    count = len(_DOUBLE_QUOTES.findall(target))
    # a translation without any double quotation mark has none unpaired: it left the quoting out
    # (or quotes with single marks); but where the source opens or closes a quotation that spans
    # sentences with a mark inside the sentence ('..., sagte Grindel.'), a translation without any
    # mark runs the quotation into the words around it
    if count and _open_quotes(source) != _open_quotes(target):
        flags.append(flag("quotes", "minor", f"{count} quotation mark{'s' * (count != 1)} in the "
                          "translation: one is not paired"))  # fmt: skip
    elif (
        not count
        and _open_quotes(source)
        and _QUOTE_INSIDE.search(source)
        and not _SINGLE_QUOTES.search(target)
    ):
        flags.append(flag("quotes", "minor", "the source opens or closes a quotation here; the "
                          "translation has no quotation mark"))  # fmt: skip
    for opening, closing in _BRACKETS:
        src = source.count(opening) - source.count(closing)
        tgt = target.count(opening) - target.count(closing)
        if src != tgt:
            flags.append(
                flag("brackets", "minor", f"'{opening}' and '{closing}' not paired in the translation")
            )
    return flags


def tokens(text: str) -> list[str]:
    return [t.rstrip(".,;:!?)") for t in _TOKENS.findall(text)]


def check_tokens(source: str, target: str) -> list[Flag]:
    return [
        flag("tokens", "major", f"{token} in the source, not in the translation")
        for token in dict.fromkeys(tokens(source))
        if token not in target
    ] + [*check_direction_controls(source, target), *check_hidden_characters(source, target)]


def check_direction_controls(source: str, target: str) -> list[Flag]:
    """A direction control in the translation that the source has not (U+202E before "006" shows
    "600"): what the translation shows is not what it holds, which no other check can see (an
    outside attack's "006" was flagged as a number only)."""
    found = [c for c in dict.fromkeys(target) if is_direction_control(c) and c not in source]
    said = "a direction control the source has not: what it shows is not what it holds"
    return [flag("tokens", "major", f"the translation holds {code_point(c)}, {said}") for c in found]


# invisible characters a text may need: line breaks and tabs, the joiners and marks of scripts and
# emoji (ZWNJ, ZWJ, LRM, RLM) and the soft hyphen of scraped text
_NEEDED = frozenset("\t\n\r\u200c\u200d\u200e\u200f\u00ad")


def check_hidden_characters(source: str, target: str) -> list[Flag]:
    """A control or invisible character in the translation that the source has not, other than a
    direction control (:func:`check_direction_controls`) or one a text needs (:data:`_NEEDED`): a
    NUL cuts the text short where a program reads it; a zero-width space inside "Klopp" splits the
    name unseen, so a search finds neither (an outside attack's "was\u0000 satisfied" passed)."""
    found = [
        c
        for c in dict.fromkeys(target)
        if is_hidden(c)
        and c not in _NEEDED
        and not is_direction_control(c)
        and c not in source
        # a control anywhere; an invisible format character inside a word ("Kl\u200bopp"), not one
        # left beside a space, as people's copied text often has ("AI \u200bsystem")
        and (unicodedata.category(c) == "Cc" or re.search(rf"\w{re.escape(c)}+\w", target))
    ]
    return [
        flag("tokens", "major" if unicodedata.category(c) == "Cc" else "minor",
             f"the translation holds {code_point(c)}, an invisible character the source has not")
        for c in found
    ]  # fmt: skip
