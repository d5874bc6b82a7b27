"""A negation the translation lost: "Das Urteil ist noch nicht rechtskräftig" / "The verdict is now
final", "Die Polizei schloss einen Hintergrund nicht aus" / "Police ruled out a motive".

Between German and English only. A sentence of the source that says no (its words of negation:
"nicht", "kein", "nie", "ohne"; "not", "no", "never", "without", "n't") must say no in the
translation too, in those words or in the other ways each language has: an adjective or noun made
with a negative prefix or suffix ("unacceptable", "unable", "non-serious", "useless"; "unklar",
"erfolglos") and verbs and words that carry the negation ("failed to", "lacked", "unable",
"refused", "hardly", "rather than"; "fehlen", "kaum", "verweigern", "statt"). Where none is there,
the sentence is flagged, major (a meaning reversed is the worst a translation does; the flag is
rare on correct ones, 0.1-0.2 % of FLORES and WMT19 news, where a translator turned the sentence
round: "nicht zu übersehen" / "hard to miss"). A negation the translation adds is left alone: it
is said in words the source need not have ("unklar" / "not clear"). Korean says no in endings and
words this check does not read (않다, 못하다, 없다 in "끊임없이", "constantly"): not checked there.
"""

from __future__ import annotations

import re

from service.checks.flag import Flag, flag
from service.checks.lexicon import de_count, en_count

_NEGATION = {
    "de": re.compile(
        r"\b(?:nicht|nichts|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nimmer|niemand|niemanden"
        r"|niemandem|weder|nirgends|nirgendwo|ohne)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:not|no|never|nothing|nobody|none|neither|nor|nowhere|cannot|without)\b|n['’]t\b", re.IGNORECASE
    ),
}
# words and stems that carry a negation without the words above
_CARRIERS = {
    "de": re.compile(
        r"\b(?:fehl\w*|kaum|verweiger\w*|weiger\w*|scheiter\w*|gescheitert\w*|statt|anstatt|anstelle|vermied\w*"
        r"|vermeid\w*|verhinder\w*|verboten\w*|abgelehnt\w*|lehnt\w*|ablehn\w*|verzicht\w*|mangel\w*"
        r"|vergeblich\w*|unterlass\w*|versäum\w*|nirgendwo|erst|erstmals|noch\s+aus"
        r"|keinesfalls|keineswegs|nein|wenig\w*|selten|nur|egal|hüte\w*|blieb\w*\s+(?:\w+\s+){0,4}aus"
        r"|freigesproch\w*|freisprech\w*|sprach\w*\s+(?:\w+\s+){0,6}frei)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:fail\w*|lack\w*|unable|hardly|barely|scarcely|refus\w*|declin\w*\s+to|rather\s+than|instead"
        r"|absent\w*|avoid\w*|prevent\w*|keeps?\s+\w+\s+from|free\s+of|yet\s+to|denied|deny\w*"
        r"|ban(?:s|ned|ning)?|only|neglect\w*|missing|obsolete|too\s+\w+\s+to|impossib\w*"
        r"|ever|less|first\s+time|acquit\w*|lowest|highest)\b",
        re.IGNORECASE,
    ),
}
# a negation word that negates nothing: "nicht nur ... sondern auch" / "not only ... but also" (said
# "as well as"), "nicht wenige" ("quite a few"), "nicht zuletzt" / "not least"
_IDIOM = re.compile(
    r"(?:nicht|not)\s+(?:nur|bloß|allein|only|just|merely|wenige|zuletzt|least|long)\b|no\s+(?:doubt|matter)\b"
    r"|nicht\s+zu\s+(?:übersehen|überhören|leugnen|bestreiten)\b|no\b(?=\s*,)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


# the endings of adjectives a negative prefix makes ("in-explicable", "im-possible", "il-legal")
_ADJECTIVE = re.compile(r"\w+(?:able|ible|ent|ant|ive|al|ate|ous|ect|ete|ular|ure)$")


# German words made with "un" that say no negation ("unbedingt": by all means; "unheimlich": very)
_NOT_NEGATIVE_DE = frozenset(
    {"unbedingt", "unbedingte", "unheimlich", "ungemein", "ungeheuer", "unglaublich"}
)


def _negative_word(word: str, lang: str) -> bool:
    """A word made negative by its prefix or suffix: the rest is a word of the language ("un-able",
    "in-explicable", "non-serious", "use-less"; "un-klar", "erfolg-los", "Nicht-Roma"). "in", "im",
    "il", "ir" and "dis" only before an adjective's ending ("impossible"; not "inform", "display")."""
    low = word.lower()
    if lang == "en":
        if low.startswith("non") and en_count(low[3:].lstrip("-")) >= 10:
            return True
        if low.startswith("un") and len(low) >= 6 and en_count(low[2:]) >= 100:
            return True
        for prefix in ("in", "im", "il", "ir", "dis"):
            rest = low[len(prefix) :]
            if (
                low.startswith(prefix)
                and len(rest) >= 4
                and _ADJECTIVE.fullmatch(rest)
                and en_count(rest) >= 10
            ):
                return True
        return low.endswith("less") and en_count(low[:-4]) >= 100 and len(low) > 6
    if low in _NOT_NEGATIVE_DE or low.startswith(("unzählig", "unmenge", "unterwegs")):
        return False
    for prefix in ("nicht-", "nicht", "un", "miss"):
        if prefix in ("un", "miss") and word[:1].isupper():
            continue  # an adjective, not a noun ("unklar"; "Unfall", "Unternehmen", "Mission")
        rest = low[len(prefix) :]
        if low.startswith(prefix) and len(rest) >= 4 and (de_count(rest) or de_count(rest[:-1]) or 0) > 0:
            return True
    return bool(re.search(r"\w{3,}los(?:e[nmrs]?)?$|\w{3,}losigkeit$", low))


def says_no(text: str, lang: str) -> bool:
    """Whether a German or English text says no, in any of the ways this check knows."""
    if _NEGATION[lang].search(text) or _CARRIERS[lang].search(text):
        return True
    return any(_negative_word(word, lang) for word in _WORD.findall(text))


def check_negation(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    if {source_lang, target_lang} != {"de", "en"}:
        return []
    found = next(
        (
            m
            for m in _NEGATION[source_lang].finditer(source)
            if not _IDIOM.match(source, m.start()) and not (m.group(0).isupper() and len(m.group(0)) > 2)
        ),
        None,
    )  # not a code in capitals ("NOR", Norway)
    if found is None or says_no(target, target_lang):
        return []
    word = found.group(0)
    if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", target):  # (in its case: German "Not" is need)
        return []  # left as it is, in a passage the untranslated check names: the negation is there

    return [flag("negation", "major", f"'{word}' in the source, no negation in the translation")]
