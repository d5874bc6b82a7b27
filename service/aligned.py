"""The aligned read model: a stored document with every translation beside its source segment.

The JSON API, the web page, the CLI and the exports all render this one shape.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

from service.checks import Flag, stored_flags
from service.corrections import preferred
from service.review_rule import NEEDS_PERSON, review_status
from service.storage.tables import Document, SectionRow, SegmentRow, SummaryRow, TranslationRow


class Output(BaseModel):
    text: str
    version: str = Field(description="Output version: model, revision, engine and decoding settings")
    model_id: str
    model_revision: str
    engine: str
    route: str
    settings_hash: str
    flags: list[Flag] = Field(
        description="What the news checks found wrong (service/checks): each names its check, a "
        "severity (major, minor) and the item, e.g. {'check': 'numbers', 'severity': 'major', "
        "'detail': '6.000 in the source, not in the translation'}"
    )
    origin: str = Field(
        description="model, memory (same model's output for the identical sentence), tmx:FILE, "
        "human (a correction) or memory:human (a correction of the identical sentence elsewhere)"
    )
    author: str | None = Field(default=None, description="Who wrote a correction")
    confidence: float | None = Field(
        default=None,
        description="The engine's score of a model output: its mean log-probability per token (natural "
        "logarithm; for a pivot, the weaker hop), at most 0 (certain) and unbounded below. exp(confidence) "
        "is the average probability of a token: -0.22 is 80 %, -1.0 is 37 % (under it the output waits "
        "for review as unsure), -5.65 is 0.4 %. None for memory, imported and human outputs",
    )
    approved_by: str | None = Field(default=None, description="The editor who checked it unchanged")
    approved_at: dt.datetime | None = None
    created_at: dt.datetime


class MadeBy(Protocol):
    """What names an output's version: a stored translation, or the columns of one."""

    @property
    def model_id(self) -> str: ...
    @property
    def model_revision(self) -> str: ...
    @property
    def engine(self) -> str: ...
    @property
    def settings_hash(self) -> str: ...


def version_of(row: MadeBy) -> str:
    """Short id of the (model, revision, engine, settings) that made a translation."""
    key = "\n".join((row.model_id, row.model_revision, row.engine, row.settings_hash))
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def output_of(row: TranslationRow) -> Output:
    return Output(
        text=row.text,
        version=version_of(row),
        model_id=row.model_id,
        model_revision=row.model_revision,
        engine=row.engine,
        route=row.route,
        settings_hash=row.settings_hash,
        origin=row.origin,
        author=row.author,
        flags=stored_flags(row.flags),
        confidence=row.confidence,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        created_at=row.created_at,
    )


class AlignedSegment(BaseModel):
    id: str = Field(description="Stable segment key within the document, e.g. s03.p01.02")
    role: str
    lang: str
    text: str
    translatable: bool
    translations: dict[str, Output] = Field(
        default_factory=dict, description="Newest output per target language"
    )


class SummaryOut(BaseModel):
    text: str
    sentence_ids: list[str] = Field(
        description="Source segments the summary is made of (extractive) or covers"
    )
    method: str
    method_version: str
    model_id: str | None = Field(description="Translation model that carried the summary into this language")
    model_revision: str | None
    prompt_name: str | None
    prompt_hash: str | None
    settings_hash: str
    created_at: dt.datetime


class AlignedSection(BaseModel):
    number: int
    id: str
    heading: AlignedSegment | None
    segments: list[AlignedSegment]
    summaries: dict[str, SummaryOut] = Field(default_factory=dict, description="Newest summary per language")


class ReviewCounts(BaseModel):
    translated: int = Field(default=0, description="Sentences with a translation in this language")
    flagged: int = Field(default=0, description="Translations with a flag no one corrected or approved")
    to_review: int = Field(
        default=0,
        description="Translations that need a person: flagged, or the engine unsure (low confidence); "
        "not corrected or approved. GET /v1/review lists them",
    )
    approved: int = Field(default=0, description="Model outputs an editor approved unchanged")
    corrected: int = Field(default=0, description="Sentences a person corrected")


