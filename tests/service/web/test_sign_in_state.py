"""Found by an outside walk of the pages as an editor: no page said who was signed in; a key
revoked while its sign-in was open dropped the editor on the sign-in page without a word why; and
``GET /logout`` (typed, or a bookmark) was an error page. Each test failed on the old code."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from service.api_keys import revoke_key
from service.storage.tables import ApiKey
from tests.support import form_token, new_key, sign_in


def _browser(app: FastAPI, tenant: str, role: str, name: str | None) -> tuple[TestClient, str]:
    browser = TestClient(app, follow_redirects=False)
    key = new_key(app, tenant, role=role, name=name)
    assert sign_in(browser, key).status_code == 303
    return browser, key


def _said(page: str, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in html.fromstring(page).xpath(xpath)]


def _revoke(app: FastAPI, tenant: str) -> None:
    with app.state.database.session() as session:
        for row in session.scalars(select(ApiKey).where(ApiKey.tenant == tenant)):
            assert revoke_key(session, row.id)
        session.commit()


def test_the_header_says_who_is_signed_in_beside_sign_out(app: FastAPI) -> None:
    with TestClient(app):
        editor, _ = _browser(app, "desk", "editor", "Dana Editor")
        reader, _ = _browser(app, "archive", "reader", None)
        for path in ("/", "/review", "/jobs", "/glossaries", "/submit", "/logout"):
            page = editor.get(path).text
            header = _said(page, "//header//nav")[0]
            assert "Signed in as Dana Editor (editor, tenant desk)" in header, (path, header)
            nav = html.fromstring(page).xpath("//header//nav")[0]
            assert nav.xpath(".//*[contains(@class, 'who')]/following-sibling::form[@action='/logout']"), path
        said = _said(reader.get("/").text, "//header//*[contains(@class, 'who')]")
        assert (
            said and said[0].startswith("Signed in as key ") and said[0].endswith("(reader, tenant archive)")
        )
        # Nobody signed in: the sign-in page names no one.
        signed_out = TestClient(app, follow_redirects=False).get("/login").text
        assert "Signed in as" not in signed_out


def test_a_key_revoked_during_a_sign_in_is_said_on_the_sign_in_page(app: FastAPI) -> None:
    with TestClient(app):
        editor, _ = _browser(app, "desk", "editor", "Dana Editor")
        other, _ = _browser(app, "newsroom", "editor", "Olaf Other")
        stranger = TestClient(app, follow_redirects=False)
        assert editor.get("/review").status_code == 200
        _revoke(app, "desk")
        dropped = editor.get("/review")
        assert dropped.status_code == 303 and dropped.headers["location"] == "/login?next=/review"
        page = editor.get(dropped.headers["location"])
        assert page.status_code == 200
        said = _said(page.text, "//main//*[@role='status']")
        assert len(said) == 1 and said[0].startswith("Your key “Dana Editor” was revoked on "), said
        assert said[0].endswith("UTC; sign in with another key."), said
        # Said only to the browser whose own sign-in it was: another tenant's, a browser without one.
        for browser in (other, stranger):
            login = browser.get("/login").text
            assert "revoked" not in login and "Dana Editor" not in login
        # Signing in with another key starts afresh: nothing more is said.
        assert (
            sign_in(editor, new_key(app, "desk", role="editor", name="New Key"), "/review").status_code == 303
        )
        assert editor.get("/review").status_code == 200
        assert "revoked" not in editor.get("/login").text


def test_get_logout_is_a_page_with_the_sign_out_button(app: FastAPI) -> None:
    with TestClient(app):
        editor, _ = _browser(app, "desk", "editor", "Dana Editor")
        came_from = "/review?lang=en"
        page = editor.get("/logout", headers={"referer": f"http://testserver{came_from}"})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        tree = html.fromstring(page.text)
        forms = tree.xpath("//main//form[@method='post'][@action='/logout']")
        assert forms and forms[0].xpath(".//button[normalize-space()='Sign out']"), page.text
        assert tree.xpath("//main//a[normalize-space()='Stay signed in and go back']/@href") == [came_from]
        # Another site's address is not a way back.
        elsewhere = editor.get("/logout", headers={"referer": "https://evil.example/review"}).text
        assert html.fromstring(elsewhere).xpath("//main//a[starts-with(., 'Stay signed in')]/@href") == ["/"]
        # Its button signs out.
        token = forms[0].xpath(".//input[@name='csrf']/@value")[0]
        out = editor.post("/logout", data={"csrf": token})
        assert out.status_code == 303 and out.headers["location"] == "/login?done=signed-out"
        assert editor.get("/").status_code == 303
        # Without a sign-in there is nothing to sign out of: the sign-in page.
        nobody = TestClient(app, follow_redirects=False).get("/logout")
        assert nobody.status_code == 303 and nobody.headers["location"] == "/login"


def test_a_stale_sign_out_form_leads_to_a_fresh_one(app: FastAPI) -> None:
    """A sign-out form from before the sign-in changed is refused (403): its Back leads to the
    sign-out page, whose form works, not to the documents list."""
    with TestClient(app):
        editor, _ = _browser(app, "desk", "editor", None)
        refused = editor.post("/logout", data={"csrf": "stale"})
        assert refused.status_code == 403
        assert html.fromstring(refused.text).xpath(
            "//main//a[normalize-space()='Go back to the page']/@href"
        ) == ["/logout"]
        fresh = editor.get("/logout").text
        assert editor.post("/logout", data={"csrf": form_token(fresh)}).status_code == 303
