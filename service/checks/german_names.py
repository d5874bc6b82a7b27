"""Which capitalised words of a German text are names: German capitalises every noun.

In order:

* a word the German Wiktionary lists as a name only ("Paris", "Merkel", "Nigeria"; genitive
  "Merkels") is a name, article or not ("im Iran");
* an English word no German list knows is a name, or part of an English one kept in German
  ("Dalhousie University", "Wall Street"); so is an English word German has too beside it
  ("Crown Office", "Shark Tank");
* a word it lists as a common noun ("Rudel", "Internet") is not, and one it lists as both
  ("Stein", "Fischer") only after a title or beside a name ("Gertrude Stein", not "aus Stein");
* a word the lists do not know: German when it is a compound or a derivation of German words
  ("Olivenöl", "Busbahnhof", "Dezertifizierung", "Südfrankreich"), or a frequent word of
  pyspellchecker's list; otherwise a name ("Danius", "Iwasaki"), unless an article stands before
  it ("die Mikroexpressionen") and no title or name beside it.

A hyphenated compound is read part by part ("Ebola-Mortalität", "Ost-Texas").

German news names people, clubs and places in words the lists have as nouns or not at all: a
family name by its ending ("Horstmann"), a club's name after its form ("SC Altenrheine"), a town's
adjective ("Hamelner"), a town after a preposition ("in Abtswind"), the name after a saint's title
("St. Heliers").

English names a German text keeps whole are in :mod:`service.checks.german_runs`; proper nouns by
the tagger in :mod:`service.checks.german_tagged`.
"""

from __future__ import annotations

import re
import unicodedata
from unicodedata import combining

from service.checks.calendar_words import time_word
from service.checks.german_kinds import (
    KEPT_GERMAN,
    city,
    foreign_word,
    german_kind,
    german_tail,
    looks_foreign,
    named_after,
    small_town,
    street,
    unknown_place,
    village,
)
from service.checks.lexicon import (
    COMMON,
    FREQUENT_DE,
    RARE,
    RAREST_DE,
    SELDOM_EN,
    de_count,
    en_count,
    german_compound,
    german_nouns,
    german_word,
    given_names,
)
from service.checks.name_match import big_city, place_names, place_of_adjective

DETERMINER = re.compile(
    r"(?:^|\s)(?:(?i:der|die|das|den|dem|des|im|am|vom|zum|zur|beim|ins|ans|aufs|ums|alle|beide"
    r"|viele|einige|mehrere|wenige|(?:k|m|d|s)?ein(?:e|en|em|er|es)?|ihr(?:e|en|em|er|es)?"
    r"|unser(?:e|en|em|er|es)?|(?:dies|jed|jen|welch|manch|solch)(?:e|en|em|er|es))|\d[\d.,]*"
    r"|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|hundert|tausend)"
    r"(?:\s+(?!(?:wurd|würd|werd|hatt|hätt|hab|konnt|könnt|sollt|wollt|musst|müsst|durft|dürft|möcht"
    r"|sagt)(?:e|en)\s)[a-zäöüß][\w-]*(?:e|en|em|er|es))*\s+$"
)
TITLES = re.compile(
    r"(?<!\w)(?:Dr|Prof|Herr|Frau|Präsident(?:in)?|Minister(?:in)?|Premierminister(?:in)?|Kanzler(?:in)?"
    r"|Senator(?:in)?|Sprecher(?:in)?|Trainer(?:in)?|Manager(?:in)?|Chef(?:in)?|Abgeordnete[rn]?|König(?:in)?"
    r"|Papst|Pharao|Mr|Mrs|Ms|President|Minister|Senator|Governor|General|Judge|Chancellor"
    r"|Prime Minister|Secretary|Pope|King|Queen|Prince|Princess|Saint|Sir|Lord|Lady)\.?\s+$"
)
_ADJECTIVE = re.compile(r"(?:\d[\d.,]*|(?<!\w)[a-zäöüß]+(?:es|em))\s+$")
_EPITHET = re.compile(r"^\s+([a-z]{2,}(?:a|us|um|is|ae|i|ans|ens|ex|ax|ix))\b")
_BEFORE = re.compile(r"([A-ZÄÖÜ][\w'’-]+)\s+$")
_AFTER = re.compile(r"^\s+([A-ZÄÖÜ][\w'’-]+)")


