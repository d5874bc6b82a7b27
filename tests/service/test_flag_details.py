"""Flags named with their item, in both stored shapes (a check name, or the trust work's object)."""

from __future__ import annotations

from service.flag_details import Flag, explain
from service.glossary.model import GlossaryEntry


def test_a_check_name_gets_its_item_found_again() -> None:
    numbers = explain(
        "numbers", "Sie fordert 12 Nachbesserungen bis 2027.", "They demand 13 fixes by 2027.", "en"
    )
    assert numbers == Flag("numbers", "major", "12 not in the translation; 13 not in the source")
    term = GlossaryEntry(source="Regierung", targets={"en": "government"}, case_sensitive=False)
    glossary = explain("glossary", "Die regierung sagt", "The government says", "en", [term])
    assert glossary.detail == "term placed by position, check it: Regierung → government"


def test_a_structured_flag_is_shown_as_it_is() -> None:
    flag = {"check": "numbers", "severity": "minor", "detail": "1.000 written as 1,000"}
    assert explain(flag, "x", "y", "en") == Flag("numbers", "minor", "1.000 written as 1,000")
    assert explain({"check": "length", "severity": "major", "detail": None}, "x", "y", "en") == Flag(
        "length", "major", ""
    )
