"""Outside testers' findings on the review list: "Correct it on the document page" led to a page
whose only way back was ``/review?document=X`` (the language and page dropped), so after saving a
correction the editor could not return to the filtered list. The list's query now travels with the
document page's links and forms (``?back=``, only this site's /review) and the page links back."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.ingest import store_article
from service.parse import parse_article
from service.storage.tables import Document
from tests.service.web.test_desk_confirmations import _document
from tests.service.web.test_desk_pages import browser_as
from tests.service.web.test_review_desk import _translated
from tests.support import new_key, wait_for_job

ELBE = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.\n"
BUNDESTAG = "Haushalt im Bundestag\n\nDer Bundestag hat am Donnerstag über den Haushalt beraten.\n"


def _links(page: str, text: str) -> list[str]:
    return [
        str(a.get("href")) for a in html.fromstring(page).xpath("//a") if a.text_content().strip() == text
    ]


def test_correcting_from_a_filtered_review_list_leads_back_to_it(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)
        editor = browser_as(app, "editor")
        listing = editor.get("/review", params={"lang": "ko", "document": document["id"]})
        assert listing.status_code == 200 and 'id="item-1"' in listing.text
        the_list = f"/review?lang=ko&document={document['id']}"
        correct = _links(listing.text, "Correct it on the document page")[0]
        # the list, and the item's place in it: where a correction goes back to
        assert dict(parse_qsl(urlsplit(correct).query))["back"] == the_list + "&at=1", correct
        segment = dict(parse_qsl(urlsplit(correct).query))["segment"]

        page = editor.get(correct)
        assert page.status_code == 200
        assert _links(page.text, "Back to the review list") == [the_list]
        tree = html.fromstring(page.text)
        form = tree.xpath(
            f"//form[@action='/documents/{document['id']}/segments/{segment}/translations/ko']"
        )[0]
        fields = dict(zip(form.xpath(".//input/@name"), form.xpath(".//input/@value"), strict=True))

        refused = editor.post(str(form.get("action")), data={**fields, "text": " "})
        assert refused.status_code == 422
        assert _links(refused.text, "Back to the review list") == [the_list], (
            "kept when a correction is refused"
        )

        saved = editor.post(str(form.get("action")), data={**fields, "text": "북한의 새 규칙"})
        assert saved.status_code == 303, saved.text[-1000:]
        # Back in the list, where the corrected item stood (tests/service/web/test_next_to_review.py).
        assert saved.headers["location"].startswith(the_list + "&done=corrected&"), saved.headers["location"]
        after = editor.get(saved.headers["location"])
        status = html.fromstring(after.text).xpath("//*[@role='status']")[0]
        assert status.text_content().startswith("Saved your correction of")
        back = editor.get(the_list)
        assert back.status_code == 200 and "북한의 새 규칙" not in back.text  # corrected: left the list


def test_only_this_sites_review_list_is_linked_back_to(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)
        editor = browser_as(app, "editor")
        path = f"/documents/{document['id']}"
        for back, linked in (
            ("https://evil.example/review?lang=ko", []),
            ("//evil.example/review", []),
            ("/reviewx?lang=ko", []),
            ("javascript:alert(1)//review", []),
            ("/review?lang=KO&page=3&done=approved&x=<b>", ["/review?lang=ko&page=3"]),
            ("/review?document=<script>&lang=en", ["/review?lang=en"]),
            ("/review", ["/review"]),
        ):
            page = editor.get(path, params={"back": back})
            assert page.status_code == 200, back
            assert _links(page.text, "Back to the review list") == linked, back


def test_untitled_documents_are_told_apart_in_the_document_filter(app: FastAPI) -> None:
    """Found by an outside tester: several untitled documents were all "(untitled)" in the review
    page's document filter."""
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        ids = {}
        for text in (
            "Die Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.",
            "Die Pegel der Elbe steigen seit Sonntag. Die Feuerwehr ist im Einsatz.",
            "Der Bundestag hat am Donnerstag über den Haushalt beraten.",
        ):
            job = wait_for_job(
                client, client.post("/v1/jobs", json={"text": text, "targets": ["en"]}).json()["id"]
            )
            assert job["state"] == "succeeded", job
            document = client.get(f"/v1/documents/{job['document_id']}").json()
            assert document["title"] is None, document["title"]
            ids[job["document_id"]] = document
        # The two Elbe articles came in the same minute (as they may, a few seconds apart): only
        # the start of their ids tells them apart. Set here, so a run across a minute's end does too.
        with app.state.database.session() as session:
            elbe = [session.get(Document, i) for i in ids if "Elbe" in str(ids[i])]
            assert len(elbe) == 2 and all(elbe), elbe
            elbe[1].created_at = elbe[0].created_at  # type: ignore[union-attr]
            session.commit()
        page = browser_as(app, "editor").get("/review")
        options = html.fromstring(page.text).xpath("//select[@id='document']/option[@value!='']")
        labels = {str(o.get("value")): " ".join(o.text_content().split()) for o in options}
        assert labels.keys() == ids.keys()
        assert len(set(labels.values())) == 3, labels
        for label in labels.values():
            assert label.startswith(
                "(untitled) – Die Pegel der Elbe steigen seit Sonntag. – "
            ) or label.startswith("(untitled) – Der Bundestag hat am Donnerstag über…"), label
            when = re.search(r" – (\d{4}-\d\d-\d\d \d\d:\d\d)( ·|$)", label)
            assert when, label
            came_in = dt.datetime.strptime(when.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=dt.UTC)
            assert abs(dt.datetime.now(dt.UTC) - came_in) < dt.timedelta(minutes=10), label
        same = [label for label in labels.values() if "Elbe" in label]
        assert all(" · " in label for label in same), same  # alike but for the start of their id
        assert [labels[i].endswith(f" · {i[:8]}") for i in ids if "Elbe" in labels[i]] == [True, True]


