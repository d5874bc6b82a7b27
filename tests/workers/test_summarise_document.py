"""Stored summaries per section and article, on SQLite and PostgreSQL, with a tiny model."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from service.aligned import aligned_document
from service.ingest import store_article
from service.parse import parse_article
from service.settings import Settings
from service.storage.db import Database
from service.storage.document_store import get_document
from service.storage.tables import SummaryRow
from workers.document_translation import translate_document
from workers.model_cache import ModelCache
from workers.summarise_document import summarise_document


def test_summaries_in_source_and_target(database: Database, seed_text: str, tiny_marian_dir: Path) -> None:
    settings = Settings(database_url=database.url, model_dir=tiny_marian_dir, summary_section_sentences=1)
    cache = ModelCache(settings)
    with database.session() as session:
        document = store_article(session, seed_text, parse_article(seed_text))
        translate_document(session, document.id, "de", "en", cache.engine_for("de", "en"))
        assert summarise_document(session, cache, document.id, "de") == 10  # 9 sections + the article
        assert summarise_document(session, cache, document.id, "en") == 10
        assert summarise_document(session, cache, document.id, "en") == 0  # idempotent
        assert session.scalar(select(func.count()).select_from(SummaryRow)) == 20

        session.expire_all()
        stored = get_document(session, document.id)
        assert stored is not None
        aligned = aligned_document(stored)
    segments = {s.id: s for s in aligned.all_segments()}
    article_de = aligned.summaries["de"]
    assert 1 <= len(article_de.sentence_ids) <= settings.summary_article_sentences
    assert article_de.text == " ".join(segments[key].text for key in article_de.sentence_ids)
    assert article_de.model_id is None and article_de.method == "extractive"
    article_en = aligned.summaries["en"]
    assert article_en.sentence_ids == article_de.sentence_ids
    assert article_en.text == " ".join(segments[k].translations["en"].text for k in article_en.sentence_ids)
    assert article_en.model_id == tiny_marian_dir.name
    for section in aligned.sections:
        summary = section.summaries["de"]
        assert len(summary.sentence_ids) == 1
        assert summary.sentence_ids[0] in {s.id for s in section.segments}
        assert summary.text == segments[summary.sentence_ids[0]].text


def test_other_settings_add_a_version_and_keep_the_old(database: Database, seed_text: str) -> None:
    with database.session() as session:
        document = store_article(session, seed_text, parse_article(seed_text))
        first = ModelCache(Settings(database_url=database.url, summary_article_sentences=5))
        second = ModelCache(Settings(database_url=database.url, summary_article_sentences=2))
        summarise_document(session, first, document.id, "de")
        assert summarise_document(session, second, document.id, "de") == 10
        hashes = set(session.scalars(select(SummaryRow.settings_hash)))
        assert len(hashes) == 2
        session.expire_all()
        stored = get_document(session, document.id)
        assert stored is not None
        assert len(aligned_document(stored).summaries["de"].sentence_ids) == 2  # the newest is served
