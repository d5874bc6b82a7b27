"""Found by an outside walk of the editor's desk: the documents list could not be narrowed to what
is published, what is not, or what changed since it was published, and said "EN published" of a
translation corrected since as of one published as it reads. ``GET /v1/documents`` takes
``publication=published|changed|unpublished`` (of the ``target_lang`` translation, else of any),
with the other filters and paging, and each item says per language published how many sentences
changed since (``changed_since_publishing``), as the document's publications count them. On SQLite
and PostgreSQL; only the caller's tenant's documents; readers filter too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from service.api_keys import Principal
from service.corrections import save_correction
from service.ingest import store_article
from service.parse import parse_article
from service.publishing import publish, withdraw
from service.storage.tables import SegmentRow, TranslationRow, utcnow
from tests.service.api.test_document_list_queries import MOST_STATEMENTS
from tests.support import listing_tenants, new_key, sql_statements

EDITOR = Principal("tests", role="editor", author="Lena")


def stored_translation(
    app: FastAPI, made: dict[str, str], name: str, tenant: str = "tests", missing: int = 0
) -> list[str]:
    """An article named ``name`` stored for ``tenant`` (its id in ``made``) with an English
    translation of each translatable sentence but the last ``missing``; returns those sentences' keys."""
    text = f"Drohnen: {name}\n\nDie Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab 2027.\n"
    with app.state.database.session() as session:
        made[name] = store_article(session, text, parse_article(text), tenant=tenant).id
    keys = _translatable_keys(app, made[name])
    translated = keys[: len(keys) - missing]
    for key in translated:
        output(app, made[name], key, revision="1")
    return translated


def _segment(app: FastAPI, document_id: str, key: str) -> SegmentRow:
    with app.state.database.session() as session:
        segment = session.scalar(
            select(SegmentRow).where(SegmentRow.document_id == document_id, SegmentRow.key == key)
        )
        assert segment is not None
        session.expunge(segment)
        return segment


def _translatable_keys(app: FastAPI, document_id: str) -> list[str]:
    with app.state.database.session() as session:
        return list(
            session.scalars(
                select(SegmentRow.key)
                .where(SegmentRow.document_id == document_id, SegmentRow.translatable.is_(True))
                .order_by(SegmentRow.order)
            )
        )


def output(app: FastAPI, document_id: str, key: str, lang: str = "en", revision: str = "2") -> None:
    """A model output of the sentence (``revision`` "2": a re-translation), confident and unflagged."""
    with app.state.database.session() as session:
        session.add(
            TranslationRow(
                segment_id=_segment(app, document_id, key).id, target_lang=lang,
                text=f"{lang} {key} {revision}", model_id="test-model", model_revision=revision,
                engine="test", route=f"de-{lang}", origin="model", confidence=-0.1,
            )
        )  # fmt: skip
        session.commit()


def correct(app: FastAPI, document_id: str, key: str, lang: str = "en") -> None:
    with app.state.database.session() as session:
        save_correction(session, _segment(app, document_id, key), lang, f"Corrected {key}.", "Lena")


def publish_now(app: FastAPI, document_id: str, lang: str = "en", tenant: str = "tests") -> None:
    with app.state.database.session() as session:
        publish(session, Principal(tenant, role="editor", author="Lena"), document_id, lang, force=True)


