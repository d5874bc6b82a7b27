"""A Markdown article with raw HTML blocks through the real service (API + in-process worker + tiny
model): their sentences are stored and translated, and ``/render`` as Markdown and as HTML leaves
none of them German without counting it (an outside tester's finding: a ``<div>`` and a ``<p>``
block were dropped, came back German, and ``Interlinear-Missing`` said 0)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from service.rendering.markdown import to_html
from tests.support import module_client, wait_for_job

ARTICLE = """# Der Beschluss

Der Bundestag hat am Dienstag das neue Gesetz beschlossen.

<div class="note">Die Opposition sprach von einem schweren Fehler, sagte ein Sprecher am Mittwoch.</div>

<p>Ein Sprecher der Grünen nannte den Beschluss überstürzt.</p>

<!-- Die Redaktion prüft diesen Absatz noch einmal. -->

Die Abstimmung war knapp.
"""
IN_HTML = [
    "Die Opposition sprach von einem schweren Fehler, sagte ein Sprecher am Mittwoch.",
    "Ein Sprecher der Grünen nannte den Beschluss überstürzt.",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, tiny_marian_dir: Path) -> Iterator[TestClient]:
    with module_client(tmp_path_factory.mktemp("mdhtml"), tiny_marian_dir) as test_client:
        yield test_client


def text_of(page: str) -> str:
    return " ".join(lxml_html.document_fromstring(page).text_content().split())


def test_html_blocks_in_markdown_are_translated_or_counted(client: TestClient) -> None:
    response = client.post(
        "/v1/jobs", json={"text": ARTICLE, "format": "markdown", "targets": ["en"], "source_lang": "de"}
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    document_id = job["document_id"]
    stored = client.get(f"/v1/documents/{document_id}").json()
    texts = [s["text"] for section in stored["sections"] for s in section["segments"]]
    assert all(sentence in texts for sentence in IN_HTML), texts
    url = f"/v1/documents/{document_id}/render"
    for fmt in ("markdown", "html"):
        rendered = client.get(url, params={"lang": "en", "format": fmt})
        assert rendered.status_code == 200, rendered.text
        left = text_of(rendered.text if fmt == "html" else to_html(rendered.text))
        still_german = [sentence for sentence in IN_HTML if sentence in left]
        assert int(rendered.headers["interlinear-missing"]) >= len(still_german), (fmt, rendered.text)
        assert still_german == [], (fmt, rendered.text)  # with a translation stored, it is put in place
        report = client.get(url, params={"lang": "en", "format": fmt, "report": "true"}).json()
        assert report["missing"] == 0 and report["passages"] == [], report
    markdown = client.get(url, params={"lang": "en", "format": "markdown"}).text
    assert markdown.count('<div class="note">') == 1 and markdown.count("<p>") == 1, markdown
