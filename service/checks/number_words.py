"""Numbers written as words in German, English and Korean: cardinals ("vier", "forty-five", "세"),
ordinals ("dritte", "third"), fractions ("ein Drittel"), month names ("Dezember" = 12), Roman
numerals after a name ("Ludwig XIV."), and words of scale ("vier Millionen", "four million")."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from service.checks.korean_numbers import korean_word

# a German "Billion" is a million million; an English "billion" is a German "Milliarde"
SCALES = {
    "million": 10**6, "millions": 10**6, "mn": 10**6, "millionen": 10**6, "mio": 10**6, "mio.": 10**6,
    "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "mrd.": 10**9, "billion": 10**9,
    "billions": 10**9, "bn": 10**9, "trillion": 10**12, "trillions": 10**12, "billionen": 10**12,
    "tausend": 1000, "thousand": 1000,
}  # fmt: skip
_ROMAN = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
          "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19,
          "XX": 20, "XXI": 21}  # fmt: skip


_EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "thousand": 1000, "million": 10**6, "billion": 10**9, "dozen": 12, "fortnight": 2, "goalless": 0,
    "first": 1, "second": 2,
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100, "both": 2, "twice": 2, "once": 1,
    "single": 1, "double": 2, "triple": 3, "half": 0.5, "quarter": 4, "decade": 10, "decades": 10,
    "century": 100, "pair": 2, "couple": 2, "a": 1, "an": 1, "twenties": 20, "thirties": 30,
    "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90,
    "doubled": 2, "doubling": 2, "tripled": 3, "tripling": 3, "quadrupled": 4,
}  # fmt: skip
_DE_WORDS = {
    "null": 0, "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "eins": 1, "zwei": 2,
    "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000, "million": 10**6,
    "millionen": 10**6, "milliarde": 10**9, "milliarden": 10**9, "dutzend": 12, "beide": 2, "beiden": 2,
    "zweimal": 2, "einmal": 1, "doppelt": 2, "halb": 0.5, "hälfte": 0.5, "jahrzehnt": 10, "paar": 2,
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7,
    "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12, "jahrhundert": 100, "viertel": 4,
}  # fmt: skip
_DE_PREFIXES = sorted(
    ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig",
     "dreißig", "vierzig", "fünfzig", "hundert", "tausend", "ein", "erst", "zweit", "dritt", "doppel",
     "viert", "fünft", "sechst", "siebt", "neunt", "zehnt", "elft", "zwölft"),
    key=len, reverse=True,
)  # fmt: skip
_DE_PREFIX_VALUE = {
    "erst": 1,
    "zweit": 2,
    "dritt": 3,
    "doppel": 2,
    "viert": 4,
    "fünft": 5,
    "sechst": 6,
    "siebt": 7,
    "neunt": 9,
    "zehnt": 10,
    "elft": 11,
    "zwölft": 12,
} | {p: v for p, v in _DE_WORDS.items() if p in _DE_PREFIXES}
_MONTHS = {
    **{m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
       "august", "september", "october", "november", "december"))},
    **{m: i + 1 for i, m in enumerate(("januar", "februar", "märz", "april", "mai", "juni", "juli",
       "august", "september", "oktober", "november", "dezember"))},
    "jänner": 1, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
}  # fmt: skip
_KO_WORD = re.compile(r"[가-힣]+")
_LATIN_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def dec(value: str | int | float | Decimal) -> Decimal | None:
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


# the decimal mark of each language's numbers ("2,5 Prozent", "2.5 percent", "2.5퍼센트"); the
# other mark groups thousands ("1.250 Euro", "1,250 euros")


def _german_word(word: str) -> Decimal | None:
    w = word.lower()
    if times := re.fullmatch(r"ver(doppel|dreifach|vierfach)\w*", w):  # "verdoppelt": twice as much
        return dec(_TIMES_DE[times.group(1)])
    for suffix in ("", "e", "en", "er", "es", "em", "n", "s"):
        base = w[: len(w) - len(suffix)] if suffix and w.endswith(suffix) else w if not suffix else None
        if base and base in _DE_WORDS:
            return dec(_DE_WORDS[base])
    m = re.fullmatch(r"(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(zwanzig|dreißig|vierzig|fünfzig"
                     r"|sechzig|siebzig|achtzig|neunzig)\w*", w)  # fmt: skip
    if m:
        return dec(_DE_WORDS.get(m.group(1), 1) + _DE_WORDS[m.group(2)])
    m = re.fullmatch(r"(drei|vier|fünf|sech|sieb|acht|neun)zehn\w*", w)
    if m:
        return dec({"sech": 6, "sieb": 7}.get(m.group(1), _DE_WORDS.get(m.group(1), 0)) + 10)
    m = re.fullmatch(r"(\w{3,}?)(hundert|tausend)", w)  # "zwölftausend", "dreihundert"
    if m and (head := _german_word(m.group(1))) is not None:
        return dec(head * (100 if m.group(2) == "hundert" else 1000))
    for prefix in _DE_PREFIXES:
        if w.startswith(prefix) and len(w) >= len(prefix) + 3:
            return dec(_DE_PREFIX_VALUE[prefix])
    return None


for _teen in ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"):
    _EN_WORDS[_teen + "th"] = _EN_WORDS[_teen]
_DE_WORDS.update({"drittel": 3, "zehntausend": 10_000, "hunderttausend": 100_000})
_HALF_OF = re.compile(r"\b(?:[Hh]alf an?|[Ee]ine[rn]? halbe[nr]?)\s+(million|billion|Million|Milliarde)\b")
_SCALE_AFTER = re.compile(
    r"([A-Za-zäöüß]+)\s+(Millionen|Million|Milliarden|Milliarde|Billionen|Billion|million|billion|trillion"
    r"|thousand|Tausend|hundred|Hundert)\b"
)


def _word_value(word: str, lang: str) -> Decimal | None:
    low = word.lower()
    if lang == "de":
        return _german_word(word)
    for form in (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else ""):
        if form in _EN_WORDS:
            return dec(_EN_WORDS[form])
    return None


def word_list(text: str, lang: str) -> list[Decimal]:
    """The value of each number word of ``text``, once for each time it is written ("first",
    "zweite", "six", "세")."""
    out = []
    if lang == "ko":
        out += [v for word in _KO_WORD.findall(text) if (v := korean_word(word)) is not None]
    wordlang = "de" if lang == "de" else "en"
    return out + [v for word in _LATIN_WORD.findall(text) if (v := _word_value(word, wordlang)) is not None]


# a share in words, which the other side may write as a decimal or a percent
_SHARES = (
    (re.compile(r"\b(?:quarters?|[Vv]iertel)\b"), "0.25"),
    (re.compile(r"\b(?:three[- ]quarters|drei ?[Vv]iertel|[Dd]reiviertel)\b"), "0.75"),
    (re.compile(r"\b(?:half|[Hh]alb|[Hh]älfte)\b"), "0.5"),
)


def word_values(text: str, lang: str) -> set[Decimal]:
    """Values written in words (numerals, ordinals, month names): they count, but are not required."""
    out: set[Decimal] = set()
    for number, scale in _SCALE_AFTER.findall(text):  # "vier Millionen", "four million"
        value, factor = _word_value(number, lang), SCALES.get(scale.lower()) or _EN_WORDS.get(scale.lower())
        if scale == "Billion" and lang == "de":
            factor = 10**12  # German's "zwei Billionen": a million million, as "Billionen"
        if value is not None and factor:
            out.add(dec(value * Decimal(factor)) or Decimal(0))
    for roman in re.findall(r"\b[A-Z][a-z]+\s+([IVX]{1,5})\b", text):  # "Elisabeth II.", "Ludwig XIV."
        if roman in _ROMAN:
            out.add(Decimal(_ROMAN[roman]))
    out.update(Decimal(len(m)) for m in re.findall(r"\bWW(I{1,2})\b", text))  # WWI, WWII
    if re.search(
        r"\b(?:halbe[nr]? Stunde|half an hour|half-hour|half hour|and a half hours?|einhalb Stunden)\b",
        text,
        re.IGNORECASE,
    ):
        out.add(Decimal(30))  # minutes
    for scale in _HALF_OF.findall(text):  # "half a million", "eine halbe Milliarde"
        out.add(dec(Decimal(SCALES[scale.lower()]) / 2) or Decimal(0))
    out.update(word_list(text, lang))
    for share, part in _SHARES:  # "a quarter of a percentage point" / "0.25%포인트", "die Hälfte" / "50%"
        if share.search(text):
            out |= {Decimal(part), Decimal(part) * 100}
    for word in _LATIN_WORD.findall(text):
        low = word.lower()
        if low in _MONTHS and (word[0].isupper() or lang == "ko"):
            out.add(Decimal(_MONTHS[low]))
    for part in re.findall(r"[a-z]+(?:-[a-z]+)+", text.lower()):
        pieces = part.split("-")
        if lang == "en" and all(p in _EN_WORDS for p in pieces[:2]):
            a, b = _EN_WORDS[pieces[0]], _EN_WORDS[pieces[1]]
            out.add(dec(a + b if a >= 20 and b < 10 else a) or Decimal(0))
    if lang == "en":  # tens and units with a space ("forty five")
        for tens, units in _SPACED_TENS_EN.findall(text.lower()):
            out.add(Decimal(_EN_WORDS[tens] + _EN_WORDS[units]))
    return out


# cardinal numbers written as a word, which a translation must carry as a word or in digits ("vier
# Kinder" / "four children" / "4 children"); not "ein"/"one" (an article, a pronoun), nor words
# that count loosely ("both", "couple", "Dutzend")
_CARDINALS = {
    "de": {w: v for w, v in _DE_WORDS.items() if isinstance(v, int) and 2 <= v <= 1000 and w in (
        "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig",
        "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")},
    "en": {w: v for w, v in _EN_WORDS.items() if isinstance(v, int) and 2 <= v <= 1000 and w in (
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")},
}  # fmt: skip


# ordinals and fractions written as words, required between German and English as cardinals are
# ("zum dritten Mal" / "for the third time", "ein Drittel" / "a third"); not "second"/"zweite" (a
# time; "the next round" for "die zweite Runde"), "half" or "quarter" (loosely used: "half an hour",
# "third quarter" for "drittes Quartal"), nor "achte" ("achten auf", to heed). German fractions are
# nouns, capitalised anywhere; the second part of a compound is no word of its own ("twenty-fourth").
_ORDINAL_STEMS_DE = (("dritt", 3), ("viert", 4), ("fünft", 5), ("sechst", 6), ("siebt", 7),
                     ("neunt", 9), ("zehnt", 10))  # fmt: skip
_ORDINALS: dict[str, dict[str, Decimal]] = {
    "de": {stem + end: Decimal(value) for stem, value in _ORDINAL_STEMS_DE
           for end in ("e", "en", "er", "es", "em")}
    | {"drittel": Decimal(3), "viertel": Decimal(4), "fünftel": Decimal(5), "sechstel": Decimal(6),
       "zehntel": Decimal(10), "hälfte": Decimal("0.5")},
    "en": {word: Decimal(_EN_WORDS[word])
           for word in ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")}
    | {"thirds": Decimal(3), "fifths": Decimal(5), "tenths": Decimal(10)},
}  # fmt: skip
_FRACTION_NOUNS = frozenset({"drittel", "viertel", "fünftel", "sechstel", "zehntel", "hälfte"})


def cardinal_words(text: str, lang: str, *, ordinals: bool = True) -> list[tuple[str, Decimal]]:
    """The cardinal numbers of a German or English text written as words ("vier", "twelve"), and its
    ordinals and fractions (:data:`_ORDINALS`, unless ``ordinals`` is false), in lower case or
    starting a sentence (a capitalised "Acht" inside a German sentence is a noun; a fraction is a
    noun anywhere)."""
    words: dict[str, Decimal | int] = {
        **_CARDINALS.get(lang, {}),
        **(_ORDINALS.get(lang, {}) if ordinals else {}),
    }
    out = []
    taken = 0  # where the last tens-and-units number ended ("forty-five", "forty five": "five" is part of it)
    for match in _LATIN_WORD.finditer(text):
        word = match.group(0)
        low = word.lower()
        if match.start() < taken:
            continue
        value: Decimal | int | None = words.get(low, _MULTIPLIED.get(lang, {}).get(low))
        if value is None and lang == "de" and (times := _MULTIPLIED_DE.fullmatch(low)):
            value = _TIMES_DE[times.group(1)]
        end = match.end()
        units = _UNITS_AFTER_TENS.match(text, end) if lang == "en" and low in _TENS_EN else None
        if units:  # one number, "forty-five" or "forty five" (45), not 40 and 5
            taken = end = units.end()
            value = Decimal(words[low]) + Decimal(_EN_WORDS[units.group(1).lower()])
        if value is None or re.match(r"-\w", text[end : end + 2]):
            continue  # not the first part of a compound ("four-year", "Drei-Nationen", "forty-five-year")
        if low in _ORDINALS.get(lang, {}) and text[match.start() - 1 : match.start()] == "-":
            continue  # nor the last of one ("twenty-fourth")
        if (
            word[0].isupper()
            and low not in _FRACTION_NOUNS
            and not re.search(r"(?:^|[.!?:]\s+|[\"„“«]\s*)$", text[: match.start()])
        ):
            continue
        before, after = text[max(0, match.start() - 12) : match.start()], text[end : end + 12]
        if _IDIOM_BEFORE.search(before) or _IDIOM_AFTER.match(after):
            continue
        scale = _SCALED.match(text[end : end + 16])  # "vier Millionen", "four million"
        factor = SCALES.get(scale.group(1).lower()) or _EN_WORDS.get(scale.group(1).lower()) if scale else 1
        if scale and lang == "de" and scale.group(1) == "Billion":
            factor = 10**12  # German's "eine Billion": a million million
        out.append((text[match.start() : end], Decimal(value) * Decimal(factor or 1)))
    for one in _ONE_SCALE.finditer(text):  # "eine Million", "a billion": the article is the one
        word = one.group(1)
        factor = 10**12 if lang == "de" and word == "Billion" else SCALES[word.lower()]
        out.append((one.group(0), Decimal(factor)))
    return out


# one of a scale, with an article for its number ("eine Million Menschen", "einer Milliarde", "a
# billion dollars", "one million"): an outside tester's "eine Million" / "one billion" passed
_ONE_SCALE = re.compile(
    r"(?<![\w-])(?:eine|einer|one|a)\s+(Million|Milliarde|Billion|million|billion|trillion)\b(?!-)"
)


# a number a verb says ("doubled", "verdreifacht"): "verdoppelt" / "tripled" is a number changed
_MULTIPLIED = {
    "en": {"doubled": 2, "doubling": 2, "doubles": 2, "tripled": 3, "tripling": 3, "triples": 3,
           "quadrupled": 4, "quadrupling": 4},
}  # fmt: skip
_MULTIPLIED_DE = re.compile(r"ver(doppel|dreifach|vierfach)(?:t|te|ten|n|en|ung|e)?")
_TIMES_DE = {"doppel": 2, "dreifach": 3, "vierfach": 4}

_KO_MULTIPLE = re.compile(r"(두|세|네|다섯|\d+)\s?배")
_KO_MULTIPLE_WORDS = {"두": 2, "세": 3, "네": 4, "다섯": 5}


def multiples(text: str, lang: str) -> list[tuple[str, Decimal]]:
    """The multiples a text says: "verdoppelt", "tripled" (German, English), "두 배", "3배" (Korean)."""
    if lang == "ko":
        return [
            (m.group(0), Decimal(_KO_MULTIPLE_WORDS.get(m.group(1)) or int(m.group(1))))
            for m in _KO_MULTIPLE.finditer(text)
        ]
    found = []
    for m in _LATIN_WORD.finditer(text):
        low = m.group(0).lower()
        value = _MULTIPLIED.get(lang, {}).get(low)
        if value is None and lang == "de" and (times := _MULTIPLIED_DE.fullmatch(low)):
            value = _TIMES_DE[times.group(1)]
        if value is not None:
            found.append((m.group(0), Decimal(value)))
    return found


_TENS_EN = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
_UNITS_EN = "one|two|three|four|five|six|seven|eight|nine"
# the units after English tens, with a hyphen or a space ("forty-five", "forty five")
_UNITS_AFTER_TENS = re.compile(rf"[- ]({_UNITS_EN})\b", re.IGNORECASE)
# tens and units with a space ("forty five")
_SPACED_TENS_EN = re.compile(rf"\b({'|'.join(sorted(_TENS_EN))}) ({_UNITS_EN})\b")


_SCALED = re.compile(
    r"\s+(millionen|million|milliarden|milliarde|billionen|billion|trillion|mio|mrd|tausend|thousand|hundert"
    r"|hundred)\b",
    re.I,
)


# numbers in idioms, not counts: "halb drei" (half past two), "geben Sie acht" (take care), "a
# joke or two", "Top Ten", "half past two", "ten to five"
_IDIOM_BEFORE = re.compile(
    r"(?i:\b(?:halb|viertel nach|viertel vor|gib|gibt|geben sie|gab|außer|or|top|past|to))\s+$"
)

_IDIOM_AFTER = re.compile(r"\s*(?:geben|gegeben|zu geben|gibt)\b")
