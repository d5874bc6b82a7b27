"""A short text's lines count when it is cut into sentences for ``POST /v1/translate`` (an outside
tester's finding: a heading and a list ran into one sentence with the marks in it)."""

from __future__ import annotations

from service.parse.short_text import MarkedSentence, short_text_sentences


def cut(text: str) -> list[tuple[str, str]]:
    return [(s.mark, s.text) for s in short_text_sentences(text, "de")]


def test_blank_lines_headings_and_list_items_end_sentences() -> None:
    text = "# Titel\n\n- Punkt eins\n- Punkt zwei\n\nDer Bundestag hat beschlossen."
    assert cut(text) == [
        ("# ", "Titel"),
        ("- ", "Punkt eins"),
        ("- ", "Punkt zwei"),
        ("", "Der Bundestag hat beschlossen."),
    ]
    assert cut("## Kopf\nDer Text gleich darunter.") == [("## ", "Kopf"), ("", "Der Text gleich darunter.")]
    assert cut("Erster Absatz ohne Punkt\n\nZweiter Absatz") == [
        ("", "Erster Absatz ohne Punkt"),
        ("", "Zweiter Absatz"),
    ]
    marks = "* Stern\n+ Plus\n• Punkt\n– Strich\n  - eingerückt\n3) Drei"
    assert cut(marks) == [("* ", "Stern"), ("+ ", "Plus"), ("• ", "Punkt"), ("– ", "Strich"),
                          ("  - ", "eingerückt"), ("3) ", "Drei")]  # fmt: skip


def test_an_item_is_split_into_its_sentences_and_goes_on_over_its_wrapped_lines() -> None:
    text = "1. Erstens gilt das.\n2. Zweitens gilt jenes. Das ist neu.\n- Ein Punkt, der\n  weitergeht."
    assert cut(text) == [
        ("1. ", "Erstens gilt das."),
        ("2. ", "Zweitens gilt jenes."),
        ("", "Das ist neu."),
        ("- ", "Ein Punkt, der\n  weitergeht."),
    ]


def test_prose_is_cut_as_before_and_a_date_is_no_list() -> None:
    assert cut("Das ist gut. Wer weiß?") == [("", "Das ist gut."), ("", "Wer weiß?")]
    assert cut("19. Juni 2025: Der Bundestag hat\nbeschlossen.") == [
        ("", "19. Juni 2025: Der Bundestag hat\nbeschlossen.")
    ]
    assert cut("-5 Grad werden erwartet.\n*Betont* ist das.") == [
        ("", "-5 Grad werden erwartet."),
        ("", "*Betont* ist das."),
    ]
    assert cut("#\n\n- \n") == [("", "-")]  # a mark alone is no sentence ("-" is not a mark alone)


def test_the_mark_is_kept_from_the_model_and_put_back() -> None:
    sentence = MarkedSentence("- ", "Punkt eins")
    assert sentence.source == "- Punkt eins" and sentence.answer("Point one") == "- Point one"
