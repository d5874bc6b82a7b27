"""Which words of a German or English sentence a part-of-speech tagger reads as proper nouns.

The names check asks this where word lists cannot tell a name from a noun: German capitalises
every noun, and a surname or a place is often a German word as well ("Schneider", "Fichte",
"Tesla", "die Sundarbans"). The Hanover Tagger (HanTa, LGPL-3.0-or-later, on PyPI) ships its
German and English models in its package: nothing is fetched at run time. It reads a word in its
sentence (a hidden Markov model over morphemes and tags), so "Schneider leitet" is a name and "der
Schneider näht" a noun.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

# the tags of proper nouns: STTS (German model) and CLAWS C5 (English model)
_PROPER = {"de": frozenset({"NE"}), "en": frozenset({"NP0"})}
_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}
# words with their inner hyphens, apostrophes and dots ("Anne-Frank-Museums", "O'Brien", "z.B"),
# and each mark on its own
_TOKEN = re.compile(r"\w(?:[\w'’-]*\w)?|[^\w\s]")


# longer than German's longest words in use ("Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
# has 63 letters)
_LONGEST = 64


@cache
def _tagger(lang: str) -> Any:
    from HanTa import HanoverTagger  # loaded on first use (about 0.5 s)

    return HanoverTagger.HanoverTagger(_MODELS[lang])


@lru_cache(maxsize=4096)
def proper_nouns(text: str, lang: str) -> frozenset[int]:
    """The offsets in ``text`` where a word starts that the tagger reads as a proper noun; empty
    for a language it has no model of."""
    if lang not in _MODELS or not text.strip():
        return frozenset()
    tokens = list(_TOKEN.finditer(text))
    # a word longer than any of a language's own is read as its first letter: the tagger's analysis
    # of a word grows with the square of its length (a 4,000-letter word took about a minute)
    words = [m.group(0) if len(m.group(0)) <= _LONGEST else m.group(0)[0] for m in tokens]
    tags = _tagger(lang).tag_sent(words, taglevel=0)
    return frozenset(m.start() for m, tag in zip(tokens, tags, strict=True) if tag in _PROPER[lang])
