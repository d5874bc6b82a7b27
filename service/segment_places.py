"""A segment's place and role in words for people: "section 4, paragraph 1, sentence 3" for the key
"s04.p01.03", "title (repeated)" for the role ``title_repeat``. The pages and the messages of the
use cases say these; the API's fields keep the ids and role names."""

from __future__ import annotations

ROLE_WORDS = {
    "title": "title",
    "title_repeat": "title (repeated)",
    "meta": "metadata",
    "heading": "heading",
    "body": "sentence",
    "caption": "caption",
    "tags": "tags",
    "boilerplate": "site text",
    "code": "code",
}


def role_words(role: str) -> str:
    """A segment's role as an editor reads it; an unknown role as it is."""
    return ROLE_WORDS.get(str(role), str(role).replace("_", " "))


def place_of(segment_key: str, role: str = "") -> str:
    """A segment's key in words for an editor: "s02.p03.01" -> "section 2, paragraph 3, sentence 1"
    (a heading "s02.h" -> "section 2, heading"; front matter "f01" -> "before the text, item 1").
    Front and back matter say what they are where the role is known, as a message names them ("the
    KO translation of the title"): "the title", "the caption before the text"; other keys as they
    are."""
    parts = segment_key.split(".")
    if role and len(parts) == 1 and segment_key[:1] in "fb" and segment_key[1:].isdigit():
        where = "before the text" if segment_key[0] == "f" else "after the text"
        if str(role) in ("title", "title_repeat"):
            return f"the {role_words(role)}"
        return f"the {role_words(role)} {where}"
    words = {"s": "section", "p": "paragraph", "h": "heading", "f": "before the text, item",
             "b": "after the text, item"}  # fmt: skip
    out = []
    for part in parts:
        kind, number = part[:1], part[1:].lstrip("0")
        if part.isdigit():
            out.append(f"sentence {int(part)}")
        elif kind in words and (number.isdigit() or not part[1:]):
            out.append(f"{words[kind]} {number}".strip())
        else:
            return segment_key
    return ", ".join(out)


def named_place(segment_key: str) -> str:
    """The place in words with the key after it, for a message an API client reads too:
    "section 4, paragraph 1, sentence 3 (s04.p01.03)"."""
    place = place_of(segment_key)
    return place if place == segment_key else f"{place} ({segment_key})"
