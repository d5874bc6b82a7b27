"""Found by an outside walk of the pages in Chromium as editor, reader and admin:

- the review list filtered by a language or a document, with nothing (left) to review, said so and
  led nowhere: it now links the whole review list and, filtered by a document, the document;
- the 403 of an out-of-date form said to "reload the page", which sends the form again: it now
  says to go back to the page (a link) and send it again, the typed text still shown;
- an out-of-date Approve of a translation someone corrected meanwhile showed the machine text
  under "Your text, not saved" (an approval has no text of the editor's): it now shows what is
  stored (who corrected it, when) and no "your text";
- a reader's refused submission showed the message's Markdown backticks: it is HTML <code> now;
- a reader was offered "to review" links leading to pages where a reader can do nothing: the
  counts are said, unlinked.

Each test failed on the code before its change."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token


def _main_links(page: str) -> list[tuple[str, str]]:
    """The page's links in its main part: (words, address)."""
    tree = html.fromstring(page)
    return [(" ".join(a.text_content().split()), str(a.get("href"))) for a in tree.xpath("//main//a")]


def test_a_filtered_review_list_with_nothing_left_links_the_whole_list_and_the_document(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        editor = browser_as(app, "editor")
        listed = f"/review?document={document_id}"
        token = form_token(editor.get(listed).text)
        approve = f"/documents/{document_id}/segments/{keys[-1]}/translations/en/approve"
        fields = {"csrf": token, "back": "review", "back_document": document_id, "back_at": "1"}
        approved = editor.post(approve, data=fields)  # the list's one item
        assert approved.status_code == 303
        assert dict(parse_qsl(urlsplit(approved.headers["location"]).query))["done"] == "approved"
        landed = editor.get(approved.headers["location"].split("#")[0])
        said = " ".join(html.fromstring(landed.text).xpath("string(//main//*[@role='status'])").split())
        assert "Nothing left to review with these filters." in said, said
        links = _main_links(landed.text)
        assert ("The whole review list", "/review") in links, links
        assert ("Open the document “Neue Regeln für Drohnen”", f"/documents/{document_id}") in links, links

        # Opened so (nothing to review with the filters): the same ways on, once each.
        for address, document_link in (
            (f"/review?lang=en&document={document_id}", True),
            ("/review?lang=en", False),
        ):
            links = _main_links(editor.get(address).text)
            assert links.count(("The whole review list", "/review")) == 1, (address, links)
            assert any(href == f"/documents/{document_id}" for _, href in links) is document_link, links


def test_an_out_of_date_form_says_to_go_back_to_its_page_and_send_it_again(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        editor = browser_as(app, "editor")
        key = keys[0]
        correct = f"/documents/{document_id}/segments/{key}/translations/en"
        typed = "My English title, typed."
        refused = editor.post(correct, data={"csrf": "from-before", "text": typed, "back_query": ""})
        assert refused.status_code == 403
        tree = html.fromstring(refused.text)
        words = " ".join(tree.xpath("string(//main)").split())
        assert "reload" not in words.lower(), words
        said = " ".join(tree.xpath("string(//main//*[@role='alert'])").split())
        # who a form sent again acts as (an outside walk: signed in as someone else in another tab,
        # "send the form again" would have saved it in the other person's name), said once
        assert said.endswith(
            "You are signed in as Editor now: go back to the page and send the form again to do it as "
            "Editor, or sign out first if that is not you"
        ), said
        assert words.count("send the form again") == 1, words
        back = tree.xpath("//main//a[normalize-space()='Go back to the page']")
        assert len(back) == 1, _main_links(refused.text)
        assert urlsplit(str(back[0].get("href"))).path == f"/documents/{document_id}"
        assert tree.xpath("string(//main//textarea[@readonly])") == typed, "the typed text is kept"
        assert "Your text, not saved: copy it before you go back to the page" in words


STORED_NOW = "The English translation stored now Fixed by Ada. Corrected by Admin, "


def _corrected_by_another(app: FastAPI, document_id: str, key: str) -> None:
    """Ada corrects the English translation of ``key`` on her own page."""
    ada = browser_as(app, "admin")
    token = form_token(ada.get(f"/documents/{document_id}").text)
    url = f"/documents/{document_id}/segments/{key}/translations/en"
    fixed = ada.post(url, data={"csrf": token, "text": "Fixed by Ada.", "back_query": ""})
    assert fixed.status_code == 303, fixed.text[:300]


def test_a_stale_approve_shows_what_is_stored_now_and_no_text_of_the_editors(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]  # flagged: its box has an Approve button
        editor = browser_as(app, "editor")
        page = editor.get(f"/documents/{document_id}?lang=en").text
        token = form_token(page)
        machine = f"English sentence {len(keys)}."
        assert machine in page
        _corrected_by_another(app, document_id, key)
        approve = f"/documents/{document_id}/segments/{key}/translations/en/approve"

        # The page's token is out of date too (signed in again in another tab): a 403, whose page
        # shows the correction, not the machine text as the editor's.
        refused = editor.post(approve, data={"csrf": "from-before", "text": machine + "\n", "back_query": ""})
        assert refused.status_code == 403
        tree = html.fromstring(refused.text)
        words = " ".join(tree.xpath("string(//main)").split())
        assert "Your text" not in words and not tree.xpath("//main//textarea"), words
        assert machine not in words
        stored = " ".join(tree.xpath("string(//main//*[@class='stored-now'])").split())
        assert stored.startswith(STORED_NOW), stored
        assert tree.xpath("//main//*[@class='stored-now']//time/@datetime"), "when it was corrected"

        # Its token good: the 409 says who corrected it, and shows the correction as well.
        conflict = editor.post(approve, data={"csrf": token, "text": machine, "back_query": ""})
        assert conflict.status_code == 409
        tree = html.fromstring(conflict.text)
        assert "Your text" not in tree.xpath("string(//main)")
        stored = " ".join(tree.xpath("string(//main//*[@class='stored-now'])").split())
        assert stored.startswith(STORED_NOW), stored

        # Text the editor typed (none stored) is theirs: kept to copy, as any form's.
        typed = "My own English, typed before approving."
        kept = editor.post(approve, data={"csrf": "from-before", "text": typed, "back_query": ""})
        assert kept.status_code == 403
        assert html.fromstring(kept.text).xpath("string(//main//textarea[@readonly])") == typed


def test_a_readers_refused_submission_shows_the_command_as_code_not_backticks(app: FastAPI) -> None:
    with TestClient(app):
        reader = browser_as(app, "reader")
        token = form_token(reader.get("/").text)  # the sign-out form's: this sign-in's token
        sent = {"csrf": token, "text": "Ein Satz. Noch einer.", "targets": "en"}
        refused = reader.post("/submit", data=sent)
        assert refused.status_code == 403
        tree = html.fromstring(refused.text)
        said = " ".join(tree.xpath("string(//main//*[@id='form-error'])").split())
        assert "submitting articles needs editor or above" in said, said
        assert "`" not in tree.xpath("string(//main)"), said
        assert tree.xpath("//main//*[@id='form-error']//code/text()") == [
            "interlinear keys create --tenant NAME --role editor"
        ]


def _review_links(page: str) -> list[str]:
    """Where the page's "to review" links and links to the review list lead, its menu's too."""
    tree = html.fromstring(page)
    found = tree.xpath("//a[contains(., 'to review') or starts-with(@href, '/review')]")
    return [str(a.get("href")) for a in found]


def test_a_reader_is_told_how_many_are_to_review_but_led_to_no_review(app: FastAPI) -> None:
    with TestClient(app):
        document_id, keys = stored_translation(app, tenant="desk")
        reader, editor = browser_as(app, "reader"), browser_as(app, "editor")
        counted = (("/", "1 EN to review"), (f"/documents/{document_id}", "1 translation to review"))
        for path, count in counted:
            page = reader.get(path).text
            assert count in " ".join(html.fromstring(page).xpath("string(//main)").split()), path
            assert _review_links(page) == [], (path, _review_links(page))
            # An editor is led to them, as before: the list, and on the document, the sentence.
            led = _review_links(editor.get(path).text)
            assert "/review" in led and any(f"document={document_id}" in link for link in led), (path, led)
        on_page = _review_links(editor.get(f"/documents/{document_id}").text)
        assert any(link.endswith(f"#row-{keys[-1]}") for link in on_page), on_page
