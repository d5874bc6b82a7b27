"""The document page's publication panel over HTTP, signed in as a browser is (session cookie, the
form's CSRF token), on SQLite and PostgreSQL: an editor's Publish is refused on the page while a
translation needs review, publishes with "Publish anyway", says so, and withdraws; a reader sees
the state without a form and is refused the post; another tenant's document is not found."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.api.test_publishing import stored_translation
from tests.support import api_client, form_token, new_key, sign_in, table_counts


def browser_of(app: FastAPI, tenant: str, role: str, name: str) -> TestClient:
    browser = TestClient(app)
    assert sign_in(browser, new_key(app, tenant, role=role, name=name)).status_code == 200
    return browser


def refusal(page: str) -> str:
    """A refused publish's words: said once on the page, in the publication panel, beside the box
    that publishes anyway (found by an outside walk: it was said at the top of the page too)."""
    tree = html.fromstring(page)
    alerts = tree.xpath("//main//*[@role='alert']")
    assert len(alerts) == 1, [" ".join(a.text_content().split()) for a in alerts]
    [said] = alerts
    assert said.xpath("ancestor::section[@id='publication']"), "the refusal is said in the publication panel"
    assert not tree.xpath("//main//*[contains(@class, 'error-summary')]"), "not again at the top"
    words = " ".join(said.text_content().split())
    assert words.startswith("Error: "), words  # said to a screen reader as an error
    main = " ".join(tree.xpath("//main")[0].text_content().split())
    message = words.removeprefix("Error: ")
    assert main.count(message) == 1, f"said more than once: {message}"
    for box in said.getparent().xpath(".//input[@name='force']"):  # none where nothing can be published
        assert box.get("aria-describedby") == said.get("id"), "the box names the refusal"
    return message


def panel(page: str) -> html.HtmlElement:
    found = html.fromstring(page).xpath('//section[@id="publication"]')
    assert found, f"no publication panel on the page: {page[:300]}"
    return found[0]


def test_an_editor_publishes_from_the_document_page_and_a_reader_only_sees_it(app: FastAPI) -> None:
    with api_client(app) as admin:
        document_id, keys = stored_translation(app)
        page_url = f"/documents/{document_id}"
        publish = f"/documents/{document_id}/translations/en/publish"
        editor = browser_of(app, "tests", "editor", "Lena")
        reader = browser_of(app, "tests", "reader", "Rita")
        other = browser_of(app, "others", "editor", "Otto")

        opened = editor.get(page_url)
        shown = panel(opened.text)
        assert "English: not published." in " ".join(shown.text_content().split())
        assert shown.xpath(
            f'.//form[@action="{publish}#publication-en"]//input[@name="force" and @type="checkbox"]'
        )
        assert shown.xpath(f'.//a[@href="/review?document={document_id}&lang=en"]')
        assert not panel(reader.get(page_url).text).xpath(".//form")
        assert "EN published" not in reader.get("/").text

        before = table_counts(app)
        token = form_token(opened.text)
        refused = editor.post(publish, data={"csrf": token}, follow_redirects=False)
        assert refused.status_code == 409
        said = refusal(refused.text)
        assert "The English translation was not published: 1 translation still needs review (1 flagged)" in (
            said
        )
        assert "Publish anyway" in said
        assert table_counts(app) == before

        assert reader.post(publish, data={"csrf": form_token(reader.get(page_url).text), "force": "true"},
                           follow_redirects=False).status_code == 403  # fmt: skip
        elsewhere = other.post(publish, data={"csrf": form_token(other.get("/").text), "force": "true"},
                               follow_redirects=False)  # fmt: skip
        assert elsewhere.status_code == 404 and f"No document {document_id}" in elsewhere.text
        assert table_counts(app) == before

        forced = editor.post(publish, data={"csrf": token, "force": "true"}, follow_redirects=False)
        assert forced.status_code == 303, forced.text[:500]
        assert forced.headers["location"] == f"{page_url}?done=published&done_lang=en#publication"
        after = editor.get(forced.headers["location"])
        text = " ".join(panel(after.text).text_content().split())
        assert "Published the English translation." in text
        assert "English: published by Lena" in text and "published anyway with 1 still to review" in text
        withdraw = f"/documents/{document_id}/translations/en/withdraw"
        assert panel(after.text).xpath(f'.//form[@action="{withdraw}"]')
        assert not panel(after.text).xpath(
            f'.//form[@action="{publish}#publication-en"]'
        )  # published as it is

        corrected = admin.put(f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en",
                              json={"text": "Drones: new rules."})  # fmt: skip
        assert corrected.status_code == 200, corrected.text
        changed = panel(editor.get(page_url).text)
        text = " ".join(changed.text_content().split())
        assert "changed since publishing 1 sentence now reads differently" in text
        assert changed.xpath(f'.//a[@href="#row-{keys[0]}"]')
        assert changed.xpath(f'.//form[@action="{publish}#publication-en"]')
        assert "1 translation to review" in text  # what "Publish anyway" would publish over

        listing = " ".join(html.fromstring(reader.get("/").text).text_content().split())
        assert "EN published" in listing

        seen = panel(reader.get(page_url).text)
        assert "English: published by Lena" in " ".join(seen.text_content().split())
        assert not seen.xpath(".//form")

        withdrawn = editor.post(withdraw, data={"csrf": token, "confirm": "yes"}, follow_redirects=False)
        assert withdrawn.status_code == 303
        text = " ".join(panel(editor.get(withdrawn.headers["location"]).text).text_content().split())
        assert "Withdrew the English translation." in text and "not published: withdrawn by Lena" in text


def test_publishing_or_withdrawing_again_from_a_page_open_since_before_says_it_was_done_already(
    app: FastAPI,
) -> None:
    """Two tabs (or two editors) on the same document: the second Publish anyway and the second
    Withdraw change nothing, and the page says it was done already rather than "Published"."""
    with api_client(app):
        document_id, _ = stored_translation(app)
        page_url = f"/documents/{document_id}"
        publish = f"/documents/{document_id}/translations/en/publish"
        withdraw = f"/documents/{document_id}/translations/en/withdraw"
        lena, mina = browser_of(app, "tests", "editor", "Lena"), browser_of(app, "tests", "editor", "Mina")
        lena_token, mina_token = form_token(lena.get(page_url).text), form_token(mina.get(page_url).text)

        first = lena.post(publish, data={"csrf": lena_token, "force": "true"}, follow_redirects=False)
        assert first.headers["location"] == f"{page_url}?done=published&done_lang=en#publication"
        before = table_counts(app)
        second = mina.post(publish, data={"csrf": mina_token, "force": "true"}, follow_redirects=False)
        assert second.status_code == 303
        assert second.headers["location"] == f"{page_url}?done=already-published&done_lang=en#publication"
        text = " ".join(panel(mina.get(second.headers["location"]).text).text_content().split())
        assert (
            "The English translation was published already, as it reads now: nothing new was recorded" in text
        )
        assert "Published the English translation." not in text and "published by Lena" in text
        assert table_counts(app) == before

        assert lena.post(
            withdraw, data={"csrf": lena_token, "confirm": "yes"}, follow_redirects=False
        ).headers["location"] == (f"{page_url}?done=withdrawn&done_lang=en#publication")
        again = mina.post(withdraw, data={"csrf": mina_token, "confirm": "yes"}, follow_redirects=False)
        assert again.headers["location"] == f"{page_url}?done=already-withdrawn&done_lang=en#publication"
        text = " ".join(panel(mina.get(again.headers["location"]).text).text_content().split())
        assert "The English translation was withdrawn already: nothing was changed" in text
        assert "withdrawn by Lena" in text and "Withdrew the English translation." not in text
