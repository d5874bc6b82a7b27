"""Found by an outside walk of the pages: approving a translation that was approved already (in
another tab, by another editor) said "Approved" again, and stored the second editor's name and
time over the first approval. Now nothing new is stored, and the page says it was approved
already, by whom and when (the approval stored): on the document page, in the review list, and
the API answers with the stored approval. Each test failed on the old code."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from service.segment_places import place_of
from service.storage.tables import SegmentRow, TranslationRow, as_utc
from tests.service.api.test_publishing import stored_translation
from tests.support import form_token, new_key, sign_in


def _editor(app: FastAPI, name: str) -> TestClient:
    browser = TestClient(app, follow_redirects=False)
    assert sign_in(browser, new_key(app, "desk", role="editor", name=name)).status_code == 303
    return browser


def _approval(app: FastAPI, document_id: str, key: str) -> tuple[str | None, object]:
    with app.state.database.session() as session:
        row = session.execute(
            select(TranslationRow.approved_by, TranslationRow.approved_at)
            .join(SegmentRow, SegmentRow.id == TranslationRow.segment_id)
            .where(SegmentRow.document_id == document_id, SegmentRow.key == key)
        ).one()
        return row.approved_by, row.approved_at


def _said(page: str) -> list[str]:
    return [
        " ".join(e.text_content().split()) for e in html.fromstring(page).xpath("//main//*[@role='status']")
    ]


def test_approving_a_translation_approved_already_keeps_the_first_approval_and_says_so(app: FastAPI) -> None:
    with TestClient(app) as client:
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]  # flagged: it has an Approve button
        anna, ben = _editor(app, "Anna Berg"), _editor(app, "Ben Ode")
        approve = f"/documents/{document_id}/segments/{key}/translations/en/approve"
        page = f"/documents/{document_id}"
        anna_token, ben_token = form_token(anna.get(page).text), form_token(ben.get(page).text)

        first = anna.post(approve, data={"csrf": anna_token, "back_query": ""})
        assert first.status_code == 303
        assert dict(parse_qsl(urlsplit(first.headers["location"]).query))["done"] == "approved"
        stored = _approval(app, document_id, key)
        assert stored[0] == "Anna Berg"
        place = place_of(key)
        when = f"{as_utc(stored[1]):%Y-%m-%d at %H:%M} UTC"  # type: ignore[arg-type]
        already = (
            f"The English translation of {place} was already approved, by Anna Berg on {when}: "
            "nothing was changed."
        )

        # Ben's page was opened before Anna approved: his Approve finds her approval.
        again = ben.post(approve, data={"csrf": ben_token, "back_query": ""})
        assert again.status_code == 303
        landed = ben.get(again.headers["location"].split("#")[0])
        assert landed.status_code == 200
        assert _said(landed.text)[0].startswith(already), _said(landed.text)
        assert "Approved the English" not in landed.text
        assert _approval(app, document_id, key) == stored, "nothing new was stored"

        # From the review list: said there, with the document's title.
        listed = ben.post(approve, data={"csrf": ben_token, "back": "review", "back_at": "1"})
        assert listed.status_code == 303
        review = ben.get(listed.headers["location"].split("#")[0])
        title = "Neue Regeln für Drohnen"
        assert (
            f"The English translation of {place} in “{title}” was already approved, by Anna Berg"
            in " ".join(_said(review.text))
        ), _said(review.text)
        assert _approval(app, document_id, key) == stored

        # The API answers with the approval stored, and stores nothing new either.
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor', name='Cleo')}"
        answer = client.post(f"/v1{approve}")
        assert answer.status_code == 200 and answer.json()["translation"]["approved_by"] == "Anna Berg"
        assert _approval(app, document_id, key) == stored
