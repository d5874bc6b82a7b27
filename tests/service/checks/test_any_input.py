"""The checks take any text a client sends (POST /v1/checks) without raising."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.checks import check_article

TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789 .,:;'\"„“()[]-–~%$€@#/abcXYZäß가만억조천백십명개년월일시IVX")),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(pairs=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=3), direction=st.sampled_from(
    [("de", "en"), ("en", "de"), ("de", "ko"), ("ko", "de"), ("en", "ko"), ("ko", "en")]))  # fmt: skip
def test_any_text_gets_flags_not_an_error(pairs: list[tuple[str, str]], direction: tuple[str, str]) -> None:
    flags = check_article(pairs, *direction)
    assert len(flags) == len(pairs)


def test_a_passage_left_in_the_source_language_is_found_in_a_long_sentence() -> None:
    """The untranslated check finds a run of five or more source words (three lowercase) kept in
    the translation anywhere in a long sentence, and the longest such run (it searched every run of
    every length before: a sentence of 800 one-letter words took seconds, an outside attack found);
    the clause in the source language is found there too, and named first."""
    from service.checks.surface import _longest_run_kept, check_untranslated

    def run_kept(source: str, target: str) -> str | None:
        return _longest_run_kept(source.split(), target.split())

    kept = "die Regierung hat am Montag neue Regeln beschlossen"
    source = " ".join(["Wort"] * 400) + f" {kept} " + " ".join(["Ende"] * 400)
    target = " ".join(["word"] * 300) + f" {kept} " + " ".join(["end"] * 300)
    assert run_kept(source, target) == kept
    assert [(f.severity, f.detail) for f in check_untranslated(source, target, "de", "en")] == [
        ("major", f"'{kept}' left in German")
    ]
    # two runs kept: the longer one is named
    two = "die Katze sah heute den Hund und lief schnell weg"
    target = "one: die Katze sah heute den Hund; two: den Hund und lief schnell weg"
    assert run_kept(two, target) == "den Hund und lief schnell weg"
    # windows of five the target has, but not in one place: the first of them
    apart = "die katze sah heute den hund"
    target = "die katze sah heute den vogel, und katze sah heute den hund"
    assert run_kept(apart, target) == "die katze sah heute den"
    # a quotation kept in its language is no clause of the source language, but a run kept: minor
    quoted = (
        'He shouted "we will never give up" at the crowd.',
        'Er rief der Menge "we will never give up" zu.',
    )
    assert [(f.severity, f.detail) for f in check_untranslated(*quoted, "en", "de")] == [
        ("minor", "'\"we will never give up\"' left in the source language")
    ]
    # names and numbers the same in both (fewer than three lowercase words): not a passage
    assert (
        check_untranslated(
            "Merkel, Macron, Biden, Sunak und Xi", "Merkel, Macron, Biden, Sunak und Xi met", "de", "en"
        )
        == []
    )
    assert check_untranslated(" ".join(["a"] * 800), "ok", "de", "en") == []


def test_a_text_written_decomposed_reads_as_one_written_composed() -> None:
    """ "Mu\u0308ller" (u and a combining diaeresis) is "Müller": an outside tester's translation so
    written was flagged "Mu in the translation" and "Müller ... not in the translation"."""
    import unicodedata

    from service.checks import check_pair

    source = "Thomas Müller traf am Samstag in Köln."
    target = unicodedata.normalize("NFD", "Thomas Müller scored in Köln on Saturday.")
    assert target != "Thomas Müller scored in Köln on Saturday."
    assert check_pair(source, target, "de", "en") == []
    assert [(a.detail) for a in check_article([(source, target)], "de", "en")[0]] == []


def test_a_translation_of_marks_only_is_no_repetition() -> None:
    """A translation with no word at all repeats none (it was "'' repeated over and over")."""
    from service.checks import check_pair

    details = [f.detail for f in check_pair("((((((((a", "))))))))))", "de", "en")]
    assert details == ["'(' and ')' not paired in the translation"]


def test_long_runs_at_the_size_limit_are_still_read() -> None:
    """A side of 5,000 characters in one run (digits, capitals, decimals) is still read for what it
    holds: the checks read such runs from their start only (a 5,000-digit pair had taken about 50
    seconds; benchmarks/checks_worst_case.py measures it), and they still find an amount, a
    temperature and a team there."""
    from service.checks import check_pair

    digits = "1" * 5000
    assert [f.check for f in check_pair(digits, "2" * 5000, "de", "en")] == ["numbers"]
    assert check_pair(digits, digits, "de", "en") == []
    long_word = "A" * 4000
    source = f"{long_word}. Am Sonntag wurden 15 Grad und 3 Mio. Euro gemessen."
    target = f"{long_word}. On Sunday 15 degrees and 3 million dollars were measured."
    assert [f.detail for f in check_pair(source, target, "de", "en")] == [
        "Euro in the source, dollars in the translation"
    ]
