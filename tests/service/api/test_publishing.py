"""Publishing a document's translation into one language through the real API, on SQLite and
PostgreSQL: refused while translations need review or are missing unless forced (and the force is
recorded), changed since publishing after a correction, published again, withdrawn; a reader key
is refused and another tenant's document is answered like a missing one."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.parse import parse_article
from service.storage.tables import SegmentRow, TranslationRow
from tests.support import new_key, table_counts

ARTICLE = """Neue Regeln für Drohnen

Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab 2027.
"""
FLAG = {"check": "numbers", "severity": "major", "detail": "2027 in the source, not in the translation"}


def bearer(client: TestClient, tenant: str, role: str, name: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {new_key(client.app, tenant, role=role, name=name)}"}  # type: ignore[arg-type]


def stored_translation(app: FastAPI, tenant: str = "tests", missing: int = 0) -> tuple[str, list[str]]:
    """The article stored for ``tenant`` with an English translation of each translatable segment
    but the last ``missing``, as a model would leave it: confident, the last one flagged (its
    number missed). Returns the document's id and the translated segments' keys."""
    from service.ingest import store_article

    with app.state.database.session() as session:
        document = store_article(session, ARTICLE, parse_article(ARTICLE), tenant=tenant)
        segments = session.scalars(
            select(SegmentRow)
            .where(SegmentRow.document_id == document.id, SegmentRow.translatable.is_(True))
            .order_by(SegmentRow.order)
        ).all()
        translated = segments[: len(segments) - missing]
        for number, segment in enumerate(translated, start=1):
            session.add(
                TranslationRow(
                    segment_id=segment.id, target_lang="en", text=f"English sentence {number}.",
                    model_id="test-model", model_revision="1", engine="test", route="de-en", origin="model",
                    flags=[FLAG] if number == len(translated) else [], confidence=-0.1,
                )
            )  # fmt: skip
        session.commit()
        return document.id, [s.key for s in translated]


def publish_url(document_id: str, lang: str = "en") -> str:
    return f"/v1/documents/{document_id}/translations/{lang}/publish"


def publication_rows(client: TestClient) -> int:
    return table_counts(client.app)["publications"]  # type: ignore[arg-type]


def read(client: TestClient, document_id: str, headers: dict[str, str]) -> dict[str, Any]:
    answer = client.get(f"/v1/documents/{document_id}", headers=headers)
    assert answer.status_code == 200, answer.text
    document: dict[str, Any] = answer.json()
    return document


def test_publishing_is_refused_while_a_translation_needs_review_and_a_forced_one_is_recorded(
    client: TestClient,
) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, _ = stored_translation(client.app)  # type: ignore[arg-type]
    assert read(client, document_id, editor)["publications"] == {}

    before = table_counts(client.app)  # type: ignore[arg-type]
    refused = client.post(publish_url(document_id), headers=editor)
    assert refused.status_code == 409, refused.text
    detail = refused.json()["detail"]
    assert "1 translation still needs review (1 flagged)" in detail
    assert f"GET /v1/review?document={document_id}&lang=en" in detail
    assert f"/review?document={document_id}&lang=en" in detail and '{"force": true}' in detail
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    # the same refusal with an explicit body that does not force
    assert client.post(publish_url(document_id), json={"force": False}, headers=editor).status_code == 409
    assert client.post(publish_url(document_id), json={"force": "yes"}, headers=editor).status_code == 422

    forced = client.post(publish_url(document_id), json={"force": True}, headers=editor)
    assert forced.status_code == 200, forced.text
    body = forced.json()
    assert body["published"] is True and body["published_by"] == "Lena" and body["lang"] == "en"
    assert body["forced"] is True and body["needed_review"] == 1 and body["untranslated"] == 0
    assert body["changed"] == 0 and body["withdrawn_at"] is None and body["document_id"] == document_id

    shown = read(client, document_id, editor)
    assert shown["publications"]["en"] == {k: v for k, v in body.items() if k not in ("document_id", "links")}
    assert shown["review"]["en"]["flagged"] == 1  # publishing changes no translation's review status
    paged = client.get(f"/v1/documents/{document_id}", params={"limit": 1}, headers=editor).json()
    assert paged["publications"] == shown["publications"]  # the whole document's, on every page
    exported = client.get(f"/v1/documents/{document_id}/export", params={"format": "json"}, headers=editor)
    assert exported.json()["publications"] == shown["publications"]


def test_a_reviewed_translation_is_published_changes_since_are_counted_and_it_is_withdrawn(
    client: TestClient,
) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    chief = bearer(client, "tests", "admin", name="Chief")
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    segment_url = f"/v1/documents/{document_id}/segments/{keys[-1]}/translations/en"
    assert client.post(f"{segment_url}/approve", headers=editor).status_code == 200

    published = client.post(publish_url(document_id), headers=editor)
    assert published.status_code == 200, published.text
    first = published.json()
    assert first["forced"] is False and first["needed_review"] == 0 and first["changed"] == 0
    listed = client.get("/v1/documents", headers=editor).json()["items"]
    assert [item["published"] for item in listed if item["id"] == document_id] == [["en"]]
    again = client.post(publish_url(document_id), headers=chief).json()
    assert again == first and publication_rows(client) == 1  # unchanged: nothing new recorded

    corrected = client.put(f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en",
                           json={"text": "The new drone rules."}, headers=editor)  # fmt: skip
    assert corrected.status_code == 200, corrected.text
    changed = read(client, document_id, editor)["publications"]["en"]
    assert changed["published"] is True and changed["changed"] == 1 and changed["first_changed"] == keys[0]
    assert changed["published_at"] == first["published_at"]

    republished = client.post(publish_url(document_id), headers=chief).json()
    assert republished["published_by"] == "Chief" and republished["changed"] == 0
    assert republished["published_at"] > first["published_at"] and publication_rows(client) == 2

    withdrawn = client.delete(publish_url(document_id), headers=editor)
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["published"] is False and withdrawn.json()["withdrawn_by"] == "Lena"
    assert withdrawn.json()["published_by"] == "Chief"
    assert read(client, document_id, editor)["publications"]["en"] == {
        k: v for k, v in withdrawn.json().items() if k not in ("document_id", "links")
    }
    assert client.delete(publish_url(document_id), headers=chief).json() == withdrawn.json()  # as it was
    listed = client.get("/v1/documents", headers=editor).json()["items"]
    assert [item["published"] for item in listed if item["id"] == document_id] == [[]]


def test_missing_translations_are_refused_unless_forced(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor")
    document_id, _ = stored_translation(client.app, missing=1)  # type: ignore[arg-type]
    refused = client.post(publish_url(document_id), headers=editor)
    assert refused.status_code == 409
    left = "1 translation still needs review (1 flagged) and 1 sentence not translated yet"
    assert left in refused.json()["detail"]
    forced = client.post(publish_url(document_id), json={"force": True}, headers=editor).json()
    assert forced["untranslated"] == 1 and forced["forced"] is True


def test_readers_are_refused_other_tenants_see_no_document_and_odd_languages_are_said(
    client: TestClient,
) -> None:
    editor = bearer(client, "tests", "editor")
    reader = bearer(client, "tests", "reader")
    other = bearer(client, "others", "editor")
    document_id, _ = stored_translation(client.app)  # type: ignore[arg-type]
    before = table_counts(client.app)  # type: ignore[arg-type]
    for method in ("POST", "DELETE"):
        refused = client.request(method, publish_url(document_id), headers=reader)
        assert refused.status_code == 403 and "role is reader" in refused.json()["detail"], refused.text
        elsewhere = client.request(method, publish_url(document_id), headers=other)
        missing = client.request(method, publish_url("no-such-document"), headers=other)
        assert elsewhere.status_code == missing.status_code == 404
        said = f"no document {document_id}; list documents with GET /v1/documents"
        assert elsewhere.json() == {"detail": said}
    forced = client.post(publish_url(document_id), json={"force": True}, headers=other)
    assert forced.status_code == 404
    assert table_counts(client.app) == before  # type: ignore[arg-type]

    assert client.post(publish_url(document_id), json={"force": True}, headers=editor).status_code == 200
    assert client.delete(publish_url(document_id), headers=other).status_code == 404
    assert read(client, document_id, reader)["publications"]["en"]["published"] is True  # readers see it
    assert client.get(f"/v1/documents/{document_id}", headers=other).status_code == 404

    never = client.delete(publish_url(document_id, "ko"), headers=editor)
    assert never.status_code == 404 and "never published" in never.json()["detail"]
    untranslated = client.post(publish_url(document_id, "ko"), headers=editor)
    assert untranslated.status_code == 404 and "no ko translation to publish" in untranslated.json()["detail"]
    source = client.post(publish_url(document_id, "de"), headers=editor)
    assert source.status_code == 422 and "is the source" in source.json()["detail"]


def test_a_language_no_model_has_is_refused_as_everywhere_else(client: TestClient) -> None:
    """Found by an outside attack: "fr" answered 404 "submit the article with targets ['fr']
    first", an advice that cannot be followed; every other route answers 422."""
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    editor = bearer(client, "tests", "editor")
    base = f"/v1/documents/{document_id}"
    for method, path in (
        ("POST", f"{base}/translations/fr/publish"),
        ("DELETE", f"{base}/translations/fr/publish"),
        ("POST", f"{base}/segments/{keys[0]}/translations/fr/approve"),
    ):
        response = client.request(method, path, headers=editor)
        assert response.status_code == 422, (method, path, response.text)
        assert "fr" in response.json()["detail"] and "targets" not in response.json()["detail"]
    assert (
        client.post(f"{base}/translations/en/publish", headers=editor, json={"force": True}).status_code
        == 200
    )


