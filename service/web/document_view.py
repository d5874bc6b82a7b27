"""What the document page shows beside the aligned text: the languages chosen, each flag with its
item, review status, provenance (models, versions, glossary), revisions and every download."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from sqlalchemy.orm import Session

from service.aligned_rows import (
    MAX_ROWS,
    ROWS_PER_PAGE,
    aligned_rows,
    row_count,
    row_offset,
    section_before,
    segment_texts,
    shown_translations,
    title_segment,
)
from service.api_keys import Principal
from service.catalogue import glossary_used, jobs_of_document, source_of
from service.flag_details import Flag, flags_of, status_of
from service.glossary.glossary_store import entries_of
from service.glossary.glossary_store import get as get_glossary
from service.glossary.model import GlossaryEntry
from service.language_checks import normalised_code
from service.output_versions import document_versions
from service.permissions import Action, may
from service.publishing import publications
from service.rendering import formats_for, render_stored
from service.rendering.scan import Passage
from service.rendering.source_markup import source_pieces
from service.review_rule import NEEDS_PERSON
from service.segment_places import place_of
from service.source_revisions import list_revisions
from service.storage.document_store import translatable_count
from service.storage.files import source_file
from service.storage.tables import Document, as_utc
from service.web.languages import IN_ENGLISH, language_name
from service.web.templating import last_page, segment_address

LANGUAGE_NAMES = IN_ENGLISH  # the pages' languages, by their English names (service.web.languages)
RENDER_NAMES = {"html": "HTML", "markdown": "Markdown", "docx": "Word"}
SEGMENTS_PER_PAGE = ROWS_PER_PAGE  # rows (title, headings, sentences) per page: a long article is paged
MAX_SEGMENTS_PER_PAGE = MAX_ROWS


@dataclass(frozen=True)
class Correction:
    """A correction the service refused, shown again in its form with the reason."""

    segment_id: str
    lang: str
    text: str
    message: str
    heading: str = "Your correction was not saved"  # the error summary's


# ``?done=`` after an approval that found the translation approved already (in another tab, by
# another editor: service.review.Approval.before), which is said with the approval stored.
ALREADY_APPROVED = "already-approved"
# ``?done=`` after a correction sent as the translation reads (service.usecases.correct stores
# nothing): said on the sentence's row, with nothing done.
UNCHANGED = "unchanged"


def done_words(action: str, lang: str, place: str, approval: tuple[str, dt.datetime] | None = None) -> str:
    """What an editor just did to the translation into ``lang`` of ``place`` (a sentence by its
    place, and where the list names it, its document), as a sentence: ``approval``, for one
    approved already, who approved it and when (the approval stored, which was kept)."""
    translation = f"{language_name(lang)} translation of {place}"
    if action == UNCHANGED:
        return f"Nothing changed: your text is the {translation} as it reads now, so nothing was saved."
    if action == ALREADY_APPROVED:
        stored = f", by {approval[0]} on {as_utc(approval[1]):%Y-%m-%d at %H:%M} UTC" if approval else ""
        return f"The {translation} was already approved{stored}: nothing was changed."
    what = "Approved" if action == "approved" else "Saved your correction of"
    return f"{what} the {translation}."


@dataclass(frozen=True)
class Done:
    """What an editor just did to a translation (``approved``, ``corrected``,
    :data:`ALREADY_APPROVED` or :data:`UNCHANGED`), said on the page the form's redirect lands on
    (``?done=``): only of a sentence and language the page shows."""

    action: str
    segment_id: str
    lang: str
    next: tuple[str, str] | None = None  # the (segment, language) to review next, said above it
    role: str = ""  # the segment's, to name the title as "the title" (:func:`place_of`)
    approval: tuple[str, dt.datetime] | None = None  # already approved: by whom, when

    def message(self, role: str = "") -> str:
        return done_words(self.action, self.lang, place_of(self.segment_id, role or self.role), self.approval)


@dataclass(frozen=True)
class PublishNote:
    """What the publication panel says of one language: a publication or withdrawal just made
    (the form's redirect, ``?done=published``), or why publishing was refused."""

    lang: str
    message: str
    refused: bool = False


def publish_done(action: str, lang: str) -> PublishNote:
    """What the publication panel says after the publish and withdraw forms: done, or done already
    (from a page open since before: the panel's state line above it says by whom and when)."""
    name = language_name(lang)
    said = {
        "published": f"Published the {name} translation.",
        "withdrawn": f"Withdrew the {name} translation.",
        "already-published": f"The {name} translation was published already, as it reads now: nothing new "
        "was recorded.",
        "already-withdrawn": f"The {name} translation was withdrawn already: nothing was changed.",
    }
    return PublishNote(lang, said[action])


_DOCUMENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,36}$")
# The review list's pages go no further than this (service.web.desk): its page links, and a way
# back to one of its pages, never lead past it.
REVIEW_PAGES = 50
# The most items the review list shows on one page (service.web.desk's REVIEW_ITEMS): the place of
# an item in the list (``at``) is at most REVIEW_PAGES times it.
MOST_REVIEW_ITEMS = 200


