"""The desk's pages over HTTP (the in-process worker and the tiny model, SQLite and PostgreSQL):
errors as pages for pages and JSON for the API, the documents list's search, filters and paging,
jobs with their article and kind, and glossaries read by everyone and changed by admins only."""

from __future__ import annotations

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from service.api.deps import SessionDep
from service.storage.tables import Document
from service.web.document_view import Correction
from service.web.pages import PagePrincipal, document_response
from tests.support import form_token, new_key, sign_in, wait_for_job

FLOOD = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.\n"
DRONES = "Neue Regeln für Drohnen\n\nDie Regierung hat neue Regeln angekündigt. Sie gelten ab Januar.\n"
TBX = b"""<?xml version="1.0"?>
<tbx type="TBX-Basic" xml:lang="de" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><langSet xml:lang="de"><termSec><term>Bundestag</term></termSec></langSet>
<langSet xml:lang="en"><termSec><term>Bundestag</term></termSec></langSet></conceptEntry>
</body></text></tbx>"""


def browser_as(app: FastAPI, role: str) -> TestClient:
    browser = TestClient(app, follow_redirects=False)
    assert sign_in(browser, new_key(app, "desk", role=role, name=role.title())).status_code == 303
    return browser


def test_pages_answer_errors_as_pages_and_the_api_as_json(app: FastAPI) -> None:
    with TestClient(app) as client:
        browser = browser_as(app, "editor")
        for path, status in (
            ("/documents/no-such-id", 404),
            ("/documents/no-such-id/changes", 404),
            ("/glossaries/no-such-id", 404),
            ("/no/such/page", 404),
            ("/?page=0", 422),
            ("/review?lang=" + "x" * 50, 422),
        ):
            page = browser.get(path)
            assert page.status_code == status, (path, page.status_code)
            assert page.headers["content-type"].startswith("text/html"), (path, page.text[:200])
            assert "<h1>Not" in page.text and '<main id="content"' in page.text, (path, page.text[:300])
        key = new_key(app, "desk", role="editor")
        for path, status in (
            ("/v1/documents/no-such-id", 404),
            ("/v1/no-such", 404),
            ("/v1/documents?limit=0", 422),
        ):
            answer = client.get(path, headers={"Authorization": f"Bearer {key}"})
            assert answer.status_code == status and answer.headers["content-type"] == "application/json", path
            assert "detail" in answer.json()


def test_a_bad_paging_or_control_character_in_a_pages_query_is_a_page_saying_what_is_allowed(
    app: FastAPI,
) -> None:
    """``?page=0``, ``?size=100000``, ``?page=abc`` on the document page and /review: an HTML page that
    says what the parameter takes (not pydantic's words); a control character in a page's query: an
    HTML page too (it was JSON). The API keeps its JSON problems."""
    with TestClient(app) as client:
        key = new_key(app, "desk", role="editor")
        client.headers["Authorization"] = f"Bearer {key}"
        job = wait_for_job(
            client, client.post("/v1/jobs", json={"text": FLOOD, "targets": ["en"]}).json()["id"]
        )
        assert job["state"] == "succeeded", job
        document = f"/documents/{job['document_id']}"
        browser = browser_as(app, "editor")
        pages = {
            f"{document}?page=0": "page must be a whole number from 1 to 1,000,000, not '0'",
            f"{document}?page=-1": "page must be a whole number from 1 to 1,000,000, not '-1'",
            f"{document}?page=abc": "page must be a whole number from 1 to 1,000,000, not 'abc'",
            f"{document}?size=100000": "size must be a whole number from 1 to 1,000, not '100000'",
            f"{document}?size=0": "size must be a whole number from 1 to 1,000, not '0'",
            "/review?page=0": "page must be a whole number from 1 to 100,000, not '0'",
            "/review?page=abc": "page must be a whole number from 1 to 100,000, not 'abc'",
            f"{document}?lang=%00": "The request query has a control character (U+0000)",
            "/review?lang=%00": "The request query has a control character (U+0000)",
            "/?q=a%01b": "The request query has a control character (U+0001)",
        }
        for path, said in pages.items():
            page = browser.get(path)
            assert page.status_code == 422, (path, page.status_code)
            assert page.headers["content-type"].startswith("text/html"), (path, page.text[:200])
            tree = lxml_html.fromstring(page.text)
            assert tree.xpath("string(//h1)") == "Not understood", path
            alert = tree.xpath("string(//main//p[@role='alert'])")
            assert said in alert and "Input should" not in alert, (path, alert)
            assert tree.xpath("//main//a[text()='Back']/@href") == ["/"], path
        assert "Elbe" in browser.get(document, params={"page": 1, "size": 1000}).text  # the bounds allow
        for path, said in (("/v1/documents?limit=0", None), ("/v1/documents?lang=%00", "control character")):
            answer = client.get(path)
            assert answer.status_code == 422 and answer.headers["content-type"] == "application/json", path
            assert said is None or said in answer.json()["detail"], answer.text


