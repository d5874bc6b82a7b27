"""A person's name swapped for one spelt almost the same ("Scholz" / "Schulz", "Merkel" / "Merkle").

The names check finds a name on the other side in a translator's spelling too, so that a name from
another script passes in the other language's transliteration ("Lawrow" / "Lavrov", "Selenskyj" /
"Zelensky"). That tolerance also lets a model's near miss through: one letter changed, added, left
out or two swapped, which makes another person of a German or English name. So where the source
names a person (a first name before the surname, a verb of saying: :mod:`service.checks.people`,
:mod:`service.checks.speakers`, an English given name) and the translation does not have the
surname as written, a capitalised word of the translation one letter away from it, as both sound
(:func:`service.checks.name_match.fold`), is flagged. Two letters or more away is left to the
transliteration ("Selenskyj" / "Zelensky" are two apart); a spelling the fold makes equal
("Nawalny" / "Navalny") passes.

A name the source has on its own ("Laut Scholz ...", "Nigeria") is looked at too, and so are its
other language's names ("Köln" / "Cologne", misspelt "Colgne"), with what a translation does to a
name on its own left out: a place's other name, often a letter apart ("Kreta" / "Crete",
"Belgrad" / "Belgrade"), a country's or language's name by CLDR ("Latein" / "Latin"), a short
name each language writes its own way ("UdSSR" / "USSR"), an ending the side's language adds
("Kanadas" / "Canada's", "Schalker" / "Schalke", "the Gladbachers"), and a noun translated. Where
the two sound the same, a doubled letter or the c of a ck left out is flagged all the same
("Klopp" / "Klop", "Habeck" / "Habek"), and so are two surnames the German list knows ("Hofmann"
/ "Hoffmann").
"""

from __future__ import annotations

import re

from service.checks.acronyms import is_acronym
from service.checks.flag import Flag, flag
from service.checks.german_kinds import german_kind
from service.checks.lexicon import RARE, de_count, en_count, first_names, german_places, given_names
from service.checks.name_match import ORDINARY_EN, city_aliases, city_names, exonyms, fold, place_names
from service.checks.other_spellings import ALIASES
from service.checks.people import person_names
from service.checks.sentence_position import opens_sentence


def _place(name: str) -> bool:
    return name in city_names() or name in place_names("en") or name in place_names("de")


# what German inflection or an adjective adds to a name ("Kanadas", "Schalker", "Geisingen"), and
# what an English adjective or plural adds ("African" of "Afrika", "the Brockmanns"); not a last
# letter left off ("Nepa" for "Nepal", "Devonpor" for "Devonport", "Mitsotaki" for "Mitsotakis")
_GERMAN_ENDINGS = frozenset({"s", "es", "n", "en", "r", "er", "ern", "ns"})
_ENGLISH_ENDINGS = frozenset({"n", "an", "s"})