def _is_german(word: str) -> bool:
    low = word.lower()
    known = de_count(low)
    return (known is not None and known >= FREQUENT_DE) or german_compound(low)


def english_word(word: str) -> bool:
    """An English word that is no German noun ("University", "Street", "Warning"): frequent in
    English and at most a stray entry of the German list, or known to English and no German at
    all."""
    if german_kind(word) or en_count(word) < 100 or (de_count(word.lower()) or 0) >= FREQUENT_DE:
        return False
    return en_count(word) >= 1000 or not _is_german(word)


# a person's role German writes before the name with no article ("Verkehrsminister", "Hannover-Coach",
# "Architekt"), also the last part of a compound: a surname follows
_ROLE = re.compile(
    r"(?:minister|ministerin|coach|trainer|trainerin|chef|chefin|sprecher|sprecherin|präsident|präsidentin"
    r"|direktor|direktorin|leiter|leiterin|kapitän|architekt|architektin|bürgermeister|bürgermeisterin"
    r"|vorsitzende|vorsitzender|kanzler|kanzlerin|abgeordnete|abgeordneter|stürmer|torwart|verteidiger"
    r"|kommissar|kommissarin|intendant|intendantin)\s+$",
    re.IGNORECASE,
)


def _after_role(word: str) -> bool:
    """A word after a role that may be the surname ("Hannover-Coach Breitenreiter"): no common noun
    of the list ("weil der Trainer Geduld hat"; "Architekt Bader" is missed), no frequent word, no
    word of time ("der Minister Anfang Mai")."""
    return (
        word.isalpha()
        and german_kind(word) != "n"
        and (de_count(word.lower()) or 0) < FREQUENT_DE
        and not time_word(word)
        and en_count(word) < COMMON
    )


def _word_is_name(word: str) -> bool | None:
    """True, False, or None where the context decides (a word both listed as a name and a noun,
    or one no list knows)."""
    kind = german_kind(word)
    if kind == "p" and _institution(word):
        return False  # translated, as "Bundesverfassungsgericht" is "Federal Constitutional Court"
    if _in_foreign_letters(word):
        return True  # a word in letters German does not write, no German nor English text's ("Guaraní")
    if not kind and (de_count(word.lower()) or 0) <= RAREST_DE:
        if _SURNAME_TAIL.fullmatch(word):
            return True  # a family name no list has, German by its ending ("Horstmann", "Flachmeier")
        if en_count(word) < RARE and place_of_adjective(word):
            return True  # an adjective of a town, English keeps it or names the town ("Hamelner")
        if street(word):
            return True  # a street named after a name ("Morlaixplatz", "Brandhoveweg")
    if kind == "p" or english_word(word) or (not kind and named_after(word)) or city(word) or village(word):
        return True
    if kind:
        return None if kind == "np" else False
    return None if not _is_german(word) else False


# the endings of German family names; a common noun so made is in the lists ("Kaufmann", "Fachmann")
_SURNAME_TAIL = re.compile(r"[A-ZÄÖÜ]\w{2,}(?:mann|meier|meyer|maier|mayer)s?")

# the German words an institution's name ends in
_INSTITUTION = re.compile(
    r"\w{4,}(?:gericht|gerichtshof|amt|ämter|ministerium|behörde|agentur|anstalt|kammer|verwaltung"
    r"|regierung|versammlung|gesellschaft|verband|stiftung|institut|akademie|schutz|dienst|kommission)s?$"
)