def test_an_unknown_state_in_the_documents_list_is_a_page_saying_which_are_allowed(app: FastAPI) -> None:
    """Found by an outside attack: ``/?state=bogus`` listed nothing with 200 where an unknown
    language is refused; now both are a 422 page that says what is allowed. A state in capitals is taken."""
    with TestClient(app):
        browser = browser_as(app, "reader")
        for sent in ("bogus", "done"):
            page = browser.get("/", params={"state": sent})
            assert page.status_code == 422 and page.headers["content-type"].startswith("text/html"), sent
            alert = lxml_html.fromstring(page.text).xpath("string(//main//p[@role='alert'])")
            assert (
                f"State '{sent}' is not a job state; use one of queued, running, succeeded, failed" in alert
            ), alert
        for field in ("source_lang", "target_lang"):  # as an unknown language
            assert browser.get("/", params={field: "xx"}).status_code == 422, field
        for sent in ("FAILED", " failed ", ""):
            listed = browser.get("/", params={"state": sent})
            assert listed.status_code == 200, (sent, listed.text[:300])
        tree = lxml_html.fromstring(browser.get("/", params={"state": "FAILED"}).text)
        assert tree.xpath("//select[@id='state']/option[@selected]/@value") == ["failed"]


def test_the_documents_list_finds_filters_and_pages(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    with TestClient(app) as client:
        key = new_key(app, "desk", role="editor")
        client.headers["Authorization"] = f"Bearer {key}"
        jobs = []
        for text, targets, article in ((FLOOD, ["en"], "flood-1"), (DRONES, ["ko"], None)):
            body = {
                "text": text,
                "targets": targets,
                **({"external_id": article, "priority": "breaking"} if article else {}),
            }
            jobs.append(wait_for_job(client, client.post("/v1/jobs", json=body).json()["id"]))
        assert [j["state"] for j in jobs] == ["succeeded", "succeeded"], jobs
        browser = browser_as(app, "reader")
        listed = browser.get("/").text
        assert "Hochwasser in Sachsen" in listed and "Neue Regeln für Drohnen" in listed
        assert "article flood-1" in listed and "DE → EN" in listed and "succeeded" in listed
        found = browser.get("/", params={"q": "Elbe"}).text  # a word of the text, not of the title
        assert "Hochwasser" in found and "Drohnen" not in found
        assert "Drohnen" in browser.get("/", params={"target_lang": "ko"}).text
        assert "Hochwasser" not in browser.get("/", params={"target_lang": "ko"}).text
        assert "Nothing matches" in browser.get("/", params={"state": "failed"}).text
        assert "2 documents" in listed and 'rel="next"' not in listed
        with app.state.database.session() as session:  # tags come from the article; set one here
            flood = session.get(Document, jobs[0]["document_id"])
            assert flood is not None
            flood.tags = ["Sachsen", "Wetter"]
            session.commit()
        tagged = browser.get("/", params={"tag": "Sachsen"}).text
        assert "Hochwasser" in tagged and "Drohnen" not in tagged and "tags: Sachsen, Wetter" in tagged

        monkeypatch.setattr("service.web.pages.PAGE_SIZE", 1)  # two documents, one a page
        first, second = (
            browser.get("/", params={"q": "die"}).text,
            browser.get("/", params={"q": "die", "page": 2}).text,
        )
        assert (
            "page 1 of 2" in first
            and 'rel="next" ' not in first
            and "/?q=die&amp;source_lang=&amp;target_lang=&amp;state=&amp;tag=&amp;publication=&amp;page=2"
            in first
        )
        assert (
            "page 2 of 2" in second and "Hochwasser" in second and "Neue Regeln" not in second
        )  # newest first
        assert (
            "/?q=die&amp;source_lang=&amp;target_lang=&amp;state=&amp;tag=&amp;publication=&amp;page=1"
            in second
        )
        monkeypatch.undo()

        jobs_page = browser.get("/jobs").text
        assert "Hochwasser in Sachsen" in jobs_page and "article flood-1" in jobs_page
        assert jobs_page.count(">translation<") == 1 and "translation, <strong>breaking</strong>" in jobs_page
        assert " UTC</time>" in jobs_page


def test_glossaries_read_by_all_changed_by_admins(app: FastAPI) -> None:
    with TestClient(app):
        admin, editor = browser_as(app, "admin"), browser_as(app, "editor")
        assert editor.get("/glossaries").status_code == 200
        assert 'action="/glossaries"' not in editor.get("/glossaries").text
        editor_token = form_token(editor.get("/glossaries").text)  # the sign-out form's: a valid token
        refused = editor.post(
            "/glossaries", data={"csrf": editor_token, "name": "Nope", "entries": "source,en\nA,B\n"}
        )
        assert refused.status_code == 403 and refused.headers["content-type"].startswith("text/html")
        assert editor.get("/glossaries/new").status_code == 403

        token = form_token(admin.get("/glossaries/new").text)
        bad = admin.post("/glossaries", data={"csrf": token, "name": "Desk", "entries": "term,en\nA,B\n"})
        assert bad.status_code == 422 and "the first line must name the columns" in bad.text
        assert 'value="Desk"' in bad.text, "what was typed is kept"
        made = admin.post(
            "/glossaries", data={"csrf": token, "name": "Desk", "entries": "source,en\nElbe,Elbe\n"}
        )
        assert made.status_code == 303, made.text
        page = admin.get(made.headers["location"]).text
        assert "Elbe" in page and "version 1" in page
        glossary_id = made.headers["location"].rsplit("/", 1)[-1]
        assert "Elbe" in editor.get(f"/glossaries/{glossary_id}").text  # an editor reads it
        assert (
            f'action="/glossaries/{glossary_id}/delete"' not in editor.get(f"/glossaries/{glossary_id}").text
        )

        edit = admin.get(f"/glossaries/{glossary_id}/edit").text
        assert "source,en,do_not_translate,case_sensitive\nElbe,Elbe,no,yes" in edit
        changed = admin.post(
            f"/glossaries/{glossary_id}",
            data={"csrf": token, "name": "Desk", "entries": ""},
            files={"upload": ("terms.tbx", TBX, "application/x-tbx")},
        )
        assert changed.status_code == 303, changed.text
        page = admin.get(f"/glossaries/{glossary_id}").text
        assert "Bundestag" in page and "Elbe" not in page and "version 2" in page

        assert "Saved. Desk is at version 2." in page  # said once
        assert "Saved." not in admin.get(f"/glossaries/{glossary_id}").text

        forged = admin.post(f"/glossaries/{glossary_id}/delete", data={"csrf": "forged", "confirm": "yes"})
        assert forged.status_code == 403
        # One click deletes nothing: the page that asks first, then its own form (with the token).
        unasked = admin.post(f"/glossaries/{glossary_id}/delete", data={"csrf": token})
        assert unasked.status_code == 303
        assert unasked.headers["location"] == f"/glossaries/{glossary_id}/delete"
        asking = admin.get(unasked.headers["location"])
        assert asking.status_code == 200 and "Delete the glossary Desk?" in asking.text
        assert 'name="confirm" value="yes"' in asking.text and form_token(asking.text) == token
        assert admin.get(f"/glossaries/{glossary_id}").status_code == 200
        assert editor.get(f"/glossaries/{glossary_id}/delete").status_code == 403
        gone = admin.post(f"/glossaries/{glossary_id}/delete", data={"csrf": token, "confirm": "yes"})
        assert gone.status_code == 303 and admin.get(f"/glossaries/{glossary_id}").status_code == 404
        listing = admin.get(gone.headers["location"]).text
        assert '<p class="done" role="status">Deleted glossary Desk.</p>' in listing


MARKED = """# Neue Regeln für Drohnen

Die Regierung hat **neue Regeln** angekündigt, laut [Bericht](https://example.org/bericht).

## Kritik

Die Opposition hält die Regeln für *zu streng*.
"""


def test_the_document_page_shows_markup_languages_and_every_download(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        body = {"text": MARKED, "format": "markdown", "targets": ["en", "ko"]}
        job = wait_for_job(client, client.post("/v1/jobs", json=body).json()["id"])
        assert job["state"] == "succeeded", job
        browser = browser_as(app, "editor")
        page = browser.get(f"/documents/{job['document_id']}").text
        assert "<strong>neue Regeln</strong>" in page and "<em>zu streng</em>" in page
        assert '<a href="https://example.org/bericht" rel="noreferrer nofollow">Bericht</a>' in page
        base = f"/v1/documents/{job['document_id']}"
        for link in (
            f"{base}/export?format=json", f"{base}/export?format=html", f"{base}/export?format=tmx",
            f"{base}/export?format=xliff&amp;lang=en", f"{base}/export?format=xliff&amp;lang=ko",
            f"{base}/render?lang=en&amp;format=markdown", f"{base}/render?lang=ko&amp;format=html",
        ):  # fmt: skip
            assert f'href="{link}"' in page, link
            assert browser.get(link.replace("&amp;", "&")).status_code == 200, link
        assert page.count('lang="ko" data-label') > 0 and "Provenance" in page
        assert 'name="text" rows="4"' in page and 'maxlength="5000"' in page  # the roomy edit box
        tree = lxml_html.fromstring(page)
        ids = set(tree.xpath("//@id"))
        nexts = tree.xpath("//td[@lang='en']//a[@class='next-flagged']")
        flagged_en = tree.xpath("//td[@lang='en'][@data-status='flagged']")
        assert len(nexts) == len(flagged_en), "one 'next to review' link per flagged translation"
        for link, cell in zip(nexts, flagged_en, strict=True):
            target = link.get("href").removeprefix("#")
            assert (target in ids and target != cell.getparent().get("id")) or len(flagged_en) == 1, target
        only_en = browser.get(f"/documents/{job['document_id']}", params={"lang": "en"}).text
        assert 'lang="ko" data-label' not in only_en and 'lang="en" data-label' in only_en
        assert only_en.count("<textarea") == page.count("<textarea") // 2  # one form per shown language


def test_a_refused_correction_can_be_shown_in_its_own_form(app: FastAPI) -> None:
    """``document_response(..., correction=...)``: the page with the refused text and the reason in
    the sentence's form, opened (for the correction form's handler to answer with)."""
    sentence = {"id": ""}

    def refused(document_id: str, request: Request, session: SessionDep, principal: PagePrincipal) -> object:
        assert principal is not None
        problem = Correction(
            sentence["id"], "en", "x" * 5001, "the correction is 5,001 characters; at most 5,000"
        )
        return document_response(
            request, session, principal, document_id, correction=problem, status_code=422
        )

    app.add_api_route("/tests/refused/{document_id}", refused, methods=["GET"])
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        job = wait_for_job(
            client, client.post("/v1/jobs", json={"text": FLOOD, "targets": ["en"]}).json()["id"]
        )
        document = client.get(f"/v1/documents/{job['document_id']}").json()
        sentence["id"] = next(s for s in document["sections"][0]["segments"] if s["translatable"])["id"]
        browser = browser_as(app, "editor")
        page = browser.get(f"/tests/refused/{job['document_id']}")
    assert page.status_code == 422 and "Not done" not in page.text, page.text[-1500:]
    tree = lxml_html.fromstring(page.text)
    cell = tree.xpath(f"//tr[@id='row-{sentence['id']}']/td[@lang='en']")[0]
    assert cell.xpath(".//details/@open") == [""]
    box = cell.xpath(".//textarea")[0]
    assert box.text == "x" * 5001 and box.get("aria-invalid") == "true"
    assert "at most 5,000" in cell.xpath(".//p[@class='error']")[0].text_content()
    assert len(tree.xpath("//p[@class='error']")) == 1, "only the refused sentence's form says so"
    # ...and the top of the page says so too (one alert), linking to the form's field
    (summary,) = tree.xpath("//*[@role='alert']")
    assert summary.xpath(".//a/@href") == [f"#{box.get('id')}"] and "at most 5,000" in summary.text_content()
    assert tree.findtext(".//title").startswith("Error: ")


def test_approving_on_the_pages_needs_an_editor_and_a_model_output(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        job = wait_for_job(
            client, client.post("/v1/jobs", json={"text": FLOOD, "targets": ["en"]}).json()["id"]
        )
        document = client.get(f"/v1/documents/{job['document_id']}").json()
        segment = next(s for s in document["sections"][0]["segments"] if s["translatable"])["id"]
        action = f"/documents/{job['document_id']}/segments/{segment}/translations/en/approve"
        reader, editor = browser_as(app, "reader"), browser_as(app, "editor")
        assert action not in reader.get(f"/documents/{job['document_id']}").text  # no such form for a reader
        refused = reader.post(action, data={"csrf": form_token(reader.get("/").text)})
        assert refused.status_code == 403 and "<h1>Not allowed</h1>" in refused.text
        assert editor.post(action, data={"csrf": "forged"}).status_code == 403
        done = editor.post(action, data={"csrf": form_token(editor.get("/").text), "back": "review"})
        assert done.status_code == 303 and done.headers["location"] == (
            f"/review?done=approved&done_document={job['document_id']}&done_segment={segment}"
            "&done_lang=en&done_at=1#done"
        )
        shown = client.get(f"/v1/documents/{job['document_id']}").json()
        approved = next(s for s in shown["sections"][0]["segments"] if s["id"] == segment)["translations"][
            "en"
        ]
        assert approved["approved_by"] == "Editor"
        assert action not in editor.get(f"/documents/{job['document_id']}").text  # approved: no second button


def test_the_pages_forms_take_language_codes_as_the_api_does(app: FastAPI) -> None:
    """Found by an outside tester: a correction posted to ``.../translations/EN`` got a 422 page
    that said nothing, an approval a 404 "has no EN translation", while the API takes "EN"; the
    glossary page's TBX source language "DE" found no term. What no form can fix is still refused,
    and said on a page."""
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        job = wait_for_job(
            client, client.post("/v1/jobs", json={"text": FLOOD, "targets": ["en"]}).json()["id"]
        )
        document_id = job["document_id"]
        document = client.get(f"/v1/documents/{document_id}").json()
        first, second = [s["id"] for s in document["sections"][0]["segments"] if s["translatable"]][:2]
        editor = browser_as(app, "editor")
        token = form_token(editor.get(f"/documents/{document_id}").text)
        base = f"/documents/{document_id}/segments"
        fixed = "The Elbe has been rising since Sunday."
        corrected = editor.post(f"{base}/{first}/translations/EN", data={"csrf": token, "text": fixed})
        assert corrected.status_code == 303, corrected.text[-2000:]
        assert "done_lang=en" in corrected.headers["location"]
        approved = editor.post(f"{base}/{second}/translations/EN/approve", data={"csrf": token})
        assert approved.status_code == 303, approved.text[-2000:]
        shown = {
            s["id"]: s for s in client.get(f"/v1/documents/{document_id}").json()["sections"][0]["segments"]
        }
        assert shown[first]["translations"]["en"]["text"] == fixed
        assert shown[second]["translations"]["en"]["approved_by"] == "Editor"

        for lang, status, said in (
            ("xx", 422, "Language 'xx' is not a supported language; use one of de, en, ko"),
            ("ko", 422, "has no ko translation to correct"),  # the article was not translated into it
            ("DE", 422, "its de text is the source"),
        ):
            refused = editor.post(f"{base}/{first}/translations/{lang}", data={"csrf": token, "text": fixed})
            assert refused.status_code == status and said in refused.text.replace("&#39;", "'"), refused.text
        for lang, status, said in (
            ("xx", 422, "Language 'xx' is not a supported language; use one of de, en, ko"),  # as the API
            ("KO", 422, "has no ko translation to approve; submit the article with targets ['ko'] first"),
        ):
            refused = editor.post(f"{base}/{second}/translations/{lang}/approve", data={"csrf": token})
            assert refused.status_code == status and said in refused.text.replace("&#39;", "'"), refused.text

        admin = browser_as(app, "admin")
        token = form_token(admin.get("/glossaries/new").text)
        made = admin.post(
            "/glossaries",
            data={"csrf": token, "name": "Terms", "entries": "", "source_lang": "DE"},
            files={"upload": ("terms.tbx", TBX, "application/x-tbx")},
        )
        assert made.status_code == 303, made.text[-2000:]
        assert "Bundestag" in admin.get(made.headers["location"]).text
        unknown = admin.post(
            "/glossaries",
            data={"csrf": token, "name": "Other", "entries": "", "source_lang": "xx"},
            files={"upload": ("terms.tbx", TBX, "application/x-tbx")},
        )
        assert unknown.status_code == 422 and "source language 'xx'" in unknown.text.replace("&#39;", "'")
