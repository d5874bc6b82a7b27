"""Reads and writes of documents, segments and translations. Every function takes a session.

Writes are idempotent: saving the same article twice returns the first document, and saving a
translation that already exists for (segment, language, model, revision, engine) is a no-op, so
a task that runs twice never duplicates outputs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, String, cast, exists, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased, selectinload

from service.document import Article
from service.storage.files import SourceUpload, attach_source_file
from service.storage.tables import (
    Base,
    Document,
    MemoryEntry,
    SectionRow,
    SegmentRow,
    TranslationRow,
    utcnow,
)


def content_hash(text: str, source_lang: str | None = None, source_format: str = "text",
                 source_file: bytes | None = None, lines: bool = True) -> str:  # fmt: skip
    """Identity of a submitted article: its text, the language it was read in (stated or detected:
    one text sent both ways is one document), and the format it was read as and the file it came
    in, where those are more than plain text (the same text as Markdown is another document; so is
    the same text in a differently formatted .docx).

    The text is taken with its lines (:func:`text_lines`): whitespace that changes nothing (line
    endings, spaces, blank lines at either end or several where one is) does not count; in plain
    text and Markdown a line break or a blank line added or removed does, as it may part a heading
    or a paragraph, so a text sent again with a paragraph break fixed is parsed again (a Markdown
    paragraph wrapped anew, which reads the same, is another document too). HTML's lines and spaces
    say nothing (its markup does): they never count. ``lines=False``: the key documents stored before it held
    the lines have, every run of whitespace one space (:meth:`_Keys.same_content` tells them)."""
    if lines and source_format != "html":
        key = f"{source_lang or 'auto'}\nlines\n{text_lines(text, source_format)}"
    else:
        key = f"{source_lang or 'auto'}\n{' '.join(text.split())}"
    if source_format != "text":
        key += f"\nformat:{source_format}"
    if source_file is not None:
        key += f"\nfile:{hashlib.sha256(source_file).hexdigest()}"
    return hashlib.sha256(key.encode()).hexdigest()


def text_lines(text: str, source_format: str = "text") -> str:
    """The text's lines and paragraphs as the parser reads them: each line's spaces one space, runs
    of blank lines one blank line, none at either end; in Markdown (and a .docx read as Markdown) a
    line keeps its indentation (a list in a list, a code block) and a hard break at its end (two
    spaces)."""
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        if not raw.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        line = " ".join(raw.split())
        if source_format in ("markdown", "docx"):
            indent = raw[: len(raw) - len(raw.lstrip())]
            line = indent + line + ("  " if raw.endswith("  ") else "")
        blocks[-1].append(line)
    return "\n\n".join("\n".join(block) for block in blocks if block)


def save_article(
    session: Session,
    article: Article,
    source_text: str,
    lang_hint: str | None = None,
    tenant: str = "",
    external_id: str | None = None,
    source_file: SourceUpload | None = None,
) -> Document:
    """Store an article with all its units, and ``source_file`` (the .docx it was uploaded as) beside
    it; the tenant's identical earlier submission is returned instead.

    With ``external_id``, the article is a revision of the tenant's article with that id: the
    first submission is revision 1, each later one with other content the next revision (a row of
    its own, ``root_id`` the first's id), and one with the newest revision's content that revision.
    ``lang_hint`` is the language the article was parsed with (None: detected); its identity holds
    the language it was read in (``article.metadata.source_lang``), whichever way that came.
    """
    file_data = source_file.data if source_file is not None else None
    if source_file is not None and source_file.media_type.endswith("wordprocessingml.document"):
        article.metadata.source_format = "docx"  # read as Markdown from a .docx, rendered as one
    meta = article.metadata
    keys = _Keys(
        content_hash(source_text, meta.source_lang, meta.source_format, file_data),
        # Until this key was the resolved language's, a detected article's was "auto": the same text
        # sent with its language was another document. Until it held the text's lines, every run of
        # whitespace was one space. Rows keep the key they were stored with (rewriting it could meet
        # another row's under the unique constraint): their content is found by the old forms.
        content_hash(source_text, None, meta.source_format, file_data),
        content_hash(source_text, meta.source_lang, meta.source_format, file_data, lines=False),
        content_hash(source_text, None, meta.source_format, file_data, lines=False),
        meta.source_lang,
        text_lines(source_text, meta.source_format),
        meta.source_format,
    )
    document = _find_or_insert(session, article, source_text, keys, tenant, external_id)
    if source_file is not None:
        attach_source_file(session, document, source_file)
    return document


@dataclass(frozen=True)
class _Keys:
    """The keys a submitted article's content may be stored under: the current one, and the forms
    earlier versions made (see :func:`save_article`), with what tells whether a row under one of
    those holds this content."""

    current: str
    auto: str  # the language "auto" (an article detected before keys held the resolved language)
    spaces: str  # every run of whitespace one space (before keys held the lines)
    spaces_auto: str  # both
    source_lang: str
    lines: str  # text_lines of the text
    source_format: str

    def all(self) -> tuple[str, ...]:
        return (self.current, self.auto, self.spaces, self.spaces_auto)

    def same_content(self, document: Document) -> bool:
        """Whether ``document`` holds this content: stored under the current key, or under an old
        form where it was read in this language (for the "auto" forms) and, for a key that held no
        lines, where its text has these lines (the same text with a paragraph break changed once had
        its key: it is not the same content)."""
        found = document.content_hash
        if found == self.current:
            return True
        if found not in self.all():
            return False
        if found in (self.auto, self.spaces_auto) and document.source_lang != self.source_lang:
            return False
        if found in (self.spaces, self.spaces_auto) and found not in (self.current, self.auto):
            return text_lines(document.source_text, self.source_format) == self.lines
        return True


def _find_or_insert(session: Session, article: Article, source_text: str, keys: _Keys,
                    tenant: str, external_id: str | None) -> Document:  # fmt: skip
    if external_id is None:
        found = session.scalars(
            select(Document).where(
                Document.tenant == tenant,
                Document.content_hash.in_(keys.all()),
                Document.external_id.is_(None),
            )
        ).all()
        same = [document for document in found if keys.same_content(document)]
        if same:  # one under the current key before one under an old form
            return min(same, key=lambda document: document.content_hash != keys.current)
        return _insert(session, article, source_text, keys.current, tenant)
    first = session.scalar(
        select(Document)
        .where(Document.tenant == tenant, Document.external_id == external_id, Document.root_id.is_(None))
        .with_for_update()  # PostgreSQL: one new revision of a family at a time (SQLite has one writer)
    )
    if first is None:
        return _insert(session, article, source_text, keys.current, tenant, external_id)
    newest = revisions_of(session, first)[-1]
    if keys.same_content(newest):
        return newest
    return _insert(
        session,
        article,
        source_text,
        keys.current,
        tenant,
        external_id,
        root_id=first.id,
        revision=newest.revision + 1,
    )


def revisions_of(session: Session, document: Document) -> list[Document]:
    """Every revision of the document's family, oldest first (just itself without an external id)."""
    first = document.root_id or document.id
    return list(
        session.scalars(
            select(Document)
            .where((Document.id == first) | (Document.root_id == first))
            .order_by(Document.revision)
        )
    )


def newest_revision() -> ColumnElement[bool]:
    """True where a ``Document`` row is its article's newest revision (no later one of its family
    is stored): the one whose sentences wait for review, and the one a list counts. A later
    revision always names its family's first (``root_id``, indexed), so the database looks it up
    rather than comparing every document of the table with every other."""
    newer = aliased(Document)
    same_family = newer.root_id == func.coalesce(Document.root_id, Document.id)
    return ~exists().where(same_family, newer.revision > Document.revision)


def _insert(
    session: Session,
    article: Article,
    source_text: str,
    digest: str,
    tenant: str,
    external_id: str | None = None,
    root_id: str | None = None,
    revision: int = 1,
) -> Document:
    meta = article.metadata
    document = Document(
        id=str(uuid.uuid4()),
        tenant=tenant,
        external_id=external_id,
        root_id=root_id,
        revision=revision,
        content_hash=digest,
        title=meta.title,
        source_lang=meta.source_lang,
        source_format=meta.source_format,
        published=meta.date,
        category=meta.category,
        tags=list(meta.tags),
        boilerplate=list(meta.boilerplate),
        source_text=source_text,
    )
    for section in article.sections:
        document.sections.append(
            SectionRow(
                number=section.number,
                key=section.key,
                heading=section.heading.text if section.heading else None,
            )
        )
    for unit in article.segments():
        document.segments.append(
            SegmentRow(
                key=unit.key,
                order=unit.order,
                role=unit.role.value,
                section_number=unit.section,
                paragraph_number=unit.paragraph,
                lang=unit.lang,
                translatable=unit.translatable,
                text=unit.text,
            )
        )
    session.add(document)
    session.flush()
    return document


def get_document(
    session: Session, document_id: str, tenant: str | None = None, whole: bool = True
) -> Document | None:
    """The document with everything stored for it (``whole=False``: its row alone, for reading a
    page of it, :mod:`service.aligned_rows`); None if absent or (given ``tenant``) another tenant's."""
    query = select(Document).where(Document.id == document_id)
    if tenant is not None:
        query = query.where(Document.tenant == tenant)
    if not whole:
        return session.scalar(query)
    return session.scalar(
        query.options(
            selectinload(Document.sections),
            selectinload(Document.segments).selectinload(SegmentRow.translations),
            selectinload(Document.summaries),
        )
    )


@dataclass(frozen=True)
class NewTranslation:
    segment_id: int
    target_lang: str
    text: str
    model_id: str
    model_revision: str
    engine: str
    route: str
    job_id: str | None = None
    settings_hash: str = ""
    origin: str = "model"
    flags: list[dict[str, Any]] | None = None  # service.checks.Flag values, as JSON
    confidence: float | None = None  # the engine's score of a model output
    author: str | None = None  # a correction served from memory keeps its author...
    created_at: dt.datetime = field(default_factory=utcnow)  # ...and its time
    approved_by: str | None = None  # an approval of the identical output in an earlier revision...
    approved_at: dt.datetime | None = None  # ...and its time (revision_approvals)


HUMAN = "human"  # the origin (and model id) of a person's correction: service/corrections.py
MEMORY_HUMAN = "memory:human"  # a correction served for the identical sentence in another document


def untranslated_segments(
    session: Session,
    document_id: str,
    target_lang: str,
    model_id: str,
    model_revision: str,
    engine: str,
    settings_hash: str | Callable[[str], str] = "",
) -> list[SegmentRow]:
    """Translatable segments of a document with no output yet from this model, revision, engine
    and settings: the segments whose output is stale. ``settings_hash`` is one hash for every
    segment, or a function of the segment's text (a glossary extends the hash of the sentences
    that hold its terms)."""
    made = select(TranslationRow.segment_id, TranslationRow.settings_hash).where(
        TranslationRow.target_lang == target_lang,
        TranslationRow.model_id == model_id,
        TranslationRow.model_revision == model_revision,
        TranslationRow.engine == engine,
        TranslationRow.segment_id.in_(select(SegmentRow.id).where(SegmentRow.document_id == document_id)),
    )
    done: set[tuple[int, str]] = {(segment_id, h) for segment_id, h in session.execute(made)}
    segments = session.scalars(
        select(SegmentRow)
        .where(SegmentRow.document_id == document_id, SegmentRow.translatable.is_(True))
        .order_by(SegmentRow.order)
    )
    wanted = settings_hash if callable(settings_hash) else (lambda _text: settings_hash)
    return [segment for segment in segments if (segment.id, wanted(segment.text)) not in done]


def translatable_count(session: Session, document_id: str) -> int:
    """How many of a document's segments a model translates (title, headings, sentences): the
    total :func:`untranslated_segments` counts down from."""
    translatable = (SegmentRow.document_id == document_id) & SegmentRow.translatable.is_(True)
    return session.scalar(select(func.count()).select_from(SegmentRow).where(translatable)) or 0


def insert_new(session: Session, table: type[Base], values: list[dict[str, Any]]) -> int:
    """Insert rows, skipping any that a unique constraint says exist already; returns how many
    were new. This is what makes every write idempotent (a redelivered task adds nothing)."""
    if not values:
        return 0
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(values).on_conflict_do_nothing().returning(table.__table__.c.id)
    return len(session.execute(statement).all())


def has_tag(tag: str) -> ColumnElement[bool]:
    """Documents whose tag list holds exactly ``tag`` (portable across SQLite and PostgreSQL JSON)."""
    needle = json.dumps(tag).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(Document.tags, String).like(f"%{needle}%", escape="\\")


def save_translations(session: Session, rows: Iterable[NewTranslation]) -> int:
    """Insert translations, skipping any that already exist; returns how many were new."""
    return insert_new(session, TranslationRow, [row.__dict__ for row in rows])


def sentence_hash(text: str) -> str:
    """Key of a sentence in translation memory: its text with whitespace normalised."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


@dataclass(frozen=True)
class MemoryHit:
    """A stored translation served again for an identical sentence: who wrote it and when (a
    person's correction keeps both), and the flags it was stored with."""

    text: str
    origin: str
    author: str | None = None
    created_at: dt.datetime | None = None
    flags: tuple[Any, ...] = ()  # check names, or {"check", "severity", "detail"} objects


def memory_matches(
    session: Session,
    texts: list[str],
    source_lang: str,
    target_lang: str,
    model_id: str,
    model_revision: str,
    engine: str,
    settings_hash: str,
    tenant: str = "",
) -> dict[str, MemoryHit]:
    """Stored translations for identical sentences: ``{sentence_hash: hit}``.

    Only the tenant's own documents are searched (whether a sentence was seen elsewhere is
    someone else's business); imported entries are the operator's and serve every tenant.

    Imported entries (TMX) win over earlier outputs of the same model version, which are the
    model's own output for that very input; the tenant's own corrections win over both.
    """
    hashes = {sentence_hash(t): t for t in texts}
    found: dict[str, MemoryHit] = {}
    same_version = _tenant_translations(
        session, texts, source_lang, target_lang, tenant,
        TranslationRow.model_id == model_id,
        TranslationRow.model_revision == model_revision,
        TranslationRow.engine == engine,
        TranslationRow.settings_hash == settings_hash,
    )  # fmt: skip
    for source_text, target_text, _, _, flags in same_version:
        found[sentence_hash(source_text)] = MemoryHit(target_text, "memory", flags=tuple(flags or ()))
    imported = session.execute(
        select(MemoryEntry.source_hash, MemoryEntry.target_text, MemoryEntry.origin)
        .where(
            MemoryEntry.source_hash.in_(list(hashes)),
            MemoryEntry.source_lang == source_lang,
            MemoryEntry.target_lang == target_lang,
        )
        .order_by(MemoryEntry.id)
    )
    for key, target_text, origin in imported:
        found[key] = MemoryHit(target_text, origin)
    corrected = _tenant_translations(
        session, texts, source_lang, target_lang, tenant, TranslationRow.origin == HUMAN
    )
    for source_text, target_text, author, created_at, _ in corrected:  # by id: the newest correction kept
        found[sentence_hash(source_text)] = MemoryHit(target_text, MEMORY_HUMAN, author, created_at)
    return found


def _tenant_translations(
    session: Session,
    texts: list[str],
    source_lang: str,
    target_lang: str,
    tenant: str,
    *conditions: ColumnElement[bool],
) -> list[tuple[str, str, str | None, dt.datetime, list[Any] | None]]:
    """``(source text, translation, author, created_at, flags)`` of the tenant's stored sentences
    among ``texts``, oldest first."""
    rows = session.execute(
        select(SegmentRow.text, TranslationRow.text, TranslationRow.author, TranslationRow.created_at,
               TranslationRow.flags)
        .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
        .join(Document, Document.id == SegmentRow.document_id)
        .where(
            SegmentRow.text.in_(set(texts)),
            Document.source_lang == source_lang,
            Document.tenant == tenant,
            TranslationRow.target_lang == target_lang,
            *conditions,
        )
        .order_by(TranslationRow.id)
    )  # fmt: skip
    return [(source, target, author, created, flags) for source, target, author, created, flags in rows]


@dataclass(frozen=True)
class Approval:
    by: str | None
    at: dt.datetime


def revision_approvals(
    session: Session, document_id: str, texts: Iterable[str], target_lang: str
) -> dict[tuple[str, str], Approval]:
    """Editors' approvals in the earlier revisions of the document's article, of the outputs (not
    corrections) for sentences among ``texts``: ``{(sentence_hash(source), translation): approval}``,
    the newest approval of each pair. A revision's unchanged sentence whose output is that very text
    again is the output the editor checked, and keeps the approval."""
    document = session.get(Document, document_id)
    wanted = set(texts)
    if document is None or document.revision == 1 or not wanted:
        return {}
    first = document.root_id or document.id
    rows = session.execute(
        select(SegmentRow.text, TranslationRow.text, TranslationRow.approved_by, TranslationRow.approved_at)
        .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
        .join(Document, Document.id == SegmentRow.document_id)
        .where(
            (Document.id == first) | (Document.root_id == first),
            Document.revision < document.revision,
            SegmentRow.text.in_(wanted),
            TranslationRow.target_lang == target_lang,
            TranslationRow.approved_at.is_not(None),
            TranslationRow.origin.not_in([HUMAN, MEMORY_HUMAN]),
        )
        .order_by(TranslationRow.approved_at, TranslationRow.id)
    )
    return {(sentence_hash(source), target): Approval(by, at) for source, target, by, at in rows if at}


def import_memory(session: Session, entries: Iterable[tuple[str, str, str, str]], origin: str) -> int:
    """Store (source_lang, source_text, target_lang, target_text) entries; returns how many were new."""
    values = [
        {
            "source_lang": source_lang,
            "target_lang": target_lang,
            "source_hash": sentence_hash(source_text),
            "source_text": source_text,
            "target_text": target_text,
            "origin": origin,
        }
        for source_lang, source_text, target_lang, target_text in entries
        if source_text.strip() and target_text.strip()
    ]
    added = insert_new(session, MemoryEntry, values)
    session.commit()
    return added
