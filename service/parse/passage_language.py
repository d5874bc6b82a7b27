"""The language of a passage of an article: the document's, unless the passage is plainly another
(another script, or a long passage detected with confidence). Short Latin-script fragments ("Kim
Jong-un", "USA") keep the document's language."""

from __future__ import annotations

import unicodedata

from service.parse.language import CONFIDENT, detect, detect_confident
from service.parse.mixed import sentence_language


def dominant_script(text: str) -> str:
    """The dominant writing system of ``text`` (LATIN, HANGUL, CJK, CYRILLIC, ...)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else "UNKNOWN"


_SCRIPT_OF = {"de": "LATIN", "en": "LATIN", "fr": "LATIN", "es": "LATIN", "it": "LATIN", "nl": "LATIN",
              "ko": "HANGUL", "ru": "CYRILLIC"}  # fmt: skip


def passage_language(text: str, doc_lang: str) -> str:
    """Language of one block: the document's unless the block is confidently something else.

    Short Latin-script fragments ("Kim Jong-un", "USA") are ambiguous, so they inherit the
    document's language; a change of script, or a long confident block, overrides it (but not a
    block with letters of the document's script whose Latin ones may be names, and that does not
    read confidently as another language).
    """
    script, found = _SCRIPT_OF.get(doc_lang, "LATIN"), dominant_script(text)
    if found not in ("UNKNOWN", script):
        code, confidence = detect(text)
        if found == "LATIN" and confidence < CONFIDENT and _has_letters_of(text, script):
            return doc_lang  # "삼성전자는 'Galaxy S25 Ultra'를 공개했다.": Korean, a name in Latin
        return code or UNDETERMINED  # another script, of no language we detect: not the source
    if letter_count(text) >= PASSAGE_LETTERS:
        code = detect_confident(text)
        if code is not None:
            return code
    return doc_lang


PASSAGE_LETTERS = 40  # a passage this long in the document's script is told by detection


def letter_count(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _has_letters_of(text: str, script: str) -> bool:
    return any(ch.isalpha() and unicodedata.name(ch, "").startswith(script) for ch in text)


UNDETERMINED = "und"  # ISO 639-2's code for a language that cannot be told


def written_in_another(text: str, lang: str) -> str | None:
    """The language ``text`` is plainly written in where that is not ``lang`` (by the rule an
    article's passages are told by: another script, or a long passage detected with confidence;
    a text too short for that, by one sentence's: :func:`~service.parse.mixed.sentence_language`;
    :data:`UNDETERMINED` for a script of no detectable language), else None."""
    found = passage_language(text, lang)
    if found == lang and letter_count(text) < PASSAGE_LETTERS:  # too short to be told as a passage
        found = sentence_language(text, lang) or lang
    return None if found == lang else found
