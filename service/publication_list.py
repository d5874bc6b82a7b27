"""What the documents lists say of publishing (the rules: :mod:`service.publishing`): per document,
the languages whose translation is published now and how many of their sentences changed since,
and the lists' filter by that state. Both are worked out in the database, so that a list reads a
fixed number of times however many documents it shows, and filters before it pages.

A sentence changed since publishing (as :attr:`~service.aligned.Publication.changed` counts it on
the document) where a reader reads it differently now: the translation shown now has another text
than the one the publication recorded (a correction or newer output with other words, or the
recorded one gone), or the sentence was translated since (shown now, not recorded). The translation shown is
:func:`~service.corrections.preferred`'s: the newest correction, else the newest output.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, Integer, TableValuedAlias, and_, cast, exists, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from service.storage.document_store import HUMAN
from service.storage.tables import Document, PublicationRow, SegmentRow, TranslationRow

PUBLISHED, UNPUBLISHED, CHANGED = "published", "unpublished", "changed"
# published: published now (changed since or not); changed: published now, with sentences changed
# since; unpublished: not published now (never, or withdrawn)
PUBLICATION_STATES = (PUBLISHED, CHANGED, UNPUBLISHED)

Publications = type[PublicationRow]  # an alias of the table (sqlalchemy.orm.aliased), as typed


def _live(publication: Publications) -> ColumnElement[bool]:
    """``publication`` is its (document, language)'s newest and not withdrawn: published now."""
    newer = aliased(PublicationRow)
    return and_(
        publication.withdrawn_at.is_(None),
        ~exists().where(
            newer.document_id == publication.document_id,
            newer.lang == publication.lang,
            newer.id > publication.id,
        ),
    )


def _recorded(publication: Publications, dialect: str) -> TableValuedAlias:
    """The publication's ``shown`` (segment key: the translation row's id) as rows of ``key`` and
    ``value`` (text on PostgreSQL, whose JSON columns are ``json``; a number on SQLite)."""
    each = func.json_each_text if dialect == "postgresql" else func.json_each
    return each(publication.shown).table_valued("key", "value")


# the whitespace :func:`~service.corrections.same_text` sets aside around a translation
_BLANKS = " \t\n\r"


def _trimmed(text: ColumnElement[str] | InstrumentedAttribute[str], dialect: str) -> ColumnElement[str]:
    if dialect == "postgresql":
        return func.btrim(text, _BLANKS)
    return func.trim(text, _BLANKS)


def _replaced(recorded: TableValuedAlias, dialect: str) -> ColumnElement[bool]:
    """A reader reads the recorded translation's sentence differently now: the translation is gone,
    or the one shown now (the newest correction, else the newest output) has another text
    (:func:`~service.corrections.same_text`: a correction back to the published wording is none)."""
    row, other = aliased(TranslationRow), aliased(TranslationRow)
    shown_text = (
        select(other.text)
        .where(other.segment_id == row.segment_id, other.target_lang == row.target_lang)
        .order_by((other.origin == HUMAN).desc(), other.id.desc())
        .limit(1)
        .correlate(row)
        .scalar_subquery()
    )
    reads_alike = exists().where(
        row.id == cast(recorded.c["value"], Integer),
        _trimmed(shown_text, dialect) == _trimmed(row.text, dialect),
    )
    return ~reads_alike


def _translated_since(publication: Publications, recorded: TableValuedAlias) -> ColumnElement[bool]:
    """A segment of the document translated into the publication's language now, whose key the
    publication did not record (``SegmentRow`` is the segment)."""
    translated = (
        exists()
        .where(TranslationRow.segment_id == SegmentRow.id, TranslationRow.target_lang == publication.lang)
        .correlate_except(TranslationRow)  # the publication is two levels up: say so
    )
    return and_(
        SegmentRow.document_id == publication.document_id,
        translated,
        SegmentRow.key.not_in(select(recorded.c["key"])),
    )


def _changed_count(publication: Publications, dialect: str) -> ColumnElement[int]:
    """How many sentences of the publication's document changed since it was published."""
    recorded = _recorded(publication, dialect)
    replaced = (
        select(func.count()).select_from(recorded).where(_replaced(recorded, dialect)).scalar_subquery()
    )
    since = _recorded(publication, dialect)
    added = select(func.count(SegmentRow.id)).where(_translated_since(publication, since)).scalar_subquery()
    return replaced + added


def _has_changed(publication: Publications, dialect: str) -> ColumnElement[bool]:
    """Whether any sentence of the publication's document changed since it was published."""
    recorded = _recorded(publication, dialect)
    since = _recorded(publication, dialect)
    return or_(
        exists(select(1).select_from(recorded).where(_replaced(recorded, dialect))),
        exists(select(SegmentRow.id).where(_translated_since(publication, since))),
    )


def live_publications(session: Session, document_ids: Collection[str]) -> dict[str, dict[str, int]]:
    """Per document id, per language whose translation is published now (alphabetical): how many
    sentences changed since it was published (0: as published). A document with none published is
    left out. One query however many documents there are."""
    if not document_ids:
        return {}
    dialect = session.get_bind().dialect.name
    publication = aliased(PublicationRow)
    rows = session.execute(
        select(publication.document_id, publication.lang, _changed_count(publication, dialect))
        .where(publication.document_id.in_(document_ids), _live(publication))
        .order_by(publication.document_id, publication.lang)
    )
    found: dict[str, dict[str, int]] = {}
    for document_id, lang, changed in rows:
        found.setdefault(document_id, {})[lang] = int(changed or 0)
    return found


def in_publication_state(state: str, lang: str, dialect: str) -> ColumnElement[bool]:
    """Documents whose translation into ``lang`` (blank: any of their translations) is in ``state``
    (one of :data:`PUBLICATION_STATES`): published now; published now and changed since; not
    published now. Without ``lang``, "unpublished" is a document none of whose translations is
    published now. ``dialect``: the database's (SQLite, PostgreSQL), whose JSON functions differ."""
    publication = aliased(PublicationRow)
    live = [publication.document_id == Document.id, _live(publication)]
    if lang:
        live.append(publication.lang == lang)
    if state == UNPUBLISHED:
        return ~exists().where(*live)
    if state == CHANGED:
        live.append(_has_changed(publication, dialect))
    return exists().where(*live)
