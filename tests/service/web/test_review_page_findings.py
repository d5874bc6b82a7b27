"""Found by an outside editor's walk of the review pages (each test failed on the old code; SQLite
and PostgreSQL):

- a review list with nothing (left) to review said so two or three times ("0 translations to
  review.", "Nothing left to review.", "Nothing needs review."): it is said once;
- a reader could open the review page, where a reader can do nothing: the page is a 403 saying
  which role it needs, while the API's list (GET /v1/review) stays open to readers;
- "Save correction" with the translation as it reads answered with an error ("Nothing saved"),
  though nothing was wrong: the editor goes back to the sentence's row (303), which says
  "Nothing changed", the way back to the review list kept, and nothing is stored.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key, table_counts

NOTHING = ("Nothing left to review", "Nothing needs review", "0 translations to review")


def _main(page: str) -> str:
    return " ".join(html.fromstring(page).xpath("string(//main)").split())


def _said_nothing(page: str) -> int:
    """How many times the page's main part says there is nothing (left) to review."""
    said = _main(page)
    return sum(said.count(words) for words in NOTHING)


def test_nothing_left_to_review_is_said_once(app: FastAPI) -> None:
    with TestClient(app):
        editor = browser_as(app, "editor")
        empty = editor.get("/review")
        assert _said_nothing(empty.text) == 1 and "Nothing needs review." in _main(empty.text), _main(
            empty.text
        )
        assert "Nothing needs review." in _main(editor.get("/review?page=3").text)
        assert _said_nothing(editor.get("/review?page=3").text) == 1

        document_id, keys = stored_translation(app, tenant="desk")
        key = keys[-1]  # the one to review
        for listed in ("/review", f"/review?document={document_id}"):
            page = editor.get(listed)
            assert "1 translation to review" in _main(page.text) and _said_nothing(page.text) == 0
        form = {"csrf": form_token(page.text), "back": "review", "back_document": document_id, "back_at": "1"}
        approved = editor.post(f"/documents/{document_id}/segments/{key}/translations/en/approve", data=form)
        assert approved.status_code == 303, approved.text[:300]
        landed = editor.get(approved.headers["location"].split("#")[0])
        said = _main(landed.text)
        assert _said_nothing(landed.text) == 1, said
        assert "Nothing left to review with these filters." in said, said
        links = [" ".join(a.text_content().split()) for a in html.fromstring(landed.text).xpath("//main//a")]
        assert (
            "The whole review list" in links and f"Open the document “{'Neue Regeln für Drohnen'}”" in links
        )

        # Filtered, nothing to review: said once, with the filters.
        filtered = editor.get(f"/review?document={document_id}")
        assert _said_nothing(filtered.text) == 1
        assert "Nothing needs review with these filters." in _main(filtered.text)
        # The document page after its last approval said it once already.
        after = editor.get(f"/documents/{document_id}?segment={key}&done=approved&done_lang=en")
        assert _said_nothing(after.text) == 1, _main(after.text)


def test_the_review_page_is_an_editors_and_the_apis_list_stays_open_to_readers(app: FastAPI) -> None:
    with TestClient(app) as client:
        document_id, _ = stored_translation(app, tenant="desk")
        reader, editor = browser_as(app, "reader"), browser_as(app, "editor")
        for address in ("/review", f"/review?document={document_id}&lang=en"):
            refused = reader.get(address)
            assert refused.status_code == 403, (address, refused.status_code)
            tree = html.fromstring(refused.text)
            assert " ".join(tree.xpath("string(//main//h1)").split()) == "Not allowed"
            said = _main(refused.text)
            assert (
                "The review list is where translations are corrected and approved, which needs an editor key"
                in (said)
            ), said
            assert "you are signed in with a reader key" in said, said
            # the next step in the reader's words, not the operator's command line
            assert "Ask the person who runs this service for an editor key." in said, said
            assert "interlinear keys create" not in said, said
            assert "1 translation to review" not in said, "nothing of the list is shown"
        assert editor.get("/review").status_code == 200

        key = new_key(app, "desk", role="reader")
        listed = client.get("/v1/review", headers={"Authorization": f"Bearer {key}"})
        assert listed.status_code == 200 and len(listed.json()) == 1, listed.text


def test_a_correction_sent_unchanged_goes_back_to_the_sentence_saying_nothing_changed(app: FastAPI) -> None:
    with TestClient(app):
        _, keys = stored_translation(app, tenant="desk")
        key = keys[-1]  # flagged, opened from the review list's "Correct it" link
        editor = browser_as(app, "editor")
        listed = html.fromstring(editor.get("/review").text)
        correct = str(listed.xpath("//a[starts-with(., 'Correct it')]/@href")[0])
        page = editor.get(correct.split("#")[0])
        tree = html.fromstring(page.text)
        form = tree.xpath(f"//textarea[@id='fix-{key}-en']/ancestor::form[1]")[0]
        fields = dict(zip(form.xpath(".//input/@name"), form.xpath(".//input/@value"), strict=True))
        before = table_counts(app)

        sent = editor.post(str(form.get("action")), data={**fields, "text": "English sentence 3.\r\n"})
        assert sent.status_code == 303, sent.text[:300]
        to = sent.headers["location"]
        assert to.endswith(f"#row-{key}") and "done=unchanged" in to, to
        landed = editor.get(to.split("#")[0])
        assert landed.status_code == 200
        tree = html.fromstring(landed.text)
        said = [" ".join(e.text_content().split()) for e in tree.xpath("//main//*[@role='status']")]
        assert said == [
            "Nothing changed: your text is the English translation of section 1, paragraph 1, sentence 2 as "
            "it reads now, so nothing was saved. Approve it if it is right."
        ], said
        assert tree.xpath(f"//tr[@id='row-{key}']//*[@role='status']"), "said in the sentence's row"
        assert not tree.xpath("//*[@role='alert']"), "no error"
        assert tree.xpath("//a[. = 'Back to the review list']/@href") == ["/review"], "the way back kept"
        assert table_counts(app) == before, "nothing stored"
        # still to review: the list has it, as before
        assert "1 translation to review" in _main(editor.get("/review").text)