def _institution(word: str) -> bool:
    """A name the Wiktionary lists that is German words run together, an institution translators
    translate ("Bundesverfassungsgericht", "Verfassungsschutz", "Bundesnachrichtendienst"); not a
    place ("Frankfurt", "Mönchengladbach")."""
    return bool(_INSTITUTION.fullmatch(word)) and not (
        word in place_names("de") or city(word) or village(word)
    )


def starts_with_name(word: str) -> bool:
    """Whether the word a German sentence starts with (where every noun and every first word is
    capitalised) is a name: one the lists know as a name only ("Paraguay", "Berlin"), or one no
    list knows, German or English, that is no German compound ("Mendoza wurde erschossen") or
    that ends as German family names do ("Nagelsmann nominierte")."""
    kind = german_kind(word)
    if kind == "p":
        return True
    low = word.lower()
    known = de_count(low)
    if not kind and (known or 0) <= RAREST_DE and _SURNAME_TAIL.fullmatch(word):
        return True  # a family name by its ending, though German parts make it up ("Nagelsmann")
    if kind or en_count(word) >= RARE or (known is not None and known > RAREST_DE) or german_compound(low):
        return False
    # a German word mistyped with an accent ("Wahrscheinlích"), or two frequent words ("Obschon")
    plain = _without_accents(low)
    if plain != low and _is_german(plain):
        return False
    return not any(
        (de_count(low[:cut]) or 0) >= FUNCTION_WORD and (de_count(low[cut:]) or 0) >= FUNCTION_WORD
        for cut in range(2, len(low) - 3)
    )


# a German word this frequent is a function word or an everyday one ("ob", "schon", "wie")
FUNCTION_WORD = 1000


def _without_accents(low: str) -> str:
    """A word without the accents German does not write ("wahrscheinlích" -> "wahrscheinlich");
    umlauts kept."""
    return "".join(
        c if c in "äöü" else "".join(d for d in unicodedata.normalize("NFKD", c) if not combining(d))
        for c in low
    )


# an acronym in brackets after a word ("Daesh (ISIL)", "Bundesvereinigung (KBV)")
_BRACKETED_ACRONYM = re.compile(r"\s+\([A-Z][A-Z0-9-]+\)")


def _unsplit_rare(word: str) -> bool:
    """A word neither frequency list has (English at most now and then) and no two German words
    make up: not a German compound the lists lack ("Bundesvereinigung"), which a translation
    translates."""
    low = word.lower()
    return (
        word.isalpha()
        and de_count(low) is None
        and en_count(low) < SELDOM_EN
        and not any(german_word(low[:cut]) and german_compound(low[cut:]) for cut in range(3, len(low) - 2))
    )


def _latin_genus(word: str) -> bool:
    """A Latin name of a genus by a taxonomic ending, kept by a translation ("Australopithecus",
    "Tyrannosaurus", "Staphylococcus", "Velociraptor"), which no frequency list has (English at most
    now and then)."""
    low = word.lower()
    return bool(_GENUS.search(low)) and de_count(low) is None and en_count(low) < SELDOM_EN


# the endings of genus names news writes of: dinosaurs, early humans, bacteria
_GENUS = re.compile(
    r"\w{3,}(?:saurus|pithecus|anthropus|coccus|bacillus|cephalus|dactylus|gnathus|raptor|ceratops|therium|bacter)$"
)


def _in_foreign_letters(word: str) -> bool:
    """A word with a letter German does not write ("í", "ñ", "ç", "ø"), which neither frequency
    list has (English at most now and then), with or without its accents: a name or a word of
    another language that a translation keeps ("die Guaraní", "Nuñez"); not a loanword German or
    English writes ("Café", "Séance")."""
    low = word.lower()
    plain = _without_accents(low)
    return (
        word.isalpha()
        and plain != low
        and de_count(low) is None
        and de_count(plain) is None
        and en_count(low) < SELDOM_EN
        and en_count(plain) < SELDOM_EN
    )


