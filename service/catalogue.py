"""What the newsroom's lists show: documents found by their words, languages and state, and jobs
with what they were about. Read models over the store, shared by the pages (and any interface that lists)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from service.echo_text import without_direction_controls
from service.job_records import JobState, LanguageProgress, progress_by_job
from service.priorities import Priority, priority_of
from service.publication_list import in_publication_state, live_publications
from service.review import review_counts_by_document
from service.search_fold import search_words
from service.storage.document_store import has_tag, newest_revision
from service.storage.tables import Document, Job, SegmentRow, SourceFile, TranslationRow

JOB_KINDS = {"correction": "summary refresh", "retranslate": "re-translation"}
JOB_STATES = tuple(state.value for state in JobState)  # queued, running, succeeded, failed
JOB_PRIORITIES = tuple(priority.value for priority in Priority)  # breaking, normal, bulk


@dataclass
class Source:
    """Where an article came from: its web address, the uploaded file's name, or the client's id."""

    url: str | None = None
    filename: str | None = None
    external_id: str | None = None

    def label(self) -> str:
        return (
            self.url
            or self.filename
            or (f"article {self.external_id}" if self.external_id else "pasted text")
        )


@dataclass
class DocumentItem:
    id: str
    title: str | None
    source_lang: str
    source: Source
    languages: list[str]
    revision: int
    revisions: int
    state: str | None  # the newest job's state
    created_at: dt.datetime
    date: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    to_review: dict[str, int] = field(default_factory=dict)  # per language: flagged, not corrected
    published: list[str] = field(default_factory=list)  # languages published now (service/publishing.py)
    changed: dict[str, int] = field(default_factory=dict)  # per language published: sentences changed since
    opening: str | None = None  # an untitled document's first words (opening_words)

    def name(self) -> str:
        """What a list calls the document: its title, else its first words, else its source."""
        return self.title or self.opening or self.source.label()


@dataclass
class DocumentList:
    items: list[DocumentItem]
    total: int
    limit: int
    offset: int


@dataclass
class JobItem:
    id: str
    state: str
    kind: str
    title: str | None
    source: Source
    source_lang: str | None
    targets: list[str]
    priority: str = "normal"
    progress: dict[str, LanguageProgress] = field(default_factory=dict)
    error: str | None = None
    document_id: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    opening: str | None = None  # an untitled document's first words (opening_words)
    document_lang: str = ""  # the document's source language (detected where the job said "auto")
    revision: int = 1  # the document's

    def name(self) -> str:
        """What the jobs page calls the article: its title, else its first words, else its source
        (a job whose document is not made yet: the address it is fetched from)."""
        return self.title or self.opening or self.source.label()


def _escaped(text: str) -> str:
    """``text`` with LIKE's wildcards and escape character taken as written (escape ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(text: str) -> str:
    return f"%{_escaped(text)}%"


