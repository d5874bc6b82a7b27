"""Found by an outside editor's walk of the review pages: "Approve as it is" in the review list sent
nothing of what the editor had read, so a translation changed since the list was loaded (another
editor corrected it, a job translated it again) was approved unread, or refused on a page headed
"Not done" that offered only "Back". Now the list's form sends the translation it showed; one
changed since is not approved (service.review.TranslationChanged, a Conflict), and the page is a
409 headed "This page was out of date" that says which translation changed and what it is now,
beside what the page showed, and links "Open the page afresh" (a GET of the page the form was
on, never the form sent again). The document page's Approve buttons send it too. The API's
approval takes the text read as ``{"text": ...}`` (optional: no body approves as before) and
answers 409. Nothing is stored by a refusal. On SQLite and PostgreSQL; each test failed on the old
code."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from service.storage.tables import SegmentRow, TranslationRow
from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key, table_counts

TITLE = "Neue Regeln für Drohnen"
PLACE = "section 1, paragraph 1, sentence 2"  # the flagged sentence of stored_translation's article


def _rows(app: FastAPI, document_id: str, key: str) -> list[tuple[str, str, str | None]]:
    """The segment's English rows: (origin, text, approved_by), oldest first."""
    with app.state.database.session() as session:
        found = session.execute(
            select(TranslationRow.origin, TranslationRow.text, TranslationRow.approved_by)
            .join(SegmentRow, SegmentRow.id == TranslationRow.segment_id)
            .where(SegmentRow.document_id == document_id, SegmentRow.key == key)
            .order_by(TranslationRow.id)
        ).all()
        return [tuple(row) for row in found]


def translated_again(app: FastAPI, document_id: str, key: str, text: str) -> None:
    """A newer model output of the sentence, as a re-translation job stores it (flagged still)."""
    with app.state.database.session() as session:
        segment = session.scalars(
            select(SegmentRow).where(SegmentRow.document_id == document_id, SegmentRow.key == key)
        ).one()
        old = session.scalars(select(TranslationRow).where(TranslationRow.segment_id == segment.id)).first()
        assert old is not None
        session.add(
            TranslationRow(
                segment_id=segment.id, target_lang="en", text=text, model_id="test-model", model_revision="2",
                engine="test", route="de-en", origin="model", flags=old.flags, confidence=-0.1,
            )
        )  # fmt: skip
        session.commit()


def _approve_form(page: str, key: str) -> tuple[str, dict[str, str]]:
    """The review list's Approve form of the sentence: where it posts, and its fields."""
    forms = html.fromstring(page).xpath(
        f"//form[contains(@action, '/segments/{key}/translations/en/approve')]"
    )
    assert len(forms) == 1, f"one Approve form for {key}"
    fields = dict(zip(forms[0].xpath(".//input/@name"), forms[0].xpath(".//input/@value"), strict=True))
    return str(forms[0].get("action")), fields


def _words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _out_of_date(page: str) -> tuple[str, str, list[str], dict[str, str]]:
    """The page's heading, its alert, the texts it quotes (what the page showed, what is stored
    now), and its links in the main part by their words."""
    tree = html.fromstring(page)
    main = tree.xpath("//main")[0]
    links = {_words(a): str(a.get("href")) for a in main.xpath(".//a")}
    quoted = [_words(q) for q in main.xpath(".//blockquote")]
    return _words(main.xpath(".//h1")[0]), _words(main.xpath(".//*[@role='alert']")[0]), quoted, links


def test_approve_in_the_review_list_sends_the_text_shown_and_a_changed_one_is_not_approved(
    app: FastAPI,
) -> None:
    with TestClient(app) as client:
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]  # flagged: in the review list
        anna = browser_as(app, "editor")
        listed = anna.get("/review")
        action, fields = _approve_form(listed.text, key)
        assert fields["shown"] == "English sentence 3.", "the form sends the translation the list shows"

        # Ben corrects it meanwhile (through the API), then Anna approves from her list.
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor', name='Ben Ode')}"
        url = f"/v1/documents/{document_id}/segments/{key}/translations/en"
        assert client.put(url, json={"text": "Ben's English sentence."}).status_code == 200
        before = table_counts(app)
        refused = anna.post(action, data=fields)
        assert refused.status_code == 409, refused.text[:300]
        heading, alert, quoted, links = _out_of_date(refused.text)
        assert heading == "This page was out of date"
        assert alert == (
            f"The English translation of {PLACE} in “{TITLE}” changed after this page was loaded, so nothing "
            "was approved."
        )
        assert quoted == ["English sentence 3.", "Ben's English sentence."], (
            "what the page showed, what is now"
        )
        said = _words(html.fromstring(refused.text).xpath("//main")[0])
        assert "Corrected by Ben Ode" in said, said
        # Opened again with GET: the list the form was on (and the sentence on the document page).
        assert links["Open the page afresh"] == "/review", links
        assert links["Open the sentence on the document page"].startswith(f"/documents/{document_id}?")
        assert anna.get(links["Open the page afresh"]).status_code == 200
        assert table_counts(app) == before, "nothing stored"
        assert _rows(app, document_id, key) == [
            ("model", "English sentence 3.", None), ("human", "Ben's English sentence.", None)
        ]  # fmt: skip


