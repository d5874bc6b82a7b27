"""Finding documents by their words and their languages, on SQLite and PostgreSQL.

Found by an outside walk of the pages: the search was one exact phrase (two words found only side
by side, in that order), SQLite's ``lower()`` left "Ü" as it was, and neither database took
"Muller" or "Mueller" for "Müller" nor "strasse" for "Straße"; and one "Language" filter matched
an article written in a language as well as one translated into it. Now every word of a search is
found anywhere in the title or text, in any case, umlauts and ß folded (the folded text is stored:
``documents.search_text``, migration 0017), and the languages are two filters: written in
(``source_lang``) and translated into (``target_lang``)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import command
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.catalogue import DocumentFilter, matching_documents
from service.ingest import store_article
from service.parse import parse_article
from service.storage.db import Database, alembic_config, make_engine
from service.storage.tables import Document, SegmentRow, TranslationRow

ARTICLES = {
    "mayor": ("Ärger in der Hauptstraße\n\nBürgermeister Müller sprach am Montag über den Verkehr.\n", "de"),
    "storm": ("Sturm über Hamburg\n\nDer Wetterdienst warnt vor Böen an der KÜSTE.\n", "de"),
    "coast": ("Storm over the coast\n\nThe mayor spoke about traffic on Monday.\n", "en"),
}
TENANT = "newsroom"
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def translate(session: Session, document: Document, lang: str) -> None:
    """A model output of the document's first translatable sentence into ``lang``."""
    first = session.scalars(
        select(SegmentRow).where(SegmentRow.document_id == document.id, SegmentRow.translatable)
        .order_by(SegmentRow.order).limit(1)
    ).one()  # fmt: skip
    session.add(TranslationRow(segment_id=first.id, target_lang=lang, text=f"{lang} text", model_id="m",
                               model_revision="1", engine="test", route="test"))  # fmt: skip
    session.commit()


def stored(session: Session, tenant: str = TENANT) -> dict[str, str]:
    """The three articles stored for ``tenant``, the German storm translated into English and the
    English coast into German; their ids by name."""
    ids = {}
    for name, (text, lang) in ARTICLES.items():
        ids[name] = store_article(session, text, parse_article(text), lang, tenant).id
    translate(session, session.get_one(Document, ids["storm"]), "en")
    translate(session, session.get_one(Document, ids["coast"]), "de")
    return ids


def found(session: Session, ids: dict[str, str], **filters: str) -> set[str]:
    names = {document_id: name for name, document_id in ids.items()}
    documents, total = matching_documents(session, TENANT, DocumentFilter(**filters), 50, 0)
    assert total == len(documents), (total, filters)
    return {names[document.id] for document in documents}


# What each search finds of the three articles (the last ones found before as well: every word is
# needed, not any; LIKE's wildcards are searched as written; a blank search finds all).
SEARCHES = {
    "Müller Montag": {"mayor"},
    "montag müller": {"mayor"},  # any order, not one phrase
    "Montag Müller": {"mayor"},
    "MÜLLER": {"mayor"},
    "küste": {"storm"},  # the text's KÜSTE: SQLite's lower() leaves a capital umlaut as it is
    "Muller": {"mayor"},
    "mueller": {"mayor"},
    "strasse": {"mayor"},
    "HAUPTSTRASSE verkehr": {"mayor"},
    "Aerger": {"mayor"},  # in the title
    "„Bürgermeister“,": {"mayor"},  # the quotes and comma around a pasted word
    "kueste": {"storm"},
    "küste böen": {"storm"},
    "boen": {"storm"},
    "Müller Hamburg": set(),  # every word, not any
    "über": {"mayor", "storm"},
    "monday MAYOR": {"coast"},
    "Sturm Wetterdienst über": {"storm"},
    "": {"mayor", "storm", "coast"},
    "   ": {"mayor", "storm", "coast"},
    "m_ller": set(),  # LIKE's wildcards are letters here
    # a word shorter than four letters at the start of a word only: "er" is in "Ärger", "der",
    # "over", "on" in "Montag"; "i" was in every text
    "er": set(),
    "on": {"coast"},
    "i": {"mayor"},
    "(Sturm": {"storm"},  # punctuation pasted around a word
    "ham": {"storm"},  # the start of a word, not one letter of it only
    # invisible characters a copied word brings are no part of it
    "\u202eMüller": {"mayor"},
    "Mül\u200bler \u200f": {"mayor"},
    "%": set(),
}


