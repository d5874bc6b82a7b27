"""Infer an article's structure from its blocks: title, metadata, sections, captions, tags.

Scraped news text has no markup, so we read it the way a person does: the first short line is
the title, a date line and a one-word category follow, a short line without a full stop that
introduces a paragraph is a heading (on a line of its own, or opening the paragraph's block with
no blank line between: :func:`_opens_with_subhead`), a short fragment in another script is a
caption, and a run of short lines after the last paragraph is the tag list.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from service.document import TRANSLATED_ROLES, Article, ArticleMetadata, Paragraph, Role, Section, Segment
from service.errors import FIELD, InputError
from service.parse.language import SUPPORTED, describe_mix, detect, script_shares
from service.parse.mixed import sentences_with_languages
from service.parse.parts import (
    BULLET,
    NUMBERED,
    credit_tail,
    date_part,
    figures_only,
    is_byline,
    is_credit,
    is_dateline,
    is_teaser,
    kept_part,
    meta_line,
)
from service.parse.passage_language import (
    PASSAGE_LETTERS,
    UNDETERMINED,
    letter_count,
    passage_language,
    written_in_another,
)
from service.parse.source_formats import Block, BlockKind, SourceFormat, SourceMetadata

HEADING_MAX_WORDS = 25
TITLE_MAX_CHARS = 250
TAG_MAX_WORDS = 5
CAPTION_MAX_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…:;,]['\"“”»«)]*$")
_FULL_STOP_END = re.compile(r"[.:;,]['\"“”»«)]*$")
_STOP_END = re.compile(r"[.!?…]['\"“”»«)]*$")  # ends like a sentence, not a dateline or a byline
_TAG_PREFIX = re.compile(r"^(tags|schlagwörter|schlagworte|themen|태그)\s*:\s*", re.I)
SUBHEAD_MAX_WORDS = 10
# a list item's marker ("- ", "• ", "1. ", "a) "), a quotation mark, a dash
_LIST_MARK = re.compile(f"{BULLET.pattern}|{NUMBERED.pattern}")
_QUOTES = "\"'„“”‚‘’»«›‹「『"


@lru_cache(maxsize=1)
def boilerplate_phrases() -> frozenset[str]:
    text = resources.files("service.parse").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@dataclass
class _Unit:
    """A classified block before it is cut into sentences."""

    role: Role
    lines: list[str]
    lang: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def build_article(
    blocks: list[Block],
    source_format: SourceFormat,
    lang_hint: str | None = None,
    source_meta: SourceMetadata | None = None,
) -> Article:
    if not blocks:
        raise InputError("the article has no text; submit a non-empty article")
    source_meta = source_meta or SourceMetadata()
    doc_lang = lang_hint or _document_language(blocks)
    units = _classify(blocks, doc_lang, source_meta)
    article = _assemble(units, doc_lang, source_format, source_meta)
    if lang_hint is not None:
        _check_short_text(article, units, doc_lang)
    return article


def _check_short_text(article: Article, units: list[_Unit], lang: str) -> None:
    """An article too short to be told passage by passage (no block it translates has
    :data:`PASSAGE_LETTERS` letters: one sentence, a title and a sentence) is told as a whole, by
    :func:`written_in_another`; one that plainly reads as another language than the ``lang`` sent
    is refused, as a longer one is (English sent as "de" would be translated as German)."""
    translated = [u for u in units if u.role in TRANSLATED_ROLES and u.lang == lang]
    if any(letter_count(unit.text) >= PASSAGE_LETTERS for unit in translated):
        return
    text = " ".join(segment.text for segment in article.translatable_segments())
    found = written_in_another(text, lang)
    if found is not None and found != UNDETERMINED:
        raise InputError(
            f"found no {lang!r} text to translate: it reads as {found!r} ({describe_mix(text)}); send "
            f"{FIELD} {found!r}, or leave {FIELD} out to have it detected",
            field="source_lang",
        )


def _document_language(blocks: list[Block]) -> str:
    body = sorted((b.text for b in blocks), key=len, reverse=True)[:20]
    text = "\n".join(body)
    code, _ = detect(text)
    if code is None:
        dominant = next(iter(script_shares(text)), None)
        if dominant is None:  # emoji, symbols, invisible characters only
            raise InputError(
                "found no letters to translate: the article has no words, only symbols, digits or "
                "invisible characters; send the article's text"
            )
        raise InputError(
            f"could not detect the article's language: it is mostly {dominant} script, which none of "
            f"the detectable languages ({', '.join(SUPPORTED)}) is written in (found: {describe_mix(text)}); "
            f"if the article is in one of them, send {FIELD}",
            field="source_lang",
        )
    return code


def _words(line: str) -> int:
    return len(line.split())


def _is_boilerplate(line: str) -> bool:
    return line.strip().casefold() in boilerplate_phrases()


def stays_as_is(text: str, doc_lang: str) -> bool:
    """Text the parser keeps in the source language by design, wherever it stands: site phrases,
    bylines, datelines, credits, teasers, figures, and passages in another language."""
    return _is_boilerplate(text) or kept_part(text) or passage_language(text, doc_lang) != doc_lang


def _looks_like_paragraph(block: Block) -> bool:
    """Running text: a long line, or a line that ends like a sentence.

    Scraped pages put each paragraph on one line; runs of short lines are metadata or lists.
    """
    if block.kind is BlockKind.HEADING:
        return False
    if any(_words(line) > HEADING_MAX_WORDS for line in block.lines):
        return True
    return len(block.lines) == 1 and _SENTENCE_END.search(block.text) is not None and _words(block.text) > 6


def _looks_like_heading(line: str) -> bool:
    return _words(line) <= HEADING_MAX_WORDS and _FULL_STOP_END.search(line) is None


def _opens_with_subhead(block: Block) -> bool:
    """A plain-text block whose first line is a subheading over the paragraph that follows it with
    no blank line between ("Reaktionen aus der Politik" on the line above "Verkehrsminister Volker
    Wissing sagte, ...": scraped news often puts subheads so).

    The first line is a subhead when it is short (at most :data:`SUBHEAD_MAX_WORDS` words), starts
    with a capital or a figure, ends with no sentence punctuation (``.!?…:;,``), dash or bracket,
    opens and ends with no quotation mark, is no list item, byline, dateline, credit, teaser,
    figures or site phrase; and the rest of the block is running text: the next line is no list
    item, does not start in lower case (the subhead's sentence going on), is at least twice as long
    (a line wrapped at a fixed width is followed by lines no longer than itself), the rest has more
    than six words, and the block's last line ends a sentence without a picture credit (a
    caption's). Markup (Markdown, HTML) says
    what a heading is, so this is for plain text only; the article's first block is the header's.
    """
    if block.kind is not BlockKind.UNKNOWN or len(block.lines) < 2:
        return False
    line, following, last = block.lines[0], block.lines[1], block.lines[-1]
    if not 1 <= _words(line) <= SUBHEAD_MAX_WORDS or not (line[0].isupper() or line[0].isdigit()):
        return False
    if _SENTENCE_END.search(line) or line.endswith(("-", "–", "—", ")", "]")) or line[-1] in _QUOTES:
        return False
    if _LIST_MARK.match(line) or kept_part(line) or _is_boilerplate(line) or is_credit(line):
        return False
    if _LIST_MARK.match(following) or following[0].islower() or len(following) < 2 * len(line):
        return False
    running = " ".join(block.lines[1:])
    return (
        _STOP_END.search(last) is not None
        and _words(running) > 6
        and credit_tail(running) is None
        and not any(is_credit(rest) for rest in block.lines[1:])
    )


def _list_goes_on(block: Block, previous: Block | None, units: list[_Unit]) -> bool:
    """Whether ``block`` is the next item of a list whose item before it is the article's text (the
    last point of "Die wichtigsten Punkte:", however short), not a site's trailing links."""
    return (
        block.kind is BlockKind.ITEM
        and previous is not None
        and previous.kind is BlockKind.ITEM
        and bool(units)
        and units[-1].role is Role.BODY
    )


def _looks_like_tag_list(block: Block) -> bool:
    if len(block.lines) == 1:
        return _TAG_PREFIX.match(block.lines[0]) is not None
    return len(block.lines) >= 3 and all(
        _words(line) <= TAG_MAX_WORDS and _SENTENCE_END.search(line) is None for line in block.lines
    )


def _parse_date(line: str, lang: str) -> dt.date | None:
    if _words(line) > 6 or not any(ch.isdigit() for ch in line):
        return None
    import dateparser

    languages = list(dict.fromkeys([lang, "en", "de"]))
    settings: dict[str, object] = {"STRICT_PARSING": True}
    if lang == "de" or _DAY_FIRST.search(line):  # "12.03.2026" is 12 March, in German and with dots
        settings["DATE_ORDER"] = "DMY"
    parsed = dateparser.parse(line, languages=languages, settings=settings)
    if parsed is None and is_dateline(line) and (date := date_part(line)) and date != line:
        return _parse_date(date, lang)  # a place before it: "Köln, 14.01.2025", "Berlin, 3. Juli 2025"
    return parsed.date() if parsed else None


# a date written day first with dots ("12.03.2026", "3.4.26"), as German and most of Europe write it
_DAY_FIRST = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2,4}(?![\d.]*\d)")


