"""Glossary terms through translation, without a model: protection, restoration (also when the
model drops or repeats a placeholder), and the per-sentence settings hash."""

from __future__ import annotations

from service.glossary.model import GlossaryEntry
from service.glossary.terms import applicable, protect, restore, settings_hash_for

KIM = GlossaryEntry(source="Kim Jong-un", do_not_translate=True)
KIM_SHORT = GlossaryEntry(source="Kim", do_not_translate=True)
GOVERNMENT = GlossaryEntry(source="Regierung", targets={"en": "government"}, case_sensitive=False)
SENTENCE = "Die Regierung in Pjöngjang: Kim Jong-un traf die REGIERUNG."


def test_terms_are_replaced_by_placeholders_longest_first_and_whole_words_only() -> None:
    protected = protect(SENTENCE + " Kimchi bleibt.", [KIM_SHORT, KIM, GOVERNMENT], "en")
    assert "Kim Jong-un" not in protected.text and "Regierung" not in protected.text
    assert "Kimchi bleibt." in protected.text  # not a whole word
    assert sorted(protected.replacements) == ["Kim Jong-un", "government", "government"]


def test_restore_puts_each_term_where_its_placeholder_is() -> None:
    protected = protect(SENTENCE, [KIM, GOVERNMENT], "en")
    model_output = protected.text.replace("Die", "The").replace("traf die", "met the")
    text, placed = restore(model_output, protected)
    assert text == "The government in Pjöngjang: Kim Jong-un met the government."
    assert placed is False


def test_a_dropped_or_repeated_placeholder_still_gives_every_term_once_and_is_flagged() -> None:
    protected = protect(SENTENCE, [KIM, GOVERNMENT], "en")
    kim = protected.replacements.index("Kim Jong-un")
    dropped = f"The ZQX0 in Pyongyang ZQX0 met officials, ZQX{kim} ZQX{kim} ZQX99."
    text, placed = restore(dropped.replace(f"ZQX{kim}", "", 1), protected)
    assert placed is True
    assert text.count("Kim Jong-un") == 1 and text.count("government") == 2
    assert "ZQX" not in text

    nothing, placed = restore("Garbage output", protected)
    assert placed and nothing.count("Kim Jong-un") == 1 and nothing.count("government") == 2


def test_the_hash_changes_only_for_sentences_that_hold_a_changed_term() -> None:
    entries = [KIM, GOVERNMENT]
    changed = [KIM, GlossaryEntry(source="Regierung", targets={"en": "administration"}, case_sensitive=False)]
    plain = "Das Wetter war gut."
    assert settings_hash_for("base", plain, entries, "en") == "base"
    assert settings_hash_for("base", plain, changed, "en") == "base"
    assert settings_hash_for("base", SENTENCE, entries, "en") != settings_hash_for(
        "base", SENTENCE, changed, "en"
    )
    only_kim = "Kim Jong-un reiste ab."
    assert settings_hash_for("base", only_kim, entries, "en") == settings_hash_for(
        "base", only_kim, changed, "en"
    )
    # A term with no target for this language does not apply to it.
    assert applicable(SENTENCE, [GOVERNMENT], "ko") == []


def test_a_sentence_that_quotes_a_placeholder_keeps_it() -> None:
    sentence = "Die Regierung nannte den Code ZQX0 und ZQX5."
    protected = protect(sentence, [GOVERNMENT], "en")
    assert protected.prefix != "ZQX" and "ZQX0" in protected.text and "ZQX5" in protected.text
    copied = protected.text.replace("Die", "The").replace("nannte den", "named the").replace("und", "and")
    assert restore(copied, protected) == ("The government named the Code ZQX0 and ZQX5.", False)