def review_back(sent: str) -> str | None:
    """The review list a document page was opened from (``?back=``), as a link back to it with its
    filters (language, document, page) and the place of the item it was left from (``at``, where
    an approval or a correction on the page goes back to: service.web.next_review): only this
    site's /review, rebuilt from what it may carry, so a crafted link cannot send the editor
    elsewhere; None for anything else."""
    parts = urlsplit(sent[:500])
    # a page after the first, and an item's place, no further than the list goes
    spans = {"page": range(2, REVIEW_PAGES + 1), "at": range(1, REVIEW_PAGES * MOST_REVIEW_ITEMS + 1)}
    if parts.scheme or parts.netloc or parts.path != "/review":
        return None
    found: dict[str, str] = {}
    for name, value in parse_qsl(parts.query):
        if name in found:
            continue
        if name == "lang" and value.isascii() and value.isalpha() and len(value) <= 8:
            found[name] = normalised_code(value)
        elif name == "document" and _DOCUMENT_ID.match(value):
            found[name] = value
        elif name in spans and value.isascii() and value.isdigit() and int(value) in spans[name]:
            found[name] = str(int(value))
    kept = [(name, found[name]) for name in ("lang", "document", "page", "at") if name in found]
    return "/review" + (f"?{urlencode(kept)}" if kept else "")


def without_place(back: str) -> str:
    """A review list address (:func:`service.web.document_view.review_back`) without the place of
    the item it was left from (``at``): the link "Back to the review list"."""
    parts = urlsplit(back)
    query = urlencode([(name, value) for name, value in parse_qsl(parts.query) if name != "at"])
    return parts.path + (f"?{query}" if query else "")


def kept_query(sent: str) -> tuple[tuple[str, str], ...]:
    """The document page's own query as its forms send it back (``back_query``: what its links keep,
    :attr:`Paging.query`), so that the redirect after a correction or an approval shows the same
    languages and page size, and keeps the way back to the review list it came from (``back``);
    anything else in it is dropped."""
    kept: list[tuple[str, str]] = []
    for name, value in parse_qsl(sent[:1000]):
        if name == "lang" and value.strip().isalpha() and len(value) <= 8:
            kept.append(("lang", normalised_code(value)))
        elif name == "size" and value.isdigit() and 1 <= int(value) <= MAX_SEGMENTS_PER_PAGE:
            kept = [pair for pair in kept if pair[0] != "size"] + [("size", str(int(value)))]
        elif name == "back" and (back := review_back(value)) is not None:
            kept = [pair for pair in kept if pair[0] != "back"] + [("back", back)]
    return tuple(kept)