def _newest_job_state() -> ColumnElement[str]:
    return (
        select(Job.state)
        .where(Job.document_id == Document.id)
        .order_by(Job.created_at.desc(), Job.id.desc())
        .limit(1)
        .scalar_subquery()
    )


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a list shows: every word of ``text`` in the title or the article (any order,
    folded as :mod:`service.search_fold` folds), ``source_lang`` the language it is written in,
    ``target_lang`` one it has a translation into, ``state`` the newest job's, a ``tag``,
    ``publication`` the state of its translation into ``target_lang`` (else of any of its
    translations): published, changed since publishing, unpublished (service.publication_list)."""

    text: str = ""
    source_lang: str = ""
    target_lang: str = ""
    state: str = ""
    tag: str = ""
    publication: str = ""


def _translated_into(lang: str) -> ColumnElement[bool]:
    """Documents with a translation into ``lang`` (not their own language)."""
    translated = (
        select(SegmentRow.document_id)
        .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
        .where(TranslationRow.target_lang == lang)
    )
    return (Document.source_lang != lang) & Document.id.in_(translated)


# A searched word this short is found at the start of a word only ("eu" finds "EU" and "Europa",
# not "neue"; "i" finds "in", not every text); a longer one anywhere, a compound's part too
# ("ebene" finds "Führungsebene")
_SHORTEST_INSIDE = 4
# what a word may start after in a folded text: a space, a bracket, a quotation mark, a hyphen
_WORD_OPENERS = (" ", "(", "[", '"', "'", "„", "“", "‚", "‘", "«", "»", "-", "/")


def _holding_words(text: str) -> list[ColumnElement[bool]]:
    """Documents whose folded title and text hold every word of ``text`` (each in one of its forms)."""
    return [or_(*(_holding(form) for form in forms)) for forms in search_words(text)]


def _holding(form: str) -> ColumnElement[bool]:
    if len(form) >= _SHORTEST_INSIDE:
        return Document.search_text.like(_like(form), escape="\\")
    starting = f"{_escaped(form)}%"
    return or_(
        Document.search_text.like(starting, escape="\\"),
        *(
            Document.search_text.like(f"%{_escaped(opener)}{starting}", escape="\\")
            for opener in _WORD_OPENERS
        ),
    )


def matching_documents(
    session: Session, tenant: str, filters: DocumentFilter, limit: int, offset: int
) -> tuple[list[Document], int]:
    """A page of the tenant's documents that match, newest first, and how many match in all."""
    query = select(Document).where(Document.tenant == tenant, *_holding_words(filters.text))
    if filters.source_lang:
        query = query.where(Document.source_lang == filters.source_lang)
    if filters.target_lang:
        query = query.where(_translated_into(filters.target_lang))
    if filters.state:
        query = query.where(_newest_job_state() == filters.state)
    if filters.tag.strip():
        query = query.where(has_tag(filters.tag.strip()))
    if filters.publication:
        dialect = session.get_bind().dialect.name
        query = query.where(in_publication_state(filters.publication, filters.target_lang, dialect))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    newest_first = query.order_by(Document.created_at.desc(), Document.id)
    return list(session.scalars(newest_first.limit(limit).offset(offset))), int(total)


def opening_words(session: Session, document_ids: Collection[str], length: int = 60) -> dict[str, str]:
    """Each document's first words, for what has no title: the start of its first translatable
    segment in reading order, its spaces collapsed, cut after a word to at most ``length``
    characters and marked "…" where cut. A document without such a segment is left out."""
    if not document_ids:
        return {}
    starts = (
        select(SegmentRow.document_id, func.min(SegmentRow.order).label("order"))
        .where(SegmentRow.document_id.in_(document_ids), SegmentRow.translatable)
        .group_by(SegmentRow.document_id)
        .subquery()
    )
    same = (SegmentRow.document_id == starts.c.document_id) & (SegmentRow.order == starts.c.order)
    found = {}
    for row in session.execute(select(SegmentRow.document_id, SegmentRow.text).join(starts, same)):
        words = " ".join(without_direction_controls(row.text).split())
        if len(words) > length:
            words = words[:length].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        if words:
            found[row.document_id] = words
    return found


def document_list(
    session: Session, documents: list[Document], total: int, limit: int, offset: int
) -> DocumentList:
    """What the documents page shows of each document: its source, languages, revisions, state and
    what is left to review; an untitled one's first words. A fixed number of queries however many
    documents there are: each of those is read for all the documents at once."""
    ids = [document.id for document in documents]
    openings = opening_words(session, [document.id for document in documents if not document.title])
    sources = sources_of(session, documents)
    revisions = revision_counts(session, documents)
    languages = translated_languages(session, ids)
    states, newest = _states_and_newest(session, ids)
    # An older revision's sentences wait for no one: the newest revision is the one to review.
    to_review = review_counts_by_document(session, newest)
    published = live_publications(session, ids)
    items = [
        DocumentItem(
            id=document.id,
            title=document.title,
            source_lang=document.source_lang,
            source=sources[document.id],
            languages=sorted(languages.get(document.id, set()) - {document.source_lang}),
            revision=document.revision,
            revisions=revisions.get(document.root_id or document.id, 1),
            state=states.get(document.id),
            created_at=document.created_at,
            date=document.published,
            tags=list(document.tags),
            to_review=to_review.get(document.id, {}),
            published=list(published.get(document.id, {})),
            changed=published.get(document.id, {}),
            opening=openings.get(document.id),
        )
        for document in documents
    ]
    return DocumentList(items, total, limit, offset)