def _other_form(name: str, near: str, langs: tuple[str, str]) -> bool:
    """Whether a name on its own and the word a letter from it are one name in two languages'
    spellings or forms: a place's other name ("Belgrad" / "Belgrade"), another ending ("Kanadas" /
    "Canada", "Kreta" / "Crete", "Schalker" / "Schalke", "Geisinger" / "Geisingen"), a country's
    or language's other name by CLDR ("Latein" / "Latin"), or a short name ("UdSSR" / "USSR"); or
    the word is an ordinary word of the translation's language, a noun translated ("Monoculture" /
    "Monokultur", "Christi" / "Christ"). A misspelt place ("Nigreia" for "Nigeria") is none of
    these. ``langs``: the languages of the name and of the word."""
    if name in ALIASES or _place(near) or near in german_places():
        return True
    if ("n" in german_kind(near)) if langs[1] == "de" else en_count(near) >= ORDINARY_EN:
        return True
    a, b = fold(name), fold(near)
    for longer, shorter, lang in ((a, b, langs[0]), (b, a, langs[1])):
        endings = _GERMAN_ENDINGS if lang == "de" else _ENGLISH_ENDINGS
        added = longer[len(shorter) :]
        # an English plural after a consonant ("the Gladbachers"), not a final "s" left off a name
        # ending in a vowel ("Mitsotaki" for "Mitsotakis")
        plural_after_vowel = lang == "en" and added == "s" and shorter[-1:] in "aeiou"
        if longer != shorter and longer.startswith(shorter) and added in endings and not plural_after_vowel:
            return True
    if a != b and a[:-1] == b[:-1] and {a[-1], b[-1]} <= set("aeonrs"):
        return True
    return any(  # a word of it: "Guayana" of "Französisch-Guayana" is "Guiana" of "French Guiana"
        fold(word) == b
        for stem in (name, name.removesuffix("s"))
        for lang, other_lang in (("de", "en"), ("en", "de"))
        for other in exonyms(lang, other_lang).get(fold(stem), ())
        for word in re.findall(r"\w+", other)
    )


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZÄÖÜ][\w'’-]*\w")


def _one_apart(a: str, b: str) -> bool:
    """Whether two words differ by one letter changed, added or left out, or two next to each
    other swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])  # fmt: skip
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _apart(name: str, word: str, *, surname: bool = False) -> bool:
    """Whether ``word`` is a letter from ``name`` as both sound; or, where the two sound alike, a
    letter from it as written: a doubled letter or the c of a ck left out or put in ("Klopp" /
    "Klop", "Habeck" / "Habek"; not "e" or "h", which transliterations add, "Mueller", "Gadhafi"),
    the c of a South Slavic surname's -ic written k ("Djokovic" / "Djokovik": both languages write
    the Latin alphabet's -ić as -ic), or two surnames the German list knows ("Hofmann" /
    "Hoffmann", "Maier" / "Mayer": two families, not two spellings of one name). Given names are
    left to the translator: rulers and saints take each language's form ("Josef" / "Joseph");
    ``surname``: the source writes ``name`` after a first name, where it is a surname whatever
    the lists say ("Elizabeth Warren" / "Waren")."""
    if _one_apart(fold(name), fold(word)):
        return True
    if fold(name) != fold(word) or not _one_apart(low := name.casefold(), other := word.casefold()):
        return False
    if {low[-2:], other[-2:]} == {"ic", "ik"} and len(low) >= 5:
        return True
    if not surname and any(w in first_names() or w in given_names() for w in (name, word)):
        return False
    if len(low) != len(other):
        short, long = sorted((low, other), key=len)
        at = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
        added = long[at]
        doubled = long[at - 1 : at + 1] == added * 2 or long[at : at + 2] == added * 2
        if doubled or (added == "c" and long[at + 1 : at + 2] == "k"):
            return True
    if _i_for_y(low, other):  # "Steinmeier" / "Steinmeyer": a German name's i or y
        return _surname(name) or _surname(word)
    return all(_surname(w) for w in (name, word))


def _i_for_y(a: str, b: str) -> bool:
    """Whether two words of one length differ only where one has i and the other y."""
    differ = {c for x, y in zip(a, b, strict=True) if x != y for c in (x, y)} if len(a) == len(b) else set()
    return differ == {"i", "y"}


def _surname(word: str) -> bool:
    return "p" in german_kind(word) and word not in first_names() and word not in given_names()


def swapped_names(
    persons: list[str],
    source: str,
    target: str,
    alone: dict[str, tuple[str, ...]] | None = None,
    langs: tuple[str, str] = ("de", "en"),
) -> list[tuple[str, str]]:
    """The surnames of ``persons`` (named in ``source``), and the names the source has on their own
    (``alone``, each with its other language's names: "Köln" -> "Cologne"), that ``target`` does
    not have as written but one letter away, each with the word that stands for it ("Scholz",
    "Schulz" for "Olaf Schulz" in place of "Olaf Scholz"; "Köln", "Colgne"). ``langs``: the
    source's language and the translation's."""
    swaps: list[tuple[str, str]] = []
    source, target = source.translate(_APOSTROPHES), target.translate(_APOSTROPHES)
    words = set(_CAPITALISED.findall(target))
    spellings = {name: (name,) for name in persons} | {
        name: (name, *others) for name, others in (alone or {}).items() if name not in persons
    }
    for name, forms in spellings.items():
        if len(name) < 4 or any(re.search(rf"(?<![\w-]){re.escape(form)}", target) for form in forms):
            continue
        other_names = {fold(form) for form in forms[1:]}
        near = sorted(  # a place's other language's name is often a letter apart ("Belgrad")
            bare
            for word in words
            if not re.search(
                rf"(?<![\w-]){re.escape(word)}(?![\w-])", source
            )  # as a word: "Musial" is in "Musiala"
            and word.replace("'", "") != name  # "Frerich's" for "Frerichs"
            and word.replace("-", "").casefold() != name.casefold()  # "Gruga-Halle" for "Grugahalle"
            and fold(bare := word.removesuffix("'s")) not in other_names
            and bare != name
            and any(
                _apart(form, bare, surname=form == name and _after_first_name(name, source))
                # a place's other name; of a person's name ("Mark Carney" / "Carny": both are towns
                # somewhere) only a city's other name ("Red Star Belgrade" / "Roter Stern Belgrad")
                and (
                    not (_place(form) and _place(bare))
                    or (name in persons and bare not in city_aliases(form))
                )
                and (name in persons or not _other_form(form, bare, _langs(form, name, langs)))
                for form in _possessed(forms, word, source, langs[0])
            )
        )
        if near:
            swaps.append((name, near[0]))
    return swaps


def _after_first_name(name: str, source: str) -> bool:
    """Whether ``source`` writes ``name`` after a first name ("Elizabeth Warren"), one of the
    lists' even where it is a place too ("Elizabeth", New Jersey)."""
    return any(
        m.group(1) in first_names() or m.group(1) in given_names()
        for m in re.finditer(rf"(?<![\w-])([A-ZÄÖÜ][a-zäöüß]+)\s+{re.escape(name)}(?![\w-])", source)
    )


def _possessed(forms: tuple[str, ...], word: str, source: str, source_lang: str) -> tuple[str, ...]:
    """A name's forms to compare with a word of the translation; where the word is an English
    possessive ("Habek's") and the German source a genitive before its noun ("Habecks Plan"), the
    name without the genitive's s too, which the possessive stands for: "Habeck" / "Habek" is a
    misspelling, "Habecks" / "Habek" an ending. Not a name that ends in s ("Aristoteles'
    Ansichten", its genitive's apostrophe)."""
    name = forms[0]
    if source_lang != "de" or not word.endswith("'s") or not name.endswith("s") or len(name) < 5:
        return forms
    genitive = re.search(rf"(?<![\w-]){re.escape(name)}\s+[A-ZÄÖÜ]", source)
    return (*forms, name[:-1]) if genitive else forms


def _langs(form: str, name: str, langs: tuple[str, str]) -> tuple[str, str]:
    """The languages of a name's form and of a word of the translation: a name's other language's
    form is in the translation's language."""
    return langs if form == name else (langs[1], langs[1])


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})


