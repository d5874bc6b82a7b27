from __future__ import annotations

from decimal import Decimal

import pytest

from workers.quality import check, numbers


def test_numbers_across_conventions() -> None:
    assert numbers("6.000 Soldaten und 1.000 Minenräumer, 2,5 Prozent", "de") == [
        Decimal("2.5"), Decimal("1E+3"), Decimal("6E+3"),
    ]  # fmt: skip
    assert (
        numbers("6.000 Soldaten", "de") == numbers("6,000 soldiers", "en") == numbers("6,000명의 군인", "ko")
    )
    assert numbers("am 19. Juni 2025", "de") == numbers("on 19 June 2025", "en")


@pytest.mark.parametrize(
    ("source", "target", "tgt", "flags"),
    [
        ("Nordkorea schickt 6.000 Soldaten.", "North Korea sends 6,000 soldiers.", "en", []),
        ("Nordkorea schickt 6.000 Soldaten.", "북한은 6,000명의 군인을 보낸다.", "ko", []),
        ("Nordkorea schickt 6.000 Soldaten.", "North Korea sends 600 soldiers.", "en", ["numbers"]),
        ("Nordkorea schickt Soldaten nach Russland.", "Nordkorea schickt Soldaten nach Russland.", "en",
         ["untranslated"]),
        ("Kim Jong-un", "Kim Jong-un", "en", []),
        ("Die Regierung handelt.", "the the the the the government", "en", ["repetition"]),
        ("Die Regierung handelt.", "", "en", ["empty"]),
    ],
)  # fmt: skip
def test_check(source: str, target: str, tgt: str, flags: list[str]) -> None:
    assert check(source, target, "de", tgt) == flags
