"""A target that is the article's own language (the source language chosen on the form or sent as
source_lang): refused before anything is stored, the form saying which box to untick and keeping
what was typed, the API saying which targets to send; pasted text and a URL alike."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

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
        assert "Not submitted:" in page and "source language is Deutsch (de)" in page
        assert "untick de" in page and "Translate into" in page
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