def _classify(blocks: list[Block], doc_lang: str, source_meta: SourceMetadata) -> list[_Unit]:
    units: list[_Unit] = []
    title: str | None = None
    seen_body = False
    found_date = source_meta.date is not None
    found_category = bool(source_meta.categories)
    has_h1 = any(block.kind is BlockKind.HEADING and block.level == 1 for block in blocks)

    def next_substantial(i: int) -> Block | None:
        for block in blocks[i + 1 :]:
            if passage_language(block.text, doc_lang) == doc_lang:
                return block
        return None

    for i, block in enumerate(blocks):
        if block.kind is BlockKind.CODE:
            units.append(_Unit(Role.CODE, block.lines, doc_lang))
            continue
        lang = _declared(block.lang, doc_lang) or passage_language(block.text, doc_lang)
        if all(figures_only(line) for line in block.lines):
            # "2025", "11.000", "12.03.2025", "A-12/3": kept as they are, never sent to a model
            units.append(_Unit(Role.META, block.lines, lang))
            continue
        if block.kind is BlockKind.CELL:
            # Not a header, caption or trailing link: a cell of another language stays as it is.
            units.append(_Unit(Role.BODY, block.lines, lang))
            continue
        if all(_is_boilerplate(line) or is_teaser(line) or is_credit(line) for line in block.lines):
            units.extend(_Unit(Role.BOILERPLATE, [line], lang) for line in block.lines)
            continue
        if all(meta_line(line) for line in block.lines):
            # "Von Anna Schmidt, Berlin", "12. März 2025, 14:30 Uhr": metadata, not a heading
            units.extend(_Unit(Role.META, [line], lang) for line in block.lines)
            continue
        if block.kind is BlockKind.CAPTION:
            units.extend(_caption(block, lang))
            continue
        if block.kind is BlockKind.HEADING:
            if block.level == 1 and title is None and not seen_body:
                title = block.text
                units.append(_Unit(Role.TITLE, block.lines, lang))
            else:
                units.append(_Unit(Role.HEADING, block.lines, lang))
            continue
        if seen_body and _looks_like_tag_list(block):
            units.append(_Unit(Role.TAGS, block.lines, lang))
            continue
        if lang != doc_lang and _words(block.text) <= CAPTION_MAX_WORDS:
            units.append(_Unit(Role.CAPTION, block.lines, lang))
            continue
        if not seen_body and not _looks_like_paragraph(block):
            # Header zone: title, date line, category, the title printed again, a lead heading.
            following = next_substantial(i)
            lead_heading = (
                len(block.lines) == 1
                and title is not None
                and following is not None
                and _looks_like_paragraph(following)
                and _looks_like_heading(block.lines[0])
            )
            if not lead_heading:
                for line in block.lines:
                    if (
                        title is None
                        and not has_h1  # a kicker over the page's <h1> is not the title
                        and not units
                        and len(line) <= TITLE_MAX_CHARS
                        and not line.endswith(".")
                    ):
                        title = line
                        units.append(_Unit(Role.TITLE, [line], lang))
                    elif title is not None and line.casefold() == title.casefold():
                        units.append(_Unit(Role.TITLE_REPEAT, [line], lang))
                    elif not found_date and _parse_date(line, doc_lang) is not None:
                        found_date = True
                        units.append(_Unit(Role.META, [line], lang))
                    elif (
                        not found_category
                        and _words(line) <= 3
                        and _SENTENCE_END.search(line) is None
                        and not _byline_or_dateline(line)
                    ):
                        found_category = True
                        units.append(_Unit(Role.META, [line], lang))
                    elif _is_boilerplate(line):
                        units.append(_Unit(Role.BOILERPLATE, [line], lang))
                    elif _STOP_END.search(line) is not None:
                        # A sentence, not a heading: an article of one short sentence is body.
                        seen_body = True
                        units.append(_Unit(Role.BODY, [line], lang))
                    else:
                        units.append(_Unit(Role.HEADING, [line], lang))
                continue
        if units and _opens_with_subhead(block):
            units.append(_Unit(Role.HEADING, block.lines[:1], lang))
            units.append(_Unit(Role.BODY, block.lines[1:], lang))
            seen_body = True
            continue
        if (
            len(block.lines) == 1
            and block.kind is not BlockKind.ITEM  # a list's last point before the text goes on
            and not _LIST_MARK.match(block.lines[0])
            and _looks_like_heading(block.lines[0])
        ):
            following = next_substantial(i)
            if following is not None and _looks_like_paragraph(following):
                units.append(_Unit(Role.HEADING, block.lines, lang))
                continue
        if (
            seen_body
            and all(
                _is_boilerplate(line) or (_words(line) <= 3 and not _a_sentence(line)) for line in block.lines
            )
            and (next_substantial(i) is None)
            and not _list_goes_on(block, blocks[i - 1] if i else None, units)
        ):
            # Short trailing lines after the body ("Mehr entdecken", "Zur Liste", share links).
            units.extend(_Unit(Role.BOILERPLATE, [line], lang) for line in block.lines)
            continue
        seen_body = True
        units.extend(_Unit(Role.BODY, lines, lang) for lines in _list_items(block))
    return units