def test_a_translation_made_again_since_the_list_was_loaded_is_not_approved(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]
        anna = browser_as(app, "editor")
        action, fields = _approve_form(anna.get("/review?lang=en").text, key)
        translated_again(app, document_id, key, "A newer English sentence.")  # flagged: still to review

        refused = anna.post(action, data=fields)
        assert refused.status_code == 409, refused.text[:300]
        heading, alert, quoted, links = _out_of_date(refused.text)
        assert heading == "This page was out of date" and "nothing was approved" in alert
        assert quoted == ["English sentence 3.", "A newer English sentence."]
        assert links["Open the page afresh"] == "/review?lang=en"
        assert [row[2] for row in _rows(app, document_id, key)] == [None, None], "neither was approved"

        # Afresh, the list shows the new text, and approving it approves the new one alone.
        listed = anna.get(links["Open the page afresh"])
        action, fields = _approve_form(listed.text, key)
        assert fields["shown"] == "A newer English sentence."
        approved = anna.post(action, data=fields)
        assert approved.status_code == 303, approved.text[:300]
        assert dict(parse_qsl(urlsplit(approved.headers["location"]).query))["done"] == "approved"
        assert [row[2] for row in _rows(app, document_id, key)] == [None, "Editor"]


def test_a_line_break_sent_by_a_form_as_cr_lf_is_the_text_shown(app: FastAPI) -> None:
    """A browser sends a line break in a form's field as CR LF: a translation with one inside is
    still the text shown, and approved."""
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]
        translated_again(app, document_id, key, "Two lines:\nthe second.")
        anna = browser_as(app, "editor")
        action, fields = _approve_form(anna.get("/review").text, key)
        approved = anna.post(action, data={**fields, "shown": fields["shown"].replace("\n", "\r\n")})
        assert approved.status_code == 303, approved.text[:300]
        assert _rows(app, document_id, key)[-1] == ("model", "Two lines:\nthe second.", "Editor")


def test_the_document_pages_approve_sends_the_text_shown_and_goes_back_to_the_sentence(app: FastAPI) -> None:
    with TestClient(app) as client:
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]
        anna = browser_as(app, "editor")
        page = anna.get(f"/documents/{document_id}?lang=en")
        tree = html.fromstring(page.text)
        form = tree.xpath(f"//textarea[@id='fix-{key}-en']/ancestor::form[1]")[0]
        fields = dict(zip(form.xpath(".//input/@name"), form.xpath(".//input/@value"), strict=True))
        assert fields["shown"] == "English sentence 3."
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor', name='Ben Ode')}"
        url = f"/v1/documents/{document_id}/segments/{key}/translations/en"
        assert client.put(url, json={"text": "Ben's English sentence."}).status_code == 200

        approve = f"/documents/{document_id}/segments/{key}/translations/en/approve"
        before = table_counts(app)
        refused = anna.post(approve, data={**fields, "text": "English sentence 3.\r\n"})  # the box as it was
        assert refused.status_code == 409, refused.text[:300]
        heading, _, quoted, links = _out_of_date(refused.text)
        assert heading == "This page was out of date"
        assert quoted == ["English sentence 3.", "Ben's English sentence."]
        afresh = links["Open the page afresh"]
        assert afresh == f"/documents/{document_id}?lang=en&segment={key}#row-{key}", links
        assert "Open the sentence on the document page" not in links  # it is the page
        assert anna.get(afresh.split("#")[0]).status_code == 200
        assert table_counts(app) == before

        # Typed over the box meanwhile: the typed text is kept (422, the form again), as before.
        typed = anna.post(approve, data={**fields, "text": "My own sentence."})
        assert typed.status_code == 422
        assert html.fromstring(typed.text).xpath(f"//textarea[@id='fix-{key}-en']")[0].text_content() == (
            "My own sentence."
        )
        assert table_counts(app) == before


def test_the_api_approves_only_the_text_read_where_it_is_sent(app: FastAPI) -> None:
    with TestClient(app) as client:
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]
        editor = {"Authorization": f"Bearer {new_key(app, 'desk', role='editor', name='Lena')}"}
        approve = f"/v1/documents/{document_id}/segments/{key}/translations/en/approve"
        translated_again(app, document_id, key, "A newer English sentence.")
        before = table_counts(app)

        refused = client.post(approve, json={"text": "English sentence 3."}, headers=editor)
        assert refused.status_code == 409, refused.text
        detail = refused.json()["detail"]
        assert detail.startswith(
            f"the en translation of {PLACE} ({key}) is not the text you were shown: it is now a machine "
            "translation made "
        ), detail
        assert detail.endswith(
            ', "A newer English sentence.", so nothing was approved; read it as it is now, and approve '
            "that if it is right"
        ), detail  # the text it is now, which a newcomer's 409 did not show
        assert table_counts(app) == before and [row[2] for row in _rows(app, document_id, key)] == [
            None,
            None,
        ]

        approved = client.post(approve, json={"text": "A newer English sentence."}, headers=editor)
        assert approved.status_code == 200, approved.text
        assert approved.json()["translation"]["approved_by"] == "Lena"
        assert [row[2] for row in _rows(app, document_id, key)] == [None, "Lena"]
        # Without the text, as before: the translation stored is approved (here: approved already).
        assert client.post(approve, headers=editor).status_code == 200

        # A correction made since the text was read: 409 too, saying whose it is now.
        other = keys[0]
        url = f"/v1/documents/{document_id}/segments/{other}/translations/en"
        assert client.put(url, json={"text": "The title, corrected."}, headers=editor).status_code == 200
        again = client.post(
            f"/v1/documents/{document_id}/segments/{other}/translations/en/approve",
            json={"text": "English sentence 1."},
            headers=editor,
        )
        assert again.status_code == 409, again.text
        assert "it is now a correction by Lena (" in again.json()["detail"]
