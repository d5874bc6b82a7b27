"""A target that is the article's own language (the source language chosen on the form or sent as
source_lang): refused before anything is stored, the form saying which box to untick and keeping
what was typed, the API saying which targets to send; pasted text and a URL alike."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.support import form_token, new_key, sign_in, table_counts

ARTICLE = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag. Mehrere Orte wurden evakuiert.\n"


def checkbox(page: str, lang: str) -> str:
    found = re.search(rf'<input type="checkbox" name="targets" value="{lang}"[^>]*>', page)
    assert found is not None, page[:500]
    return found[0]


@pytest.mark.parametrize("article", [{"text": ARTICLE}, {"url": "https://news.example/hochwasser"}])
def test_the_form_refuses_the_source_language_as_a_target_and_says_what_to_untick(
    app: FastAPI, article: dict[str, str]
) -> None:
    with TestClient(app):
        browser = TestClient(app, follow_redirects=False)
        assert sign_in(browser, new_key(app, "desk", role="editor")).status_code == 303
        form = browser.get("/submit").text
        assert "not the article's own language" in form  # said before anything is sent
        before = table_counts(app)
        data = {"csrf": form_token(form), "source_lang": "de", "targets": ["en", "de"], **article}
        refused = browser.post("/submit", data=data)
        assert refused.status_code == 422, refused.text[:300]
        page = refused.text.replace("&#39;", "'")
        assert "Not submitted:" in page and "source language is German (de)" in page
        assert "untick German (de) there" in page and "Translate into" in page  # as the box is labelled
        untick = checkbox(page, "de")
        assert 'aria-invalid="true"' in untick and 'aria-describedby="form-error"' in untick
        assert "aria-invalid" not in checkbox(page, "en") and "checked" in checkbox(page, "en")
        assert re.search(r'<option value="de" selected>', page)  # what was chosen is kept
        assert next(iter(article.values())) in page.replace("&amp;", "&")
        assert table_counts(app) == before


@pytest.mark.parametrize("article", [{"text": ARTICLE}, {"url": "https://news.example/hochwasser"}])
def test_the_api_refuses_a_target_that_is_source_lang_naming_the_targets_to_send(
    app: FastAPI, article: dict[str, str]
) -> None:
    with TestClient(app) as api:
        api.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        before = table_counts(app)
        refused = api.post("/v1/jobs", json={**article, "source_lang": "de", "targets": ["de", "en"]})
        assert refused.status_code == 422, refused.text
        detail = refused.json()["detail"]
        assert "target 'de' is the article's own language (source_lang 'de')" in detail
        assert "send targets ['en'] only, or correct source_lang" in detail
        alone = api.post("/v1/jobs", json={**article, "source_lang": "de", "targets": ["de"]})
        assert alone.status_code == 422 and "choose another target" in alone.json()["detail"]
        assert table_counts(app) == before


def test_the_form_names_languages_in_words_and_gives_each_field_a_line_of_its_own(app: FastAPI) -> None:
    """Found by an outside walk at 390 px: the targets were bare codes ("de", "ko"), and the format
    and source language shared a line that wrapped mid-field on a phone."""
    with TestClient(app):
        browser = TestClient(app, follow_redirects=False)
        assert sign_in(browser, new_key(app, "desk", role="editor")).status_code == 303
        form = html.fromstring(browser.get("/submit").text).xpath("//form[@action='/submit']")[0]
        targets = {
            str(box.get("value")): " ".join(box.xpath("..")[0].text_content().split())
            for box in form.xpath(".//input[@name='targets']")
        }
        assert targets == {"en": "English (en)", "ko": "Korean (ko)", "de": "German (de)"}
        options = form.xpath(".//select[@id='source_lang']/option")
        sources = {str(option.get("value")): option.text_content() for option in options}
        assert sources == {"auto": "detect", "de": "German (de)", "en": "English (en)", "ko": "Korean (ko)"}
        for field in ("format", "source_lang", "glossary", "priority"):
            line = form.xpath(f".//select[@id='{field}']/parent::p")
            assert line, f"{field} is not in a line (<p>) of its own"
            assert [str(label.get("for")) for label in line[0].xpath(".//label")] == [field]