def _byline_or_dateline(line: str) -> bool:
    """Who wrote it, where and when, or whose picture: metadata, but never the article's category
    ("Von Anna Schmidt", "Köln, 14.01.2025", "Foto: dpa")."""
    return is_byline(line) or is_dateline(line) or is_credit(line)


def _a_sentence(line: str) -> bool:
    """A short line that is a sentence of the article ("Die Polizei ermittelt."): two words or more
    ending with a full stop, not a site's phrase (those are in the boilerplate list)."""
    return _words(line) >= 2 and _STOP_END.search(line) is not None


def _list_items(block: Block) -> list[list[str]]:
    """A plain-text block's lines as paragraphs: each point of a list ("- ", "• ", "1. ") one of its
    own with the lines that go on from it, the lines before the list one ("Fahrgäste bekommen:").
    Markup says what a list is; so does a mark at a line's start in plain text, where the lines
    were read as one paragraph, the marks and line breaks sent to the model."""
    if block.kind is not BlockKind.UNKNOWN or not any(_LIST_MARK.match(line) for line in block.lines):
        return [block.lines]
    groups: list[list[str]] = []
    for line in block.lines:
        if _LIST_MARK.match(line) or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _declared(code: str | None, doc_lang: str) -> str | None:
    """A language the markup declares for a block, where it is one the detector knows (or the
    document's own): ``lang="en"`` on a quoted post."""
    return code if code is not None and (code in SUPPORTED or code == doc_lang) else None


