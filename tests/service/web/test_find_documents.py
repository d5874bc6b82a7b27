"""Found by an outside walk of the pages: the documents page's one "Language" filter listed the
articles written in a language together with those translated into it, and its search found only
the exact phrase typed ("Montag Müller" did not find "Müller … am Montag", "Mueller" not "Müller").
The page has two filters, "Written in" and "Translated into", and finds every word in any order,
umlauts and ß folded; the API's list has the same (``source_lang`` as before, ``target_lang`` and
``q`` new, documented in its OpenAPI), and its ``next`` link keeps them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.storage.test_document_search import stored
from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key

TENANT = "desk"  # browser_as's tenant


def _store(app: FastAPI) -> dict[str, str]:
    """The storage tests' three articles (:func:`stored`) in the desk's tenant."""
    with app.state.database.session() as session:
        return stored(session, TENANT)


def _listed(browser: TestClient, ids: dict[str, str], **query: str) -> set[str]:
    page = browser.get("/", params=query)
    assert page.status_code == 200, (query, page.text[:300])
    names = {f"/documents/{document_id}": name for name, document_id in ids.items()}
    links = html.fromstring(page.text).xpath("//ul[@class='items']/li[not(@class)]/a[1]/@href")
    return {names[str(href)] for href in links}


def _label(tree: html.HtmlElement, control: str) -> str:
    return " ".join(tree.xpath(f"string(//label[@for='{control}'])").split())


def test_the_documents_page_filters_written_in_and_translated_into_apart(app: FastAPI) -> None:
    with TestClient(app):
        ids = _store(app)
        browser = browser_as(app, "reader")
        tree = html.fromstring(browser.get("/").text)
        assert tree.xpath("//select/@name") == ["source_lang", "target_lang", "publication", "state"]
        assert (_label(tree, "source_lang"), _label(tree, "target_lang")) == ("Written in", "Translated into")
        assert _listed(browser, ids) == {"mayor", "storm", "coast"}
        assert _listed(browser, ids, source_lang="en") == {"coast"}
        assert _listed(browser, ids, target_lang="en") == {"storm"}  # not the article written in English
        assert _listed(browser, ids, target_lang="DE") == {"coast"}
        assert _listed(browser, ids, source_lang="de", target_lang="en") == {"storm"}
        chosen = html.fromstring(browser.get("/", params={"source_lang": "de", "target_lang": "en"}).text)
        assert chosen.xpath("//select[@id='source_lang']/option[@selected]/@value") == ["de"]
        assert chosen.xpath("//select[@id='target_lang']/option[@selected]/@value") == ["en"]
        assert chosen.xpath("//a[normalize-space()='Show all']/@href") == ["/"]
        old = browser.get("/", params={"lang": "en"})  # the one filter of before: which one is not known
        said = html.fromstring(old.text).xpath("string(//main)")
        assert old.status_code == 422 and "choose “Written in” (source_lang=en) or “Translated into”" in said
        for field in ("source_lang", "target_lang"):
            refused = browser.get("/", params={field: "xx"})
            assert refused.status_code == 422, field
            said = html.fromstring(refused.text).xpath("string(//main)")
            assert f"{field} 'xx' is not a supported language" in said, said


def test_the_documents_page_finds_every_word_in_any_order_umlauts_folded(app: FastAPI) -> None:
    with TestClient(app):
        ids = _store(app)
        browser = browser_as(app, "reader")
        assert _listed(browser, ids, q="Montag Müller") == {"mayor"}
        assert _listed(browser, ids, q="mueller") == {"mayor"}
        assert _listed(browser, ids, q="Muller strasse") == {"mayor"}
        assert _listed(browser, ids, q="Müller Hamburg") == set()
        assert _listed(browser, ids, q="kuste", target_lang="en") == {"storm"}
        tree = html.fromstring(browser.get("/", params={"q": "Müller Hamburg"}).text)
        assert "Nothing matches" in tree.xpath("string(//ul[@class='items'])")
        hint = tree.xpath("//input[@id='q']/@aria-describedby")
        assert hint and "any order" in tree.xpath(f"string(//*[@id='{hint[0]}'])")


def test_the_api_list_filters_by_written_in_translated_into_and_words(app: FastAPI) -> None:
    with TestClient(app) as api:
        ids = _store(app)
        api.headers["Authorization"] = f"Bearer {new_key(app, TENANT, role='reader')}"
        names = {document_id: name for name, document_id in ids.items()}

        def listed(**query: str | int) -> set[str]:
            answer = api.get("/v1/documents", params=query)
            assert answer.status_code == 200, (query, answer.text)
            return {names[item["id"]] for item in answer.json()["items"]}

        assert listed(source_lang="en") == {"coast"}  # as before
        assert listed(target_lang="en") == {"storm"}
        assert listed(source_lang="de", target_lang="en") == {"storm"}
        assert listed(q="montag MUELLER") == {"mayor"}
        assert listed(q="strasse", source_lang="de") == {"mayor"}
        assert listed(q="über") == {"mayor", "storm"}
        first = api.get("/v1/documents", params={"q": "über", "target_lang": "en", "limit": 1}).json()
        assert first["next"] is None  # one match: the storm
        first = api.get("/v1/documents", params={"q": "über", "source_lang": "de", "limit": 1}).json()
        assert first["next"], first
        kept = parse_qs(urlsplit(first["next"]).query)
        assert (kept["q"], kept["source_lang"]) == (["über"], ["de"]), first["next"]
        second = api.get(first["next"]).json()
        assert {names[item["id"]] for item in first["items"] + second["items"]} == {"mayor", "storm"}
        onward = api.get("/v1/documents", params={"target_lang": "de", "q": "monday", "limit": 1}).json()
        assert [names[item["id"]] for item in onward["items"]] == ["coast"]
        assert api.get("/v1/documents", params={"target_lang": "xx"}).status_code == 422

        parameters = {
            p["name"]: p.get("description", "")
            for p in api.get("/openapi.json").json()["paths"]["/v1/documents"]["get"]["parameters"]
        }
        assert "written in" in parameters["source_lang"]
        assert "translation into" in parameters["target_lang"]
        assert "every one of these words" in parameters["q"] and "Müller" in parameters["q"]
