"""The hint that a check request's two languages look swapped."""

from __future__ import annotations

import pytest

from service.checks.direction import swapped_hint

DE = "Die Regierung in Seoul hat am Montag neue Sanktionen gegen Nordkorea angekündigt, sagte ein Sprecher."
EN = "The government in Seoul announced new sanctions against North Korea on Monday, a spokesman said."
KO = "서울 정부는 월요일 북한에 대한 새로운 제재를 발표했다고 대변인이 말했다. 추가 조치도 검토한다."


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "swapped"),
    [
        (DE, EN, "de", "en", False),
        (DE, EN, "en", "de", True),
        (EN, KO, "ko", "en", True),
        (EN, KO, "en", "ko", False),
        (KO, DE, "de", "ko", True),
        # a translation in the source's language (untranslated) is the language check's, not a swap
        (DE, DE, "en", "de", False),
        # too little text to tell: said nothing
        ("Berlin, 3. Mai", "Berlin, May 3", "en", "de", False),
    ],
)
def test_a_swap_is_named_only_where_both_sides_read_as_the_other(
    source: str, target: str, source_lang: str, target_lang: str, swapped: bool
) -> None:
    hint = swapped_hint([(source, target)] * 2, source_lang, target_lang)
    assert (hint is not None) == swapped, hint
    if swapped:
        assert f"send source_lang '{target_lang}' and target_lang '{source_lang}'" in (hint or "")
