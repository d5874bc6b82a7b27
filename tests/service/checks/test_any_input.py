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