class Publication(BaseModel):
    """A document's translation into one language as an editor published it (service/publishing.py):
    the newest publication of that language, withdrawn or not."""

    lang: str
    published: bool = Field(description="Published now; false once withdrawn")
    published_by: str = Field(description="The editor who published it (the key's name)")
    published_at: dt.datetime
    forced: bool = Field(
        description="Published with force although translations still needed review or were missing"
    )
    needed_review: int = Field(description="Translations that still needed a person when it was published")
    untranslated: int = Field(description="Sentences without a translation when it was published")
    changed: int = Field(
        description="Sentences whose translation shown now is not the one published (corrected, "
        "re-translated or translated since): publish again to publish them. 0 once withdrawn"
    )
    first_changed: str | None = Field(default=None, description="The first of them in reading order")
    withdrawn_by: str | None = None
    withdrawn_at: dt.datetime | None = None


def review_counts(segments: list[AlignedSegment]) -> dict[str, ReviewCounts]:
    """Per language: how many sentences are translated, flagged, approved and corrected."""
    return count_statuses(
        (lang, review_status(output.origin, output.approved_at is not None, bool(output.flags),
                             output.confidence))
        for segment in segments
        for lang, output in segment.translations.items()
    )  # fmt: skip


def count_statuses(statuses: Iterable[tuple[str, str]]) -> dict[str, ReviewCounts]:
    """Per language, the counts of ``(language, review status)`` of each translation shown."""
    found = Counter(statuses)
    return {
        lang: ReviewCounts(
            translated=sum(n for (other, _), n in found.items() if other == lang),
            flagged=found[(lang, "flagged")],
            to_review=sum(found[(lang, status)] for status in NEEDS_PERSON),
            approved=found[(lang, "approved")],
            corrected=found[(lang, "corrected")],
        )
        for lang in sorted({lang for lang, _ in found})
    }


class SegmentPage(BaseModel):
    """Which rows a paged read holds: ``limit`` rows from ``offset`` of ``total``."""

    total: int = Field(
        description="Rows of the whole document, in reading order: front matter, each section's heading "
        "and sentences, back matter"
    )
    limit: int
    offset: int
    next: str | None = Field(description="The next page of rows; null on the last")


class AlignedDocument(BaseModel):
    id: str
    external_id: str | None = Field(default=None, description="The client's id of the article")
    revision: int = Field(default=1, description="Revision number (see /revisions)")
    title: str | None
    source_lang: str
    source_format: str
    date: dt.date | None
    category: str | None
    tags: list[str]
    boilerplate: list[str]
    target_langs: list[str]
    front_matter: list[AlignedSegment]
    sections: list[AlignedSection]
    back_matter: list[AlignedSegment]
    summaries: dict[str, SummaryOut] = Field(
        default_factory=dict, description="Newest whole-article summary per language"
    )
    review: dict[str, ReviewCounts] = Field(
        default_factory=dict, description="Per language: sentences flagged, approved and corrected"
    )
    publications: dict[str, Publication] = Field(
        default_factory=dict,
        description="Per language ever published: whether it is published now, by whom, when, and how "
        "many sentences changed since (POST /v1/documents/{id}/translations/{lang}/publish)",
    )
    paging: SegmentPage | None = Field(
        default=None,
        description="Only in a paged read (limit or offset sent): which rows of the document this "
        "holds. Absent otherwise: the document is whole",
    )

    @model_serializer(mode="wrap")
    def _whole_without_paging(self, handler: SerializerFunctionWrapHandler):
        # No return annotation: the schema stays this model's (an annotation would replace it).
        # A whole document is written as it was before paging existed: without the key.
        out = handler(self)
        if self.paging is None and isinstance(out, dict):
            out.pop("paging", None)
        return out

    def in_languages(self, langs: list[str]) -> AlignedDocument:
        """A copy with only the outputs, summaries and review counts of ``langs`` (the source
        language's summaries are kept where it is asked for): what a client asked for, not every
        language stored for the article before."""
        wanted = set(langs)

        def keep(segment: AlignedSegment | None) -> AlignedSegment | None:
            if segment is None:
                return None
            kept = {k: v for k, v in segment.translations.items() if k in wanted}
            return segment.model_copy(update={"translations": kept})

        def only(summaries: dict[str, SummaryOut]) -> dict[str, SummaryOut]:
            return {k: v for k, v in summaries.items() if k in wanted}

        sections = [
            section.model_copy(update={
                "heading": keep(section.heading),
                "segments": [keep(s) for s in section.segments],
                "summaries": only(section.summaries),
            })
            for section in self.sections
        ]  # fmt: skip
        return self.model_copy(update={
            "target_langs": [lang for lang in self.target_langs if lang in wanted],
            "front_matter": [keep(s) for s in self.front_matter],
            "sections": sections,
            "back_matter": [keep(s) for s in self.back_matter],
            "summaries": only(self.summaries),
            "review": {k: v for k, v in self.review.items() if k in wanted},
            "publications": {k: v for k, v in self.publications.items() if k in wanted},
        })  # fmt: skip

    def all_segments(self) -> list[AlignedSegment]:
        out = list(self.front_matter)
        for section in self.sections:
            if section.heading is not None:
                out.append(section.heading)
            out.extend(section.segments)
        out.extend(self.back_matter)
        return out


