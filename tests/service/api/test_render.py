"""``GET /v1/documents/{id}/render`` through the real service (API + in-process worker + tiny model)
on SQLite and PostgreSQL: an HTML page, a Markdown article and a .docx upload come back in their own
format holding the model's output (or an editor's correction) with every tag, attribute and run
format in place; what cannot be rendered gets a 422 that says what can. The tiny model's words are
random: this proves the plumbing, not the placement of tags on real translations."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.aligned import AlignedDocument
from service.settings import Settings
from tests.conftest import SEED_ARTICLE, require_shared
from tests.service.api.test_uploads import DOCX_TYPE
from tests.service.rendering.markup import (
    NESTED_HTML,
    NESTED_MARKDOWN,
    docx_from_text,
    html_from_text,
    markdown_from_text,
    markdown_html,
    structure,
    text_nodes,
    texts,
)
from tests.support import embedded_client, new_key, sign_in, wait_for_job


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


def submitted(client: TestClient, response_json: dict) -> AlignedDocument:
    job = wait_for_job(client, response_json["id"], timeout=300)
    assert job["state"] == "succeeded", job
    return AlignedDocument.model_validate(client.get(f"/v1/documents/{job['document_id']}").json())


def holds_translations(rendered: str, source: str, document: AlignedDocument) -> None:
    """Every text node holds the stored translations' words, or is one the source had untouched."""
    outputs = [s.translations["en"].text for s in document.all_segments() if "en" in s.translations]
    joined = " ".join(" ".join(outputs).split())
    kept = {" ".join(text.split()) for _, text in text_nodes(source)}
    for element, text in text_nodes(rendered):
        assert " ".join(text.split()) in joined or " ".join(text.split()) in kept, (element.tag, text)


def test_html_markdown_and_docx_come_back_in_their_format(client: TestClient) -> None:
    import docx

    article = require_shared(SEED_ARTICLE).read_text(encoding="utf-8")
    word = docx_from_text(article)
    jobs = {
        "html": client.post("/v1/jobs", json={"text": NESTED_HTML, "format": "html", "targets": ["en"],
                                              "source_lang": "de"}),
        "markdown": client.post("/v1/jobs", json={"text": NESTED_MARKDOWN, "format": "markdown",
                                                  "targets": ["en"], "source_lang": "de"}),
        "docx": client.post("/v1/jobs/upload", files={"file": ("kursk.docx", word, DOCX_TYPE)},
                            data={"targets": ["en"], "source_lang": "de"}),
    }  # fmt: skip
    shared = {
        "shared-html": (html_from_text(article), "html"),
        "shared-md": (markdown_from_text(article), "markdown"),
    }
    for kind, (text, fmt) in shared.items():  # the shared article with inline markup put in
        jobs[kind] = client.post(
            "/v1/jobs", json={"text": text, "format": fmt, "targets": ["en"], "source_lang": "de"}
        )
    assert all(r.status_code == 202 for r in jobs.values()), {k: r.text for k, r in jobs.items()}
    documents = {kind: submitted(client, r.json()) for kind, r in jobs.items()}

    page = client.get(f"/v1/documents/{documents['html'].id}/render", params={"lang": "en"})
    assert page.status_code == 200, page.text
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    translated = [s for s in documents["html"].all_segments() if "en" in s.translations]
    assert page.headers["interlinear-missing"] == "0"
    assert int(page.headers["interlinear-sentences"]) == len(translated) >= 8
    assert structure(page.text) == structure(NESTED_HTML)
    assert texts(page.text, "code") == ["kehrt-um"] and "<pre>code   bleibt</pre>" in page.text
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page.text
    holds_translations(page.text, NESTED_HTML, documents["html"])

    md = client.get(f"/v1/documents/{documents['markdown'].id}/render", params={"lang": "en"})
    assert md.status_code == 200 and md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert structure(markdown_html(md.text)) == structure(markdown_html(NESTED_MARKDOWN)), md.text
    assert "`kehrt-um`" in md.text and '(https://example.org/a?b=1 "Quelle")' in md.text
    holds_translations(markdown_html(md.text), markdown_html(NESTED_MARKDOWN), documents["markdown"])
    as_html = client.get(
        f"/v1/documents/{documents['markdown'].id}/render", params={"lang": "en", "format": "html"}
    )
    assert as_html.status_code == 200 and as_html.text.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in as_html.text and '<meta charset="utf-8">' in as_html.text
    rendered_tags = structure(as_html.text)[0]
    for tag in ("head", "meta", "title"):  # the page around the Markdown's own elements
        rendered_tags = +(rendered_tags - Counter({k: v for k, v in rendered_tags.items() if k[0] == tag}))
    assert rendered_tags == structure(markdown_html(md.text))[0]

    for kind, (text, fmt) in shared.items():
        out = client.get(f"/v1/documents/{documents[kind].id}/render", params={"lang": "en"})
        assert out.status_code == 200 and int(out.headers["interlinear-missing"]) <= 1, out.headers
        rendered_html, source_html = (
            (out.text, text) if fmt == "html" else (markdown_html(out.text), markdown_html(text))
        )
        assert structure(rendered_html) == structure(source_html)
        holds_translations(rendered_html, source_html, documents[kind])

    rendered = client.get(f"/v1/documents/{documents['docx'].id}/render", params={"lang": "en"})
    assert rendered.status_code == 200, rendered.text
    assert rendered.headers["content-type"] == DOCX_TYPE
    source, out = docx.Document(io.BytesIO(word)), docx.Document(io.BytesIO(rendered.content))
    assert [p.style.name for p in out.paragraphs] == [p.style.name for p in source.paragraphs]
    assert [[(r.bold, r.italic) for r in p.runs] for p in out.paragraphs] == [
        [(r.bold, r.italic) for r in p.runs] for p in source.paragraphs
    ]
    outputs = " ".join(s.translations["en"].text for s in documents["docx"].all_segments() if s.translations)
    changed = [p for p, q in zip(out.paragraphs, source.paragraphs, strict=True) if p.text != q.text]
    assert rendered.headers["interlinear-missing"] == "0"
    assert len(changed) >= 19 and all(" ".join(p.text.split()) in outputs for p in changed)  # title, 9+9