# Greek and Latin prefixes German writes as a compound's first part ("Bio-Putenfleisch",
# "Anti-Terror-Gesetz", "Multi-Talent"): no names, whatever the lists make of them
_PREFIXES = frozenset({"Bio", "Öko", "Anti", "Mega", "Giga", "Multi", "Ultra", "Mikro", "Makro",
                       "Hyper", "Pseudo", "Neo", "Post", "Proto", "Semi", "Turbo", "Mini", "Maxi",
                       "Super", "Vize"})  # fmt: skip


def _part_is_name(part: str, *, first: bool = False) -> bool:
    """A part of a hyphenated compound that is a name: listed as one, English, or unknown (the
    compound's other part is the German: "Rossby-Zahl", "Schengen-Raum")."""
    if part in _PREFIXES:
        return False  # a prefix German writes with a hyphen: "Bio-Putenfleisch" is organic turkey meat
    if _latin_genus(part):
        return True  # "Australopithecus-Fossilien"
    kind = german_kind(part)
    if kind == "p" or english_word(part) or (not kind and not _is_german(part)):
        return True
    # a first part no list has as a word, though it splits into words ("Thyssenkrupp-Aufsichtsrat",
    # "Bellingshausen-See"): German joins a name with a hyphen, its own words without one; not a
    # verb's stem ("Kennenlern-Geschichten", "Nachrüst-Angebote")
    low = part.lower()
    if first and "n" in kind and 100 <= en_count(part) < RARE and (de_count(low) or 0) <= RAREST_DE:
        return True  # a noun English has too, which German joins with a hyphen as a foreign word or
        # a name ("Tesla-Chef", "Tory-Partei", "Guinness-Buch", "Eskimo-Stämme"): a translation keeps it
    return (
        first
        and not kind
        and de_count(low) is None
        and en_count(part) < RARE
        and not any(german_word(form) for form in (low, low + "en", low + "n"))
        and not german_tail(part)
    )


def german_names(text: str, start: int, word: str) -> list[str]:
    """The names an English translation keeps in ``word`` at ``start`` of a German ``text``
    (capitalised, not starting a sentence): the word, or the listed names of a hyphenated compound
    ("Ebola" of "Ebola-Mortalität", "Texas" of "Ost-Texas")."""
    if "-" in word:
        parts = word.split("-")
        # a double given name and what follows it ("Marie-Antoinette", "Marie-Therese",
        # "Anne-Frank-Museum"): each part the lists have as a name or a given name, or no list has
        title = bool(TITLES.search(text[max(0, start - 30) : start]))
        person = parts[0] in given_names() and (german_kind(parts[0]) != "n" or title)
        return [
            p
            for at, p in enumerate(parts)
            if len(p) >= 3
            and p[:1].isupper()
            and (
                _part_is_name(p, first=at < len(parts) - 1)
                or (person and ("p" in german_kind(p) or _unknown(p) or p in given_names()))
            )
        ]
    return [word] if _is_name_here(text, start, word) else []


