"""Found by an outside walk of the pages: the new-glossary page's Entries box started with
``source,en`` typed in as text, so a CSV pasted with its own header line made a glossary with a
term "source". The box now starts empty (the layout shown as a placeholder); the import takes the
first line that is not blank as the header, and refuses a header line repeated below it, naming
the line and what to do."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html

from service.glossary.term_files import GlossaryFileError, read_csv
from tests.support import form_token, new_key, sign_in, table_counts

PASTED = "source,en\nBundestag,Bundestag\nKanzler,chancellor\n"


def test_the_header_is_the_first_line_that_is_not_blank() -> None:
    for data in (PASTED, "\n\n" + PASTED, " , \n" + PASTED.replace("\n", "\r\n")):
        entries = read_csv(data)
        assert [(e.source, e.targets) for e in entries] == [
            ("Bundestag", {"en": "Bundestag"}),
            ("Kanzler", {"en": "chancellor"}),
        ], data


@pytest.mark.parametrize(
    ("data", "line", "header"),
    [
        ("source,en\n" + PASTED, 2, 1),
        ("\nsource,en\n\n" + PASTED, 4, 2),
        (
            "source,en,ko\nBundestag,Bundestag,연방 의회\n"
            "source,EN,ko,do_not_translate\nKanzler,chancellor,총리\n",
            3,
            1,
        ),
    ],
)
def test_a_header_line_repeated_below_is_refused_with_its_line(data: str, line: int, header: int) -> None:
    with pytest.raises(GlossaryFileError) as refused:
        read_csv(data)
    assert str(refused.value) == (
        f"line {line}: the column names again (source, ...), after the header on line {header}: the header "
        f"is written once, as the first line; delete line {line}"
    )


def test_a_term_source_with_a_translation_is_still_an_entry() -> None:
    assert [(e.source, e.targets) for e in read_csv("source,en\nsource,Quelle\n")] == [
        ("source", {"en": "Quelle"})
    ]


def test_the_new_glossary_page_starts_empty_and_takes_a_pasted_csv_with_its_header(app: FastAPI) -> None:
    with TestClient(app):
        admin = TestClient(app, follow_redirects=False)
        assert sign_in(admin, new_key(app, "desk", role="admin")).status_code == 303
        page = admin.get("/glossaries/new")
        box = html.fromstring(page.text).xpath("//textarea[@id='entries']")[0]
        assert (box.text or "") == "", box.text
        assert box.get("placeholder", "").startswith("source,en"), box.get("placeholder")
        token = form_token(page.text)

        saved = admin.post("/glossaries", data={"csrf": token, "name": "Desk", "entries": PASTED})
        assert saved.status_code == 303, saved.text[:500]
        shown = html.fromstring(admin.get(saved.headers["location"]).text)
        terms = [" ".join(t.text_content().split()) for t in shown.xpath("//main//table//tbody/tr/*[1]")]
        assert terms == ["Bundestag", "Kanzler"], terms

        before = table_counts(app)
        twice = admin.post(
            "/glossaries", data={"csrf": token, "name": "Twice", "entries": "source,en\n" + PASTED}
        )
        assert twice.status_code == 422
        alert = " ".join(html.fromstring(twice.text).xpath("//p[@role='alert']")[0].text_content().split())
        assert "line 2: the column names again (source, ...), after the header on line 1" in alert, alert
        assert table_counts(app) == before