def test_every_word_is_found_in_any_order_case_and_umlauts_folded(database: Database) -> None:
    with database.session() as session:
        ids = stored(session)
        assert {search: found(session, ids, text=search) for search in SEARCHES} == SEARCHES


def test_written_in_and_translated_into_are_two_filters(database: Database) -> None:
    with database.session() as session:
        ids = stored(session)
        assert found(session, ids, source_lang="en") == {"coast"}
        assert found(session, ids, source_lang="de") == {"mayor", "storm"}
        assert found(session, ids, target_lang="en") == {"storm"}  # not the English coast
        assert found(session, ids, target_lang="de") == {"coast"}  # not the German articles
        assert found(session, ids, source_lang="de", target_lang="en") == {"storm"}
        assert found(session, ids, source_lang="en", target_lang="en") == set()
        assert found(session, ids, target_lang="ko") == set()
        assert found(session, ids, target_lang="en", text="kueste") == {"storm"}


def test_a_changed_title_is_found_by_its_new_words(database: Database) -> None:
    with database.session() as session:
        ids = stored(session)
        mayor = session.get_one(Document, ids["mayor"])
        mayor.title = "Neue Fußgängerzone"
        session.commit()
        assert found(session, ids, text="fussgangerzone") == {"mayor"}
        assert found(session, ids, text="hauptstrasse") == {"mayor"}  # still in its text


def test_the_migration_folds_the_documents_already_stored(database_url: str) -> None:
    """An archive stored before the search column is found by its words once migrated."""
    engine = make_engine(database_url)
    config = alembic_config(engine)
    command.upgrade(config, "0016")
    command.downgrade(config, "0016")  # PostgreSQL's schema is the session's: at head after another test
    documents = sa.table(
        "documents",
        *(sa.column(name) for name in ("id", "tenant", "content_hash", "title", "source_lang",
                                       "source_format", "source_text", "revision")),
        sa.column("tags", sa.JSON), sa.column("boilerplate", sa.JSON),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )  # fmt: skip
    with engine.begin() as connection:
        for n, title in enumerate(("Straßenfest in Köln", None, "Wetter")):
            connection.execute(
                documents.insert().values(
                    id=f"old-{n}", tenant=TENANT, content_hash=f"hash-{n}", title=title, source_lang="de",
                    source_format="text", tags=[], boilerplate=[], revision=1, created_at=START,
                    source_text=f"Herr Müller kam am {n}. Tag.",
                )
            )  # fmt: skip
    command.upgrade(config, "head")
    engine.dispose()
    database = Database(database_url)
    try:
        with database.session() as session:
            ids = {f"old-{n}": f"old-{n}" for n in range(3)}
            assert found(session, ids, text="strassenfest koln") == {"old-0"}
            assert found(session, ids, text="Mueller") == {"old-0", "old-1", "old-2"}
            assert found(session, ids, text="mueller 1.") == {"old-1"}
    finally:
        database.engine.dispose()


def test_markup_is_no_word_of_the_article_and_plain_vowels_find_spelled_out_umlauts(
    database: Database,
) -> None:
    """Found by an outside attack: "charset", "doctype" and "published_time" found an HTML page,
    "##" and "https" a Markdown article; "Muller" did not find "Mueller" as "Mueller" finds "Müller"."""
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><meta property="article:published_time" '
        'content="2025-01-01"><title>Streik bei der Bahn</title></head><body><article><h1>Streik bei der '
        "Bahn</h1><p>Die Gewerkschaft rief am Montag zum Streik auf. Herr Mueller sprach.</p>"
        '<p>Mehr dazu <a href="https://www.example.org/bahn">hier</a>.</p></article>'
        "<script>var tracking = 1;</script></body></html>"
    )
    markdown = "# Hochwasser an der Elbe\n\n## Lage\n\nDie Elbe steigt. Mehr auf [der Seite](https://www.dresden.de).\n"
    with database.session() as session:
        ids = {
            "page": store_article(session, page, parse_article(page, "html"), "de", TENANT).id,
            "markdown": store_article(
                session, markdown, parse_article(markdown, "markdown"), "de", TENANT
            ).id,
        }
        for markup in (
            "charset",
            "doctype",
            "published_time",
            "tracking",
            "##",
            "https",
            "dresden",
            "example",
        ):
            assert found(session, ids, text=markup) == set(), markup
        assert found(session, ids, text="Gewerkschaft Streik") == {"page"}
        assert found(session, ids, text="Muller") == {"page"}
        assert found(session, ids, text="Elbe Seite") == {"markdown"}
