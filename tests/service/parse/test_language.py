"""Language detection of a fragment: a broken character in it is no reason to fail."""

from __future__ import annotations

from service.parse.language import detect


def test_a_lone_surrogate_is_left_out_and_the_language_still_read() -> None:
    # a lone surrogate comes from a broken JSON escape ("\ud800"); the detector cannot encode it
    lang, confidence = detect("Der Bundestag hat am Montag \ud800 ein neues Gesetz beschlossen.")
    assert lang == "de" and confidence > 0.5
    assert detect("\ud800\udfff") == (None, 0.0)
