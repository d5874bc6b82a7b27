"""How the pages say the engine's confidence in a translation: the stored score is the model's mean
log-probability per token (for a pivot, the weaker hop), a number like -5.65 that says nothing to
an editor. The pages show it as a word (low, medium, high) and what that means in plain words; the
technical definition (the average probability a token had, as a percentage) waits in a collapsed
explanation, and the raw score stays in the API (``confidence``) and in the page's markup."""

from __future__ import annotations

import math
from dataclasses import dataclass

from service.review_rule import LOW_CONFIDENCE

# From here up a score reads "high": an average token probability of 80 %. A band for reading, not
# a measured threshold; under LOW_CONFIDENCE (about 37 %) a translation waits for review as unsure.
HIGH_CONFIDENCE = math.log(0.8)


@dataclass(frozen=True)
class EngineConfidence:
    score: float  # the stored mean log-probability per token
    level: str  # "low", "medium" or "high"
    probability: str  # the average token probability, e.g. "0.4 %"

    def words(self) -> str:
        """As a row says it, in an editor's words: "engine confidence: low — the model was unsure
        of this translation"; the percentage is for the title and the explanation, not the row."""
        return f"engine confidence: {self.level} — {MEANING[self.level]}"


# What each level means to an editor, said after the level on every row.
MEANING = {
    "low": "the model was unsure of this translation",
    "medium": "the model was fairly sure of this translation",
    "high": "the model was sure of this translation",
}


def percentage(score: float) -> str:
    """exp(``score``) as a percentage an editor reads: "0.4 %", "37 %"; never rounded up to 100 %
    nor down to 0 % (a translation is not certain, nor hopeless, by rounding)."""
    share = math.exp(min(score, 0.0)) * 100
    if share < 0.1:
        return "under 0.1 %"
    if share < 9.95:
        return f"{share:.1f} %"
    return f"{min(round(share), 99) if share < 100 else 100} %"


def engine_confidence(score: float | None) -> EngineConfidence | None:
    """What the document and review pages show of a translation's score (None for an output
    without one: memory, imported and human)."""
    if score is None:
        return None
    if score < LOW_CONFIDENCE:
        level = "low"
    elif score < HIGH_CONFIDENCE:
        level = "medium"
    else:
        level = "high"
    return EngineConfidence(score=score, level=level, probability=percentage(score))


@dataclass(frozen=True)
class Legend:
    plain: str  # what a level tells an editor, said first
    technical: str  # what the level is computed from, and its bands, said last


def scale() -> Legend:
    """The collapsed explanation under which both pages show the levels: plain words first (what a
    level tells an editor, which translations wait for review because of it), then the technical
    definition (the average token probability, with the bands as percentages)."""
    return Legend(
        plain=(
            "Engine confidence says how sure the translation model was of its own translation. Low "
            "means it was unsure: those translations wait for review as “unsure”, so read them "
            "closely. Medium means fairly sure, high means sure; a sure translation can still be wrong."
        ),
        technical=(
            "Technically, engine confidence is the average probability the model gave each token "
            "(word piece) of its translation (of the weaker step, for a translation through a third "
            f"language): low under {percentage(LOW_CONFIDENCE)}, medium up to "
            f"{percentage(HIGH_CONFIDENCE)}, high from there."
        ),
    )