def newsroom(app: FastAPI) -> dict[str, str]:
    """The tenant's articles by name, each in another state of publishing, and another tenant's
    article, published and corrected since ("elsewhere")."""
    made: dict[str, str] = {}
    stored_translation(app, made, "fresh")  # translated, never published

    stored_translation(app, made, "published")  # published as it reads
    publish_now(app, made["published"])

    keys = stored_translation(app, made, "corrected")  # one sentence corrected since
    publish_now(app, made["corrected"])
    correct(app, made["corrected"], keys[0])

    # corrected before publishing; since then a newer output of that sentence, which the correction
    # still stands before, and an approval: nothing reads differently
    keys = stored_translation(app, made, "unchanged")
    correct(app, made["unchanged"], keys[0])
    publish_now(app, made["unchanged"])
    output(app, made["unchanged"], keys[0])
    with app.state.database.session() as session:
        for row in session.scalars(select(TranslationRow).where(TranslationRow.model_revision == "1")):
            row.approved_at = utcnow()
        session.commit()

    keys = stored_translation(app, made, "retranslated")  # a newer output of one sentence since
    publish_now(app, made["retranslated"])
    output(app, made["retranslated"], keys[-1])

    keys = stored_translation(app, made, "translated since", missing=1)  # published without its last
    publish_now(app, made["translated since"])
    output(app, made["translated since"], _translatable_keys(app, made["translated since"])[-1])

    keys = stored_translation(app, made, "withdrawn")  # corrected, then withdrawn
    publish_now(app, made["withdrawn"])
    correct(app, made["withdrawn"], keys[0])
    with app.state.database.session() as session:
        withdraw(session, EDITOR, made["withdrawn"], "en")

    keys = stored_translation(app, made, "republished")  # corrected, then published again
    publish_now(app, made["republished"])
    correct(app, made["republished"], keys[0])
    publish_now(app, made["republished"])

    # English not published; Korean published without its last sentence (which has an English
    # translation, and stays untranslated into Korean), then changed in two
    keys = stored_translation(app, made, "korean")
    for key in keys[:-1]:
        output(app, made["korean"], key, "ko", "1")
    publish_now(app, made["korean"], "ko")
    correct(app, made["korean"], keys[0], "ko")
    output(app, made["korean"], keys[1], "ko", "2")

    # corrected since, back to the published wording (a reader reads what was published)
    keys = stored_translation(app, made, "corrected back")
    publish_now(app, made["corrected back"])
    with app.state.database.session() as session:
        segment = _segment(app, made["corrected back"], keys[0])
        published = session.scalars(
            select(TranslationRow.text).where(TranslationRow.segment_id == segment.id)
        ).one()
        save_correction(session, segment, "en", "Another wording.", "Lena")
        save_correction(session, segment, "en", f"{published}\n", "Lena")  # a textarea's newline

    keys = stored_translation(app, made, "elsewhere", tenant="others")
    publish_now(app, made["elsewhere"], tenant="others")
    correct(app, made["elsewhere"], keys[0])
    return made


def listed(client: TestClient, made: dict[str, str], key: str, **query: str) -> dict[str, dict[str, Any]]:
    """The list's items that ``query`` finds, by name (every one on one page)."""
    answer = client.get("/v1/documents", params={"limit": 100, **query}, headers=_bearer(client, key))
    assert answer.status_code == 200, (query, answer.text)
    body = answer.json()
    names = {document_id: name for name, document_id in made.items()}
    assert body["total"] == len(body["items"]) and body["next"] is None
    return {names[item["id"]]: item for item in body["items"]}


