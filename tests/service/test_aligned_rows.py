"""A page of the aligned document read page by page (``service.aligned_rows``) holds exactly the
whole document's rows from its offset: pages of any size put back together are the document
``aligned_document`` builds from everything (corrections, approvals, flags, an older version asked
for, summaries), and every page carries the whole document's languages and review counts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.aligned import AlignedDocument, SegmentPage, aligned_document, version_of
from service.aligned_rows import (
    aligned_rows,
    row_count,
    row_offset,
    segment_texts,
    shown_translations,
    title_segment,
)
from service.flag_details import status_of
from service.ingest import store_article
from service.parse import parse_article
from service.storage.db import Database
from service.storage.document_store import NewTranslation, get_document, save_translations
from service.storage.tables import Document, SegmentRow, SummaryRow, TranslationRow

OLD = {"model_id": "model-a", "model_revision": "1", "engine": "test", "route": "de>en"}
NEW = {"model_id": "model-b", "model_revision": "2", "engine": "test", "route": "de>en"}
NUMBERS = [{"check": "numbers", "severity": "major", "detail": "12 in the source"}]


def translated_article(session: Session, seed_text: str, tenant: str = "") -> Document:
    """The seed article (front matter, nine sections, back matter) translated into English twice
    (a second model over half of it), some of it into Korean; flags, a correction, an approval and
    summaries of the article and of one section."""
    document = store_article(session, seed_text, parse_article(seed_text), tenant=tenant)
    rows = [r for r in document.segments if r.translatable]
    old = [
        NewTranslation(r.id, "en", f"old {i}", flags=NUMBERS if i % 3 == 0 else None, confidence=-0.2, **OLD)
        for i, r in enumerate(rows)
    ]
    new = [
        NewTranslation(r.id, "en", f"new {i}", confidence=-1.5 if i % 4 == 0 else -0.1, **NEW)
        for i, r in enumerate(rows[::2])
    ]
    korean = [
        NewTranslation(r.id, "ko", f"한 {i}", **{**NEW, "route": "de>ko"}) for i, r in enumerate(rows[:9])
    ]
    human = {
        "model_id": "human",
        "model_revision": "",
        "engine": "human",
        "route": "human",
        "origin": "human",
    }
    person = NewTranslation(rows[5].id, "en", "a person's", author="Mina", **human)
    save_translations(session, [*old, *new, *korean, person])
    session.flush()
    approved = session.query(TranslationRow).filter_by(segment_id=rows[6].id, target_lang="ko").one()
    approved.approved_by, approved.approved_at = "Mina", approved.created_at
    section = document.sections[2].key
    for scope in ("article", section):
        session.add(SummaryRow(document_id=document.id, scope=scope, lang="en", text=f"summary of {scope}",
                               sentence_keys=[rows[0].key], method="extractive", method_version="1",
                               settings_hash="", version_key=scope))  # fmt: skip
    session.commit()
    session.expire_all()
    loaded = get_document(session, document.id)
    assert loaded is not None
    return loaded


def _put_together(pages: list[AlignedDocument]) -> dict:
    """The pages as one document: each section's rows in order, its heading and summaries where they are."""
    sections: dict[str, dict] = {}
    for page in pages:
        for section in page.sections:
            whole = sections.setdefault(section.id, {"heading": None, "segments": [], "summaries": {}})
            if section.heading is not None:
                assert whole["heading"] is None, f"{section.id}'s heading on two pages"
                whole["heading"] = section.heading
            whole["segments"] += section.segments
            whole["summaries"] |= section.summaries
    return {
        "front": [s for p in pages for s in p.front_matter],
        "sections": sections,
        "back": [s for p in pages for s in p.back_matter],
        "rows": [s for p in pages for s in p.all_segments()],
    }


def _as_pages(whole: AlignedDocument) -> dict:
    return {
        "front": whole.front_matter,
        "sections": {
            s.id: {"heading": s.heading, "segments": s.segments, "summaries": s.summaries}
            for s in whole.sections
        },
        "back": whole.back_matter,
        "rows": whole.all_segments(),
    }


def test_pages_put_together_are_the_whole_document(database: Database, seed_text: str) -> None:
    with database.session() as session:
        document = translated_article(session, seed_text)
        whole = aligned_document(document)
        old_en = version_of(
            next(r for s in document.segments for r in s.translations if r.model_id == "model-a")
        )
        older = aligned_document(document, {"en": old_en})
        total = row_count(session, document.id)
        assert total == len(whole.all_segments()) == 60
        assert whole.front_matter and len(whole.sections) == 9 and whole.back_matter
        assert {"corrected", "approved", "flagged", "unsure", "machine"} <= {
            status_of(o) for s in whole.all_segments() for o in s.translations.values()
        }

        for versions, expected in (({}, whole), ({"en": old_en}, older)):
            for size in (1, 7, 60, 1000):
                pages = [
                    aligned_rows(session, document, offset, size, versions)
                    for offset in range(0, total, size)
                ]
                assert _put_together(pages) == _as_pages(expected), (versions, size)
                for page in pages:
                    assert page.target_langs == expected.target_langs and page.review == expected.review
                    assert page.summaries == expected.summaries and page.title == expected.title
                    assert page.paging is None

        assert aligned_rows(session, document, total, 10).all_segments() == []  # past the end: no rows
        keys = [s.id for s in whole.all_segments()]
        assert [row_offset(session, document.id, key) for key in keys] == list(range(total))
        assert row_offset(session, document.id, "s99.p99.99") is None
        assert [key for key, _ in segment_texts(session, document.id)] == keys
        assert title_segment(session, document.id) == whole.front_matter[0]
        statuses = [(s.key, s.lang, s.status) for s in shown_translations(session, document.id)]
        assert statuses == [
            (s.id, lang, status_of(o)) for s in whole.all_segments() for lang, o in s.translations.items()
        ]


def test_a_whole_document_is_written_without_paging(database: Database, seed_text: str) -> None:
    with database.session() as session:
        document = translated_article(session, seed_text)
        whole = aligned_document(document)
        page = aligned_rows(session, document, 0, 5)
        assert session.query(SegmentRow).filter_by(document_id=document.id).count() == 60
    assert "paging" not in whole.model_dump() and '"paging"' not in whole.model_dump_json()
    page.paging = SegmentPage(total=60, limit=5, offset=0, next="/v1/documents/x?limit=5&offset=5")
    assert page.model_dump()["paging"] == {
        "total": 60,
        "limit": 5,
        "offset": 0,
        "next": "/v1/documents/x?limit=5&offset=5",
    }
