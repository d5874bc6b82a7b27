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
    text = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in text):
        return None, 0.0
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


def detect_confident(text: str) -> str | None:
    code, confidence = detect(text)
    return code if confidence >= CONFIDENT else None