def swaps_said_once(
    flags: list[Flag], source: str, target: str, source_lang: str, target_lang: str, names: list[str]
) -> list[Flag]:
    """``flags`` with each name a letter apart said once ("Merz in the source, Merk in the
    translation"), not also as a name missing and another added; ``names``: the source's."""
    persons = person_names(source, source_lang)
    openers = [w for w in _unknown_openers(source, source_lang) if w not in names and w not in persons]
    swaps = swapped_names(
        persons,
        source,
        target,
        _names_alone([*names, *openers], source_lang, target_lang),
        (source_lang, target_lang),
    )
    # an opener the lists do not know is a name only where the translation's word is none of
    # English's either ("Nagelsman"; not "Speciation" for "Speziation", a German word they lack)
    swaps = [(name, near) for name, near in swaps if name not in openers or not en_count(near.lower())]
    said = {f"{name} in the source, not in the translation" for name, _ in swaps}
    said |= {f"{near} in the translation, not in the source" for _, near in swaps}
    return [f for f in flags if f.detail not in said] + [
        flag("names", "major", f"{name} in the source, {near} in the translation") for name, near in swaps
    ]


def _unknown_openers(text: str, lang: str) -> list[str]:
    """The words that open a German sentence and that no list knows as a word, though they may
    split into German parts ("Nagelsmann nominierte", "Nagel" + "mann"): not names to miss (a
    German compound is written so as well), but a name where the translation has them a letter
    off in a word English does not know either ("Nagelsman named")."""
    if lang != "de":
        return []
    return [
        m.group(0)
        for m in re.finditer(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{4,}(?![\w-])", text)
        if opens_sentence(text, m.start())
        and not german_kind(m.group(0))
        and de_count(m.group(0).lower()) is None
        and en_count(m.group(0).lower()) < RARE
    ]


def _names_alone(names: list[str], source_lang: str, target_lang: str) -> dict[str, tuple[str, ...]]:
    """Of the names of a German, English or Korean source (its words in Latin script), those that
    are no acronym and, in German, no common noun as well, each with its names in the translation's
    language (CLDR's exonyms, a city's other names: "Köln" -> "Cologne"): names on their own
    ("Laut Scholz ...") a letter from another are looked at too (``swapped_names``)."""
    words = [word for name in names for word in name.split()]  # "Nova Scotia": "Nova", "Scotia"
    known = exonyms("en" if source_lang == "ko" else source_lang, target_lang)
    return {
        word: tuple(
            dict.fromkeys(
                other
                for stem in (word, word.removesuffix("s"))
                for name in known.get(fold(stem), ())
                for other in re.findall(r"[A-ZÄÖÜ][\w'’-]+", name)
                if len(other) >= 4
            )
        )
        + city_aliases(word)
        for word in dict.fromkeys(words)
        if not is_acronym(word) and "-" not in word and (source_lang != "de" or "n" not in german_kind(word))
    }
