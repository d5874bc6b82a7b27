"""Found by an outside walk of the pages: Withdraw, right beside Publish on the document page's
Publication panel, took a published translation away from readers on one click. It now asks first,
as deleting a glossary does: the panel's Withdraw leads to a page naming the translation and the
article, whose "Yes, withdraw" (with the form's token) withdraws and whose "No, keep it published"
leads back to the page as it was; a page asking since before (another tab, another editor) says
it was withdrawn already. A reader is refused the page, as the form."""

from __future__ import annotations

from fastapi import FastAPI
from lxml import html

from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_publish_page import browser_of, panel
from tests.support import api_client, form_token, table_counts


def _words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_withdraw_asks_first_and_only_the_confirmed_form_withdraws(app: FastAPI) -> None:
    with api_client(app):
        document_id, _ = stored_translation(app)
        page_url = f"/documents/{document_id}"
        publish = f"{page_url}/translations/en/publish"
        withdraw = f"{page_url}/translations/en/withdraw"
        lena, mina = browser_of(app, "tests", "editor", "Lena"), browser_of(app, "tests", "editor", "Mina")
        reader = browser_of(app, "tests", "reader", "Rita")
        shown_at = f"{page_url}?lang=en&size=5"
        opened = lena.get(shown_at)
        title = _words(html.fromstring(opened.text).xpath("//h1")[0])
        token = form_token(opened.text)
        assert (
            lena.post(publish, data={"csrf": token, "force": "true"}, follow_redirects=False).status_code
            == 303
        )
        published = lena.get(shown_at)
        form = panel(published.text).xpath(f'.//form[@action="{withdraw}"]')[0]
        back_query = form.xpath("string(.//input[@name='back_query']/@value)")

        # The panel's Withdraw: nothing withdrawn, the page that asks.
        before = table_counts(app)
        asked = lena.post(withdraw, data={"csrf": token, "back_query": back_query}, follow_redirects=False)
        assert asked.status_code == 303 and asked.headers["location"].startswith(withdraw), asked.headers
        assert table_counts(app) == before
        assert "English: published by Lena" in _words(panel(lena.get(page_url).text))
        asking = lena.get(asked.headers["location"])
        assert asking.status_code == 200
        page = html.fromstring(asking.text)
        said = _words(page.xpath("//main")[0])
        assert f"Withdraw the English translation of “{title}”?" in said, said
        # what withdrawing does, in words that do not name the reader role for the public
        assert (
            "It will show as not published in the API and its exports, so a site or app that takes published "
            "translations from Interlinear stops showing it; keys with the reader role still see it here."
            in said
        ), said
        confirm = page.xpath(f'//main//form[@action="{withdraw}"]')[0]
        assert _words(confirm.xpath(".//button")[0]) == "Yes, withdraw"
        keep = page.xpath("//main//a[normalize-space()='No, keep it published']/@href")
        assert keep == [f"{page_url}?lang=en&size=5#publication"], keep
        fields = {i.get("name"): i.get("value") for i in confirm.xpath(".//input[@type='hidden']")}
        assert fields["confirm"] == "yes" and fields["csrf"] == token

        # A reader gets neither the page nor the withdrawal; a forged token withdraws nothing.
        assert reader.get(asked.headers["location"]).status_code == 403
        assert lena.post(withdraw, data={**fields, "csrf": "forged"}).status_code == 403
        assert table_counts(app) == before

        # Mina's page asks too, open since before Lena's withdrawal.
        mina_asking = mina.get(asked.headers["location"])
        mina_fields = {
            i.get("name"): i.get("value")
            for i in html.fromstring(mina_asking.text).xpath(f'//form[@action="{withdraw}"]//input')
        }
        done = lena.post(withdraw, data=fields, follow_redirects=False)
        assert (
            done.headers["location"] == f"{page_url}?lang=en&size=5&done=withdrawn&done_lang=en#publication"
        )
        text = _words(panel(lena.get(done.headers["location"]).text))
        assert "Withdrew the English translation." in text and "not published: withdrawn by Lena" in text
        again = mina.post(withdraw, data=mina_fields, follow_redirects=False)
        assert again.headers["location"] == (
            f"{page_url}?lang=en&size=5&done=already-withdrawn&done_lang=en#publication"
        )
        assert "withdrawn already" in _words(panel(mina.get(again.headers["location"]).text))
