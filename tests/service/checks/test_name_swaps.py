"""A person's name swapped for one spelt almost the same is flagged; a transliteration, which the
names check lets through by the same tolerance, is not."""

from __future__ import annotations

import pytest

from service.checks.names import check_names


def details(source: str, target: str, source_lang: str = "de", target_lang: str = "en") -> list[str | None]:
    return [f.detail for f in check_names(source, target, source_lang, target_lang)]


@pytest.mark.parametrize(
    ("source", "target", "said"),
    [
        (
            "Olaf Scholz sprach von einem Erfolg.",
            "Olaf Schulz spoke of a success.",
            "Scholz in the source, Schulz",
        ),
        (
            "Olaf Scholz sprach von einem Erfolg.",
            "Olaf Scholtz spoke of a success.",
            "Scholz in the source, Scholtz",
        ),
        ("Angela Merkel sprach.", "Angela Merkle spoke.", "Merkel in the source, Merkle"),
        (
            "Annalena Baerbock reiste nach Kiew.",
            "Annalena Baerbeck traveled to Kyiv.",
            "Baerbock in the source, Baerbeck",
        ),
        ("Jens Spahn widersprach.", "Jens Spahr disagreed.", "Spahn in the source, Spahr"),
        (
            '"Wir sind zufrieden", sagte Franke.',
            '"We are satisfied," said Frenke.',
            "Franke in the source, Frenke",
        ),
    ],
)
def test_a_name_one_letter_away_is_flagged(source: str, target: str, said: str) -> None:
    assert f"{said} in the translation" in details(source, target)


def test_an_english_source_too() -> None:
    assert "Merkel in the source, Merkle in the translation" in details(
        "Olaf Scholz met Angela Merkel.", "Olaf Scholz traf Angela Merkle.", "en", "de"
    )


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Olaf Scholz sprach von einem Erfolg.", "Olaf Scholz spoke of a success."),
        ("Präsident Wolodymyr Selenskyj sprach.", "President Volodymyr Zelensky spoke."),
        ("Alexej Nawalny ist tot.", "Alexei Navalny is dead."),
        ("Sergej Lawrow reiste nach Minsk.", "Sergei Lavrov traveled to Minsk."),
        ("Nach der Verletzung von Nico Frerichs kam Luca.", "After Nico Frerich's injury Luca came on."),
    ],
)
def test_the_same_name_and_a_transliteration_pass(source: str, target: str) -> None:
    assert details(source, target) == []


def test_a_swapped_name_is_one_flag() -> None:
    """Found by an outside tester: "Merz" as "Merk" gave three flags that said the same (Merz
    missing, Merk added, Merz swapped for Merk); an editor sees one."""
    from service.checks import check_pair

    flags = check_pair(
        "Friedrich Merz sagte am Montag, er sei zufrieden.",
        "Friedrich Merk said on Monday he was satisfied.",
        "de",
        "en",
    )
    assert [f.detail for f in flags] == ["Merz in the source, Merk in the translation"]
