"""Storage on both SQLite and the real PostgreSQL (the ``database`` fixture is parametrised)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from service.aligned import aligned_document
from service.ingest import store_article
from service.parse import parse_article
from service.storage.db import Database
from service.storage.document_store import (
    NewTranslation,
    content_hash,
    get_document,
    save_article,
    save_translations,
    untranslated_segments,
)
from service.storage.tables import Document, SegmentRow, TranslationRow
from tests.conftest import ARTICLES, require_shared


def test_stored_units_join_back_to_the_input(database: Database, seed_text: str) -> None:
    with database.session() as session:
        document = store_article(session, seed_text, parse_article(seed_text))
        stored = get_document(session, document.id)
        assert stored is not None
        joined = "".join(segment.text for segment in stored.segments)
        assert "".join(joined.split()) == "".join(seed_text.split())
        assert len(stored.sections) == 9
        assert stored.published is not None and stored.published.isoformat() == "2025-06-19"
        assert "Kursk" in stored.tags


def test_times_are_read_back_as_utc(database: Database, seed_text: str) -> None:
    """Every stored time comes back aware and in UTC, whatever zone it was written in."""
    seoul = dt.timezone(dt.timedelta(hours=9))
    written = dt.datetime(2026, 11, 27, 9, 30, tzinfo=seoul)
    with database.session() as session:
        document = store_article(session, seed_text, parse_article(seed_text))
        session.execute(update(Document).where(Document.id == document.id).values(created_at=written))
        session.commit()
    with database.session() as session:
        read = session.scalar(select(Document.created_at).where(Document.id == document.id))
        assert read is not None and read.utcoffset() == dt.timedelta(0)
        assert read == written and read.hour == 0  # the same moment, in UTC
        later = session.scalar(
            select(func.count()).select_from(Document).where(Document.created_at > written)
        )
        assert later == 0


def test_same_article_twice_is_one_document(database: Database, seed_text: str) -> None:
    with database.session() as session:
        first = store_article(session, seed_text, parse_article(seed_text))
        second = store_article(session, seed_text + "\n\n", parse_article(seed_text))
        assert first.id == second.id
        assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_an_article_sent_with_its_language_and_detected_is_one_document(
    database: Database, seed_text: str
) -> None:
    """The key holds the language the article was read in, not how it was given: stated "de" and
    detected as de, either way round, is one document."""
    other = seed_text.replace("Kursk", "Kurchatov")
    with database.session() as session:
        stated = store_article(session, seed_text, parse_article(seed_text, source_lang="de"), "de")
        detected = store_article(session, seed_text, parse_article(seed_text))
        assert detected.id == stated.id and detected.source_lang == "de"
        first = store_article(session, other, parse_article(other))
        second = store_article(session, other, parse_article(other, source_lang="de"), "de")
        assert second.id == first.id
        assert session.scalar(select(func.count()).select_from(Document)) == 2


def test_a_document_stored_under_the_old_auto_key_is_still_found(database: Database, seed_text: str) -> None:
    """A detected article stored before the key held the resolved language has the key "auto" made:
    it keeps it (no migration rewrites keys) and is found by its content sent either way, but only
    where it was read in the language the new submission is."""
    with database.session() as session:
        old = store_article(session, seed_text, parse_article(seed_text))
        old_key = content_hash(seed_text, None)
        session.execute(update(Document).where(Document.id == old.id).values(content_hash=old_key))
        session.commit()
        assert store_article(session, seed_text, parse_article(seed_text)).id == old.id
        assert (
            store_article(session, seed_text, parse_article(seed_text, source_lang="de"), "de").id == old.id
        )
        assert session.scalar(select(func.count()).select_from(Document)) == 1
        assert session.scalar(select(Document.content_hash).where(Document.id == old.id)) == old_key

        # Under the old key, and detected as another language then: not this one.
        session.execute(update(Document).where(Document.id == old.id).values(source_lang="en"))
        session.commit()
        assert store_article(session, seed_text, parse_article(seed_text)).id != old.id
        assert session.scalar(select(func.count()).select_from(Document)) == 2

        # The newest revision of an article with an external id, stored under the old key: the same
        # content sent again is that revision, not a new one.
        text = seed_text.replace("Kursk", "Kurchatov")
        revision = save_article(session, parse_article(text), text, None, external_id="story-1")
        session.execute(
            update(Document).where(Document.id == revision.id).values(content_hash=content_hash(text, None))
        )
        session.commit()
        again = save_article(
            session, parse_article(text, source_lang="de"), text, "de", external_id="story-1"
        )
        assert again.id == revision.id and again.revision == 1


PARAGRAPHS = (
    "Stadtrat beschließt Haushalt\n\n"
    "Der Stadtrat von Essen hat am Mittwoch den Haushalt für das kommende Jahr beschlossen.\n\n"
    "Er sieht Ausgaben von 3,8 Milliarden Euro vor.\n"
    "Die Opposition kritisierte die geplanten Kürzungen bei den Schwimmbädern scharf.\n"
)
SPLIT = PARAGRAPHS.replace("vor.\n", "vor.\n\n")  # a paragraph break added


def stored(
    session: Session, text: str, source_format: str = "text", external_id: str | None = None
) -> Document:
    article = parse_article(text, source_format, "de")
    document = save_article(session, article, text, "de", external_id=external_id)
    session.commit()
    return document


def paragraph_keys(session: Session, document: Document) -> list[str]:
    stored_document = get_document(session, document.id)
    assert stored_document is not None
    return [segment.key for segment in stored_document.segments if segment.role == "body"]


def test_a_paragraph_break_changed_is_parsed_again_and_the_same_text_is_the_same_document(
    database: Database,
) -> None:
    # found by an outside newcomer: the article sent again with a blank line added came back as the
    # same document, parsed as before: a fixed paragraph break could not take effect
    with database.session() as session:
        first = stored(session, PARAGRAPHS)
        split = stored(session, SPLIT)
        assert split.id != first.id
        assert paragraph_keys(session, first) == ["s01.p01.01", "s01.p02.01", "s01.p02.02"]
        assert paragraph_keys(session, split) == ["s01.p01.01", "s01.p02.01", "s01.p03.01"]
        # whitespace that parts nothing: line endings, spaces, blank lines at the ends or doubled
        for same in (
            PARAGRAPHS.replace("\n", "\r\n"),
            "\n  " + PARAGRAPHS.replace(" Haushalt", "  Haushalt").replace("\n", " \t\n") + "\n\n",
            PARAGRAPHS.replace("\n\n", "\n\n\n"),
        ):
            assert stored(session, same).id == first.id
        assert stored(session, SPLIT + "\n").id == split.id
        # the same in Markdown; in HTML the markup parts paragraphs, its lines and spaces never count
        markdown = stored(session, PARAGRAPHS, "markdown")
        assert stored(session, SPLIT, "markdown").id != markdown.id
        page = "<html><body><article><h1>Stadtrat beschließt Haushalt</h1>{}</article></body></html>"
        body = (
            "<p>Der Stadtrat von Essen hat den Haushalt beschlossen.</p>{}<p>Die Opposition ist dagegen.</p>"
        )
        html = stored(session, page.format(body.format("\n")), "html")
        assert stored(session, page.format(body.format("\n\n  ")), "html").id == html.id
        assert session.scalar(select(func.count()).select_from(Document)) == 5


def test_a_paragraph_break_changed_under_an_external_id_is_a_new_revision(database: Database) -> None:
    with database.session() as session:
        first = stored(session, PARAGRAPHS, external_id="cms-4711")
        assert stored(session, PARAGRAPHS.replace("\n", "\r\n"), external_id="cms-4711").id == first.id
        second = stored(session, SPLIT, external_id="cms-4711")
        assert (second.id, second.revision) != (first.id, 1) and second.revision == 2
        assert paragraph_keys(session, second) == ["s01.p01.01", "s01.p02.01", "s01.p03.01"]


def test_a_document_stored_before_keys_held_the_lines_is_found_by_the_same_lines_only(
    database: Database,
) -> None:
    """A document stored while the key made every run of whitespace one space keeps that key: the
    same text sent again is still that document; with a paragraph break changed it is another."""
    with database.session() as session:
        old = stored(session, PARAGRAPHS)
        for lang in ("de", None):  # and the "auto" key of a detected article before that
            old_key = content_hash(PARAGRAPHS, lang, lines=False)
            session.execute(update(Document).where(Document.id == old.id).values(content_hash=old_key))
            session.commit()
            assert stored(session, PARAGRAPHS + "\n").id == old.id
            assert stored(session, SPLIT).id != old.id
        assert session.scalar(select(func.count()).select_from(Document)) == 2
        revision = stored(session, PARAGRAPHS, external_id="story-2")
        session.execute(
            update(Document)
            .where(Document.id == revision.id)
            .values(content_hash=content_hash(PARAGRAPHS, "de", lines=False))
        )
        session.commit()
        assert stored(session, PARAGRAPHS, external_id="story-2").id == revision.id
        assert stored(session, SPLIT, external_id="story-2").revision == 2


def test_translations_are_idempotent_and_versioned(database: Database, seed_text: str) -> None:
    with database.session() as session:
        document = store_article(session, seed_text, parse_article(seed_text))
        pending = untranslated_segments(session, document.id, "en", "model-a", "r1", "transformers")
        assert pending and all(segment.translatable for segment in pending)

        def rows(model: str, revision: str) -> list[NewTranslation]:
            return [
                NewTranslation(s.id, "en", f"{model} {s.key}", model, revision, "transformers", "de>en")
                for s in pending
            ]

        assert save_translations(session, rows("model-a", "r1")) == len(pending)
        assert save_translations(session, rows("model-a", "r1")) == 0  # a redelivered task adds nothing
        session.commit()
        assert untranslated_segments(session, document.id, "en", "model-a", "r1", "transformers") == []
        assert len(untranslated_segments(session, document.id, "en", "model-b", "r1", "transformers")) == len(
            pending
        )

        save_translations(session, rows("model-b", "r1"))  # a new model adds rows, never overwrites
        session.commit()
        count = session.scalar(select(func.count()).select_from(TranslationRow))
        assert count == 2 * len(pending)

        session.expire_all()
        stored = get_document(session, document.id)
        assert stored is not None
        aligned = aligned_document(stored)
        newest = [s.translations["en"] for s in aligned.all_segments() if s.translatable]
        assert len(newest) == len(pending)
        assert all(output.model_id == "model-b" for output in newest)
        assert aligned.target_langs == ["en"]


def test_untranslatable_segments_are_never_pending(database: Database, seed_text: str) -> None:
    with database.session() as session:
        document = store_article(session, seed_text, parse_article(seed_text))
        pending_ids = {
            s.id for s in untranslated_segments(session, document.id, "en", "m", "r", "transformers")
        }
        caption = session.scalar(select(SegmentRow).where(SegmentRow.role == "caption"))
        assert caption is not None and caption.id not in pending_ids


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")) or ["(none)"])
def test_every_shared_article_round_trips_through_the_store(database: Database, name: str) -> None:
    text = require_shared(ARTICLES / name).read_text(encoding="utf-8")
    with database.session() as session:
        document = store_article(session, text, parse_article(text))
        session.expire_all()
        stored = get_document(session, document.id)
        assert stored is not None
        joined = "".join(segment.text for segment in stored.segments)
    assert "".join(joined.split()) == "".join(text.split())