def _caption(block: Block, lang: str) -> list[_Unit]:
    """A caption is its own block; a credit at its end ("... in Kursk. Foto: dpa") stays as it is."""
    text = " ".join(block.text.split())
    cut = credit_tail(text)
    if cut is None:
        return [_Unit(Role.CAPTION, [text], lang)]
    return [
        _Unit(Role.CAPTION, [text[:cut].strip()], lang),
        _Unit(Role.BOILERPLATE, [text[cut:].strip()], lang),
    ]


def _assemble(
    units: list[_Unit], doc_lang: str, source_format: SourceFormat, source_meta: SourceMetadata
) -> Article:
    metadata = ArticleMetadata(
        title=source_meta.title,
        source_lang=doc_lang,
        source_format=source_format.value,
        date=source_meta.date,
        category=source_meta.categories[0] if source_meta.categories else None,
        tags=list(source_meta.tags),
    )
    body_roles = (Role.HEADING, Role.BODY)
    first_body = next((i for i, u in enumerate(units) if u.role in body_roles), len(units))
    last_body = max((i for i, u in enumerate(units) if u.role in body_roles), default=-1)

    front: list[Segment] = []
    back: list[Segment] = []
    sections: list[Section] = []
    order = 0

    def segment(key: str, role: Role, text: str, lang: str, section: int | None = None,
                paragraph: int | None = None) -> Segment:  # fmt: skip
        nonlocal order
        order += 1
        translatable = role in TRANSLATED_ROLES and lang == doc_lang
        return Segment(key, order, role, text, lang, translatable, section, paragraph)

    title_unit = next((u for u in units if u.role is Role.TITLE), None)
    if source_meta.title and title_unit is None:
        # HTML keeps its title in <title>/<meta>, outside the extracted body text.
        front.append(segment("f00", Role.TITLE, source_meta.title, doc_lang))
    elif (
        title_unit is not None
        and source_meta.page_title
        and " ".join(title_unit.text.split()) != source_meta.page_title
    ):
        # the page's <title> says it otherwise ("Kim besucht Kursk | Tagesblatt"): translated too
        front.append(segment("f00", Role.TITLE, source_meta.page_title, doc_lang))

    for index, unit in enumerate(units):
        if index < first_body or index > last_body:
            lines = unit.lines if unit.role in (Role.TAGS, Role.BOILERPLATE) else [unit.text]
            target = front if index < first_body else back
            for line in lines:
                tag = _TAG_PREFIX.sub("", line) if unit.role is Role.TAGS else line
                key = f"{'f' if target is front else 'b'}{len(target) + 1:02d}"
                target.append(segment(key, unit.role, line, unit.lang))
                _record_metadata(metadata, unit.role, tag, doc_lang)
            continue
        if unit.role is Role.HEADING or not sections:
            number = len(sections) + 1
            heading = None
            if unit.role is Role.HEADING:
                heading = segment(f"s{number:02d}.h", Role.HEADING, unit.text, unit.lang, number)
            sections.append(Section(f"s{number:02d}", number, heading))
            if unit.role is Role.HEADING:
                continue
        section = sections[-1]
        p_number = len(section.paragraphs) + 1
        p_key = f"{section.key}.p{p_number:02d}"
        paragraph = Paragraph(p_key, unit.role, unit.lang)
        running = unit.role is Role.BODY or (unit.role is Role.CAPTION and unit.lang == doc_lang)
        # running text is cut into sentences, each with its language (a German sentence in a
        # Korean paragraph is German)
        whole_lines = [(line, unit.lang) for line in unit.lines]
        pieces = sentences_with_languages(unit.text, unit.lang) if running else whole_lines
        for n, (piece, lang) in enumerate(pieces, start=1):
            paragraph.segments.append(
                segment(f"{p_key}.{n:02d}", unit.role, piece, lang, section.number, p_number)
            )
            if unit.role in (Role.TAGS, Role.BOILERPLATE):
                _record_metadata(metadata, unit.role, piece, doc_lang)
        section.paragraphs.append(paragraph)

    if not any(s.translatable for s in [*front, *(x for sec in sections for x in sec.segments()), *back]):
        raise InputError(
            f"found no {doc_lang!r} text to translate{_reads_as(units, doc_lang)}", field="source_lang"
        )
    return Article(metadata, front, sections, back)


def _reads_as(units: list[_Unit], doc_lang: str) -> str:
    """What an article with no ``doc_lang`` text reads as, and what to send instead (the source
    language's field named as :data:`~service.errors.FIELD`)."""
    text = "\n".join(unit.text for unit in units)
    code, _ = detect(text)
    if code is None or code == doc_lang:
        return "; check the source language or submit the article body"
    return (
        f": it reads as {code!r} ({describe_mix(text)}); send {FIELD} {code!r}, or leave {FIELD} out "
        "to have it detected"
    )


def _record_metadata(metadata: ArticleMetadata, role: Role, text: str, doc_lang: str) -> None:
    if role is Role.TITLE and metadata.title is None:
        metadata.title = text
    elif role is Role.TAGS:
        parts = re.split(r"[,;]", text) if ("," in text or ";" in text) else [text]
        metadata.tags.extend(part.strip() for part in parts if part.strip())
    elif role is Role.BOILERPLATE:
        metadata.boilerplate.append(text)
    elif role is Role.META:
        date = _parse_date(text, doc_lang)
        if date is not None and metadata.date is None:
            metadata.date = date
        elif date is None and metadata.category is None and not _byline_or_dateline(text):
            metadata.category = text
