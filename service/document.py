"""The document model: an article as ordered sections, paragraphs and sentences.

Every unit keeps its exact source text and a stable key, and the article keeps *every* unit
of its input (title, date line, tags, boilerplate too) in source order, so joining
``Article.segments()`` gives back the input text modulo whitespace: nothing is dropped silently.
Only segments with ``translatable=True`` are fed to a translation model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    TITLE = "title"
    TITLE_REPEAT = "title_repeat"  # the title printed again by the page; metadata, not body
    META = "meta"  # date line, category, byline
    HEADING = "heading"
    BODY = "body"
    CAPTION = "caption"  # an image caption, often in another language
    TAGS = "tags"
    BOILERPLATE = "boilerplate"  # "Mehr entdecken", "Zur Liste", share links
    CODE = "code"  # a code block (Markdown fence, HTML <pre>): kept as it is, never translated


# A caption is translated where it is in the article's language (one in another language keeps it).
TRANSLATED_ROLES = frozenset({Role.TITLE, Role.HEADING, Role.BODY, Role.CAPTION})


@dataclass(frozen=True)
class Segment:
    """One sentence (or one line of metadata): the unit that is translated and aligned."""

    key: str  # stable within its document, e.g. "s03.p01.2"
    order: int  # position in the document
    role: Role
    text: str  # exact source text
    lang: str  # ISO 639-1 code detected for this unit
    translatable: bool
    section: int | None = None  # 1-based section number; None for front and back matter
    paragraph: int | None = None  # 1-based paragraph number inside the section


@dataclass
class Paragraph:
    key: str
    role: Role
    lang: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Section:
    key: str
    number: int
    heading: Segment | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    def segments(self) -> Iterator[Segment]:
        if self.heading is not None:
            yield self.heading
        for paragraph in self.paragraphs:
            yield from paragraph.segments


@dataclass
class ArticleMetadata:
    title: str | None
    source_lang: str
    source_format: str  # text | markdown | html
    date: dt.date | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


@dataclass
class Article:
    metadata: ArticleMetadata
    front_matter: list[Segment]
    sections: list[Section]
    back_matter: list[Segment]

    def segments(self) -> list[Segment]:
        """Every unit of the article in source order."""
        units = [*self.front_matter]
        for section in self.sections:
            units.extend(section.segments())
        units.extend(self.back_matter)
        return sorted(units, key=lambda s: s.order)

    def translatable_segments(self) -> list[Segment]:
        return [s for s in self.segments() if s.translatable]