def done_address(document_id: str, segment_id: str, lang: str, action: str, back_query: str) -> str:
    """Where a correction or an approval made on the document page goes back to: the sentence, on
    the page as it was (its languages, its size), saying what was done."""
    keep = (*kept_query(back_query), ("done", action), ("done_lang", lang))
    return segment_address(document_id, segment_id, keep=keep)


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    lang: str | None = None


def downloads(document_id: str, targets: list[str], renders: list[str]) -> list[Download]:
    """Every export and rendering the document has: JSON, the side-by-side page and TMX with every
    language; per language XLIFF and the article rendered back in its own format."""
    base = f"/v1/documents/{document_id}"
    found = [Download("JSON (aligned)", f"{base}/export?format=json")]
    if targets:
        found += [
            Download("Side by side (HTML)", f"{base}/export?format=html"),
            Download("TMX", f"{base}/export?format=tmx"),
        ]
    for lang in targets:
        found.append(Download("XLIFF", f"{base}/export?format=xliff&lang={lang}", lang))
        found += [
            Download(f"Article as {RENDER_NAMES[fmt]}", f"{base}/render?lang={lang}&format={fmt}", lang)
            for fmt in renders
        ]
    return found


@dataclass(frozen=True)
class Paging:
    """Which rows of the document one page shows: ``first`` to ``last`` (from 1) of ``total``."""

    page: int
    pages: int
    size: int
    first: int
    last: int
    total: int
    keys: frozenset[str]  # the segments on this page
    continued: frozenset[str]  # sections that began on an earlier page
    document_id: str
    query: tuple[tuple[str, str], ...]  # what every link to another page keeps: languages, size

    @property
    def past(self) -> bool:
        """Whether the page asked for is past the last page (which it says, with a link there)."""
        return self.page > self.pages

    def link(self, page: int) -> str:
        return f"/documents/{quote(self.document_id)}?{urlencode((*self.query, ('page', str(page))))}"

    def segment_link(self, key: str) -> str:
        """A link to a segment's row: its anchor where it is on this page, else on its own page."""
        if key in self.keys:
            return f"#row-{key}"
        return segment_address(self.document_id, key, keep=self.query)


class NoSuchSegment(LookupError):
    pass


def _paging(
    session: Session, document_id: str, page: int, size: int, segment: str | None, shown: list[str] | None
) -> Paging:
    """Which rows page ``page`` shows (past the last: none, :attr:`Paging.past`), or the page that
    holds ``segment`` (:class:`NoSuchSegment` if the document has none of that id); its rows are
    read afterwards."""
    total = row_count(session, document_id)
    pages = last_page(total, size)
    if segment is not None:
        at = row_offset(session, document_id, segment)
        if at is None:
            raise NoSuchSegment(segment)
        page = at // size + 1
    if not total:  # a document without rows has its one empty page, whatever was asked
        page = 1
    start = (page - 1) * size
    query = tuple(("lang", lang) for lang in shown or []) + (
        (("size", str(size)),) if size != SEGMENTS_PER_PAGE else ()
    )
    first, last = (start + 1, min(start + size, total)) if total and page <= pages else (0, 0)
    return Paging(page, pages, size, first, last, total, frozenset(), frozenset(), document_id, query)


