"""Found by an outside walk of the pages: the engine confidence was said as "engine confidence low
(average token probability 0.4 %)", under a long paragraph of tokens, word pieces, "the weaker step"
and natural logarithms that pushed the review list and the document's first sentence far down on a
phone. Each row now says the level in an editor's words ("engine confidence: low — the model was
unsure of this translation"); the explanation waits, collapsed, behind "What is engine
confidence?", plain words first and the technical definition last; the raw score stays in
``data-score`` and the title."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from tests.service.web.test_confidence_words import scored_document
from tests.service.web.test_desk_pages import browser_as


def _words(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _legend_is_collapsed_plain_first(page: html.HtmlElement) -> None:
    legends = page.xpath("//*[@id='confidence-scale']")
    assert len(legends) == 1, f"one legend expected, found {len(legends)}"
    legend = legends[0]
    assert legend.tag == "details" and legend.get("open") is None, html.tostring(legend)
    assert _words(legend.xpath("./summary")[0]) == "What is engine confidence?"
    said = [_words(p) for p in legend.xpath("./p")]
    assert said[0].startswith("Engine confidence says how sure the translation model was"), said
    for technical in ("token", "word piece", "weaker step", "natural logarithm"):
        assert technical not in said[0], (technical, said[0])
    assert said[-1].startswith("Technically, engine confidence is the average probability"), said
    assert "natural logarithm" in said[-1] and "low under 37 %" in said[-1], said[-1]


def test_rows_say_the_level_plainly_and_the_legend_waits_collapsed(app: FastAPI) -> None:
    with TestClient(app):
        document_id = scored_document(app, (-5.65, -0.5))
        browser = browser_as(app, "editor")

        page = html.fromstring(browser.get(f"/documents/{document_id}").text)
        spans = page.xpath("//td//span[@class='confidence']")
        assert {s.get("data-score"): _words(s) for s in spans} == {
            "-5.65": "engine confidence: low — the model was unsure of this translation",
            "-0.5": "engine confidence: medium — the model was fairly sure of this translation",
        }
        assert all(s.get("title").startswith(f"score {float(s.get('data-score')):.2f}") for s in spans)
        assert "average token probability" not in " ".join(_words(s) for s in spans)
        _legend_is_collapsed_plain_first(page)

        review = html.fromstring(browser.get("/review", params={"document": document_id}).text)
        listed = review.xpath("//ul[@class='items']//span[@class='confidence']")
        low = "engine confidence: low — the model was unsure of this translation"
        assert [_words(s) for s in listed] == [low]
        assert listed[0].get("data-score") == "-5.65" and "score -5.65" in listed[0].get("title")
        _legend_is_collapsed_plain_first(review)