def _chosen(rows: list[TranslationRow], versions: dict[str, str]) -> dict[str, Output]:
    """Per language, the output of the requested version, else the newest correction, else the newest."""
    by_lang: dict[str, list[TranslationRow]] = {}
    for row in rows:
        by_lang.setdefault(row.target_lang, []).append(row)
    chosen: dict[str, Output] = {}
    for lang, candidates in by_lang.items():
        wanted = versions.get(lang)
        if wanted is not None:
            candidates = [r for r in candidates if version_of(r) == wanted]
        best = preferred(candidates)
        if best is not None:
            chosen[lang] = output_of(best)
    return chosen


def segment_of(row: SegmentRow, versions: dict[str, str]) -> AlignedSegment:
    """A stored row with, per language, the output shown (:func:`_chosen`)."""
    return AlignedSegment(
        id=row.key,
        role=row.role,
        lang=row.lang,
        text=row.text,
        translatable=row.translatable,
        translations=_chosen(list(row.translations), versions),
    )


def _summaries(rows: list[SummaryRow]) -> dict[str, dict[str, SummaryOut]]:
    """Newest summary per (scope, language)."""
    by_scope: dict[str, dict[str, SummaryOut]] = {}
    for row in sorted(rows, key=lambda r: r.id):
        by_scope.setdefault(row.scope, {})[row.lang] = SummaryOut(
            text=row.text,
            sentence_ids=list(row.sentence_keys),
            method=row.method,
            method_version=row.method_version,
            model_id=row.model_id,
            model_revision=row.model_revision,
            prompt_name=row.prompt_name,
            prompt_hash=row.prompt_hash,
            settings_hash=row.settings_hash,
            created_at=row.created_at,
        )
    return by_scope


def assemble(
    document: Document,
    rows: Iterable[SegmentRow],
    sections: Iterable[SectionRow],
    first_section_at: int | None,
    versions: dict[str, str] | None = None,
) -> AlignedDocument:
    """The aligned document of ``rows`` (in reading order) in ``sections``; a row outside every
    section is front matter before ``first_section_at`` (the document's first row in a section; None:
    none is), back matter after it. ``target_langs`` and ``review`` are those of these rows."""
    summaries = _summaries(list(document.summaries))
    by_number = {
        s.number: AlignedSection(
            number=s.number, id=s.key, heading=None, segments=[], summaries=summaries.get(s.key, {})
        )
        for s in sections
    }
    front: list[AlignedSegment] = []
    back: list[AlignedSegment] = []
    langs: set[str] = set()
    for row in rows:
        segment = segment_of(row, versions or {})
        langs.update(segment.translations)
        if row.section_number is None:
            in_front = first_section_at is None or row.order < first_section_at
            (front if in_front else back).append(segment)
            continue
        section = by_number[row.section_number]
        if row.role == "heading" and row.paragraph_number is None:
            section.heading = segment
        else:
            section.segments.append(segment)
    aligned = AlignedDocument(
        id=document.id,
        external_id=document.external_id,
        revision=document.revision,
        title=document.title,
        source_lang=document.source_lang,
        source_format=document.source_format,
        date=document.published,
        category=document.category,
        tags=list(document.tags),
        boilerplate=list(document.boilerplate),
        target_langs=sorted(langs),
        front_matter=front,
        sections=[by_number[n] for n in sorted(by_number)],
        back_matter=back,
        summaries=summaries.get("article", {}),
    )
    aligned.review = review_counts(aligned.all_segments())
    return aligned


def aligned_document(document: Document, versions: dict[str, str] | None = None) -> AlignedDocument:
    """The document with, per language, the newest outputs or those of ``versions[lang]``."""
    rows = list(document.segments)
    first_section_at = next((row.order for row in rows if row.section_number is not None), None)
    return assemble(document, rows, document.sections, first_section_at, versions)
