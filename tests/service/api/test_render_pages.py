"""The corpus of test pages (tests/service/rendering/pages/, one per shape of news page as content
management systems write them) through the real service: each page is uploaded as the bytes a
browser saves (legacy encodings included), translated by the tiny model into English and Korean,
and rendered back. The tiny model's output is noise, so "translated" is judged by the rendering
scan (the same one behind ``Interlinear-Missing``) and by the manifest's passages: each passage
of the article is no longer in the rendering as it stood, and what must stay (navigation,
bylines, credits, ads, figures, another language) is there untouched. The body's element
structure comes back identical and the page still declares its charset (as UTF-8)."""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from service.parse import decode_text
from service.rendering.inert import drop_active_content
from tests.service.api.test_uploads import DOCX_TYPE
from tests.service.rendering.markup import structure
from tests.support import module_client, new_key, sign_in, wait_for_job

PAGES = Path(__file__).parents[1] / "rendering" / "pages"
MANIFEST = tomllib.loads((PAGES / "manifest.toml").read_text(encoding="utf-8"))
LANGS = ("en", "ko")
CHARSET = re.compile(r"<meta\b[^>]*charset\s*=\s*[\"']?utf-8", re.I)
REWRITTEN = frozenset({("meta", "charset"), ("meta", "content")})  # the charset is said as UTF-8


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, tiny_marian_dir: Path) -> Iterator[TestClient]:
    with module_client(tmp_path_factory.mktemp("pages"), tiny_marian_dir) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def documents(client: TestClient) -> dict[str, str]:
    """Every page submitted at once (the worker takes them in turn): name -> document id."""
    jobs = {}
    for name in MANIFEST:
        data = (PAGES / f"{name}.html").read_bytes()
        response = client.post(
            "/v1/jobs/upload",
            files={"file": (f"{name}.html", data, "text/html")},
            data={"targets": list(LANGS), "source_lang": "de"},
        )
        assert response.status_code == 202, (name, response.text)
        jobs[name] = response.json()["id"]
    out = {}
    for name, job_id in jobs.items():
        job = wait_for_job(client, job_id, timeout=300)
        assert job["state"] == "succeeded", (name, job)
        out[name] = job["document_id"]
    return out


def readable(page: str) -> str:
    """The page as lxml takes text (XHTML without its XML declaration)."""
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", page)


def inert(page: str) -> str:
    """The source as a rendering keeps it: without what runs or loads code (scripts but JSON data,
    iframes, embeds, ...: service/rendering/inert.py), everything else as it was."""
    root = lxml_html.document_fromstring(page)
    if not drop_active_content(root):
        return page  # as it was: a round trip through lxml would drop a charset declaration
    return lxml_html.tostring(root, encoding="unicode")


def visible_text(page: str) -> str:
    """The page's text as a reader sees it (scripts and styles aside), whitespace collapsed."""
    root = lxml_html.document_fromstring(readable(page))
    for element in root.iter("script", "style"):
        element.text = ""
    return " ".join(root.text_content().replace("\u00ad", "").split())


def test_the_corpus_has_twenty_shapes_each_with_a_manifest() -> None:
    files = {path.stem for path in PAGES.glob("*.html")}
    assert len(MANIFEST) >= 20 and files == set(MANIFEST)
    assert len({entry["shape"] for entry in MANIFEST.values()}) == len(MANIFEST)
    for name, entry in MANIFEST.items():
        source = visible_text(decode_text((PAGES / f"{name}.html").read_bytes()))
        for passage in [*entry["translate"], *entry["keep"]]:
            assert passage in source, (name, passage)  # the manifest speaks of the page's own text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(MANIFEST))