def test_a_correction_is_what_is_rendered_with_the_markup_around_it(client: TestClient) -> None:
    response = client.post("/v1/jobs", json={"text": NESTED_HTML, "format": "html", "targets": ["en"],
                                             "source_lang": "de"})  # fmt: skip
    document = submitted(client, response.json())
    first = next(s for s in document.all_segments() if s.text.startswith("Die Regierung"))
    url = f"/v1/documents/{document.id}/segments/{first.id}/translations/en"
    corrected = "The government in Pjöngjang said on Monday that the troops had returned safely."
    assert client.put(url, json={"text": corrected}).status_code == 200
    page = client.get(f"/v1/documents/{document.id}/render", params={"lang": "en", "format": "html"}).text
    assert structure(page) == structure(NESTED_HTML)
    assert texts(page, "em")[1] == "Pjöngjang"  # the name the correction repeats carries its markup
    assert corrected.split()[-1] in texts(page, "p")[0]


def test_what_cannot_be_rendered_says_what_can(client: TestClient) -> None:
    plain = client.post("/v1/jobs", json={"text": "Die Regierung hat am Montag neue Regeln beschlossen.",
                                          "targets": ["en"], "source_lang": "de"})  # fmt: skip
    text_doc = submitted(client, plain.json())
    refused = client.get(f"/v1/documents/{text_doc.id}/render", params={"lang": "en"})
    assert refused.status_code == 422 and "plain text" in refused.json()["detail"]
    page = client.post("/v1/jobs", json={"text": NESTED_HTML, "format": "html", "targets": ["en"],
                                         "source_lang": "de"})  # fmt: skip
    html_doc = submitted(client, page.json())
    for params, message in (
        ({"lang": "en", "format": "docx"}, "renders as html, not 'docx'"),
        ({"lang": "ko"}, "no translations into ko (yet: a job still running"),
        ({"lang": "de"}, "is in de: render a target language (available: en)"),
        ({"lang": "en", "format": "pdf"}, "renders as html"),
    ):
        response = client.get(f"/v1/documents/{html_doc.id}/render", params=params)
        assert response.status_code == 422 and message in response.json()["detail"], response.text
    assert client.get("/v1/documents/nope/render", params={"lang": "en"}).status_code == 404
    reader = {"Authorization": f"Bearer {new_key(client.app, 'tests', role='reader')}"}  # type: ignore[arg-type]
    assert (
        client.get(f"/v1/documents/{html_doc.id}/render", params={"lang": "en"}, headers=reader).status_code
        == 200
    )
    other = {"Authorization": f"Bearer {new_key(client.app, 'elsewhere')}"}  # type: ignore[arg-type]
    assert (
        client.get(f"/v1/documents/{html_doc.id}/render", params={"lang": "en"}, headers=other).status_code
        == 404
    )


