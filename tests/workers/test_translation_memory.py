"""Translation memory: identical sentences are served from the store, not the model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from service.ingest import store_article
from service.parse import parse_article
from service.storage.db import Database
from service.storage.tables import SegmentRow, TranslationRow
from workers.document_translation import translate_document
from workers.engines.engine import DecodeOptions, Hypothesis
from workers.engines.transformers import TransformersEngine


class CountingEngine(TransformersEngine):
    """The real engine, counting the sentences that reach the model."""

    def __init__(self, model_dir: str) -> None:
        super().__init__(model_dir, options=DecodeOptions(beam_size=1))
        self.model_sentences: list[str] = []

    def translate(self, sentences: list[str], source_lang: str, target_lang: str) -> list[Hypothesis]:
        self.model_sentences.extend(sentences)
        return super().translate(sentences, source_lang, target_lang)


@pytest.fixture(scope="module")
def engine(tiny_marian_dir: Path) -> CountingEngine:
    return CountingEngine(str(tiny_marian_dir))


def outputs(session, document_id: str) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(SegmentRow.text, TranslationRow.text, TranslationRow.origin)
        .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
        .where(SegmentRow.document_id == document_id)
    )
    return {source: (target, origin) for source, target, origin in rows}


def test_second_submission_is_served_from_memory(
    database: Database, seed_text: str, engine: CountingEngine
) -> None:
    engine.model_sentences.clear()
    with database.session() as session:
        first = store_article(session, seed_text, parse_article(seed_text))
        assert translate_document(session, first.id, "de", "en", engine) == 43
        assert len(engine.model_sentences) == 43

        # The same article scraped again with other site furniture: a new document, same sentences.
        again = seed_text.replace("Mehr entdecken", "Weiterlesen")
        second = store_article(session, again, parse_article(again))
        assert second.id != first.id
        engine.model_sentences.clear()
        assert translate_document(session, second.id, "de", "en", engine) == 43
        assert engine.model_sentences == []  # no model call happened
        served = outputs(session, second.id)
        assert {origin for _, origin in served.values()} == {"memory"}
        assert {k: v[0] for k, v in served.items()} == {
            k: v[0] for k, v in outputs(session, first.id).items()
        }


def test_only_new_sentences_reach_the_model(database: Database, engine: CountingEngine) -> None:
    known = "Die Regierung hat am Montag neue Maßnahmen angekündigt. Kritiker warnen vor hohen Kosten."
    new = "Die Regierung hat am Montag neue Maßnahmen angekündigt. Die Opposition fordert Nachbesserungen."
    with database.session() as session:
        first = store_article(session, known, parse_article(known, source_lang="de"), "de")
        translate_document(session, first.id, "de", "en", engine)
        engine.model_sentences.clear()
        second = store_article(session, new, parse_article(new, source_lang="de"), "de")
        translate_document(session, second.id, "de", "en", engine)
        assert engine.model_sentences == ["Die Opposition fordert Nachbesserungen."]


def test_imported_tmx_is_served(
    database: Database, database_url: str, tmp_path: Path, engine: CountingEngine
) -> None:
    tmx = tmp_path / "seed.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="test" '
        'creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="de" '
        'o-tmf="test"/><body><tu><tuv xml:lang="de"><seg>Kritiker warnen vor hohen Kosten.</seg></tuv>'
        '<tuv xml:lang="en"><seg>Critics warn of high costs.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    env = {**os.environ, "INTERLINEAR_DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "memory", "import", str(tmx)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "1 pair(s) read, 1 new" in result.stdout
    text = "Die Regierung plant neue Regeln für Drohnen. Kritiker warnen vor hohen Kosten."
    with database.session() as session:
        document = store_article(session, text, parse_article(text, source_lang="de"), "de")
        engine.model_sentences.clear()
        translate_document(session, document.id, "de", "en", engine)
        assert engine.model_sentences == ["Die Regierung plant neue Regeln für Drohnen."]
        served = outputs(session, document.id)
        assert served["Kritiker warnen vor hohen Kosten."] == ("Critics warn of high costs.", "tmx:seed.tmx")


def test_a_plain_text_lists_points_reach_the_model_without_their_bullets(
    database: Database, engine: CountingEngine
) -> None:
    # each point is a paragraph of its own, stored with its bullet (the article's text is kept whole);
    # the model gets the point alone and the bullet is put back before its translation
    text = ("Bahnstreik am Montag\n\nDie Bahn hat für Montag einen Streik angekündigt.\n\n"
            "- Tickets können kostenlos storniert werden.\n- Volle Erstattung\n")  # fmt: skip
    engine.model_sentences.clear()
    with database.session() as session:
        document = store_article(session, text, parse_article(text, "text", "de"), "de")
        translate_document(session, document.id, "de", "en", engine)
        assert "Tickets können kostenlos storniert werden." in engine.model_sentences
        assert "Volle Erstattung" in engine.model_sentences
        assert not any(sentence.startswith("-") for sentence in engine.model_sentences)
        served = outputs(session, document.id)
    assert served["- Volle Erstattung"][0].startswith("- ")
    assert served["- Tickets können kostenlos storniert werden."][0].startswith("- ")
