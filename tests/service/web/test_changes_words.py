"""The changes page marks which words of a changed sentence changed, not the whole sentence:
``<del>`` on the earlier revision's side, ``<ins>`` on the later one's, in the source and in each
translation; both with a cue that is not colour (struck through, underlined) and words for a
screen reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from service.web.word_diff import Piece, word_changes
from tests.support import new_key, sign_in, wait_for_job

BASE = Path(__file__).parents[3] / "service" / "web" / "templates" / "base.html"
ARTICLE = """Neue Regeln für Drohnen

Die Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab Januar.

Kritik aus der Opposition

Die Opposition hält die Regeln für zu streng. Sie fordert Nachbesserungen bis zum Sommer.
"""
REVISED = ARTICLE.replace("bis zum Sommer.", "bis zum Herbst.").replace("am Montag ", "")


def marked(pieces: list[Piece], tag: str) -> str:
    return "".join(f"<{tag}>{p.text}</{tag}>" if p.changed else p.text for p in pieces)


@pytest.mark.parametrize(
    ("before", "after", "old", "new"),
    [
        ("Sie fordert Nachbesserungen bis zum Sommer.", "Sie fordert Nachbesserungen bis zum Herbst.",
         "Sie fordert Nachbesserungen bis zum <del>Sommer</del>.",
         "Sie fordert Nachbesserungen bis zum <ins>Herbst</ins>."),
        ("Die Regierung hat am Montag neue Regeln angekündigt.", "Die Regierung hat neue Regeln angekündigt.",
         "Die Regierung hat <del>am Montag</del> neue Regeln angekündigt.",
         "Die Regierung hat neue Regeln angekündigt."),
        ("정부가 새 규칙을 발표했다.", "정부가 새로운 규칙을 발표했다.",
         "정부가 <del>새</del> 규칙을 발표했다.", "정부가 <ins>새로운</ins> 규칙을 발표했다."),
        ("Hello  world.", "Hello world!", "Hello  world<del>.</del>", "Hello world<ins>!</ins>"),
    ],
)  # fmt: skip
def test_only_the_changed_words_are_marked(before: str, after: str, old: str, new: str) -> None:
    pieces = word_changes(before, after)
    assert (marked(pieces[0], "del"), marked(pieces[1], "ins")) == (old, new)
    assert "".join(p.text for p in pieces[0]) == before and "".join(p.text for p in pieces[1]) == after


def test_the_marks_have_a_cue_besides_colour_and_words_for_a_screen_reader() -> None:
    css = BASE.read_text(encoding="utf-8")
    assert re.search(r"\n  del \{[^}]*text-decoration: line-through", css)
    assert re.search(r"\n  ins \{[^}]*text-decoration: underline", css)
    assert 'del::before { content: " [removed: "; }' in css and 'ins::before { content: " [added: "; }' in css


def text_of(paragraph: lxml_html.HtmlElement) -> str:
    """A paragraph's text without its language label."""
    return "".join(paragraph.xpath("./text() | ./del//text() | ./ins//text()")).strip()


def test_the_changes_page_marks_the_changed_words_in_source_and_translations(app: FastAPI) -> None:
    with TestClient(app) as api:
        api.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        jobs = []
        for text in (ARTICLE, REVISED):
            body = {"text": text, "targets": ["en", "ko"], "external_id": "drohnen-7"}
            jobs.append(wait_for_job(api, api.post("/v1/jobs", json=body).json()["id"], 300))
        assert [j["state"] for j in jobs] == ["succeeded", "succeeded"], jobs
        document_id = jobs[1]["document_id"]
        changes = api.get(f"/v1/documents/{document_id}/diff").json()["changes"]
        browser = TestClient(app, follow_redirects=False)
        assert sign_in(browser, new_key(app, "desk", role="reader")).status_code == 303
        page = browser.get(f"/documents/{document_id}/changes")
        assert browser.get(f"/documents/{document_id}/changes", params={"since": 7}).status_code == 404
    assert page.status_code == 200, page.text[:300]
    rows = lxml_html.fromstring(page.text).xpath("//tr[contains(@class, 'op-replace')]")
    assert len(rows) == 2, page.text
    replaced = [c for c in changes if c["op"] == "replace"]
    assert [r.xpath("./td[1]/p[1]")[0].text_content() for r in rows] == [
        c["before"]["text"] for c in replaced
    ]
    first, second = rows
    assert [d.text for d in first.xpath("./td[1]/p[1]/del")] == ["am Montag"]
    assert first.xpath("./td[2]/p[1]/ins") == []  # nothing added there
    assert [d.text for d in second.xpath("./td[1]/p[1]/del")] == ["Sommer"]
    assert [i.text for i in second.xpath("./td[2]/p[1]/ins")] == ["Herbst"]
    assert not first.xpath("./td[@class]"), "a changed sentence: its words are marked, not its cell"
    for row, change in zip(rows, replaced, strict=True):
        for lang in ("en", "ko"):
            old, new = change["before"]["translations"][lang], change["after"]["translations"][lang]
            before, after = (
                row.xpath(f"./td[1]/p[@lang='{lang}']")[0],
                row.xpath(f"./td[2]/p[@lang='{lang}']")[0],
            )
            assert (text_of(before), text_of(after)) == (old, new)
            if old != new:  # the tiny model's words differ: marked on the side that has them
                assert before.xpath("./del") or after.xpath("./ins"), (old, new)
            assert not before.xpath("./ins") and not after.xpath("./del")


def test_the_first_revisions_changes_page_says_there_is_nothing_earlier(app: FastAPI) -> None:
    """Not a 404 (an outside walk found one): the page is there and says why it has nothing."""
    with TestClient(app) as api:
        api.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='editor')}"
        body = {"text": ARTICLE, "targets": ["en"], "external_id": "drohnen-8"}
        job = wait_for_job(api, api.post("/v1/jobs", json=body).json()["id"], 300)
        assert job["state"] == "succeeded", job
        browser = TestClient(app, follow_redirects=False)
        assert sign_in(browser, new_key(app, "desk", role="reader")).status_code == 303
        for params in ({}, {"since": 1}):
            page = browser.get(f"/documents/{job['document_id']}/changes", params=params)
            assert page.status_code == 200, (params, page.text[:300])
            assert page.headers["content-type"].startswith("text/html")
            assert "there is no earlier revision to compare it with" in page.text
            assert f'href="/documents/{job["document_id"]}"' in page.text and "(drohnen-8)" in page.text
