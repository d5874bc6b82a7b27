"""Names, acronyms and codes: the same ones on both sides of a Latin-script translation.

Two ways round, for a Latin-script (German, English) translation:

* a name of the source that the translation lacks ("Danius in the source, not in the
  translation"): a name dropped, or replaced;
* a name of the translation that the source lacks ("Miller in the translation, not in the
  source"): a name replaced, or added. This way round catches a replaced name even where the
  source side cannot tell a German noun from a name. Only where the source is German or English:
  a Korean source writes most names in Hangul.

What counts as a name, in the words of one side (see :func:`is_name`):

* an acronym or code: two capitals or more ("NATO", "COVID-19", "802.11n", "F-35"), or letters with
  digits, or a capital inside a word ("iPhone", "McDonald");
* in English, a capitalised word that does not start the sentence and is no ordinary English word;
* in German (which capitalises every noun), a capitalised word that is not German but English knows
  ("University" of "Stanford University", "Miller"), one neither knows beside a title or another
  name ("Präsident Harper", "Sara Danius"), or a word both lists know as a name ("Paris", "Obama");
* in Korean, every Latin-script word (a Korean text writes in Latin script only what it keeps).

A name is found on the other side as written, in a translator's spelling or as its exonym
(:mod:`service.checks.name_match`). For a Korean translation names are not checked here: only where
a glossary gives the Korean form (glossary check) or the article itself does (consistency check),
never guessed.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from service.checks.acronyms import ROMAN, is_acronym
from service.checks.country_codes import country_of_code
from service.checks.flag import Flag, flag
from service.checks.german_kinds import city, german_kind
from service.checks.german_names import FUNCTION_WORD, TITLES, before_epithet, german_names, starts_with_name
from service.checks.german_runs import (
    before_nouns,
    city_runs,
    english_names,
    left_open,
    line_ups,
    named_by_kind,
    newspapers,
    place_qualifiers,
)
from service.checks.german_tagged import tagged_name
from service.checks.lexicon import (
    COMMON,
    NAME_COMMON,
    RARE,
    SELDOM_EN,
    american,
    de_count,
    dictionary,
    en_count,
    given_names,
    surnames,
)
from service.checks.name_flags import acronyms_spelled_out, runs_said_once, short_forms_minor, tails_said_once
from service.checks.name_lists import foreign_places, listed_with_names
from service.checks.name_match import big_city, name_in, place_names
from service.checks.name_runs import head_dropped, kind_kept, partly_kept
from service.checks.name_swaps import swaps_said_once
from service.checks.name_tails import replaced_tails
from service.checks.people import NOT_NAMES, english_people, german_people
from service.checks.people import first_name as _first_name
from service.checks.sentence_position import opens_sentence, starts_sentence
from service.checks.speakers import quoted_speakers
from service.checks.tagging import proper_nouns

_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9][\w'’.-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿ]")
# a German word for a person made of an acronym ("BMXer", "SPDlerin", "CDUlern")
_ACRONYM_PERSON = re.compile(r"([A-Z]{2,})(?:ler|er)(?:in|innen|n|s)?")
# German abbreviations news translators spell out or leave out: club forms ("FC Liverpool" is
# "Liverpool"; but "VfB Stuttgart", "VfL Wolfsburg" and "TSV 1860" stay as they are), offices, units
_NOT_KEPT_DE = {"FC", "SV", "SC", "OB", "PI", "BW", "MdB", "MdL", "GmbH", "AG", "eV", "OP", "WC", "Kfz",
                "KW"}  # fmt: skip


def _common(word: str) -> bool:
    """A frequent word of either language ("With", "Bei"), not a surname after an initial."""
    low = word.lower()
    return en_count(low) >= COMMON or (de_count(low) or 0) >= FUNCTION_WORD


def _shouted(word: str) -> bool:
    """An ordinary word in capitals for emphasis ("NIE", "NEVER", "ACHTUNG"), not an acronym the
    German list counts as a word ("FBI", "ZDF")."""
    low = word.lower()
    if len(word) < 3 or not word.isalpha():
        return False
    return (
        en_count(low) >= COMMON
        or (de_count(low) or 0) >= FUNCTION_WORD
        or "n" in german_kind(word.capitalize())
    )


def _acronyms_in(word: str) -> list[str]:
    if is_acronym(word):
        return [word]
    parts = word.split("-")
    for end in range(len(parts) - 1, 1, -1):  # a code first in a compound: "F-35-Modell"
        if is_acronym(code := "-".join(parts[:end])):
            return [code, *(p for p in parts[end:] if len(p) > 1 and is_acronym(p))]
    return [part for part in parts if len(part) > 1 and is_acronym(part)]


def is_name(word: str, lang: str) -> bool | None:
    """Whether a capitalised word of a ``lang`` text, not at the start of a sentence, is a name a
    Latin-script translation keeps: True, False, or None where only its neighbours can tell (a
    German word neither list knows: a name beside a title or another name, else a noun the list
    misses)."""
    low = word.lower()  # not casefold: the lists keep "ß"
    count = en_count(low)
    if ROMAN.fullmatch(word) or word in NOT_NAMES:
        return False
    if lang == "ko":  # Latin script in a Korean text: kept, unless an ordinary English word
        return count < RARE or ("p" in german_kind(word) and count < NAME_COMMON)
    # English: rare in English, and either a word German has too ("Paris", "Obama") or hardly an
    # English word at all ("Siminoff"); a name only English writes ("Trump") is left to its
    # neighbours, rather than flagging every translated one ("Peninsula", "Congress"); a word
    # English derives ("Electoral", "Association", "Accords") is an ordinary word
    count = max(count, en_count(american(low)), en_count(low[:-1]) if low.endswith("s") else 0)
    if ("p" in german_kind(word) and count < NAME_COMMON) or word in place_names("en"):
        return True  # a name German writes the same way ("Miller", "China", "Iowa"), a country
    if count >= COMMON or (count >= 100 and _DERIVED_EN.search(low)):
        return False
    if city(word) and count < RARE:
        return True  # a city no English word ("Gaziantep"; not "Independence", "Reading")
    if count < RARE and (low in dictionary("de") or count < 100):
        return True
    return None if count < RARE else False


_DERIVED_EN = re.compile(
    r"(?:al|ion|graphy|logy|nomy|ics|ity|ment|ness|ive|ous|ic|ical|ary|ory|ance|ence|ism|ist|ship"
    r"|hood|ure|ord|ords|play|ing|ed|ful|less|able|ible|ant|ent)s?$"
)


# a name of a capital letter and a capitalised word, in English ("D-Day", "X-Men"; German joins
# common nouns so: "U-Bahn", "E-Mail")
_LETTER_NAMED = re.compile(r"[A-Z]-[A-Z][a-z]+")

# a clause after a colon or a dash ("Football: Sturridge", "four goals - Ronaldo")
_CLAUSE_OPENS = re.compile(r"(?:\w[:;]|\s[-–—])\s+$")


# a word after an opening quotation mark or bracket inside a German sentence ('Folge von „Shark
# Tank“', '(Pennsylvania)'), where German capitalises nouns as anywhere
_QUOTED_DE = re.compile(r"[\w,]\s+[„“\"«‚(]$")


# a capital after small letters inside a word ("TogiNet", "PayPal"), not German's gender forms
# ("LehrerInnen", "BürgerIn")
_CAMEL = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+[A-ZÄÖÜ][\w]*(?<!In)(?<!Innen)")


def _first_word_is_name(word: str, lang: str, *, possessive: bool = False) -> bool:
    """Whether the first word of a sentence is a name: in German, one the lists know as a name
    only or one no list knows (:func:`starts_with_name`); in English (where the first word of a
    sentence is any word), one German lists as a name only and English seldom writes ("Luna",
    "Barcelona"), not a country (a translator writes its adjective: "Poland's skier", "der
    polnische Skifahrer"). An English possessive is a name of three letters too ("Uka's weapon")."""
    if not word.isalpha():
        return False
    if lang == "de":
        return starts_with_name(word)
    if (
        len(word) >= (3 if possessive else 4)
        and de_count(word.lower()) is None
        and not german_kind(word)
        and _unknown_en(word.lower())
    ):
        return True  # a word neither language knows ("Mendoza was gunned down", "Velasquez has")
    if (
        len(word) >= 7
        and german_kind(word) == "n"
        and _unknown_en(word.lower())
        and not de_count(word.lower())
    ):
        return True  # a rare German noun English does not know: a Latin name ("Mosasaurus was")
    return german_kind(word) == "p" and en_count(word) < NAME_COMMON and word not in place_names("en")


# the first parts of compound adjectives of peoples ("Sino-Japanese", "Anglo-Saxon"), no names
_COMBINING = frozenset({"Sino", "Anglo", "Franco", "Indo", "Afro", "Euro", "Greco", "Graeco", "Russo",
                        "Austro", "Judeo", "Italo", "Hispano", "Ibero", "Germano", "Turko", "Arabo", "Pan",
                        "Trans"})  # fmt: skip


def _unknown_en(low: str) -> bool:
    """A word the English list does not know, in British spelling ("organisers"), as a plural or as
    two words of it run together ("wagonways", "inspite") either."""
    forms = (low, american(low), low[:-1] if low.endswith("s") else low)
    if any(en_count(form) for form in forms):
        return False
    return not any(
        en_count(low[:cut]) >= 1000 and en_count(low[cut:]) >= 1000 for cut in range(2, len(low) - 2)
    )


_AFTER_INITIAL = re.compile(r"(?<!\w)[A-Z][a-z]+\s+[A-Z]\.\s+$")
_BEFORE = re.compile(r"([A-Z][\w'’-]+)\s+$")
_AFTER = re.compile(r"^\s+([A-Z][\w'’-]+)")


_ARTICLE_EN = re.compile(
    r"(?<!\w)(?i:the|a|an|this|that|these|those|its|their|his|her|our|every)\s+(?:[A-Z][\w'’-]*\s+)*$"
)


def _beside_name(text: str, start: int, length: int, *, strict: bool = False) -> bool:
    """An English word only its neighbours can tell (rare in English, unknown to German) is a
    name after a title ("Senator Carter"), beside a word that is a name ("Jimmy Carter"), or
    where no article stands before it ("Miller said", "in California"; not "the Peninsula", "the
    Chancellor")."""
    before, after = text[max(0, start - 40) : start], text[start + length : start + length + 40]
    if TITLES.search(before):
        return True
    if any(is_name(m.group(1), "en") for m in (_BEFORE.search(before), _AFTER.match(after)) if m):
        return True
    if strict or _ARTICLE_EN.search(before):
        return False
    # nor the plural of an English word ("Scaffolds", "Westerners": nouns written with a capital),
    # unless a surname ("Brooks", "Woods")
    word = text[start : start + length]
    return not (word.endswith("s") and en_count(word[:-1]) > 0) or word in surnames()


def names_of(text: str, lang: str, other_lang: str = "en", *, strict: bool = False) -> list[str]:
    """The names, acronyms and codes of a ``lang`` text that the other side (in ``other_lang``) of
    a Latin-script translation must have too. A Korean text writes in Latin script what it keeps:
    an English translation keeps all its capitalised words, a German one its names."""
    out: list[str] = []
    if lang == "ko":  # Latin-script words in Korean, less the particles written onto them
        words = re.findall(r"(?<![A-Za-zÀ-ɏ0-9])[A-Z][A-Za-zÀ-ɏ0-9'’&.-]*[A-Za-zÀ-ɏ0-9]", text)
        keep_all = other_lang == "en"
        return [
            w
            for w in dict.fromkeys(words)
            if is_acronym(w) or (keep_all and w not in NOT_NAMES) or is_name(w, "ko")
        ]
    tokens = [
        (re.sub(r"['’](?:s|m|ll|re|ve|d|t)?$", "", m.group(0).rstrip(".")), m.start())
        for m in _TOKEN.finditer(text)
    ]
    tokens = [(re.sub(r"(?<=[a-zäöüß])\.\w*$", "", word), start) for word, start in tokens]
    headline = lang == "en" and _title_case(text)
    for word, start in tokens:
        if by_acronym := _ACRONYM_PERSON.fullmatch(word):
            word = by_acronym.group(1)  # "BMXer", "SPDler": the acronym is the name
        if acronyms := _acronyms_in(word):
            # an acronym joined to a word is no word in capitals for emphasis ("PALM-Studie")
            joined = "-" in word and word != acronyms[0]
            # a country's code in brackets, as results give it, is no shouting ("Dreßen (GER)")
            coded = text[start - 1 : start] == "(" and text[start + len(word) : start + len(word) + 1] == ")"
            coded = coded and country_of_code(word, "en") is not None
            out.extend(a for a in acronyms if a not in _NOT_KEPT_DE and (joined or coded or not _shouted(a)))
            continue
        if not word[:1].isupper() or len(word) < 2 or word in NOT_NAMES:
            continue
        if _AFTER_INITIAL.search(text[:start]) and word.isalpha() and not _common(word):
            out.append(word)  # a surname after a middle initial ("George W. Bush", "Lyndon B. Johnson")
            continue
        if (
            lang == "de"
            and _QUOTED_DE.search(text[:start])
            and (de_count(word.lower()) or 0) < FUNCTION_WORD  # not "„Die Simpsons“"
        ):
            out.extend(german_names(text, start, word))  # a noun or a name, as anywhere inside
            continue
        if starts_sentence(text, start):
            # English capitalises no noun after a colon or a dash, so a name there is told as a
            # sentence's first word is ("Football: Sturridge saves Liverpool", "four goals -
            # Ronaldo has three"); German capitalises its nouns there
            after_clause = lang == "en" and _CLAUSE_OPENS.search(text[:start]) is not None
            possessive = text[start + len(word) : start + len(word) + 2] in ("'s", "’s")
            if (opens_sentence(text, start) or after_clause) and _first_word_is_name(
                word, lang, possessive=possessive
            ):
                out.append(word)
            continue
        if text[start + len(word) : start + len(word) + 1] == "-":
            continue  # the first part of a compound left open ("Tier- und Vogelarten")
        if _CAMEL.fullmatch(word):
            out.append(word)  # a capital inside a word: a brand's or a firm's name ("TogiNet", "YouTube")
            continue
        if lang == "de":
            out.extend(german_names(text, start, word))
            continue
        if "-" in word:  # a name of capitalised parts ("KwaZulu-Natal", "Buffalo-Pittsburgh")
            parts = word.split("-")
            if _LETTER_NAMED.fullmatch(word):
                out.append(word)  # a day or a group named by a capital letter ("D-Day", "X-Men")
                continue
            if all(p[:1].isupper() and len(p) >= 3 for p in parts):
                out.extend(p for p in parts if p not in _COMBINING and is_name(p, lang))
            elif _first_word_is_name(parts[0], lang) and parts[0] not in _COMBINING:
                out.append(parts[0])  # a name with a part in small letters ("Mohenjo-daro")
            continue
        if before_epithet(text[start + len(word) : start + len(word) + 40]):
            continue
        verdict = is_name(word, lang)
        if headline and verdict is not False:  # every word capitalised: only a name by the lists
            verdict = "p" in german_kind(word) or word in place_names("en") or not en_count(word)
        if verdict or (verdict is None and _beside_name(text, start, len(word), strict=strict)):
            out.append(word)
    if lang == "de":
        out.extend(english_names(text))
        out.extend(before_nouns(text))
        out.extend(city_runs(text))
        out.extend(line_ups(text))
        out.extend(named_by_kind(text))
        out.extend(newspapers(text))
        out.extend(w for w in [*quoted_speakers(text), *german_people(text)] if w not in NOT_NAMES)
    else:
        out.extend(english_people(text))
    out.extend(foreign_places(text))
    out.extend(_tagged(text, lang, tokens, set(out)))
    if lang == "en":
        out.extend(_paired_surnames(text, out))
        out.extend(_given_before(text, out))
    out.extend(listed_with_names(text, set(out)))
    if lang == "de":  # "Frankfurt am Main" may be "Frankfurt"
        out.extend(left_open(text, set(out)))
        qualifiers = place_qualifiers(text)
        out = [word for word in out if word not in qualifiers]
    return list(dict.fromkeys(out))


# two capitalised words joined by "and", no capitalised word after the second ("Hershey and Chase
# used phages")
_PAIRED = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+)\s+(?:and|&)\s+([A-Z][a-z]+)(?![\w'’-])(?!\s+[A-Z])")


def _paired_surnames(text: str, found: list[str]) -> list[str]:
    """A surname that is an English word, joined by "and" to a name the text has that names no
    place ("Hershey and Chase", "Marks and Spencer"): a person as the first is, though English has
    the word ("chase")."""
    return [
        m.group(2)
        for m in _PAIRED.finditer(text)
        if m.group(1) in found and not _names_place(m.group(1)) and m.group(2) in surnames()
    ]


def _names_place(word: str) -> bool:
    """A country or a city by its English name ("Germany", "Paris"): no person's name beside it."""
    return word in place_names("en") or big_city(word)


# a capitalised word right before another ("Mike Pompeo", "Klaus Spellmeyer")
_BEFORE_WORD = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)\s+(?=([A-Z][\w'’-]*\w))")


def _given_before(text: str, found: list[str]) -> list[str]:
    """A given name (of the census lists, or of another country's) right before a surname the text
    names, though English writes the word often ("Mike Pompeo", "Rob Dobson", "Pep Guardiola"):
    the person's name is both."""
    return [
        m.group(1)
        for m in _BEFORE_WORD.finditer(text)
        if m.group(2) in found and (m.group(1) in given_names() or _first_name(m.group(1)))
        and m.group(1) not in NOT_NAMES and not TITLES.search(m.group(1) + " ")
        and not _names_place(m.group(1))
        # a sentence's first word only if English seldom writes it ("Will Aldi become ...?")
        and not (starts_sentence(text, m.start()) and _common(m.group(1)))
    ]  # fmt: skip


def _title_case(text: str) -> bool:
    """An English headline in title case ("Prices Rise Again as Energy Costs Soar"): four words or
    more of four letters or more, nearly all capitalised, where a capital says nothing of a name."""
    words = re.findall(r"[A-Za-z][\w'’-]{3,}", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def source_names(text: str, lang: str, target_lang: str = "en") -> list[str]:
    """The names of a source that a Latin-script translation must keep (kept for callers)."""
    return names_of(text, lang, target_lang)


def check_names(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    if target_lang == "ko":
        return []
    source, target = source.replace("\u00ad", ""), target.replace("\u00ad", "")  # soft hyphens
    names = names_of(source, source_lang, target_lang)
    flags = [
        flag("names", "major", f"{name} in the source, not in the translation")
        for name in names
        if not name_in(name, target, source_lang, target_lang, acronym=is_acronym(name), own=source)
    ]
    if source_lang in ("en", "ko"):  # an English name kept in English, but not whole (in Korean:
        # the English a Korean text gives in brackets, "(United States Geological Survey)")
        named = {f.detail for f in flags}
        flags += [
            flag("names", "major", detail)
            for word in dict.fromkeys(
                [*partly_kept(source, target), *head_dropped(source, target), *kind_kept(source, target)]
            )
            if (detail := f"{word} in the source, not in the translation") not in named
        ]
    if source_lang == "ko":
        return swaps_said_once(flags, source, target, source_lang, target_lang, names)
    # The other way round only for what the first way cannot see: translators make acronyms and
    # countries explicit ("SEC", "FIFA", "Germany", "the people of Brazil"), and a country or an
    # acronym of the source that the translation replaced is missed the first way already
    added = [
        name
        for name in names_of(target, target_lang, source_lang, strict=True)
        if not is_acronym(name) and name not in place_names(target_lang)
        and not name_in(name, source, target_lang, source_lang, own=target)
        and not _OFFICE_AFTER.match(target, target.find(name) + len(name))
        and not _city_of(name, target, names)
    ]  # fmt: skip
    if not flags:  # every name of the source is kept: an added word may complete one of them
        added = [name for name in added if not _completes_name(name, target, source)]
    flags += [flag("names", "major", f"{name} in the translation, not in the source") for name in added]
    flags = swaps_said_once(flags, source, target, source_lang, target_lang, names)
    flags = runs_said_once(flags, source, target)
    flags = acronyms_spelled_out(
        tails_said_once(flags, replaced_tails(source, target, names, source_lang, target_lang)),
        source,
        target,
        source_lang,
        target_lang,
    )
    return short_forms_minor(flags, source, target)


def _city_of(name: str, target: str, names: list[str]) -> bool:
    """A city the translation names as the place of a name the source has: "Berlin's BER airport"
    for "der Flughafen BER", "London's Heathrow" (a translator making the place explicit)."""
    after = re.match(r"['’]s\s+([A-Z][\w-]*)", target[target.find(name) + len(name) :])
    return after is not None and after.group(1) in names and big_city(name)


# an office after a word: the word is part of its title ("Labour Minister" for "Arbeitsministerin")
_OFFICE_AFTER = re.compile(
    r"\s+(?:Minister|Ministry|Secretary|Department|Commissioner|Spokesman|Spokeswoman)\b"
)

_NAME_RUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w'’-]*(?:\s+[A-ZÄÖÜ][\w'’-]*)+")


def _completes_name(name: str, target: str, source: str) -> bool:
    """Whether a name only the translation has stands beside a name the source has, with no other
    capitalised word in its place there: a name written out in full ("Louis Gates" -> "Henry Louis
    Gates", "Michael" -> "Michael Schumacher", "die Bahn" -> "Deutsche Bahn", "at Anfield" -> "an
    der Anfield Road"), not one put in place of another ("Manchester City" -> "Manchester
    United": the source has a word after "Manchester")."""
    near = [
        w
        for w in re.findall(r"\w{4,}", source)
        if SequenceMatcher(None, w.casefold(), name.casefold()).ratio() >= 0.8
    ]
    if near:
        return False  # a word of the source misspelt ("Satoru" / "Satou"), not a name written out
    for run in _NAME_RUN.finditer(target):
        # a compound's first part stands for the name ("Mesut Özil-affair" for "Özil-Affäre")
        words = [re.sub(r"['’]s?$", "", w).split("-")[0] for w in run.group(0).split()]
        if name not in words:
            continue
        at = words.index(name)
        if at and _alone(words[at - 1], source, after=True):
            return True
        # before a given name only a given name ("Henry Louis Gates"; not "Medecines Louis Gates")
        given = name in given_names() or _first_name(name)
        following = words[at + 1] if at + 1 < len(words) else ""
        person = following in given_names() or _first_name(following)
        if following and (given or not person) and _alone(following, source, after=False):
            return True
    return False


def _alone(neighbour: str, source: str, *, after: bool) -> bool:
    """Whether the source has ``neighbour`` with no capitalised word after it (or before it, other
    than a frequent word that starts the sentence: "Was Lohan"); as a compound's first part too
    ("Özil-Affäre")."""
    for match in re.finditer(rf"(?<![\w-]){re.escape(neighbour)}(?![\w])", source):
        if after and not re.match(r"\s+[A-ZÄÖÜ]", source[match.end() :]):
            return True
        before = re.search(r"([A-ZÄÖÜ][\w'’-]*)\s+$", source[: match.start()])
        opener = before is not None and starts_sentence(source, before.start()) and _common(before[1])
        if not after and (before is None or opener):
            return True
    return False


def _tagged(text: str, lang: str, tokens: list[tuple[str, int]], found: set[str]) -> list[str]:
    """The names the lists leave a noun or undecided that the tagger reads as proper nouns in their
    sentence ("1884 zog Tesla", "Schneider leitet", "the Simpsons"). The tagger reads the sentence
    only where such a word is there."""
    guard = tagged_name if lang == "de" else _tagged_english
    candidates = [
        (word, start)
        for word, start in tokens
        if word not in found and word not in NOT_NAMES and guard(text, start, word)
    ]
    if not candidates:
        return []
    tagged = proper_nouns(text, lang)
    return [word for word, start in candidates if start in tagged]


def _tagged_english(text: str, start: int, word: str) -> bool:
    """An English word that may be a name where the tagger reads one: capitalised inside the
    sentence, rare in English, not a Roman numeral, a compound's open first part nor a genus before
    its epithet ("Aurora borealis")."""
    after = text[start + len(word) :]
    if not word[:1].isupper() or not word.isalpha() or len(word) < 3 or ROMAN.fullmatch(word):
        return False
    if after[:1] == "-" or before_epithet(after[:40]):
        return False
    if starts_sentence(text, start):  # any word starts a sentence: one English hardly knows
        return en_count(word) <= SELDOM_EN and opens_sentence(text, start)
    return en_count(word) < RARE
