"""An editor's typed work on the document page is never silently thrown away, and a correction that
changes nothing is not stored (found by an outside page walk):

- typing in a correction box and then pressing the Approve button under it approved the machine
  text and dropped what was typed; the Approve button now belongs to the box's form (``form=``,
  ``formaction=``) so the text comes with it, and a changed text is not approved: the page comes
  again, the typed text in the box, saying what to do;
- "Save correction" without an edit stored a "correction" equal to the machine text (the sentence
  "corrected by …", a publication "changed since publishing"); now nothing is stored, and the
  editor is sent back to the sentence's row, which says nothing changed (an error page before: a
  later outside walk found no error in sending a translation unchanged).

Each test runs on SQLite and PostgreSQL and failed on the old code."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from service.storage.tables import SegmentRow, TranslationRow
from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_desk_pages import browser_as

NOT_APPROVED = (
    "You changed the text: save your correction, or undo your change to approve the translation as it is."
)


def unchanged(place: str) -> str:
    """What the sentence's row says after a correction sent as the translation reads."""
    return (
        f"Nothing changed: your text is the English translation of {place} as it reads now, so nothing "
        "was saved."
    )


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


def _box(
    page: str, document_id: str, key: str, approvable: bool = True
) -> tuple[html.HtmlElement, dict[str, str], str]:
    """The correction box's form of the segment's English translation, its hidden fields, and
    where its Approve button (``approvable``: there must be one) sends it."""
    approve = f"/documents/{document_id}/segments/{key}/translations/en/approve"
    tree = html.fromstring(page)
    forms = tree.xpath(f"//textarea[@id='fix-{key}-en']/ancestor::form[1]")
    assert forms, f"a correction form for {key}"
    form = forms[0]
    buttons = tree.xpath(f"//button[@form='{form.get('id')}'][@formaction='{approve}']")
    assert buttons or not approvable, "the Approve button is in the box's form: the typed text comes with it"
    fields = dict(zip(form.xpath(".//input/@name"), form.xpath(".//input/@value"), strict=True))
    return form, fields, approve


def test_approving_after_typing_a_correction_approves_nothing_and_keeps_the_text(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]  # flagged: it has an Approve button
        editor = browser_as(app, "editor")
        page = editor.get(f"/documents/{document_id}?lang=en")
        assert page.status_code == 200
        _, fields, approve = _box(page.text, document_id, key)
        typed = "My own English sentence, typed in the box."

        refused = editor.post(approve, data={**fields, "text": typed})
        assert refused.status_code == 422, refused.text[:300]
        tree = html.fromstring(refused.text)
        box = tree.xpath(f"//textarea[@id='fix-{key}-en']")[0]
        assert box.text_content() == typed, "what was typed is kept in the box"
        assert box.xpath("ancestor::details[1]/@open"), "its box is open"
        assert box.get("aria-invalid") == "true"
        said = " ".join(tree.xpath("string(//p[@class='error'])").split()).removeprefix("Error: ")
        assert said == NOT_APPROVED
        assert "Not approved" in tree.xpath("string(//*[@role='alert']//h2)")
        assert [r[2] for r in _rows(app, document_id, key)] == [None], "nothing was approved"

        # The box's text as it was (a stray newline aside): approved, as before.
        machine = _rows(app, document_id, key)[0][1]
        approved = editor.post(approve, data={**fields, "text": machine + "\n"})
        assert approved.status_code == 303, approved.text[:300]
        assert _rows(app, document_id, key) == [("model", machine, "Editor")]


def test_saving_a_correction_without_an_edit_stores_nothing_and_says_so(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[0]
        editor = browser_as(app, "editor")
        page = editor.get(f"/documents/{document_id}?lang=en").text
        form, fields, _ = _box(page, document_id, key, approvable=False)
        machine = _rows(app, document_id, key)[0][1]

        saved = editor.post(str(form.get("action")), data={**fields, "text": f" {machine}\r\n"})
        assert saved.status_code == 303, saved.text[:300]
        to = saved.headers["location"]
        assert to.startswith(f"/documents/{document_id}?") and to.endswith(f"#row-{key}"), to
        landed = editor.get(to.split("#")[0])
        assert landed.status_code == 200
        tree = html.fromstring(landed.text)
        said = [" ".join(e.text_content().split()) for e in tree.xpath("//main//*[@role='status']")]
        # the article's first sentence is its title; a machine translation may be approved instead
        assert said == [unchanged("the title") + " Approve it if it is right."], said
        assert not tree.xpath("//*[@role='alert']"), "no error: nothing was wrong"
        assert _rows(app, document_id, key) == [("model", machine, None)], "no correction stored"
        assert "corrected by" not in landed.text

        # A real edit is still saved.
        changed = editor.post(str(form.get("action")), data={**fields, "text": "A better English sentence."})
        assert changed.status_code == 303, changed.text[:300]
        assert _rows(app, document_id, key)[-1][:2] == ("human", "A better English sentence.")
        # The correction sent again unchanged: no approving hint (a correction is no model output to
        # approve; found by an outside walk)
        page = editor.get(f"/documents/{document_id}?lang=en").text
        form, fields, _ = _box(page, document_id, key, approvable=False)
        again = editor.post(str(form.get("action")), data={**fields, "text": "A better English sentence."})
        assert again.status_code == 303, again.text[:300]
        said = html.fromstring(editor.get(again.headers["location"].split("#")[0]).text).xpath(
            "//main//*[@role='status']"
        )
        # a correction is no model output to approve: no hint (found by an outside walk)
        assert [" ".join(e.text_content().split()) for e in said] == [unchanged("the title")]
        assert _rows(app, document_id, key)[-1][:2] == ("human", "A better English sentence.")
        assert len(_rows(app, document_id, key)) == 2, "the correction sent again is not stored again"
