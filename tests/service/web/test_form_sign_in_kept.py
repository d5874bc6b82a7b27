"""Found by an outside walk of the pages in Chromium: a correction sent with an out-of-date form
token, or after the editor's key was revoked while the page was open, lost the text the editor had
typed; after signing in again the editor landed on the form's POST address (a 405), not on the
sentence; and the 403 page of an out-of-date form named no one, though the editor was signed in.

Now the answer shows the typed text back, read only and escaped, to copy ("Your text, not saved");
signing in again leads to the form's page (the sentence, its correction box open), never to a
POST address; and every error page names who is signed in. Each test failed on the old code."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_desk_pages import browser_as
from tests.service.web.test_sign_in_state import _revoke
from tests.service.web.test_typed_work_kept import _box, _rows
from tests.support import form_token, new_key, sign_in

# Typed by the editor: markup and an ampersand, which the page must show as text, never as HTML.
TYPED = "<script>alert('typed')</script> The <b>city</b> council & the mayor agreed."
SIGN_IN_AGAIN = "Your text, not saved: copy it before you sign in again"
RELOAD = "Your text, not saved: copy it before you go back to the page"


def _words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _kept(page: str, label: str) -> str:
    """The text the page shows back to copy: a read-only box outside every form, its label
    ``label``; the page runs no script of the typed text."""
    tree = html.fromstring(page)
    [box] = tree.xpath("//main//textarea[@readonly]")
    assert not box.xpath("ancestor::form") and box.get("name") is None, "never sent again"
    [named] = tree.xpath(f"//label[@for='{box.get('id')}']")
    assert _words(named) == label
    assert not tree.xpath("//script") and "<script>alert" not in page and "<b>city" not in page
    return str(box.text_content())


def _sentence(address: str, document_id: str, key: str) -> None:
    """``address`` is the document page at the sentence ``key``, its English correction box open."""
    parts = urlsplit(address)
    assert parts.path == f"/documents/{document_id}", address
    assert dict(parse_qsl(parts.query)) == {"lang": "en", "segment": key, "correct": "en"}, address
    assert parts.fragment == f"row-{key}", address


def test_a_correction_sent_after_the_key_was_revoked_keeps_the_text_and_signs_in_back_to_it(
    app: FastAPI,
) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[0]
        editor = browser_as(app, "editor")
        form, fields, _ = _box(editor.get(f"/documents/{document_id}?lang=en").text, document_id, key, False)
        action = str(form.get("action"))
        _revoke(app, "desk")  # while the page is open

        answer = editor.post(action, data={**fields, "text": TYPED})
        assert answer.status_code == 401, (answer.status_code, answer.text[:300])
        assert _kept(answer.text, SIGN_IN_AGAIN) == TYPED
        tree = html.fromstring(answer.text)
        [notice] = tree.xpath("//main//*[@id='notice']")
        assert _words(notice).startswith("Nothing was saved. Your key “Editor” was revoked on "), _words(
            notice
        )
        assert [row[0] for row in _rows(app, document_id, key)] == ["model"], "nothing was stored"

        # The sign-in form on this page leads back to the sentence, not to the form's POST address.
        [next_page] = tree.xpath("//form[@action='/login']//input[@name='next']/@value")
        _sentence(next_page, document_id, key)
        again = new_key(app, "desk", role="editor", name="Dana Editor")
        signed_in = editor.post(
            "/login", data={"key": again, "next": next_page, "csrf": form_token(answer.text)}
        )
        assert signed_in.status_code == 303 and signed_in.headers["location"] == next_page
        page = editor.get(next_page.split("#")[0])
        assert page.status_code == 200
        box = html.fromstring(page.text).xpath(f"//textarea[@id='fix-{key}-en']")[0]
        assert box.xpath("ancestor::details[1]/@open"), "its correction box is open, to paste the text in"


def test_an_out_of_date_form_keeps_the_text_and_names_who_is_signed_in(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[0]
        editor = browser_as(app, "editor")
        form, fields, _ = _box(editor.get(f"/documents/{document_id}?lang=en").text, document_id, key, False)
        # In another tab, the editor signed in again: the open page's form token is out of date.
        assert sign_in(editor, new_key(app, "desk", role="editor", name="Dana Editor")).status_code == 303

        answer = editor.post(str(form.get("action")), data={**fields, "text": TYPED})
        assert answer.status_code == 403
        assert _kept(answer.text, RELOAD) == TYPED
        tree = html.fromstring(answer.text)
        assert "Signed in as Dana Editor (editor, tenant desk)" in _words(tree.xpath("//header//nav")[0])
        alert = _words(tree.xpath("//main//*[@role='alert']")[0])
        assert alert.startswith("This form is out of date"), alert
        _sentence(tree.xpath("//main//a[normalize-space()='Go back to the page']/@href")[0], document_id, key)
        assert [row[0] for row in _rows(app, document_id, key)] == ["model"], "nothing was stored"

        # Every error page names who is signed in: an unknown address, a stale sign-out form.
        for refused in (editor.get("/no/such/page"), editor.post("/logout", data={"csrf": "stale"})):
            assert refused.status_code in (403, 404)
            header = _words(html.fromstring(refused.text).xpath("//header//nav")[0])
            assert "Signed in as Dana Editor (editor, tenant desk)" in header, header


def test_signing_in_never_leads_to_a_forms_post_address(app: FastAPI) -> None:
    """A form sent without a sign-in (its cookie gone) is the sign-in page, leading back to the
    form's page; a link to the sign-in page from before (``next=`` a POST address) leads to the
    page the form is on; a form another site sent gets no text of its shown back."""
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]
        address = f"/documents/{document_id}/segments/{key}/translations/en"
        nobody = TestClient(app, follow_redirects=False)
        answer = nobody.post(address, data={"csrf": "x", "text": TYPED, "back_query": "lang=en"})
        assert answer.status_code == 401
        assert _kept(answer.text, SIGN_IN_AGAIN) == TYPED
        [next_page] = html.fromstring(answer.text).xpath("//input[@name='next']/@value")
        _sentence(next_page, document_id, key)
        approve = nobody.post(f"{address}/approve", data={"csrf": "x", "back_query": "lang=en"})
        assert approve.status_code == 401
        assert html.fromstring(approve.text).xpath("//input[@name='next']/@value") == [
            f"/documents/{document_id}?lang=en&segment={key}#row-{key}"
        ]

        # Another site's form: asked to sign in, its text not echoed on this site's page.
        forged = nobody.post(address, data={"text": TYPED}, headers={"Sec-Fetch-Site": "cross-site"})
        assert forged.status_code == 401
        assert not html.fromstring(forged.text).xpath("//textarea") and "alert(" not in forged.text

        # A sign-in link from before: to the page the form is on, never to the POST address.
        login = nobody.get("/login", params={"next": address})
        assert html.fromstring(login.text).xpath("//input[@name='next']/@value") == [
            f"/documents/{document_id}"
        ]
        signed_in = sign_in(nobody, new_key(app, "desk", role="editor"), next=address)
        assert signed_in.status_code == 303 and signed_in.headers["location"] == f"/documents/{document_id}"
        assert (
            sign_in(nobody, new_key(app, "desk"), next="/review?lang=en").headers["location"]
            == "/review?lang=en"
        )
