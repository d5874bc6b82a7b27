"""A fraction written in one character ("29¾ inches"), an amount converted inside brackets of its
own ("the document (it measures 29¾ inches)" / "문서(75.6 cm)"), a name glossed in brackets near a
number ("50km 떨어진 라 플라타(La Plata)"), and Korean's "1년 내내" (all year round). Each passes; the
same sentence with a number changed is still flagged."""

from __future__ import annotations

import pytest

from service.checks import check_pair
from tests.service.checks.pair_details import details

_MEASURES_EN = "The parchment (it measures 29¾ inches by 24½ inches) was rolled up for storage."
_LA_PLATA_EN = "She spoke in La Plata, a city 50 kilometers (31 miles) away from Buenos Aires."


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target"),
    [
        ("en", "ko", _MEASURES_EN, "이 양피지(75.6 cm x 62.2 cm)는 말려 보관되었습니다."),
        ("ko", "de", "이 양피지(75.6 cm x 62.2 cm)는 말려 보관되었습니다.",
         "Das Pergament (29¾ Zoll x 24½ Zoll) wurde zusammengerollt."),
        ("de", "en", "Das Blatt ist 29¾ Zoll breit.", "The sheet is 29.75 inches wide."),
        ("en", "ko", _LA_PLATA_EN,
         "그는 부에노스아이레스(Buenos Aires)에서 50km 떨어진 라 플라타(La Plata)에서 말했다."),
        ("ko", "en", "사과는 1년 내내 페이스트리에 들어간다.", "Apples go into pastries year round."),
        ("ko", "de", "가게는 1년 365일 문을 연다.", "Der Laden hat das ganze Jahr über geöffnet."),
    ],
)  # fmt: skip
def test_passes(source_lang: str, target_lang: str, source: str, target: str) -> None:
    assert check_pair(source, target, source_lang, target_lang) == []


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target", "said"),
    [
        ("en", "ko", _MEASURES_EN, "이 양피지(80.6 cm x 62.2 cm)는 말려 보관되었습니다.",
         "29¾ in the source, 80.6 in the translation"),
        ("de", "en", "Das Blatt ist 29¾ Zoll breit.", "The sheet is 29.5 inches wide.",
         "29¾ in the source, 29.5 in the translation"),
        ("en", "ko", _LA_PLATA_EN,
         "그는 부에노스아이레스(Buenos Aires)에서 60km 떨어진 라 플라타(La Plata)에서 말했다.",
         "50 in the source, not in the translation"),
        ("ko", "en", "그는 1년 동안 일했다.", "He worked for two years.",
         "1 in the source, two in the translation"),
    ],
)  # fmt: skip
def test_a_number_changed_is_still_flagged(
    source_lang: str, target_lang: str, source: str, target: str, said: str
) -> None:
    assert said in details(source, target, source_lang, target_lang)