def test_approving_the_last_item_lands_on_the_message_that_says_so(app: FastAPI) -> None:
    """Found by an outside tester: approving the list's last item went to ``#item-N``, which the
    shorter list no longer has, so the editor landed at the top of the page."""
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)
        editor = browser_as(app, "editor")
        listing = editor.get("/review", params={"lang": "ko", "document": document["id"]}).text
        items = html.fromstring(listing).xpath("//ul[@class='items']/li[starts-with(@id, 'item-')]")
        for item in (items[-1], items[0]):  # the last one, then the first of those left
            form = item.xpath(".//form")[0]
            fields = dict(zip(form.xpath(".//input/@name"), form.xpath(".//input/@value"), strict=True))
            done = editor.post(str(form.get("action")), data=fields)
            assert done.status_code == 303
            address, _, anchor = done.headers["location"].partition("#")
            landed = html.fromstring(editor.get(address).text)
            target = landed.xpath(f"//*[@id='{anchor}']")
            assert target, f"#{anchor} is on no element of the page it leads to"
            assert target[0].get("role") == "status" and target[0].text_content().startswith(
                "Approved the Korean"
            )
            listing = editor.get("/review", params={"lang": "ko", "document": document["id"]}).text
            items = html.fromstring(listing).xpath("//ul[@class='items']/li[starts-with(@id, 'item-')]")
            if not items:
                break