def _is_name_here(text: str, start: int, word: str) -> bool:
    verdict = _word_is_name(word)
    before, after = text[max(0, start - 60) : start], text[start + len(word) : start + len(word) + 40]
    if before_epithet(after):
        return False  # a genus before a Latin epithet: a species, which translators name ("Gila cypha")
    previous, following = (m.group(1) if m else "" for m in (_BEFORE.search(before), _AFTER.match(after)))
    if (
        _PLACE_AFTER.search(before)
        and big_city(word)
        and german_kind(word) != "n"
        and not time_word(word)
        and not after[:2].strip().isdigit()
    ):
        return True  # a city after a preposition, no article: "in Essen", "aus Hamm" (not "aus Eisen")
    if _PLACE_AFTER.search(before) and not following and (unknown_place(word) or small_town(word)):
        return True  # a place no list knows after a preposition, no article: "in Mittelehrenbach"
    if _PLACE_AFTER.search(before) and not following and foreign_word(word):
        return True  # a place spelt as no German word, though German parts make it up: "in Muskoka"
    if _ROLE.search(before) and not following and _after_role(word):
        return True  # a surname after a role, no article between: "CSU-Verkehrsminister Scheuer"
    if _CLUB_BEFORE.search(before) and (de_count(word.lower()) or 0) < FUNCTION_WORD:
        return True  # a club's name after its form: "SC Altenrheine", "MGV 68 Albachten", "VC Allbau Essen"
    if _SAINT_BEFORE.search(before):
        return True  # the name after a saint's title, a place's name too: "St. Heliers", "Sankt Moritz"
    if _BRACKETED_ACRONYM.match(after) and _unsplit_rare(word):
        return True  # a word no text has often before its acronym: a name ("von Daesh (ISIL)")
    if _latin_genus(word):
        return True  # a genus translators keep ("die Australopithecus")
    near = [w for w in (previous, following) if w]
    if verdict is False:
        if _german_by_its_parts(word) and (TITLES.search(before) or _before_surname(previous)):
            return True  # a surname German parts make up, after a given name ("Arnold Schwarzenegger")
        if (
            _after_full_name(before)
            and not following
            and _german_by_its_parts(word)
            and en_count(word) < RARE
        ):
            return True  # a third name after a given name and a surname: "David Klöcker Ehrenstrahl"
        if (
            _common_given_name(previous)
            and en_count(word) >= 100
            and (de_count(word.lower()) or 0) < FREQUENT_DE
        ):
            return True  # an English surname that is a German noun too, after a given name ("Adam Hall")
        # an English name kept in German: "Crown Office", "Wall Street", "Shark Tank"; not a role
        # before a person's given name ("sagte Trainer Vincent Kompany")
        role = bool(following) and _given_name(following) and not previous
        return en_count(word) >= 100 and any(english_word(w) for w in near) and not role
    if verdict:  # a listed name, or an English word not used as a German noun ("exzellentes Teamwork")
        listed = (
            german_kind(word) == "p"
            or city(word)
            or village(word)
            or street(word)
            or any(german_kind(w) == "p" for w in near)
        )
        return listed or not _ADJECTIVE.search(before)
    if german_kind(word) == "np":
        # "Dr. Stein", a given name before a surname ("Anna Jochemsen") or a surname after one
        # ("Kristoffer Schneider"); not "aus Stein", "den Norden Frankreichs", "Freund Christoph"
        if TITLES.search(before) or _given_name(previous):
            return True
        if _PERSON_AFTER.search(before) and not following and word in given_names() and not _place(word):
            return True  # a given name after a preposition, no article: "Geburtstag von Jesus"
        return _given_name(word) and bool(following) and _surname(following)
    beside = bool(TITLES.search(before)) or any(_word_is_name(w) is not False for w in near)
    return beside or not DETERMINER.search(before) or looks_foreign(word)


# the forms of German clubs before their names (sports clubs, a choir: "Männergesangverein")
_CLUB_BEFORE = re.compile(
    r"(?<![\w-])(?:FC|SC|SV|TSV|VfL|VfB|VfR|BSV|VC|TuS|SuS|SpVgg|SG|TSG|HSG|MTV|ESV|SSV|FSV|KSV|DJK|BV|GW"
    r"|TSC|DSC|EHC|ERC|HC|MGV)(?:\s+\d{2,4})?(?:\s+[A-ZÄÖÜ][\w'’-]+)?\s+$"
)
_SAINT_BEFORE = re.compile(r"(?<![\w.])(?:St|Ste|Sankt|Saint|San|Santa|Santo|São)\.?\s+$")

# a preposition with no article after it: a person's given name may follow ("von Jesus", "mit Anna")
_PERSON_AFTER = re.compile(r"(?<!\w)(?:von|mit|für|an|bei|durch|gegen|ohne|über)\s+$")
# a given name and a surname before a word ("David Klöcker Ehrenstrahl")
_FULL_NAME = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w'’-]+)\s+([A-ZÄÖÜ][\w'’-]+)\s+$")


