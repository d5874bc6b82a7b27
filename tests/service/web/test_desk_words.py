"""The desk names things in words, not by the service's internal names (outside testers' findings):
a row that is not translated says what it is ("title (repeated)", "metadata", "tags", "site
text") and in which language; hidden button labels and refusals say where a sentence is ("section
2, heading", "section 1, paragraph 1, sentence 3"), not its key alone."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from tests.service.web.test_desk_pages import browser_as
from tests.support import form_token, new_key, wait_for_job

FLOOD = """Hochwasser in Sachsen

Jun 19, 2025
Nachrichten
Hochwasser in Sachsen

Die Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert. Der Bürgermeister warnt vor der Flut.

Lage in Dresden

Die Feuerwehr ist im Einsatz. Sie baut seit dem Morgen Dämme aus Sandsäcken.

Elbe
Dresden
Sachsen
Feuerwehr

Mehr entdecken

Zur Liste
"""
INTERNAL = ("title_repeat", "boilerplate", "(de)", "s01.", "s02.", "f01", "b01")


def test_rows_labels_and_refusals_say_things_in_words(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        job = client.post("/v1/jobs", json={"text": FLOOD, "targets": ["en"], "format": "text"}).json()
        document_id = wait_for_job(client, job["id"])["document_id"]
        editor = browser_as(app, "editor")
        token = form_token(editor.get("/").text)
        page = editor.get(f"/documents/{document_id}")
        tree = lxml_html.fromstring(page.text)
        notes = [" ".join(td.text_content().split()) for td in tree.xpath("//td[@class='note']")]
        assert notes == [
            "metadata in German, not translated",
            "metadata in German, not translated",
            "title (repeated) in German, not translated",
            "tags in German, not translated",
            "tags in German, not translated",
            "tags in German, not translated",
            "tags in German, not translated",
            "site text in German, not translated",
            "site text in German, not translated",
        ], notes
        hidden = [
            " ".join(s.text_content().split()) for s in tree.xpath("//main//*[@class='visually-hidden']")
        ]
        assert "the English translation of section 2, heading" in hidden, hidden  # its "Correct"
        assert "the English translation of section 1, paragraph 1, sentence 3 as it is" in hidden, hidden
        shown = " ".join(hidden + notes)
        assert not [word for word in INTERNAL if word in shown], shown

        # A correction, then an approval of it (from the page as it was before): refused (409) in
        # words, on the page that says the page was out of date
        action = f"/documents/{document_id}/segments/s01.p01.03/translations/en"
        corrected = editor.post(action, data={"csrf": token, "text": "The mayor warns of the flood."})
        assert corrected.status_code == 303, corrected.text[-800:]
        refused = editor.post(f"{action}/approve", data={"csrf": token})
        assert refused.status_code == 409, refused.text[-800:]
        message = " ".join(lxml_html.fromstring(refused.text).xpath("//main")[0].text_content().split())
        assert (
            "The English translation of section 1, paragraph 1, sentence 3 in “Hochwasser in Sachsen” "
            "changed after this page was loaded, so nothing was approved." in message
        ), message
        assert "Corrected by Editor" in message and "s01.p01.03" not in message
        # ...and so does the API, which keeps the key beside the words for its clients
        api = client.post(f"/v1/documents/{document_id}/segments/f02/translations/en/approve")
        assert api.status_code == 422 and "before the text, item 2 (f02) is " in api.text, api.text
        assert "which is not translated, so it has no translation to approve" in api.text
