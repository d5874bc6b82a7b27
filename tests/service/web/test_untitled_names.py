"""Found by an outside editor walk: a document without a title was "(untitled)" on the documents
page, every one alike, and the jobs page's links to documents were all called "open". An untitled
document is shown by its first words (in its own language), and each "open" link is named for the
document it opens."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key, wait_for_job

TITLED = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag.\n"
UNTITLED = (
    "Der Bundestag hat am Donnerstag über den Haushalt für das kommende Jahr beraten. Er stimmt im März ab.",
    "Die Feuerwehr ist im Einsatz.",
)


def _words(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def test_untitled_documents_are_shown_by_their_first_words(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        ids = []
        for text in (TITLED, *UNTITLED):
            job = client.post("/v1/jobs", json={"text": text, "targets": ["en"]}).json()
            done = wait_for_job(client, job["id"])
            assert done["state"] == "succeeded", done
            ids.append(done["document_id"])
        titled, long, short = ids
        assert client.get(f"/v1/documents/{long}").json()["title"] is None
        editor = browser_as(app, "editor")

        listing = html.fromstring(editor.get("/").text)
        assert "(untitled)" not in _words(listing)
        shown = {
            str(a.get("href")).rsplit("/", 1)[1]: a for a in listing.xpath("//ul[@class='items']/li/a[1]")
        }
        assert _words(shown[titled]) == "Hochwasser in Sachsen"
        assert _words(shown[long]) == "Der Bundestag hat am Donnerstag über den Haushalt für das…"
        assert _words(shown[short]) == "Die Feuerwehr ist im Einsatz."
        assert shown[long].xpath(".//span/@lang") == ["de"]  # read out in German
        said = {i: _words(a.getparent()).split(" · ")[0] for i, a in shown.items()}
        assert "(no title; its first words)" in said[long] and "no title" not in said[titled], said

        jobs = html.fromstring(editor.get("/jobs").text)
        assert "(untitled)" not in _words(jobs)
        links = {
            str(a.get("href")).rsplit("/", 1)[1]: _words(a) for a in jobs.xpath("//td[@class='document']/a")
        }
        assert links == {
            titled: "open “Hochwasser in Sachsen”",
            long: "open “Der Bundestag hat am Donnerstag über den Haushalt für das…”",
            short: "open “Die Feuerwehr ist im Einsatz.”",
        }
        article = {
            str(row.get("data-job")): _words(row.xpath("td[@data-label='Article']")[0])
            for row in jobs.xpath("//tr[@data-job]")
        }
        assert any(
            text.startswith("Die Feuerwehr ist im Einsatz. (no title; its first words)")
            for text in article.values()
        ), article


def test_review_items_of_an_untitled_document_are_headed_by_its_first_words(app: FastAPI) -> None:
    """Found by a later walk: on /review every item of an untitled document was headed
    "(untitled), section 1, …" alike, while the Document filter above names it by its first words."""
    with TestClient(app) as client:
        client.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        ids = []
        for text in UNTITLED:
            job = client.post("/v1/jobs", json={"text": text, "targets": ["en"]}).json()
            done = wait_for_job(client, job["id"])
            assert done["state"] == "succeeded", done
            ids.append(done["document_id"])
        editor = browser_as(app, "editor")
        page = html.fromstring(editor.get("/review").text)
        heads: dict[str, list[str]] = {}
        for link in page.xpath("//ul[@class='items']/li/a[1]"):
            document = str(link.get("href")).split("/documents/", 1)[1].split("/", 1)[0].split("?", 1)[0]
            heads.setdefault(document, []).append(_words(link))
        long, short = ids
        assert heads.get(long) and heads.get(short), (heads, _words(page))
        for head in heads[long]:
            assert head.startswith("(untitled) – Der Bundestag hat am Donnerstag über…, "), head
        for head in heads[short]:
            assert head.startswith("(untitled) – Die Feuerwehr ist im Einsatz., "), head
        spans = page.xpath("//ul[@class='items']/li/a[1]/span[@lang]/@lang")
        assert spans and set(spans) == {"de"}  # the first words are read out in German
        choices = [_words(o) for o in page.xpath("//select[@id='document']/option")]
        assert any(c.startswith("(untitled) – Die Feuerwehr ist im Einsatz.") for c in choices), choices