def document_context(
    session: Session,
    principal: Principal,
    document: Document,
    shown: list[str] | None,
    page: int = 1,
    size: int = SEGMENTS_PER_PAGE,
    segment: str | None = None,
    back: str | None = None,
) -> dict[str, Any]:
    """What the document page shows; one page of its rows (``page``, or the page of ``segment``);
    ``back``: the review list it was opened from (:func:`review_back`), kept by its links and forms.

    What it reads is the page's rows (:func:`service.aligned_rows.aligned_rows`) and, of the whole
    document, which translation each row shows and its status (for the counts and the way from one
    translation to review to the next); the renderings are checked for passages left in the source
    language only where the whole article fits on one page (a long one's report is linked)."""
    paging = _paging(session, document.id, page, size, segment, shown)
    statuses = shown_translations(session, document.id)
    start = paging.total if paging.past else max(paging.first - 1, 0)  # past the last page: no rows
    rows = aligned_rows(session, document, start, size, shown=statuses)
    before = section_before(session, document.id, paging.first - 1) if paging.first > 1 else None
    continued = frozenset(s.id for s in rows.sections if s.number == before)
    paging = replace(paging, keys=frozenset(s.id for s in rows.all_segments()), continued=continued)
    if back is not None:
        paging = replace(paging, query=(*paging.query, ("back", back)))
    targets = [lang for lang in rows.target_langs if lang != rows.source_lang]
    chosen = [lang for lang in targets if lang in (shown or targets)] or targets
    glossary_id = glossary_used(session, document.id)
    glossary = get_glossary(session, principal.tenant, glossary_id) if glossary_id else None
    entries: list[GlossaryEntry] = entries_of(glossary) if glossary is not None else []
    flags: dict[tuple[str, str], list[Flag]] = {}
    for row in rows.all_segments():  # the flags' details: this page's only
        for lang, output in row.translations.items():
            if output.flags:
                flags[(row.id, lang)] = flags_of(row, lang, entries)
    # Translations shown that need a person, in reading order, and from each the next one in the
    # same language (None: the last): keyboard and reading order across pages.
    order = [(s.key, s.lang) for s in statuses if s.lang in chosen and s.status in NEEDS_PERSON]
    following: dict[tuple[str, str], str | None] = {}
    for lang in chosen:
        same = [key for key in order if key[1] == lang]
        following |= {key: (same[i + 1][0] if i + 1 < len(same) else None) for i, key in enumerate(same)}
    renders = formats_for(document.source_format, source_file(session, document.id) is not None)
    return {
        "doc": rows,
        "title_segment": title_segment(session, document.id),
        "review_back": without_place(back) if back is not None else None,
        "rows": rows,
        "paging": paging,
        "default_size": SEGMENTS_PER_PAGE,
        "targets": targets,
        "shown": chosen,
        "columns": [rows.source_lang, *chosen],
        "names": LANGUAGE_NAMES,
        "roles": {segment.id: segment.role for segment in rows.all_segments()},  # places in words
        "principal": principal,
        "flags": flags,
        "status_of": status_of,
        "needs_person": NEEDS_PERSON,
        "flagged": len(order),
        "first_review": order[0][0] if order else None,
        "first_flagged": {lang: next(k[0] for k in order if k[1] == lang) for lang in {k[1] for k in order}},
        "next_flagged": following,
        "revisions": list_revisions(session, document),
        "downloads": downloads(document.id, targets, renders),
        "renders": renders,
        "left": left_in_source(session, document, targets if renders else [], paging.total),
        "versions": [v for v in document_versions(session, document.id) if v.lang in targets],
        "glossary": glossary,
        "glossary_id": glossary_id,
        "source": source_of(session, document),
        "jobs": jobs_of_document(session, document.id),
        "can_edit": may(principal, Action.CORRECT),
        "can_approve": may(principal, Action.APPROVE),
        "can_publish": may(principal, Action.PUBLISH),
        "publications": publications(session, document.id, statuses),
        "translatable": translatable_count(session, document.id),
        "markup": source_pieces(
            document.source_format, document.source_text, segment_texts(session, document.id), paging.keys
        ),
    }


def left_in_source(
    session: Session, document: Document, langs: list[str], rows: int
) -> dict[str, list[Passage]] | None:
    """Per language, what its rendering still has in the source language (Interlinear-Missing),
    where the whole article fits on one page; None for a longer one, which is not rendered on
    every page it shows (the page links each language's report instead)."""
    if rows > SEGMENTS_PER_PAGE:
        return None
    left = {}
    for lang in langs:
        try:
            left[lang] = render_stored(session, document, lang, "").passages
        except ValueError:
            continue
    return left
