"""Articles as files through the real service (API + in-process worker + tiny model), on SQLite
and PostgreSQL: a .docx keeps its title, headings, list items and table cells; a .pdf is read
from its text layer; a scan without one, a damaged file or another kind gets a 422 that says
what to send instead, and nothing is stored."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.service.api.test_glossaries import segments
from tests.support import embedded_client, new_key, pdf_file, table_counts, wait_for_job

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


def word_file(title_level: int = 0) -> bytes:
    """A .docx whose title has the Title style (level 0) or, as many newsrooms write, Heading 1."""
    import docx

    document = docx.Document()
    document.add_heading("Neue Regeln für Drohnen", level=title_level)
    intro = document.add_paragraph("Die Regierung hat am Montag ")
    intro.add_run("neue Regeln").bold = True
    intro.add_run(" für Drohnen angekündigt. Sie gelten ab Januar.")
    document.add_heading("Kritik aus der Opposition", level=1)
    document.add_paragraph("Die Opposition hält die Regeln für zu streng.")
    document.add_paragraph("Nachbesserungen bis zum Sommer", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Gewicht über 250 Gramm"
    table.rows[0].cells[1].text = "Registrierung nötig"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, WinAnsi), written by hand."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    content = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({line}) '" for line in escaped) + " ET"
    stream = content.encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_file(objects)


def scanned_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # a page with no text on it, as a scan has
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(client: TestClient, name: str, data: bytes, kind: str, path: str = "/v1/jobs/upload",
           **headers: str) -> Any:  # fmt: skip
    form = {"targets": ["en"], "source_lang": "de"}
    return client.post(path, files={"file": (name, data, kind)}, data=form, headers=headers)


@pytest.mark.parametrize(
    ("path", "title_level"), [("/v1/jobs/upload", 0), ("/v1/jobs", 0), ("/v1/jobs/upload", 1)]
)  # a form sent to POST /v1/jobs is an upload; a Heading 1 first is the title (was "(untitled)")
def test_word_file_keeps_its_structure(client: TestClient, path: str, title_level: int) -> None:
    response = upload(client, "drohnen.docx", word_file(title_level), DOCX_TYPE, path)
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    document = client.get(f"/v1/documents/{job['document_id']}").json()
    assert document["title"] == "Neue Regeln für Drohnen"
    assert [s["heading"]["text"] for s in document["sections"] if s["heading"]] == [
        "Kritik aus der Opposition"
    ]
    texts = [s["text"] for s in segments(document)]
    expected = [
        "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt.",
        "Nachbesserungen bis zum Sommer",
        "Gewicht über 250 Gramm",
        "Registrierung nötig",
    ]
    assert all(sentence in texts for sentence in expected), texts
    assert all("en" in s["translations"] for s in segments(document) if s["translatable"])


def test_pdf_is_read_from_its_text_layer(client: TestClient) -> None:
    pdf = text_pdf([
        "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten",
        "ab Januar und betreffen alle Geräte über 250 Gramm.",
        "Die Opposition hält die Regeln für zu streng.",
    ])  # fmt: skip
    response = upload(client, "drohnen.pdf", pdf, "application/pdf")
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    texts = [s["text"] for s in segments(client.get(f"/v1/documents/{job['document_id']}").json())]
    assert "Sie gelten ab Januar und betreffen alle Geräte über 250 Gramm." in texts, texts


def test_an_html_file_gets_no_date_from_a_year_in_its_text(client: TestClient) -> None:
    # found by an outside tester: this page was stored with "date": "1998-01-01"
    page = (
        "<html><head><title>Test</title></head><body><article><h1>Hafen gesperrt</h1><p>Der Hafen in "
        "Hamburg wurde gesperrt, weil ein Schiff aus dem Jahr 1998 festsaß. Die Behörden prüfen den Fall."
        "</p></article></body></html>"
    )
    published = "<meta property='article:published_time' content='2025-03-04T08:00:00Z'>"
    dated = page.replace("</title>", "</title>" + published)
    for html, date in ((page, None), (dated, "2025-03-04")):
        response = upload(client, "hafen.html", html.encode(), "text/html")
        assert response.status_code == 202, response.text
        document = client.get(f"/v1/documents/{response.json()['document_id']}").json()
        assert document["title"] == "Hafen gesperrt"
        assert document["date"] == date


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", scanned_pdf(), "no text layer"),
        ("broken.pdf", b"%PDF-1.4 this is not really a PDF", "send its text instead"),
        ("broken.docx", b"PK\x03\x04 not a zip at all", "not a .docx file"),
        ("renamed.pdf", word_file(), "a zip archive (a Word .docx?), not a PDF"),
        # and the other way (found by an outside tester: a PDF named .txt was stored as the
        # sentences '%PDF-1.4', '1 0 obj', ...)
        (
            "art.txt",
            text_pdf(["Die Regierung hat neue Regeln angekündigt."]),
            "art.txt is a PDF, not a .txt file",
        ),
        (
            "art.md",
            word_file(),
            "art.md is a zip archive (a Word .docx?), not a .md file: "
            "send it under a name that ends in .docx",
        ),
        ("art.html", b"\n %PDF-1.7\n1 0 obj\n<< >>\nendobj\n", "send it under a name that ends in .pdf"),
        ("tool.exe", b"MZ\x90\x00", "upload a .txt"),
        # a saved web page under a text name (outside attack: its markup became the title and was
        # sent to the model)
        (
            "page.txt",
            b"\xef\xbb\xbf <!DOCTYPE html><html><head><title>Hafen</title></head><body><p>Der Hafen.</p>",
            "page.txt is an HTML page, not a .txt file: send it under a name that ends in .html",
        ),
        ("page.md", b"<html lang='de'><body><p>Der Hafen ist zu.</p></body></html>", "not a .md file"),
        ("latin1.txt", "Die Regierung hat Maßnahmen angekündigt.".encode("latin-1"), "not UTF-8"),
    ],
)
def test_files_that_cannot_be_read_get_422_and_nothing_is_stored(
    client: TestClient, name: str, data: bytes, message: str
) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    for path in ("/v1/jobs/upload", "/v1/jobs"):
        response = upload(client, name, data, "application/octet-stream", path)
        assert response.status_code == 422 and message in response.json()["detail"], response.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_a_file_that_is_not_utf8_is_told_how_to_save_it_for_its_kind(client: TestClient) -> None:
    """Found by an outside attack: a Latin-1 .txt was told about <meta charset>, which only a page
    has. A text file is told to save it as UTF-8, and where the first byte that is not is; a page
    may declare its encoding instead."""
    latin1 = "Titel\n\nDie Regierung hat Maßnahmen angekündigt.".encode("latin-1")
    before = table_counts(client.app)  # type: ignore[arg-type]
    for name in ("latin1.txt", "latin1.md"):
        detail = upload(client, name, latin1, "text/plain").json()["detail"]
        assert f"{name} is not UTF-8 text: byte 0xDF at line 3, column 21 (byte offset 27)" in detail, detail
        assert "save it as UTF-8" in detail and "meta" not in detail, detail
    page = b"<!DOCTYPE html><html><body><h1>Titel</h1><p>" + latin1[7:] + b"</p></body></html>"
    refused = upload(client, "latin1.html", page, "text/html")
    assert refused.status_code == 422 and "latin1.html is not UTF-8 text" in refused.json()["detail"]
    assert '<meta charset="windows-1252">' in refused.json()["detail"]
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_one_file_per_request_sent_as_a_file(client: TestClient) -> None:
    """Two file parts (FastAPI would keep the last), or a part without a filename (a text field to
    the form parser): 422 saying what to send, and nothing stored."""
    text = "Die Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab Januar.".encode()
    before = table_counts(client.app)  # type: ignore[arg-type]
    two = [("file", ("a.txt", text, "text/plain")), ("file", ("b.txt", text + b" Mehr.", "text/plain"))]
    response = client.post("/v1/jobs", data={"targets": "en"}, files=two)
    assert response.status_code == 422 and "2 'file' parts" in response.json()["detail"], response.text
    response = client.post("/v1/jobs", data={"targets": "en"}, files=[("file", (None, text, "text/plain"))])
    assert response.status_code == 422 and "has no filename" in response.json()["detail"], response.text
    assert "curl -F file=@article.txt" in response.json()["detail"]
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_a_reader_key_cannot_upload(client: TestClient) -> None:
    reader = new_key(client.app, "tests", role="reader")  # type: ignore[arg-type]
    response = upload(client, "drohnen.docx", word_file(), DOCX_TYPE, Authorization=f"Bearer {reader}")
    assert response.status_code == 403


def test_an_unknown_or_repeated_form_field_is_refused_and_nothing_is_stored(client: TestClient) -> None:
    """Found by an outside tester: an upload took ``-F bogus=1`` (a misspelt field dropped without a
    word) and ``-F source_lang=de -F source_lang=en`` (the last taken), where the JSON body refuses
    a field it does not have and a query parameter given twice is a 422."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    text = "Neue Regeln\n\nDie Regierung hat am Montag neue Regeln für Drohnen angekündigt.\n"
    article = ("drohnen.txt", text.encode(), "text/plain")
    for path in ("/v1/jobs/upload", "/v1/jobs"):
        bogus = client.post(path, files={"file": article}, data={"targets": "en", "extrenal_id": "cms-1"})
        assert bogus.status_code == 422, bogus.text
        assert "unknown form field 'extrenal_id': the fields are file, targets, source_lang" in bogus.text
        parts = [("file", article), ("targets", (None, "en")), ("source_lang", (None, "de")),
                 ("source_lang", (None, "en"))]  # fmt: skip
        twice = client.post(path, files=parts)
        assert twice.status_code == 422, twice.text
        assert "the form field 'source_lang' is given 2 times; give it once" in twice.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    # targets may be repeated, as the README says
    repeated = client.post(
        "/v1/jobs", files=[("file", article), ("targets", (None, "en")), ("targets", (None, "ko"))]
    )
    assert repeated.status_code == 202, repeated.text
    assert repeated.json()["targets"] == ["en", "ko"]


def test_a_file_without_a_name_is_refused_saying_so(client: TestClient) -> None:
    """Found by an outside tester: a file part with an empty file name was refused as ": upload a
    .txt, ... file", naming nothing."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    unnamed = "the file has no name, so its kind is not known: upload a .txt"
    for data, said in ((b"Die Regierung tagt.", unnamed),
                       (b"", "the file is empty; upload a file with the article's text")):  # fmt: skip
        refused = upload(client, " ", data, "text/plain")
        assert refused.status_code == 422, refused.text
        assert refused.json()["detail"].startswith(said), refused.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]
