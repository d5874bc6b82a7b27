"""``AlignedDocument.in_languages``: what a client asked for, not every language stored before
(``interlinear translate --to en --json`` printed the Korean outputs of an earlier run too)."""

from __future__ import annotations

from service.aligned import aligned_document
from service.storage.db import Database
from service.storage.document_store import NewTranslation, get_document, save_translations
from tests.support import stored_article

MODEL = {"model_id": "test-model", "model_revision": "rev-1", "engine": "test-engine"}


def test_only_the_asked_languages_are_kept(database: Database, seed_text: str) -> None:
    with database.session() as session:
        document, (first, second) = stored_article(session, seed_text)
        save_translations(session, [
            NewTranslation(first.id, "en", "one", route="de>en", **MODEL),
            NewTranslation(first.id, "ko", "하나", route="de>ko", **MODEL),
            NewTranslation(second.id, "ko", "둘", route="de>ko", flags=["repetition"], **MODEL),
        ])  # fmt: skip
        session.commit()
        session.expire_all()
        loaded = get_document(session, document.id)
        assert loaded is not None
        everything = aligned_document(loaded)
    assert everything.target_langs == ["en", "ko"] and set(everything.review) == {"en", "ko"}

    english = everything.in_languages(["en"])
    assert english.target_langs == ["en"] and set(english.review) == {"en"}
    outputs = {s.id: set(s.translations) for s in english.all_segments() if s.translations}
    assert outputs == {first.key: {"en"}}
    assert len(english.all_segments()) == len(everything.all_segments())  # every source sentence stays
    # the whole document is left as it was
    assert {s.id: set(s.translations) for s in everything.all_segments() if s.translations} == {
        first.key: {"en", "ko"},
        second.key: {"ko"},
    }