def test_editors_publishing_at_the_same_moment_store_one_publication(client: TestClient) -> None:
    """Found by an outside attack: twelve parallel publishes stored four publications."""
    import threading

    from service.api_keys import Principal
    from service.publishing import publish
    from service.storage.tables import PublicationRow

    app: FastAPI = client.app  # type: ignore[assignment]
    document_id, _ = stored_translation(app)
    editors = 8
    start = threading.Barrier(editors)
    answers: list[str] = []
    failures: list[BaseException] = []

    def editor(number: int) -> None:
        try:
            with app.state.database.session() as session:
                start.wait(timeout=60)
                principal = Principal("tests", role="editor", author=f"editor {number}")
                answers.append(publish(session, principal, document_id, "en", force=True).published_by)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=editor, args=(n,)) for n in range(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    with app.state.database.session() as session:
        rows = session.scalars(select(PublicationRow).where(PublicationRow.document_id == document_id)).all()
    assert len(rows) == 1, [(r.number, r.published_by) for r in rows]
    assert answers == [rows[0].published_by] * editors  # each request answers with the one stored


def stored_under_way(client: TestClient, job_id: str, state: str, lang: str) -> tuple[str, str]:
    """The article stored with no translation and a job ``job_id`` in ``state`` making ``lang``: its
    id and its first translatable segment's key."""
    from service.ingest import store_article
    from service.storage.tables import Job

    app: FastAPI = client.app  # type: ignore[assignment]
    with app.state.database.session() as session:
        document = store_article(session, ARTICLE, parse_article(ARTICLE), tenant="tests")
        session.add(Job(id=job_id, tenant="tests", document_id=document.id, state=state, source_lang="de",
                        targets=[lang], request_hash="x"))  # fmt: skip
        session.commit()
        return document.id, next(s.key for s in document.segments if s.translatable)


def test_a_translation_still_being_made_is_said_so(client: TestClient) -> None:
    """Found by an outside attack: publishing right after submitting answered 404 "submit the
    article with targets ['en'] first", which it just was."""
    document_id, _ = stored_under_way(client, "job-under-way", "running", "en")
    response = client.post(f"/v1/documents/{document_id}/translations/en/publish",
                           headers=bearer(client, "tests", "editor"), json={"force": True})  # fmt: skip
    assert response.status_code == 409, response.text
    assert "still being made (job job-under-way is running)" in response.json()["detail"]
    # a language no job makes is still missing
    response = client.post(f"/v1/documents/{document_id}/translations/ko/publish",
                           headers=bearer(client, "tests", "editor"), json={"force": True})  # fmt: skip
    assert response.status_code == 404, response.text


def test_editors_withdrawing_at_the_same_moment_are_each_told_the_one_stored_withdrawal(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by an outside attack: of 6 simultaneous withdrawals, several were told a withdrawer and
    time other than the ones stored (each overwrote the one before). The first withdrawal stands
    and every request answers with it. The clock is slowed, so that the requests are under way
    together between reading the publication and withdrawing it."""
    import datetime as dt
    import time
    from concurrent.futures import ThreadPoolExecutor

    from service import publishing
    from service.storage.tables import PublicationRow, as_utc

    app: FastAPI = client.app  # type: ignore[assignment]
    document_id, _ = stored_translation(app)
    chief = bearer(client, "tests", "editor", name="Chief")
    assert client.post(publish_url(document_id), headers=chief, json={"force": True}).status_code == 200
    editors = [bearer(client, "tests", "editor", name=f"Editor {n}") for n in range(6)]
    clock = publishing.utcnow

    def slow_clock() -> Any:
        time.sleep(0.3)
        return clock()

    monkeypatch.setattr(publishing, "utcnow", slow_clock)
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda who: client.delete(publish_url(document_id), headers=who), editors))
    assert all(answer.status_code == 200 for answer in answers), [answer.text for answer in answers]
    with app.state.database.session() as session:
        row = session.scalars(select(PublicationRow).where(PublicationRow.document_id == document_id)).one()
    assert row.withdrawn_by is not None and row.withdrawn_at is not None
    told = {(answer.json()["withdrawn_by"], answer.json()["withdrawn_at"]) for answer in answers}
    assert len(told) == 1, told
    withdrawn_by, withdrawn_at = told.pop()
    assert withdrawn_by == row.withdrawn_by
    assert dt.datetime.fromisoformat(withdrawn_at.replace("Z", "+00:00")) == as_utc(row.withdrawn_at)
    assert all(answer.json()["published"] is False for answer in answers)


def test_a_correction_of_a_translation_still_being_made_is_said_so(client: TestClient) -> None:
    """Found by an outside tester: a correction sent while the job making its language ran answered
    422 "has no ko translation to correct; submit the article with targets ['ko'] first", which it
    just was. Said as publishing says it (409, the job and when it ends); a language no job makes
    is still "submit the article first"."""
    document_id, key = stored_under_way(client, "job-making-ko", "queued", "ko")
    editor = bearer(client, "tests", "editor")
    url = f"/v1/documents/{document_id}/segments/{key}/translations"
    response = client.put(f"{url}/ko", headers=editor, json={"text": "새 규칙"})
    assert response.status_code == 409, response.text
    assert "still being made (job job-making-ko is queued)" in response.json()["detail"]
    assert "correct it once the job has finished" in response.json()["detail"]
    response = client.put(f"{url}/en", headers=editor, json={"text": "New rules"})
    assert response.status_code == 422 and "submit the article with targets ['en'] first" in response.text


def test_an_approval_of_a_translation_not_there_is_said_as_a_corrections_is(client: TestClient) -> None:
    """Found by an outside tester: approving a translation that is not there was a 404 "before the
    text, item 1 (f01) has no ko translation to approve", a correction of it a 422 "submit the
    article with targets ['ko'] first": now both say it alike (a 409 while a job makes it)."""
    document_id, key = stored_under_way(client, "job-making-ko", "running", "ko")
    editor = bearer(client, "tests", "editor")
    url = f"/v1/documents/{document_id}/segments/{key}/translations"
    making = client.post(f"{url}/ko/approve", headers=editor)
    assert making.status_code == 409, making.text
    assert "still being made (job job-making-ko is running); approve it once" in making.json()["detail"]
    never = client.post(f"{url}/en/approve", headers=editor)
    assert never.status_code == 422, never.text
    assert never.json()["detail"].endswith(
        "has no en translation to approve; submit the article with targets ['en'] first"
    )
    own = client.post(f"{url}/de/approve", headers=editor)
    assert own.status_code == 422 and "its de text is the source, not a translation" in own.text, own.text
