"""Quotes and brackets paired as in the source; URLs, e-mail addresses, handles and hashtags kept."""

from __future__ import annotations

import re
import unicodedata

from service.checks.flag import Flag, flag
from service.echo_text import code_point, is_direction_control, is_hidden

_DOUBLE_QUOTES = re.compile(r"[\"„“”«»「」『』]")
# a single quotation mark, not an apostrophe ("‘yes’", "'yes'"; not "don't", "Götze’s", nor the
# possessive of a plural or of a name in -s before its noun, "the citizens’ association"); an
# apostrophe stands between Latin letters: Korean closes a quotation before its particle ("'희망'이")
_SINGLE_QUOTES = re.compile(r"[‘‚‹›ʺ]|(?<![A-Za-zÀ-ɏ])['’]|['’](?![A-Za-zÀ-ɏ]|(?<=s['’])\s+[A-Za-zÀ-ɏ])")
# a quotation mark inside the sentence, between the quotation and the words around it
_QUOTE_INSIDE = re.compile(r"\w\W*[\"„“”«»「」『』]\W*\w")
# a quotation mark at an edge of the sentence: opening it, or closing it before its last stop
_QUOTE_AT_EDGE = re.compile(r"^\W*[\"„“”«»「」『』]|[\"„“”«»「」『』]\W*$")
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


def _unpaired(source: str, target: str) -> bool:
    """Whether the translation leaves a quotation open, or closes one, where the source does not.

    A source without double marks may quote with single ones (British news: "‘At the start of
    July ...", "... friendship’, he said."), whose lone mark the translation's double mark stands
    for. A source without any mark, beside a translation whose marks stand only at the sentence's
    edges, leaves unmarked a quotation that spans sentences (the English of "„Wir kommen." often
    reads "We are coming."): the translation marks where it opens or closes, as the check below
    lets a translation leave those marks out. Single marks only excuse a translation's lone mark;
    they never ask for one (a lone "'" may be the source's own slip)."""
    if _DOUBLE_QUOTES.search(source):
        return _open_quotes(source) != _open_quotes(target)
    if not _open_quotes(target):
        return False
    singles = len(_SINGLE_QUOTES.findall(source))
    if singles:
        return singles % 2 == 0
    marks = len(_DOUBLE_QUOTES.findall(target))
    return len(_QUOTE_AT_EDGE.findall(target)) != marks


def check_quotes(source: str, target: str) -> list[Flag]:
    flags: list[Flag] = []
    count = len(_DOUBLE_QUOTES.findall(target))
    # a translation without any double quotation mark has none unpaired: it left the quoting out
    # (or quotes with single marks); but where the source opens or closes a quotation that spans
    # sentences with a mark inside the sentence ('..., sagte Grindel.'), a translation without any
    # mark runs the quotation into the words around it
    if count and _unpaired(source, target):
        if _open_quotes(target):
            detail = f"{count} quotation mark{'s' * (count != 1)} in the translation: one is not paired"
        else:  # the source's lone mark (a quotation over sentences) has none in the translation
            detail = (
                "the source opens or closes a quotation here; the translation's quotation marks all pair up"
            )
        flags.append(flag("quotes", "minor", detail))
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
    ] + check_hidden_characters(source, target)


# invisible characters a text may need: line breaks and tabs, the joiners and marks of scripts and
# emoji (ZWNJ, ZWJ, LRM, RLM) and the soft hyphen of scraped text
_NEEDED = frozenset("\t\n\r\u200c\u200d\u200e\u200f\u00ad")
_DIRECTION_SAID = "a direction control the source has not: what it shows is not what it holds"
_INVISIBLE_SAID = "an invisible character the source has not"


def check_hidden_characters(source: str, target: str) -> list[Flag]:
    """A control or invisible character in the translation that the source has not, other than one
    a text needs (:data:`_NEEDED`):

    * a direction control (U+202E before "006" shows "600"): what the translation shows is not what
      it holds, which no other check can see (an outside attack's "006" was flagged as a number
      only);
    * a control: a NUL cuts the text short where a program reads it ("was\u0000 satisfied" passed);
    * an invisible format character inside a word: a zero-width space inside "Klopp" splits the name
      unseen, so a search finds neither; not one left beside a space, as people's copied text often
      has ("AI \u200bsystem")."""
    directions, others = [], []
    for c in dict.fromkeys(target):
        if not is_hidden(c) or c in _NEEDED or c in source:
            continue
        if is_direction_control(c):
            directions.append(
                flag("tokens", "major", f"the translation holds {code_point(c)}, {_DIRECTION_SAID}")
            )
        elif unicodedata.category(c) == "Cc":
            others.append(
                flag("tokens", "major", f"the translation holds {code_point(c)}, {_INVISIBLE_SAID}")
            )
        elif re.search(rf"\w{re.escape(c)}+\w", target):
            others.append(
                flag("tokens", "minor", f"the translation holds {code_point(c)}, {_INVISIBLE_SAID}")
            )
    return directions + others