def _bearer(client: TestClient, key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


PUBLISHED_EN = {"published", "corrected", "unchanged", "retranslated", "translated since", "republished",
                "corrected back"}  # fmt: skip
CHANGED_EN = {"corrected", "retranslated", "translated since"}


def test_the_list_filters_by_publication_state_per_language_and_says_what_changed_since(
    client: TestClient,
) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    made = newsroom(app)
    reader = new_key(app, "tests", role="reader")  # a read: readers filter too
    every = set(made) - {"elsewhere"}
    assert set(listed(client, made, reader)) == every

    expected = {
        ("published", ""): PUBLISHED_EN | {"korean"},
        ("changed", ""): CHANGED_EN | {"korean"},
        ("unpublished", ""): {"fresh", "withdrawn"},  # none of its translations published
        ("published", "en"): PUBLISHED_EN,
        ("changed", "en"): CHANGED_EN,
        ("unpublished", "en"): {"fresh", "withdrawn", "korean"},
        ("published", "ko"): {"korean"},
        ("changed", "ko"): {"korean"},
        ("unpublished", "ko"): set(),
    }
    for (state, lang), names in expected.items():
        query = {"publication": state, **({"target_lang": lang} if lang else {})}
        assert set(listed(client, made, reader, **query)) == names, query

    changed = {"corrected": {"en": 1}, "retranslated": {"en": 1}, "translated since": {"en": 1},
               "korean": {"ko": 2}, "published": {"en": 0}, "unchanged": {"en": 0},
               "republished": {"en": 0}, "corrected back": {"en": 0}, "fresh": {},
               "withdrawn": {}}  # fmt: skip
    items = listed(client, made, reader)
    assert {name: item["changed_since_publishing"] for name, item in items.items()} == changed
    for name, item in items.items():
        assert item["published"] == list(changed[name]), name
        document = client.get(f"/v1/documents/{made[name]}", headers=_bearer(client, reader)).json()
        live = {lang: p["changed"] for lang, p in document["publications"].items() if p["published"]}
        assert item["changed_since_publishing"] == live, name  # as the document counts them

    other = new_key(app, "others", role="reader")
    assert set(listed(client, made, other, publication="changed")) == {"elsewhere"}
    assert set(listed(client, made, other, publication="unpublished")) == set()


def test_the_filter_takes_any_case_keeps_the_other_filters_and_paging_and_refuses_other_words(
    client: TestClient,
) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    made = newsroom(app)
    editor = new_key(app, "tests", role="editor")
    assert set(listed(client, made, editor, publication=" Changed ", source_lang="de")) == CHANGED_EN | {
        "korean"
    }
    assert set(listed(client, made, editor, publication="changed", source_lang="en")) == set()
    found = listed(client, made, editor, publication="changed", q="drohnen", target_lang="en")
    assert set(found) == CHANGED_EN

    seen, path = [], "/v1/documents?publication=CHANGED&target_lang=en&limit=2"
    while path:
        page = client.get(path, headers=_bearer(client, editor)).json()
        assert page["total"] == len(CHANGED_EN)
        seen += [item["id"] for item in page["items"]]
        path = page["next"]
        if path:
            assert "publication=changed" in path and "target_lang=en" in path
    assert sorted(seen) == sorted(made[name] for name in CHANGED_EN)

    for word in ("live", "withdrawn", "published,changed"):
        refused = client.get("/v1/documents", params={"publication": word}, headers=_bearer(client, editor))
        assert refused.status_code == 422, (word, refused.text)
        detail = refused.json()["detail"]
        assert f"publication {word!r} is not a publication state" in detail
        assert "use one of published, changed, unpublished" in detail


def test_the_openapi_document_describes_the_filter_and_the_field(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    listing = schema["paths"]["/v1/documents"]["get"]
    (parameter,) = [p for p in listing["parameters"] if p["name"] == "publication"]
    assert "changed" in parameter["description"] and "target_lang" in parameter["description"]
    pattern = re.compile(parameter["schema"]["pattern"])  # the words in any case, blank for any
    assert all(pattern.match(word) for word in ("published", "Changed", "UNPUBLISHED", ""))
    assert not any(pattern.match(word) for word in ("live", "withdrawn"))
    assert "publication state" in listing["responses"]["422"]["description"]
    field = schema["components"]["schemas"]["DocumentSummaryOut"]["properties"]["changed_since_publishing"]
    assert field["type"] == "object" and "changed since it was published" in field["description"]


def _store_rounds(client: TestClient, tenant: str, rounds: int) -> None:
    """``rounds`` times: an article published and corrected since, one published as it reads, one
    never published (newest first)."""
    app: FastAPI = client.app  # type: ignore[assignment]
    made: dict[str, str] = {}
    for n in range(rounds):
        keys = stored_translation(app, made, f"{tenant} {n} corrected", tenant=tenant)
        publish_now(app, made[f"{tenant} {n} corrected"], tenant=tenant)
        correct(app, made[f"{tenant} {n} corrected"], keys[0])
        stored_translation(app, made, f"{tenant} {n} published", tenant=tenant)
        publish_now(app, made[f"{tenant} {n} published"], tenant=tenant)
        stored_translation(app, made, f"{tenant} {n} fresh", tenant=tenant)


@pytest.mark.parametrize("query", ["", "publication=changed", "publication=unpublished&target_lang=en"])
def test_the_lists_read_as_often_for_30_documents_as_for_3_with_publications(
    database_url: str, tiny_marian_dir: Path, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("service.web.pages.PAGE_SIZE", 30)  # every document of the many on one page
    counts: dict[tuple[str, str], int] = {}
    with listing_tenants(database_url, tiny_marian_dir, _store_rounds) as tenants:
        for name, tenant in tenants.items():
            sql_statements(tenant.api, "/v1/documents?limit=100")  # whatever a first request sets up
            counts["api", name], answer = sql_statements(tenant.api, f"/v1/documents?limit=100&{query}")
            items = answer.json()["items"]
            rounds = tenant.rows // 3
            if not query:
                assert len(items) == tenant.rows
                assert [item["changed_since_publishing"] for item in items[:3]] == [{}, {"en": 0}, {"en": 1}]
            else:
                assert len(items) == rounds
                assert [item["changed_since_publishing"] for item in items] == (
                    [{"en": 1}] * rounds if "changed" in query else [{}] * rounds
                )

            sql_statements(tenant.page, "/")
            counts["page", name], answer = sql_statements(tenant.page, f"/?{query}")
            rows = html.fromstring(answer.text).xpath("//ul[@class='items']/li")
            said = [" ".join(row.text_content().split()) for row in rows]
            assert len(said) == (tenant.rows if not query else rounds)
            corrected = [line for line in said if "corrected" in line]
            assert len(corrected) == (0 if "unpublished" in query else rounds)
            assert all(" · EN published · 1 changed since · " in line for line in corrected)
    for interface, most in MOST_STATEMENTS.items():
        assert counts[interface, "few"] == counts[interface, "many"] <= most, counts
