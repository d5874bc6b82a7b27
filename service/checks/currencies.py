"""Currencies: the translation names the source's ("5 Euro" / "€5" / "5유로"), not another's.

The numbers check passes "drei Millionen Euro" / "three million dollars": the number is there. A
currency is read in each language's words and signs ("Euro", "euros", "€", "EUR", "유로") into one
family ("dollar" for "$", "US-Dollar", "달러"; "¥" is yen or yuan). A family of the source that the
translation lacks, or names fewer times ("$5 and $100" / "5 euros and 100 dollars"), is flagged
where the translation names another currency ("Euro in the source, dollars in the translation"). A
currency left out is not: translators say amounts other ways ("the billion-dollar company" / "die
milliardenschwere Firma", "top dollar" / "viel Geld"); nor is one the translation adds. Words that
are ordinary words or parts of words too count only after an amount: English "won" ("Bayern won"),
German "Mark", "Yuan" (a name), every Korean word ("프랑스", "만원인" for "full"). A pound is a
weight too; both languages write it "Pfund" / "pound".
"""

from __future__ import annotations

import re

from service.checks.flag import Flag, flag

# an amount just before a word that is an ordinary word too: digits, or a scale word after them
# ("3 Mio.", "300 billion", "3천억"); the word is the pattern's last group. An amount is read from
# its first digit only: read from each digit of a long run again, it took seconds
_AMOUNT = (
    r"(?:(?<![\d.,])\d(?:[\d.,]*\d)?\s?(?:Millionen|Million|Mio\.|Milliarden|Milliarde|Mrd\.|Billionen|Tausend"
    r"|million|billion|trillion|thousand|bn|mn)?|[만억조천백십])\s?"
)


def _after_amount(word: str) -> str:
    return rf"{_AMOUNT}({word})"


# family -> the ways German, English and Korean write it (regular expressions)
_WORDS: dict[str, tuple[str, ...]] = {
    "euro": (r"€", r"\bEUR\b", r"(?i:\beuros?\b)", _after_amount("유로")),
    "dollar": (r"\$", r"\bUSD\b", r"(?i:dollars?)", _after_amount("달러"), _after_amount("불")),
    "pound": (
        r"£",
        r"\bGBP\b",
        r"(?i:\bpounds?\b)",
        r"\bPfund\b",
        r"(?i:\bsterling\b)",
        _after_amount("파운드"),
    ),
    "yen": (r"\bJPY\b", r"(?i:\byen\b)", _after_amount("엔")),
    "yuan": (
        r"\bCNY\b",
        r"\bRMB\b",
        r"\byuan\b",
        _after_amount("Yuan"),
        r"(?i:\brenminbi\b)",
        _after_amount("위안"),
    ),
    "won": (r"₩", r"\bKRW\b", _after_amount(r"won\b"), r"\bWon\b", _after_amount("원")),
    "franc": (r"\bCHF\b", r"\bFranken\b", r"(?i:\bfrancs?\b)", _after_amount("프랑")),
    "rouble": (r"₽", r"\bRUB\b", r"\bRubel\b", r"(?i:\bro?ubles?\b)", _after_amount("루블")),
    "rupee": (r"₹", r"\bINR\b", r"\bRupien?\b", r"(?i:\brupees?\b)", _after_amount("루피")),
    "krone": (
        r"\b(?:DKK|SEK|NOK)\b",
        r"\bKronen?\b",
        r"(?i:\bkron(?:e|er|a|or)\b)",
        _after_amount("크로네"),
        _after_amount("크로나"),
    ),
    "lira": (r"₺", r"\bTRY\b", r"(?i:\blira\b)", _after_amount("리라")),
    "peso": (r"\bMXN\b", r"(?i:\bpesos?\b)", _after_amount("페소")),
    "zloty": (r"\bPLN\b", r"(?i:\bzlot[yi]s?\b)", _after_amount("즐로티")),
    "mark": (
        r"\bD-Mark\b",
        r"\bDM\b",
        _after_amount(r"Mark\b"),
        r"(?i:\bdeutsche?\s?marks?\b)",
        _after_amount("마르크"),
    ),
}
_PATTERNS = {family: [re.compile(word) for word in words] for family, words in _WORDS.items()}
# a sign that stands for two currencies: either counts as the translation's
_YEN_OR_YUAN = re.compile(r"¥")


# a pair of currencies as Korean news writes an exchange rate ("원/달러 환율", "원·엔"): both are named
_KOREAN_PAIR = re.compile(r"(원|달러|유로|엔|위안|파운드)\s?[/·-]\s?(원|달러|유로|엔|위안|파운드)")
_KOREAN_FAMILY = {
    "원": "won",
    "달러": "dollar",
    "유로": "euro",
    "엔": "yen",
    "위안": "yuan",
    "파운드": "pound",
}


def currencies(text: str) -> dict[str, tuple[str, int]]:
    """The currency families ``text`` names, each with the first way it is written there and how
    many times it is named (a Korean exchange rate's pair, "원/달러", names both)."""
    found: dict[str, tuple[str, int]] = {}
    for word in (word for pair in _KOREAN_PAIR.finditer(text) for word in pair.groups()):
        first, times = found.get(_KOREAN_FAMILY[word], (word, 0))
        found[_KOREAN_FAMILY[word]] = (first, times + 1)
    for family, patterns in _PATTERNS.items():
        spans = sorted(
            (match.start(at), match.end(at), match.group(at).strip())
            for pattern in patterns
            for match in pattern.finditer(text)
            for at in [match.lastindex or 0]
        )
        kept = [span for i, span in enumerate(spans) if not i or span[0] >= spans[i - 1][1]]
        if kept:
            word, times = found.get(family, (kept[0][2], 0))
            found[family] = (word, times + len(kept))
    return found


def check_currencies(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    """A currency of the source that the translation names as another."""
    source_has, target_has = currencies(source), currencies(target)
    instead = [word for family, (word, _) in target_has.items() if family not in source_has]
    if not source_has or not instead:  # none replaced; one left out is an amount said another way
        return []
    either = {"yen", "yuan"} if _YEN_OR_YUAN.search(target) else set()
    # named fewer times in the translation ("$5 and $100" / "5 euros and 100 dollars")
    fewer = [
        family
        for family, (_, times) in source_has.items()
        if family not in either and target_has.get(family, ("", 0))[1] < times
    ]
    return [
        flag("numbers", "major", f"{source_has[family][0]} in the source, {instead[0]} in the translation")
        for family in fewer
    ]
