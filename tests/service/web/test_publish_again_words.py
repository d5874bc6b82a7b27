"""Found by an outside walk of the pages: when a translation was published and the editor's
"Publish again" (after a correction) was refused because a sentence still needs review, the page
said "Not published" / "The English translation was not published: …", which reads as if the
publication had been taken down; it is still live. The page now says that the changes were not
published and that the version published on its date stays published (the API's 409 says the
same). And a reader was told "Publish again to publish it.", which a reader cannot do: a reader
sees the state only."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.api.test_publishing import stored_translation
from tests.service.web.test_publish_page import browser_of, panel, refusal
from tests.support import api_client, form_token, table_counts


def _words(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _published_then_changed(app: FastAPI, admin: TestClient) -> tuple[str, TestClient, str]:
    """The translation published anyway by Lena, then one sentence corrected: the live version is
    changed since publishing and one translation still needs review. Returns the document's id,
    Lena's browser and the publication's day."""
    document_id, keys = stored_translation(app)
    editor = browser_of(app, "tests", "editor", "Lena")
    token = form_token(editor.get(f"/documents/{document_id}").text)
    publish = f"/documents/{document_id}/translations/en/publish"
    first = editor.post(publish, data={"csrf": token}, follow_redirects=False)
    assert first.status_code == 409  # never published: a refusal says it is not
    said = refusal(first.text)
    assert "The English translation was not published: 1 translation still needs review" in said
    assert "stays published" not in said
    forced = editor.post(publish, data={"csrf": token, "force": "true"}, follow_redirects=False)
    assert forced.status_code == 303, forced.text[:500]
    read = admin.get(f"/v1/documents/{document_id}")
    assert read.status_code == 200, read.text
    day: str = read.json()["publications"]["en"]["published_at"][:10]
    corrected = admin.put(f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en",
                          json={"text": "Drones: new rules."})  # fmt: skip
    assert corrected.status_code == 200, corrected.text
    return document_id, editor, day


def test_a_refused_publish_again_says_the_live_version_stays_published(app: FastAPI) -> None:
    with api_client(app) as admin:
        document_id, editor, day = _published_then_changed(app, admin)
        publish = f"/documents/{document_id}/translations/en/publish"

        before = table_counts(app)
        token = form_token(editor.get(f"/documents/{document_id}").text)
        refused = editor.post(publish, data={"csrf": token}, follow_redirects=False)
        assert refused.status_code == 409
        said = refusal(refused.text)
        assert "The changes to the English translation were not published: 1 translation still" in said
        assert f"The version published on {day}" in said and "stays published." in said, said
        page = html.fromstring(refused.text)
        assert "The English translation was not published" not in _words(page)
        assert page.xpath("//title")[0].text_content().startswith("Error: ")
        shown = _words(panel(refused.text))
        assert "English: published by Lena" in shown and "stays published" in shown, shown
        assert table_counts(app) == before  # nothing published, nothing taken down

        api = admin.post(f"/v1/documents/{document_id}/translations/en/publish")
        assert api.status_code == 409, api.text
        detail = api.json()["detail"]
        assert detail.startswith(f"the changes to the en translation of document {document_id} are not")
        assert "stays published" in detail


def test_a_reader_sees_the_changed_state_without_an_instruction(app: FastAPI) -> None:
    with api_client(app) as admin:
        document_id, editor, _ = _published_then_changed(app, admin)
        reader = browser_of(app, "tests", "reader", "Rita")
        seen = _words(panel(reader.get(f"/documents/{document_id}").text))
        assert "changed since publishing 1 sentence now reads differently" in seen, seen
        assert "Publish again" not in seen, seen
        assert "Publish again to publish it." in _words(panel(editor.get(f"/documents/{document_id}").text))


def test_a_publish_without_force_of_a_forced_publication_is_refused_saying_it_stays(app: FastAPI) -> None:
    """Found by an outside attack of the API: publishing an unchanged translation without force
    answered with the earlier forced publication, as if this publish had passed. It is refused as
    any publish without force is while a sentence needs review; the page says the forced
    publication stays published, not that changes were refused (there are none)."""
    with api_client(app) as admin:
        document_id, _ = stored_translation(app)
        editor = browser_of(app, "tests", "editor", "Lena")
        token = form_token(editor.get(f"/documents/{document_id}").text)
        publish = f"/documents/{document_id}/translations/en/publish"
        forced = editor.post(publish, data={"csrf": token, "force": "true"}, follow_redirects=False)
        assert forced.status_code == 303, forced.text[:500]
        day = admin.get(f"/v1/documents/{document_id}").json()["publications"]["en"]["published_at"][:10]

        before = table_counts(app)
        refused = editor.post(publish, data={"csrf": token}, follow_redirects=False)
        assert refused.status_code == 409, refused.text[:500]
        said = refusal(refused.text)
        assert f"The English translation was published anyway on {day}" in said and "stays published" in said
        assert "1 translation still needs review" in said and "changes" not in said.lower(), said
        assert table_counts(app) == before