def _after_full_name(before: str) -> bool:
    """Whether the text before a word ends in a given name of the census lists and a surname."""
    full = _FULL_NAME.search(before)
    if full is None:
        return False
    given, surname = full.groups()
    return given in given_names() and _given_name(given) and _surname(surname)


# a preposition of place with no article after it: a name follows ("in Essen", "nach Bonn")
_PLACE_AFTER = re.compile(r"(?<!\w)(?:in|aus|nach|bei)\s+$")


def before_epithet(after: str) -> bool:
    """Whether the words after a capitalised word start with a Latin epithet, neither German nor
    English: the word is a genus or a Latin term ("Gila cypha", "Aurora borealis", "Homo erectus"),
    which translators name in their own words."""
    epithet = _EPITHET.match(after)
    if not epithet:
        return False
    return de_count(low := epithet.group(1)) is None and not en_count(low)


def _common_given_name(word: str) -> bool:
    """One of the commonest given names (US Census), no German common noun or frequent word and no
    place ("Adam", "Emma"; not "Mark", the currency, "Allen", the pronoun, nor "Paris")."""
    return (
        bool(word)
        and word in given_names()
        and german_kind(word) != "n"
        and (de_count(word.lower()) or 0) < FUNCTION_WORD
        and not _place(word)
    )


def _german_by_its_parts(word: str) -> bool:
    """A word German only as a compound of the lists' words: neither list has it as a word
    ("Bachmann", "Schwarzenegger", "Jochemsen")."""
    known = de_count(word.lower())
    return word.isalpha() and not german_kind(word) and (known is None or known <= RAREST_DE)


def _unknown(word: str) -> bool:
    """A word no list knows, German or English, nor its parts ("Cuerden", "Kristoffer")."""
    return _german_by_its_parts(word) and en_count(word) < RARE and not german_compound(word.lower())


def _given_name(word: str) -> bool:
    """A word before a surname: a name the German list has (not a place), one English writes
    often enough and German seldom ("Anna", "Henry"; not "Freund", "Norden", "Art"), or one no
    list knows ("Kristoffer")."""
    if not word or _place(word):
        return False
    kind = german_kind(word)
    if kind == "np" and word in given_names():
        return True  # a given name of the census lists, however often English writes the word ("Christian")
    return kind == "p" or (kind == "np" and _GIVEN <= en_count(word) < COMMON) or _unknown(word)


def _before_surname(word: str) -> bool:
    """A given name before a word German parts make up ("Arnold Schwarzenegger", "Anna
    Jochemsen"), stricter than :func:`_given_name`: one the German list has, not one no list
    knows ("Füchtorfer Heimatverein", "Las Cañitas Polofeldern"), nor a name only that English
    writes often, as it does its places ("England Fördergleise")."""
    if not _given_name(word) or _unknown(word):
        return False
    return german_kind(word) == "np" or en_count(word) < _GIVEN_RARE


# English writes places and the commonest given names this often
_GIVEN_RARE = 1000


def _surname(word: str) -> bool:
    """A word after a given name that may be a surname: not a common noun of the lists, nor a place."""
    return (
        not _place(word)
        and ("n" not in german_kind(word) or german_kind(word) == "np")
        and (_german_by_its_parts(word) or english_word(word) or german_kind(word) in ("p", "np"))
    )


# a name German lists as a name and a noun that English writes this often is a given name
_GIVEN = 300


def _place(word: str) -> bool:
    bare = word[:-1] if word.endswith("s") else word
    return (
        word in place_names("de")
        or bare in place_names("de")
        # the genitive of a name ("Merkels"), not a name of its own that ends in s ("Andreas")
        or (word != bare and german_kind(bare) == "p" and word not in german_nouns())
        or (word != bare and bare in KEPT_GERMAN)  # a club's genitive ("Schalkes", "Schalk" a noun)
    )
