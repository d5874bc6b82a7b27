"""Quotes and brackets paired as in the source; URLs, e-mail addresses, handles and hashtags kept."""

from __future__ import annotations

import re

from service.checks.flag import Flag, flag

_DOUBLE_QUOTES = re.compile(r"[\"„“”«»「」『』]")
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
    # (or quotes with single marks), which news translators do where a quote spans sentences
    if count and _open_quotes(source) != _open_quotes(target):
        flags.append(flag("quotes", "minor", f"{count} quotation mark{'s' * (count != 1)} in the "
                          "translation: one is not paired"))  # fmt: skip
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
    ]