def test_every_passage_of_every_page_is_translated(
    client: TestClient, documents: dict[str, str], name: str, lang: str
) -> None:
    entry = MANIFEST[name]
    raw = (PAGES / f"{name}.html").read_bytes()
    source = decode_text(raw)
    document_id = documents[name]
    report = client.get(f"/v1/documents/{document_id}/render", params={"lang": lang, "report": "true"})
    assert report.status_code == 200, report.text
    assert report.json()["missing"] == 0, report.json()["passages"]

    out = client.get(f"/v1/documents/{document_id}/render", params={"lang": lang})
    assert out.status_code == 200 and out.headers["interlinear-missing"] == "0"
    assert out.headers["content-type"] == "text/html; charset=utf-8"
    page = out.content.decode("utf-8")  # what is said is what is sent
    text = visible_text(page)
    left = [passage for passage in entry["translate"] if passage in text]
    assert not left, left
    gone = [passage for passage in entry["keep"] if passage not in text]
    assert not gone, gone
    assert structure(page, REWRITTEN) == structure(inert(readable(source)), REWRITTEN)
    if re.search(r"<html[\s>]", source, re.I):
        assert CHARSET.search(page), page[:400]  # a saved rendering still says how to read it


def test_a_word_table_is_translated_cell_by_cell_and_the_document_says_docx(client: TestClient) -> None:
    import docx

    from tests.service.rendering.test_render_parts import word_with_table

    data = word_with_table()
    response = client.post(
        "/v1/jobs/upload",
        files={"file": ("haushalt.docx", data, DOCX_TYPE)},
        data={"targets": ["en"], "source_lang": "de"},
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    document = client.get(f"/v1/documents/{job['document_id']}").json()
    assert document["source_format"] == "docx" and document["title"] == "Haushalt der Stadt steigt"
    report = client.get(f"/v1/documents/{job['document_id']}/render", params={"lang": "en", "report": "true"})
    assert report.json()["missing"] == 0 and report.json()["format"] == "docx", report.json()
    out = client.get(f"/v1/documents/{job['document_id']}/render", params={"lang": "en"})
    assert out.status_code == 200 and out.headers["content-type"] == DOCX_TYPE
    assert out.headers["interlinear-missing"] == "0"
    cells = [cell.text for row in docx.Document(io.BytesIO(out.content)).tables[0].rows for cell in row.cells]
    assert len(cells) == 9 and cells.count("6.000") == 1 and cells.count("11.000") == 1
    assert not {"Projekt", "Neue Grundschule", "Herbst 2024", "Juni 2025"} & set(cells), cells


def test_the_report_and_the_document_page_list_what_is_left_with_its_place(client: TestClient) -> None:
    """A caption's translation taken away: the header counts it, the report and the document page
    list it with its element path and why."""
    from sqlalchemy import delete, select

    from service.storage.tables import SegmentRow, TranslationRow

    data = (PAGES / "photo-gallery.html").read_bytes() + b"<!-- a copy of its own -->\n"
    response = client.post(
        "/v1/jobs/upload",
        files={"file": ("gallery.html", data, "text/html")},
        data={"targets": ["en", "ko"], "source_lang": "de"},
    )
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    document_id = job["document_id"]
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        caption = session.scalar(
            select(SegmentRow).where(
                SegmentRow.document_id == document_id, SegmentRow.text.startswith("Der neue Spielplatz")
            )
        )
        assert caption is not None and caption.role == "caption"
        session.execute(
            delete(TranslationRow).where(
                TranslationRow.segment_id == caption.id, TranslationRow.target_lang == "ko"
            )
        )
        session.commit()
    out = client.get(f"/v1/documents/{document_id}/render", params={"lang": "ko"})
    assert out.headers["interlinear-missing"] == "1"
    report = client.get(f"/v1/documents/{document_id}/render", params={"lang": "ko", "report": "true"}).json()
    assert report["passages"] == [
        {
            "place": "/html/body/main/article/figure[3]/figcaption",
            "text": "Der neue Spielplatz im Stadtpark wurde von den Kindern sofort erobert.",
            "reason": "not translated yet",
        }
    ]
    assert (
        client.get(f"/v1/documents/{document_id}/render", params={"lang": "en"}).headers[
            "interlinear-missing"
        ]
        == "0"
    )
    key = new_key(client.app, "tests", role="reader")  # type: ignore[arg-type]
    with TestClient(client.app, follow_redirects=False) as browser:
        assert sign_in(browser, key).status_code == 303
        page = browser.get(f"/documents/{document_id}").text
    assert "1 passage(s) still in" in page and "/html/body/main/article/figure[3]/figcaption" in page