def test_every_review_page_says_how_many_translations_wait_and_which_it_shows(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by outside walks: page 2 of the review list said "Translations 201 to 400 of more.",
    and the total was said only on the last page ("200+ translations" on the first)."""
    monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", 2)
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        document = _document(client)  # two sentences into two languages: four to review, or more
        total = len(client.get("/v1/review", params={"document": document["id"], "limit": 500}).json())
        assert total >= 5, total
        editor = browser_as(app, "editor")

        def said(page: int, **filters: str) -> tuple[str, list[str]]:
            query = {"document": document["id"], "page": page, **filters}
            tree = html.fromstring(editor.get("/review", params=query).text)
            (meta,) = [
                " ".join(p.text_content().split())
                for p in tree.xpath("//main//p[@class='meta'][contains(., 'to review with these filters')]")
            ]
            return meta, [
                " ".join(a.text_content().split())
                for a in tree.xpath("//nav[@aria-label='Review pages (bottom)']//a")
            ]

        waiting = f"{total} translations to review with these filters"
        assert said(1) == (f"{waiting}; this page shows 1 to 2.", ["Next 2"])
        assert said(2) == (f"{waiting}; this page shows 3 to 4.", ["Previous 2", f"Next {min(2, total - 4)}"])
        last = -(-total // 2)
        shown = total - (last - 1) * 2
        expected = f"number {total}" if shown == 1 else f"{total - 1} to {total}"
        assert said(last) == (f"{waiting}; this page shows {expected}.", ["Previous 2"])
        assert said(last + 1) == (f"{waiting}.", [])  # its list says the page is past the last
        english = len(client.get("/v1/review", params={"document": document["id"], "lang": "en"}).json())
        plural = "s" if english != 1 else ""
        assert said(1, lang="en")[0].startswith(f"{english} translation{plural} to review with these filters")
        monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", 200)
        assert said(1)[0] == f"{waiting}."  # all on one page: no page to say


def _document_filter(page: str) -> tuple[list[str], str]:
    """The review page's document filter: its documents' ids, in order, and the hint under it."""
    tree = html.fromstring(page)
    hint = " ".join(tree.xpath("string(//*[@id='documents-hint'])").split())
    return [str(value) for value in tree.xpath("//select[@id='document']/option[@value!='']/@value")], hint


def test_the_document_filter_offers_every_document_with_something_to_review(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by an outside walk: the filter listed the 50 newest documents (with something to review
    or not), so an older document could not be chosen. It lists those with something to review,
    newest first, whatever their age; past its length it says where the older ones are found."""
    monkeypatch.setattr("service.web.desk.REVIEW_ITEMS", 1)  # one item a page: most documents off it
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        older = [_translated(client, text)["id"] for text in (ELBE, BUNDESTAG)]
        with app.state.database.session() as session:  # 50 newer articles, none translated yet
            newer = [
                store_article(session, text, parse_article(text), "de", "desk").id
                for text in (f"Meldung {n}\n\nDer Rat tagte am {n}. Mai in Berlin.\n" for n in range(50))
            ]
        editor = browser_as(app, "editor")
        listed, hint = _document_filter(editor.get("/review").text)
        assert listed == older[::-1] and hint == ""

        chosen = editor.get("/review", params={"document": newer[0]}).text  # chosen, nothing to review
        assert _document_filter(chosen)[0] == [newer[0], *older[::-1]]
        assert '<option value="' + newer[0] + '" selected>' in chosen

        monkeypatch.setattr("service.web.desk.REVIEW_DOCUMENTS", 1)
        listed, hint = _document_filter(editor.get("/review").text)
        assert listed == [older[1]]
        assert hint == (
            "Lists the 1 newest document with something to review; for the 1 older one, search the "
            "documents page and follow a document's “to review” link."
        )
        found = editor.get("/", params={"q": "Elbe"}).text  # the older one there, with its own links
        links = [str(a) for a in html.fromstring(found).xpath("//a/@href") if "/review?document=" in str(a)]
        assert links and all(link.startswith(f"/review?document={older[0]}&") for link in links), links


def test_a_direction_override_in_an_article_does_not_turn_its_filter_label_round(app: FastAPI) -> None:
    """Found by an outside tester: an untitled article starting "Die Regierung hat \\u202eneue
    Regeln..." was named in the review filter with the override raw, never closed, so the date after
    it read reversed. A label made of an article's words leaves direction controls out; a title
    too."""
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        for text in (
            "Die Regierung hat \u202eneue Regeln für Drohnen angekündigt. Sie gelten ab Januar.",
            "Neue \u2067Regeln\n\nDer Bundestag hat am Donnerstag über den Haushalt beraten.\n",
        ):
            job = client.post("/v1/jobs", json={"text": text, "targets": ["en"], "source_lang": "de"})
            assert wait_for_job(client, job.json()["id"])["state"] == "succeeded"
        page = browser_as(app, "editor").get("/review")
        options = html.fromstring(page.text).xpath("//select[@id='document']/option[@value!='']")
        labels = sorted(" ".join(o.text_content().split()) for o in options)
        assert len(labels) == 2, labels
        assert labels[0].startswith("(untitled) – Die Regierung hat neue Regeln für… – "), labels
        assert labels[1] == "Neue Regeln", labels
        assert not any(c in label for label in labels for c in "\u202e\u2067")
