"""A segment's place in words, as the pages say it to an editor."""

from __future__ import annotations

from service.segment_places import named_place, place_of


def test_a_place_in_words() -> None:
    assert place_of("s04.p01.03") == "section 4, paragraph 1, sentence 3"
    assert place_of("s02.h") == "section 2, heading"
    assert named_place("s04.p01.03") == "section 4, paragraph 1, sentence 3 (s04.p01.03)"
    # front matter says what it is where the role is known, as a message names it: "the title"
    assert place_of("f01") == "before the text, item 1"
    assert place_of("f01", "title") == "the title"
    assert place_of("f00", "title") == "the title"  # an HTML page's <title>
    assert place_of("f02", "title_repeat") == "the title (repeated)"
    assert place_of("f02", "caption") == "the caption before the text"
    assert place_of("b01", "caption") == "the caption after the text"
    assert place_of("b02", "tags") == "the tags after the text"
    assert place_of("s01.p01.01", "body") == "section 1, paragraph 1, sentence 1"
