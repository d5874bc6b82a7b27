"""Language of a text fragment, with lingua (accurate on short, mixed-language text)."""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

# Languages we expect in the input. A small set keeps detection fast and precise; anything
# else is reported as the closest of these with low confidence and is treated as "unknown".
SUPPORTED = ("de", "en", "ko", "fr", "es", "it", "nl", "ru", "zh", "ja")
CONFIDENT = 0.9
# Detection reads this much of a text: plenty for a language, and lingua slows down
# quadratically on long unbroken words.
SAMPLE_CHARS = 20_000


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect(text: str) -> tuple[str | None, float]:
    """Return ``(iso_639_1_code, confidence)``; ``(None, 0.0)`` where nothing is detectable."""
    # a lone surrogate (from a broken JSON escape, "\\ud800") is no letter: left out, as the
    # detector cannot read it
    text = text[:SAMPLE_CHARS].encode("utf-8", "ignore").decode("utf-8")
    scripts = script_shares(text)
    if not scripts or next(iter(scripts)) not in DETECTABLE_SCRIPTS:
        return None, 0.0  # no letters, or mostly a script none of SUPPORTED is written in (Arabic)
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


# The first word of a letter's Unicode name, as people name the script.
_SCRIPT_NAMES = {
    "LATIN": "Latin", "HANGUL": "Hangul (Korean)", "CJK": "Han (Chinese characters)", "CYRILLIC": "Cyrillic",
    "ARABIC": "Arabic", "HEBREW": "Hebrew", "GREEK": "Greek", "HIRAGANA": "Japanese kana",
    "KATAKANA": "Japanese kana", "DEVANAGARI": "Devanagari", "THAI": "Thai", "ARMENIAN": "Armenian",
    "GEORGIAN": "Georgian",
}  # fmt: skip


DETECTABLE_SCRIPTS = frozenset(
    {"Latin", "Cyrillic", "Hangul (Korean)", "Han (Chinese characters)", "Japanese kana"}
)


def script_shares(text: str) -> dict[str, float]:
    """Share of the letters per script, largest first (e.g. ``{"Arabic": 0.93, "Latin": 0.07}``)."""
    import unicodedata
    from collections import Counter

    counts: Counter[str] = Counter()
    for ch in text[:SAMPLE_CHARS]:
        if ch.isalpha():
            first = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
            counts[_SCRIPT_NAMES.get(first, first.title())] += 1
    total = sum(counts.values()) or 1
    return {script: count / total for script, count in counts.most_common()}


def describe_mix(text: str, limit: int = 4) -> str:
    """What a text is written in, for an error message: "Arabic 93%, Latin 7%"."""
    shares = list(script_shares(text).items())[:limit]
    return ", ".join(f"{script} {share:.0%}" for script, share in shares) or "no letters"


def detect_confident(text: str) -> str | None:
    code, confidence = detect(text)
    return code if confidence >= CONFIDENT else None
