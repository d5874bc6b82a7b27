"""Article-level flags through the worker's store step, on SQLite and PostgreSQL: a name the model
wrote two ways in one article gets a consistency flag on the later sentence, once."""

from __future__ import annotations

from sqlalchemy import select

from service.ingest import store_article
from service.parse import parse_article
from service.storage.db import Database
from service.storage.document_store import NewTranslation, save_translations
from service.storage.tables import SegmentRow, TranslationRow
from workers.document_translation import flag_article

ARTICLE = """Kim in Moskau

Kim Jong-un besuchte am Montag Moskau.

Später sprach Kim Jong-un in Pjöngjang.
"""
MODEL = {"model_id": "m", "model_revision": "r", "engine": "e", "route": "de>en"}


def test_a_name_written_two_ways_is_flagged_once(database: Database) -> None:
    with database.session() as session:
        document = store_article(session, ARTICLE, parse_article(ARTICLE))
        segments = session.scalars(
            select(SegmentRow)
            .where(SegmentRow.document_id == document.id, SegmentRow.translatable.is_(True))
            .order_by(SegmentRow.order)
        ).all()
        texts = {
            "Kim in Moskau": "Kim in Moscow",
            "Kim Jong-un besuchte am Montag Moskau.": "Kim Jong-un visited Moscow on Monday.",
            "Später sprach Kim Jong-un in Pjöngjang.": "Later Kim Jong Un spoke in Pyongyang.",
        }
        save_translations(
            session, [NewTranslation(s.id, "en", texts[s.text], flags=[], **MODEL) for s in segments]
        )
        session.commit()
        assert flag_article(session, document.id, "de", "en", "m") == 1
        assert flag_article(session, document.id, "de", "en", "m") == 0  # run again: nothing added
        rows = {
            text: row.flags
            for text, row in session.execute(
                select(SegmentRow.text, TranslationRow).join(
                    TranslationRow, TranslationRow.segment_id == SegmentRow.id
                )
            )
        }
    assert rows["Später sprach Kim Jong-un in Pjöngjang."] == [
        {
            "check": "consistency",
            "severity": "minor",
            "detail": "Kim Jong-un is Kim Jong-un elsewhere in this article, Kim Jong Un here",
        }
    ]
    assert rows["Kim Jong-un besuchte am Montag Moskau."] == []
