"""The words the pages say the engine's confidence in (service/web/confidence.py): a level in plain
words, and the average token probability as a percentage (for the title and the explanation),
never rounded to a certain 100 % or a hopeless 0 %."""

from __future__ import annotations

import pytest

from service.web.confidence import engine_confidence


@pytest.mark.parametrize(
    ("score", "level", "said"),
    [
        (-5.65, "low", "0.4 %"),
        (-20.0, "low", "under 0.1 %"),
        (-2.31, "low", "9.9 %"),
        (-1.0001, "low", "37 %"),
        (-1.0, "medium", "37 %"),
        (-0.5, "medium", "61 %"),
        (-0.1, "high", "90 %"),
        (-0.0001, "high", "99 %"),  # not rounded up to certain
        (0.0, "high", "100 %"),
    ],
)
def test_a_score_is_said_as_a_level_and_a_token_probability(score: float, level: str, said: str) -> None:
    shown = engine_confidence(score)
    assert shown is not None and (shown.level, shown.probability, shown.score) == (level, said, score)
    meaning = {"low": "unsure", "medium": "fairly sure", "high": "sure"}[level]
    assert shown.words() == f"engine confidence: {level} — the model was {meaning} of this translation"
    assert engine_confidence(None) is None
