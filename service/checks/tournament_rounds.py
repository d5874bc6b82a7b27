"""A tournament's round by the players left in it: Korean writes "8강" (the last eight) where German
and English write "Viertelfinale" and "quarterfinals" ("4강" semifinals, "16강" the last 16); and
first place by a word for the top: Korean and German news write "1위", "Platz eins", where English
writes "topped the Billboard Hot 100", "stayed top of the table" ("Spitzenreiter", "선두"). Read by
the numbers check, which takes the number such a word stands for as said."""

from __future__ import annotations

import re
from decimal import Decimal

_ROUNDS = (
    (re.compile(r"(?i)(?<![\w-])quarter-?finals?\b|(?<!\w)Viertelfinal\w*|준준결승"), 8),
    (re.compile(r"(?i)(?<![\w-])semi-?finals?\b|(?<!\w)Halbfinal\w*|(?<!준)준결승"), 4),
    (re.compile(r"(?i)\b(?:round|last) of 16\b|\blast 16\b|(?<!\w)Achtelfinal\w*"), 16),
    (re.compile(r"(?i)\b(?:round|last) of 32\b|\blast 32\b|(?<!\w)Sechzehntelfinal\w*"), 32),
    # first place: "topped", "top of", "led the table", "leader"; "Spitze", "Tabellenführer"; "선두"
    (
        re.compile(
            r"(?i)\b(?:top(?:ped|s|ping)?\s+(?:of\s+)?the|(?:stayed|remained|stays|remains|is|was|were|are)\s+top"
            r"|(?:led|leads|leading)\s+the\s+(?:table|standings|league|rankings?|charts?)|(?:league|table)\s+leaders?)\b"
            r"|(?<!\w)(?:Spitzenreiter\w*|Tabellenführ\w*|Spitze\b)|선두|정상에"
        ),
        1,
    ),
)


def round_values(text: str) -> set[Decimal]:
    """The numbers of players or teams left that a text's round words stand for, and 1 for a word
    of first place."""
    return {Decimal(left) for pattern, left in _ROUNDS if pattern.search(text)}
