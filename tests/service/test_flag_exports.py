"""Flags of the news checks and the engine's confidence stored with each output, read back (old
bare-name flags too) and carried into the exports: TMX ``x-flag``/``x-confidence`` props and XLIFF
notes of the same categories, on SQLite and PostgreSQL."""

from __future__ import annotations

from lxml import etree

from service.aligned import aligned_document
from service.exports import export_document
from service.exports.tmx_import import read_tmx, read_xliff
from service.exports.validate import validate_tmx, validate_xliff
from service.storage.db import Database
from service.storage.document_store import NewTranslation, get_document, save_translations
from tests.support import stored_article

MODEL = {"model_id": "test-model", "model_revision": "rev-1", "engine": "test-engine", "route": "de>en"}
NUMBERS = {"check": "numbers", "severity": "major", "detail": "6.000 in the source, not in the translation"}


def test_flags_are_stored_read_and_exported(database: Database, seed_text: str) -> None:
    with database.session() as session:
        document, (first, second) = stored_article(session, seed_text)
        save_translations(session, [
            NewTranslation(first.id, "en", "one", flags=[NUMBERS], confidence=-0.4213, **MODEL),
            NewTranslation(second.id, "en", "two", flags=["repetition"], **MODEL),  # stored before details
        ])  # fmt: skip
        session.commit()
        session.expire_all()
        loaded = get_document(session, document.id)
        assert loaded is not None
        aligned = aligned_document(loaded)
    outputs = {s.id: s.translations["en"] for s in aligned.all_segments() if "en" in s.translations}
    assert [f.model_dump() for f in outputs[first.key].flags] == [NUMBERS]
    assert [f.model_dump() for f in outputs[second.key].flags] == [
        {"check": "repetition", "severity": "minor", "detail": None}
    ]
    assert outputs[first.key].model_dump(mode="json")["flags"] == [NUMBERS]  # as the API shows it

    tmx, _ = export_document(aligned, "tmx", ["en"])
    validate_tmx(tmx)
    props = {p.tuid.split(":")[1]: p.props.get("x-flag") for p in read_tmx(tmx)}
    assert props[first.key] == "numbers (major): 6.000 in the source, not in the translation"
    assert props[second.key] == "repetition (minor)"
    confidence = {p.tuid.split(":")[1]: p.props.get("x-confidence") for p in read_tmx(tmx)}
    assert confidence == {first.key: "-0.4213", second.key: None}  # none where the engine gave none

    xliff, _ = export_document(aligned, "xliff", ["en"])
    validate_xliff(xliff)
    notes = {p.tuid.split(":")[-1]: p.props.get("x-flag") for p in read_xliff(xliff)}
    assert notes[first.key] == "numbers (major): 6.000 in the source, not in the translation"
    root = etree.fromstring(xliff)
    assert len(root.findall(".//{*}note[@category='x-flag']")) == 2
    assert [n.text for n in root.findall(".//{*}note[@category='x-confidence']")] == ["-0.4213"]
