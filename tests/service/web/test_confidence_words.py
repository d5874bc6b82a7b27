"""Found by an outside walk of the pages: the engine's confidence was shown as the bare stored
score, "engine unsure (score -5.65)", which no editor can read. The document page and the review
list now say it alike, by one presenter (service/web/confidence.py): a word (low, medium, high) and
the average probability the model gave a token, as a percentage, with a legend saying what that
is; the raw score stays in the markup (``data-score``) and the API's ``confidence``, whose OpenAPI
description says its scale."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html
from sqlalchemy import select

from service.ingest import store_article
from service.parse import parse_article
from service.storage.tables import SegmentRow, TranslationRow
from tests.service.api.test_glossaries import segments
from tests.service.web.test_desk_pages import browser_as
from tests.support import new_key

ARTICLE = "Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen seit Sonntag. Die Feuerwehr ist im Einsatz.\n"
# What service/web/confidence.py says of the scores stored below (its own test: test_confidence_presenter)
LOW = "engine confidence: low — the model was unsure of this translation"
HIGH = "engine confidence: high — the model was sure of this translation"


def scored_document(app: FastAPI, scores: tuple[float, ...]) -> str:
    """The article stored for the desk's tenant, its body sentences translated into English with
    the engine ``scores`` given, in order; its id."""
    with app.state.database.session() as session:
        document = store_article(session, ARTICLE, parse_article(ARTICLE), "de", "desk")
        sentences = session.scalars(
            select(SegmentRow).where(SegmentRow.document_id == document.id, SegmentRow.role == "body")
            .order_by(SegmentRow.order)
        ).all()  # fmt: skip
        for segment, score in zip(sentences, scores, strict=False):
            session.add(TranslationRow(segment_id=segment.id, target_lang="en", text=f"sentence {score}",
                                       model_id="m", model_revision="1", engine="test", route="test",
                                       confidence=score))  # fmt: skip
        session.commit()
        return document.id


def _words(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def test_the_document_page_and_the_review_list_say_the_confidence_alike(app: FastAPI) -> None:
    with TestClient(app) as api:
        document_id = scored_document(app, (-5.65, -0.1))
        browser = browser_as(app, "editor")

        page = html.fromstring(browser.get(f"/documents/{document_id}").text)
        cells = page.xpath("//td//span[@class='confidence']")
        said = {node.get("data-score"): _words(node) for node in cells}
        assert said == {"-5.65": LOW, "-0.1": HIGH}, said
        assert "score -5.65" not in _words(page)  # the raw score is markup, not what is read
        scale = _words(page.xpath("//*[@id='confidence-scale']")[0])
        assert scale.startswith("What is engine confidence? Engine confidence says how sure the translation")
        assert "average probability the model gave each token" in scale and "low under 37 %" in scale
        assert page.xpath("string(//*[@id='confidence-scale']//code)") == "confidence"

        review = html.fromstring(browser.get("/review", params={"document": document_id}).text)
        listed = [_words(node) for node in review.xpath("//ul[@class='items']//span[@class='confidence']")]
        assert listed == [LOW], listed  # the confident one waits for no one
        assert review.xpath("//ul[@class='items']//span[@class='confidence']/@data-score") == ["-5.65"]
        assert _words(review.xpath("//*[@id='confidence-scale']")[0]) == scale
        assert "score -5.65" not in _words(review)

        api.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='reader')}"
        rows = segments(api.get(f"/v1/documents/{document_id}").json())
        assert sorted(r["translations"]["en"]["confidence"] for r in rows if "en" in r["translations"]) == [
            -5.65,
            -0.1,
        ]
        schemas = api.get("/openapi.json").json()["components"]["schemas"]
        described = [s["properties"]["confidence"].get("description", "") for s in schemas.values()
                     if "confidence" in s.get("properties", {})]  # fmt: skip
        assert described and all("exp(confidence)" in d and "natural" in d for d in described), described