def test_the_document_page_links_to_its_renderings(client: TestClient) -> None:
    response = client.post("/v1/jobs", json={"text": NESTED_MARKDOWN, "format": "markdown", "targets": ["en"],
                                             "source_lang": "de"})  # fmt: skip
    document = submitted(client, response.json())
    key = new_key(client.app, "tests", role="reader")  # type: ignore[arg-type]
    with TestClient(client.app, follow_redirects=False) as browser:
        assert sign_in(browser, key).status_code == 303
        page = browser.get(f"/documents/{document.id}").text
        links = [
            f"/v1/documents/{document.id}/render?lang=en&amp;format={fmt}" for fmt in ("markdown", "html")
        ]
        assert all(link in page for link in links) and "format=docx" not in page
        download = browser.get(links[0].replace("&amp;", "&"))  # the page's cookie is enough to read
        assert download.status_code == 200 and download.text.startswith("# ")


def test_the_format_and_the_file_are_part_of_an_articles_identity(client: TestClient) -> None:
    """The same text as plain text and as Markdown are two documents (each parsed and rendered as
    it was sent); so are two .docx files with the same text and other formatting."""
    import docx

    text = "# Neue Regeln\n\nDie Regierung hat am Montag neue Regeln für Drohnen angekündigt.\n"
    as_text = client.post(
        "/v1/jobs", json={"text": text, "format": "text", "targets": ["en"], "source_lang": "de"}
    )
    as_markdown = client.post(
        "/v1/jobs", json={"text": text, "format": "markdown", "targets": ["en"], "source_lang": "de"}
    )
    assert as_text.json()["document_id"] != as_markdown.json()["document_id"]
    again = client.post(
        "/v1/jobs", json={"text": text, "format": "markdown", "targets": ["en"], "source_lang": "de"}
    )
    assert again.json()["document_id"] == as_markdown.json()["document_id"]  # still deduplicated
    markdown_doc = submitted(client, as_markdown.json())
    assert client.get(f"/v1/documents/{markdown_doc.id}/render", params={"lang": "en"}).status_code == 200

    def word(bold: bool) -> bytes:
        document = docx.Document()
        paragraph = document.add_paragraph("Die Regierung hat am Montag ")
        paragraph.add_run("neue Regeln").bold = bold
        paragraph.add_run(" für Drohnen angekündigt.")
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    ids = []
    for bold in (False, True):
        response = client.post("/v1/jobs", files={"file": ("d.docx", word(bold), DOCX_TYPE)},
                               data={"targets": ["en"], "source_lang": "de"})  # fmt: skip
        ids.append(submitted(client, response.json()).id)
    assert ids[0] != ids[1]
    rendered = client.get(f"/v1/documents/{ids[1]}/render", params={"lang": "en"})
    runs = docx.Document(io.BytesIO(rendered.content)).paragraphs[0].runs
    assert [r.bold for r in runs] == [None, True, None]  # the second file's formatting


def test_a_word_file_sent_from_the_submit_page_renders_back_as_word(client: TestClient) -> None:
    import re

    import docx

    key = new_key(client.app, "tests", role="editor")  # type: ignore[arg-type]
    with TestClient(client.app, follow_redirects=False) as browser:
        assert sign_in(browser, key).status_code == 303
        csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/submit").text)
        assert csrf is not None
        word = docx_from_text(require_shared(SEED_ARTICLE).read_text(encoding="utf-8"))
        untargeted = browser.post(
            "/submit", files={"upload": ("kursk.docx", word, DOCX_TYPE)},
            data={"csrf": csrf.group(1), "source_lang": "de"},
        )  # fmt: skip
        assert untargeted.status_code == 422  # the form again, saying what to do (not pydantic's words)
        assert "choose at least one language to translate into" in untargeted.text
        sent = browser.post(
            "/submit", files={"upload": ("kursk.docx", word, DOCX_TYPE)},
            data={"csrf": csrf.group(1), "targets": ["en"], "source_lang": "de"},
        )  # fmt: skip
        assert sent.status_code == 303, sent.text
        job_id = sent.headers["location"].rsplit("#job-", 1)[1]
    document = submitted(client, {"id": job_id})
    rendered = client.get(f"/v1/documents/{document.id}/render", params={"lang": "en"})
    assert rendered.status_code == 200 and rendered.headers["content-type"] == DOCX_TYPE
    paragraphs = docx.Document(io.BytesIO(rendered.content)).paragraphs
    assert [p.style.name for p in paragraphs] == [
        p.style.name for p in docx.Document(io.BytesIO(word)).paragraphs
    ]