def revision_counts(session: Session, documents: Collection[Document]) -> dict[str, int]:
    """How many revisions each document's article has, by its first revision's id (``root_id``, or
    its own id on a first revision), in one query however many documents there are."""
    roots = {document.root_id or document.id for document in documents}
    if not roots:
        return {}
    family = func.coalesce(Document.root_id, Document.id)
    counts = (
        select(family, func.count())
        .where(or_(Document.id.in_(roots), Document.root_id.in_(roots)))
        .group_by(family)
    )
    return {root: int(count) for root, count in session.execute(counts)}


def translated_languages(session: Session, document_ids: Collection[str]) -> dict[str, set[str]]:
    """The languages each document has a translation into, by its id, in one query however many
    documents there are (a document without one is left out)."""
    if not document_ids:
        return {}
    pairs = (
        select(SegmentRow.document_id, TranslationRow.target_lang)
        .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
        .where(SegmentRow.document_id.in_(document_ids))
        .distinct()
    )
    found: dict[str, set[str]] = {}
    for document, lang in session.execute(pairs):
        found.setdefault(document, set()).add(lang)
    return found


def _states_and_newest(session: Session, document_ids: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """Each document's newest job's state, by its id (one without a job is left out), and which
    of them are their article's newest revision: one query however many documents there are."""
    if not document_ids:
        return {}, []
    facts = select(Document.id, _newest_job_state(), newest_revision()).where(Document.id.in_(document_ids))
    states, newest = {}, []
    for document, state, is_newest in session.execute(facts):
        if state is not None:
            states[document] = state
        if is_newest:
            newest.append(document)
    return states, newest


def source_of(session: Session, document: Document) -> Source:
    """Where ``document`` came from: the address its first job fetched, the file it was uploaded
    as, the client's id for it."""
    return sources_of(session, [document])[document.id]


def sources_of(session: Session, documents: Collection[Document]) -> dict[str, Source]:
    """:func:`source_of` each document, by its id, in two queries however many there are (the
    documents and jobs pages show each row's source)."""
    if not documents:
        return {}
    ids = {document.id for document in documents}
    turn = func.row_number().over(partition_by=Job.document_id, order_by=(Job.created_at, Job.id))
    jobs = select(Job.document_id, Job.options, turn.label("turn")).where(Job.document_id.in_(ids)).subquery()
    firsts = select(jobs.c.document_id, jobs.c.options).where(jobs.c.turn == 1)
    first_options = {document: options or {} for document, options in session.execute(firsts)}
    files = select(SourceFile.document_id, SourceFile.filename).where(SourceFile.document_id.in_(ids))
    filenames = {document: filename for document, filename in session.execute(files)}
    sources = {}
    for document in documents:
        options = first_options.get(document.id, {})
        sources[document.id] = Source(
            url=options.get("url"),
            filename=filenames.get(document.id) or options.get("filename"),
            external_id=document.external_id,
        )
    return sources


@dataclass(frozen=True)
class DocumentJob:
    """A job that translated (part of) a document, as the document page lists it."""

    id: str
    kind: str
    priority: str
    state: str
    created_at: dt.datetime


def jobs_of_document(session: Session, document_id: str) -> list[DocumentJob]:
    """The document's jobs, oldest first, with their kind and priority."""
    jobs = session.scalars(select(Job).where(Job.document_id == document_id).order_by(Job.created_at, Job.id))
    return [
        DocumentJob(
            id=job.id,
            kind=JOB_KINDS.get((job.options or {}).get("kind", ""), "translation"),
            priority=priority_of(job).value,
            state=job.state,
            created_at=job.created_at,
        )
        for job in jobs
    ]


def glossary_used(session: Session, document_id: str) -> str | None:
    """The glossary id the document's newest job that named one was run with."""
    for options in session.scalars(
        select(Job.options).where(Job.document_id == document_id).order_by(Job.created_at.desc())
    ):
        if options and options.get("glossary"):
            return str(options["glossary"])
    return None


@dataclass(frozen=True)
class JobFilter:
    """Which jobs a list shows: in a ``state``, of a ``priority``, made for one ``document`` (its
    id); blank: any."""

    state: str = ""
    priority: str = ""
    document: str = ""


def _of_priority(priority: str) -> ColumnElement[bool]:
    """Jobs of ``priority`` as :func:`service.priorities.priority_of` reads it: a job's priority is
    in its options, and a job with none there (every normal job, and those from before priorities)
    or with a name no longer known is normal."""
    stored = Job.options["priority"].as_string()
    if priority == Priority.NORMAL:
        return or_(stored.is_(None), stored.not_in([p.value for p in Priority if p is not Priority.NORMAL]))
    return stored == priority


def _tenant_jobs(tenant: str, filters: JobFilter) -> Select[Job]:
    query = select(Job).where(Job.tenant == tenant)
    if filters.state:
        query = query.where(Job.state == filters.state)
    if filters.priority:
        query = query.where(_of_priority(filters.priority))
    if filters.document:
        query = query.where(Job.document_id == filters.document)
    return query


def job_count(session: Session, tenant: str, filters: JobFilter = JobFilter()) -> int:
    """How many of the tenant's jobs match (the jobs page's pages, the API list's total)."""
    query = _tenant_jobs(tenant, filters)
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def matching_jobs(
    session: Session, tenant: str, filters: JobFilter = JobFilter(), limit: int = 50, offset: int = 0
) -> list[Job]:
    """The tenant's jobs that match, newest first: ``limit`` of them after the first ``offset``
    (the jobs page and the API's list), each with its history (loaded with them: one more query
    for the page, not one a job)."""
    newest_first = _tenant_jobs(tenant, filters).order_by(Job.created_at.desc(), Job.id)
    return list(session.scalars(newest_first.offset(offset).limit(limit).options(selectinload(Job.events))))


def job_items(session: Session, jobs: Sequence[Job]) -> list[JobItem]:
    """What the jobs page shows of each job: its article's title (an untitled one's first words),
    source and progress. A fixed number of queries however many jobs there are: the documents,
    their first words, sources and progress are each read for all the jobs at once."""
    ids = {job.document_id for job in jobs if job.document_id}
    documents = (
        {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)))} if ids else {}
    )
    openings = opening_words(session, [i for i, d in documents.items() if not d.title])
    sources = sources_of(session, list(documents.values()))
    progress = progress_by_job(session, jobs)
    items = []
    for job in jobs:
        document = documents.get(job.document_id) if job.document_id else None
        source = replace(sources[document.id]) if document is not None else Source()
        if source.url is None:
            source.url = (job.options or {}).get("url")
        items.append(
            JobItem(
                id=job.id,
                state=job.state,
                kind=JOB_KINDS.get((job.options or {}).get("kind", ""), "translation"),
                title=document.title if document is not None else None,
                source=source,
                source_lang=job.source_lang,
                targets=list(job.targets),
                priority=priority_of(job).value,
                progress=progress[job.id],
                error=job.error,
                document_id=job.document_id,
                created_at=job.created_at,
                updated_at=job.updated_at,
                opening=openings.get(document.id) if document is not None else None,
                document_lang=document.source_lang if document is not None else "",
                revision=document.revision if document is not None else 1,
            )
        )
    return items
