"""Article parts news pages have besides running text, told from their text alone.

One definition, used by the parser (what is metadata, what is kept as it is) and by the rendering
scan (what may stay in the source language): a byline ("Von Anna Schmidt, Berlin"), a dateline
("Berlin, 12. März 2025"), a picture credit ("Foto: dpa"), a "read more" teaser ("Lesen Sie
auch: ..."), and a line of figures, dates or codes alone ("2025", "11.000", "14:30 Uhr",
"A-12/3") that a model can only damage.
"""

from __future__ import annotations

import re

BYLINE_MAX_WORDS = 10
DATELINE_MAX_WORDS = 8
TEASER_MAX_WORDS = 25

_NAME = r"[A-ZÄÖÜ][\w'’.-]+"
# "Von Anna Schmidt", "Von Anna Schmidt und Jan Berg, Berlin", "By Jane Doe", "Ein Kommentar von X"
_BYLINE = re.compile(
    rf"^(?:(?:Ein|ein)\s+(?:Kommentar|Gastbeitrag|Bericht)\s+)?(?:Von|von|VON|By|by|BY|Text:|Autor:|Autorin:)\s+"
    rf"{_NAME}(?:\s+(?:{_NAME}|von|van|de|der))*(?:\s*(?:,|und|and|&)\s*{_NAME}(?:\s+{_NAME})*)*$"
)
_BYLINE_KO = re.compile(r"^\S{2,4}\s*(?:기자|특파원|논설위원)(?:\s*[\w.@-]+)?$")
# "Foto: dpa", "Bild: Reuters/John Doe", "© AFP", "Quelle: ...", "Photo: AP", "(Foto: dpa)"
_CREDIT = re.compile(
    r"^\(?(?:foto|fotos|bild|bilder|grafik|illustration|video|quelle|photo|photos|image|credit|"
    r"source|copyright|사진|자료|그래픽)\s*:\s*\S.*$|^\(?©\s*\S.*$",
    re.I,
)
_CREDIT_TAIL = re.compile(
    r"\s*[(|]?\s*(?:(?:foto|fotos|bild|grafik|photo|image|credit|사진)\s*:|©)\s*[^.!?]{1,80}$", re.I
)
_TEASER = re.compile(
    r"^(?:lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|das könnte sie auch interessieren|"
    r"weiterlesen|zum artikel|zum thema|siehe auch|read more|read also|related|see also|more on this|"
    r"lesezeit|reading time|artikel anhören|artikel vorlesen|zur startseite|jetzt kommentieren|"
    r"zum kommentarbereich|zu den kommentaren|함께 읽기|관련 기사|더 보기)\b\s*([:»>|]?)",
    re.I,
)
# a credit without "Foto:": agencies and photo services, with photographers' names
# ("picture alliance/dpa", "IMAGO/Future Image", "Getty Images / Sean Gallup")
_AGENCY = re.compile(
    r"(?:dpa|afp|ap|reuters|epd|kna|sid|apa|keystone|getty images|imago|picture alliance|picture-alliance|"
    r"shutterstock|istock|ddp|action press|dpa-infocom|연합뉴스|뉴시스|뉴스1)(?:\s+images?)?",
    re.I,
)
_SHORT_NAME = re.compile(r"(?:[A-ZÄÖÜ][\w'’.-]*)(?:\s+[A-ZÄÖÜ][\w'’.-]*){0,2}")
_MONTHS = (
    r"jan(?:uar|uary)?|feb(?:ruar|ruary)?|mär(?:z)?|mar(?:ch)?|apr(?:il)?|mai|may|jun[ie]?|jul[iy]?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dez(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?"
    rf"(?:\s+\d{{4}})?|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}년\s*\d{{1,2}}월(?:\s*\d{{1,2}}일)?)",
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?\b", re.I)
# What may stand beside figures in a line of figures: unit and currency symbols and abbreviations
# (a word such as "Millionen", "Uhr" or "Juni" is translated)
_FIGURE_WORDS = re.compile(
    r"^(?:h|min|km|m|cm|mm|kg|g|t|l|ml|%|mio|mrd|tsd|eur|usd|chf|gbp|krw|€|\$|£|₩|ca|x|q[1-4]|kw|nr|no|"
    r"원|년|월|일|명|개|억|만)\.?$",
    re.I,
)
_CODE_TOKEN = re.compile(r"^(?=[\w/.:#+-]*\d)[\w/.:#+-]+$")  # "A-12/3", "ISIN:DE000", "B2B-7"


# a list's mark at a line's start: a bullet ("- ", "• "), or a number or letter ("1. ", "a) ")
BULLET = re.compile(r"^[-–—•*·▪►]\s")
NUMBERED = re.compile(r"^(?:\d{1,3}[.)]|[a-z][.)])\s")


def figures_only(text: str) -> bool:
    """Figures, dates, times, units or codes alone: kept as they are, never sent to a model.

    "2025", "11.000", "500 Mio. €", "14:30", "12.03.2025", "+3,5 %", "A-12/3" are;
    "Juni 2025", "14:30 Uhr", "Herbst 2024" and "Platz 3" hold words (they are translated)."""
    words = text.split()
    if not words or not any(ch.isdigit() for ch in text):
        return not any(ch.isalpha() for ch in text) and bool(text.strip())  # "—", "–", "*"
    for word in words:
        core = word.strip("()[]{}.,;:!?\"'„“”«»")
        if not core or not any(ch.isalpha() for ch in core):
            continue
        if _FIGURE_WORDS.match(core) or _FIGURE_WORDS.match(core + "."):
            continue
        if _CODE_TOKEN.match(core) and sum(ch.isdigit() for ch in core) >= 1 and len(core) <= 20:
            continue
        return False
    return True


def is_byline(text: str) -> bool:
    """ "Von Anna Schmidt, Berlin", "By Jane Doe", "김철수 기자": who wrote it (and where)."""
    line = " ".join(text.split())
    if len(line.split()) > BYLINE_MAX_WORDS:
        return False
    return _BYLINE.match(line) is not None or _BYLINE_KO.match(line) is not None


def is_dateline(text: str) -> bool:
    """A date (and time, place, update note) alone: "12. März 2025, 14:30 Uhr", "Berlin, 12.03.2025",
    "Aktualisiert am 3. Juni 2025"."""
    line = " ".join(text.split())
    words = line.split()
    if not words or len(words) > DATELINE_MAX_WORDS or line.endswith(("!", "?")):
        return False
    if _DATE.search(line) is None:
        return False
    rest = _TIME.sub(" ", _DATE.sub(" ", line))
    rest_words = [w for w in re.split(r"[\s,|·/()–—-]+", rest) if any(ch.isalpha() for ch in w)]
    # a place, "aktualisiert am", "Stand:", a weekday: a few words, none that makes it a sentence
    return (len(rest_words) <= 3 and line[-1:] not in ".!?") or figures_only(line)


def date_part(text: str) -> str | None:
    """The date a dateline holds ("3. Juli 2025" of "Berlin, 3. Juli 2025"), or None."""
    found = _DATE.search(" ".join(text.split()))
    return found.group(0) if found else None


def is_credit(text: str) -> bool:
    """A picture credit or source line: "Foto: dpa", "© AFP", "Quelle: Statistisches Bundesamt"."""
    line = " ".join(text.split())
    return len(line.split()) <= 12 and (_CREDIT.match(line) is not None or _agencies(line))


def _agencies(line: str) -> bool:
    if line.endswith((".", "!", "?")) or len(line.split()) > 8:
        return False
    parts = [part.strip(" ()") for part in re.split(r"[/|,;]", line) if part.strip(" ()")]
    return any(_AGENCY.fullmatch(part) for part in parts) and all(
        _AGENCY.fullmatch(part) or _SHORT_NAME.fullmatch(part) for part in parts
    )


def credit_tail(text: str) -> int | None:
    """Where a caption's trailing credit starts ("... in Kursk. Foto: dpa"), or None."""
    match = _CREDIT_TAIL.search(text)
    if match is not None and match.start() > 0:
        return match.start()
    for end in re.finditer(r"[.!?]\s", text):  # "... in Kursk. picture alliance/dpa | Max Muster"
        if _agencies(text[end.end() :].strip()):
            return end.start() + 1
    return None


def is_teaser(text: str) -> bool:
    """A "read more" line pointing elsewhere: "Lesen Sie auch: ...", "Mehr zum Thema: ..."."""
    line = " ".join(text.split())
    match = _TEASER.match(line)
    if match is None or len(line.split()) > TEASER_MAX_WORDS:
        return False
    # "Siehe auch die Debatte um ... ." is a sentence; "Lesen Sie auch: ..." and "Mehr zum Thema" are not
    return bool(match.group(1)) or match.end() == len(line) or not line.endswith((".", "!"))


def meta_line(text: str) -> bool:
    """A byline, a dateline, or a line of such parts ("Stand: 12.03.2025 14:30 Uhr · Lesezeit: 3 Min.",
    "Von Anna Schmidt | 12.03.2025"): metadata, not a heading or body."""
    parts = [part for part in re.split(r"\s[·|•]\s", " ".join(text.split())) if part.strip()]
    return (
        bool(parts)
        and all(
            is_byline(part) or is_dateline(part) or is_teaser(part) or is_credit(part) or figures_only(part)
            for part in parts
        )
        and any(is_byline(part) or is_dateline(part) or is_teaser(part) for part in parts)
    )


def kept_part(text: str) -> bool:
    """A part that stays in the source language by design: byline, dateline, credit, teaser, figures."""
    return meta_line(text) or is_credit(text) or is_teaser(text) or figures_only(text)
