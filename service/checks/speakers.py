"""Who a German news sentence quotes: the name after a verb of saying.

German news attributes a quotation by inverting subject and verb ("sagte Schot", "erinnert sich
Georg Dinkel", ", so Münch weiter") or in a clause with "wie" ("wie Franke sagte"). A singular
subject there without an article is a name or a title before one: a common noun would take an
article ("sagte der Sprecher"). So the last word of the capitalised run after such a verb is a
name, even where the lists know it as a German noun ("Franke", "Dinkel", "Lahm") or as a compound
("Wüstenhagen"). Only singular verbs of saying are read: after a plural one a bare plural noun is
the subject ("sagten Experten"), and a verb that takes an object ("fordert Aufklärung") is left out.
"""

from __future__ import annotations

import re

from service.checks.calendar_words import time_word
from service.checks.german_kinds import german_kind
from service.checks.german_names import FUNCTION_WORD
from service.checks.lexicon import de_count, first_names, german_compound

_SAYS = (
    r"(?:sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|ergänzte|ergänzt|berichtete"
    r"|berichtet|erzählte|erzählt|(?:erinnert|erinnerte|freut|freute|wünscht|wünschte)\s+sich)"
)
_SAID = r"(?:sagte|sagt|berichtete|berichtet|erklärte|erklärt|betonte|betont|mitteilte|erläuterte|erläutert)"
# a run of capitalised words not followed by another one: its last word ends the name
_RUN = r"((?:[A-ZÄÖÜ][\w’'-]*\w\s+)*[A-ZÄÖÜ][\w’'-]*\w)(?![\w-])(?!\s+[A-ZÄÖÜ])"
_ATTRIBUTIONS = (
    re.compile(rf"(?<!\w){_SAYS}\s+{_RUN}"),
    re.compile(rf"(?:^|[,\"“”»«]\s*)so\s+{_RUN}"),  # '..., so Münch weiter'
    re.compile(rf"(?<!\w)[Ww]ie\s+{_RUN}\s+{_SAID}(?!\w)"),  # 'wie Franke sagte'
    re.compile(
        rf"(?<!\w)hatte\s+{_RUN}\s+(?:gesagt|erklärt|betont|berichtet)(?!\w)"
    ),  # 'hatte Franke gesagt'
    re.compile(rf"[,\"“”»«]\s*erinnert\s+{_RUN}"),  # '..., erinnert Dinkel.'
    # the subject first: 'Wüst sagte, ...', not an adverb before the verb and its subject ('Zudem
    # sagte er', 'Anschließend sagte der Trainer', 'Gleichzeitig erklärte Grindel')
    re.compile(
        rf"(?:^|[.!?:]\s+|[\"“”»«]\s*){_RUN}\s+{_SAYS}(?!\w)(?!\s+(?:er|sie|es|man|ich|wir|ihr|du|der|die|das|dem|den|ein|eine)\b|\s+[A-ZÄÖÜ])"
    ),
)


# the roles a quotation is attributed to, last in a compound ("Chefcoach", "Co-Trainer")
_ROLE_WORD = re.compile(
    r"(?:coach|trainer|chef|sprecher|präsident|direktor|leiter|minister|kapitän|manager|boss)(?:in)?$",
    re.IGNORECASE,
)


def quoted_speakers(text: str) -> list[str]:
    """The names a German ``text`` attributes a quotation to ("sagte Schot", "so Münch"): the last
    word of the capitalised run after a singular verb of saying. Not a word of time ("sagte Mitte
    Mai"), a frequent German word ("sagte Nein"), nor a common noun after a genitive or a title
    ("sagte Schalkes Chefcoach") rather than after a given name ("Georg Dinkel")."""
    out: list[str] = []
    for pattern in _ATTRIBUTIONS:
        for match in pattern.finditer(text):
            words = [re.sub(r"['’]s?$", "", w) for w in match.group(1).split()]
            last = words[-1]
            if time_word(last) or (de_count(last.lower()) or 0) >= FUNCTION_WORD or len(last) < 3:
                continue
            german = german_kind(last) == "n" or german_compound(last.lower())
            if len(words) > 1 and german and words[-2] not in first_names():
                continue
            if len(words) > 1 and _ROLE_WORD.search(last) and words[-2] not in first_names():
                continue  # a role after a genitive, a noun of German football too ("Schalkes Chefcoach")
            out.append(last)
    return out
