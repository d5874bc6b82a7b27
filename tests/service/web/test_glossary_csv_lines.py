"""A glossary CSV with a mistake, through the API's import and the glossary page (an uploaded file
and entries typed in the form): the refusal names the line as a spreadsheet shows it (the header is
line 1) and what is wrong there, and nothing is stored."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from tests.support import form_token, new_key, sign_in, table_counts

# Line 4 is empty, line 6 has a comma outside quotes, line 8 repeats the term of line 2.
BROKEN = [
    (
        "source,en,ko\nBundestag,Bundestag,연방 의회\nKanzler,chancellor,총리\n\nRegierung,government,정부\n"
        "Müller, Hans,Mueller,뮐러\n",
        "line 6: 4 cells, but line 1 names 3 columns; a term with a comma in it must be in double quotes",
    ),
    (
        "source,en\nBundestag,Bundestag\nKanzler,chancellor\n\nRegierung,government\n\n"
        '"Land, Bund",federal\nbundestag,parliament\nBundestag,parliament\n',
        "line 9: the term 'Bundestag' has two entries, here and on line 2: keep one",
    ),
]


@pytest.mark.parametrize(("data", "message"), BROKEN)
def test_the_api_import_names_the_line_and_the_problem(app: FastAPI, data: str, message: str) -> None:
    with TestClient(app) as api:
        api.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='admin')}"
        before = table_counts(app)
        refused = api.post(
            "/v1/glossaries/import", params={"name": "Desk"}, content=data.encode(),
            headers={"Content-Type": "text/csv"},
        )  # fmt: skip
        assert refused.status_code == 422, refused.text
        assert refused.json()["detail"] == f"cannot import this CSV file: {message}"
        assert table_counts(app) == before


@pytest.mark.parametrize(("data", "message"), BROKEN)
def test_the_glossary_page_names_the_line_and_the_problem(app: FastAPI, data: str, message: str) -> None:
    with TestClient(app):
        admin = TestClient(app, follow_redirects=False)
        assert sign_in(admin, new_key(app, "desk", role="admin")).status_code == 303
        token = form_token(admin.get("/glossaries/new").text)
        before = table_counts(app)
        uploaded = admin.post(
            "/glossaries",
            data={"csrf": token, "name": "Desk", "entries": "source,en\n"},
            files={"upload": ("terms.csv", data.encode(), "text/csv")},
        )
        typed = admin.post("/glossaries", data={"csrf": token, "name": "Desk", "entries": data})
        alerts = []
        for answer in (uploaded, typed):
            assert answer.status_code == 422, answer.text[:300]
            alerts.append(lxml_html.fromstring(answer.text).xpath("//p[@role='alert']")[0].text_content())
        # the uploaded file named, and what to do with its emptied field (an outside walk took "line 2"
        # for a line of the Entries box)
        assert alerts == [
            f"Not saved: cannot read the entries of the file terms.csv: {message}. "
            "Choose the file again once it is put right",
            f"Not saved: cannot read the entries: {message}",
        ], alerts
        assert table_counts(app) == before


def test_the_glossary_page_reads_a_tbx_v3_file_and_says_what_other_xml_should_be(app: FastAPI) -> None:
    """Found by an outside tester: a TBX v3 upload (conceptEntry/langSec/termSec/term) was refused."""
    from tests.service.glossary.test_formats import TBX_V3

    with TestClient(app):
        admin = TestClient(app, follow_redirects=False)
        assert sign_in(admin, new_key(app, "desk", role="admin")).status_code == 303
        token = form_token(admin.get("/glossaries/new").text)
        form = {"csrf": token, "name": "Korea", "entries": "", "source_lang": "de"}
        made = admin.post(
            "/glossaries", data=form, files={"upload": ("terms.tbx", TBX_V3.encode(), "application/x-tbx")}
        )
        assert made.status_code == 303, made.text[-2000:]
        page = admin.get(made.headers["location"]).text
        assert "Nordkorea" in page and "North Korea" in page and "북한" in page
        before = table_counts(app)
        other = admin.post(
            "/glossaries", data={**form, "name": "Other"},
            files={"upload": ("terms.xml", b"<terms><t>Nordkorea</t></terms>", "text/xml")},
        )  # fmt: skip
        assert other.status_code == 422, other.text[:300]
        alert = lxml_html.fromstring(other.text).xpath("//p[@role='alert']")[0].text_content()
        assert (
            "under the root <terms>: expected TBX v3 (<tbx> with text/body/conceptEntry/langSec" in alert
        ), alert
        assert table_counts(app) == before


def test_no_cell_of_the_glossary_page_is_an_empty_label(app: FastAPI) -> None:
    """Found by an outside walk at 390 px, where each cell shows its column's name above its text:
    a term translated with its case as written had a "Rules" label with nothing under it, and a
    language without a target an empty "KO". Every cell now says something."""
    with TestClient(app) as api:
        api.headers["Authorization"] = f"Bearer {new_key(app, 'desk', role='admin')}"
        entries = [
            {"source": "Bundestag", "targets": {"en": "Bundestag", "ko": "연방 의회"}},
            {"source": "Kanzler", "targets": {"en": "chancellor"}},
            {"source": "Elbe", "do_not_translate": True, "case_sensitive": False},
            {"source": "regierung", "targets": {"en": "government"}, "case_sensitive": False},
        ]
        made = api.post("/v1/glossaries", json={"name": "Desk", "entries": entries})
        assert made.status_code == 201, made.text
        reader = TestClient(app)
        assert sign_in(reader, new_key(app, "desk", role="reader")).status_code == 200
        page = lxml_html.fromstring(reader.get(f"/glossaries/{made.json()['id']}").text)
        rows = {
            row.xpath("string(th)"): [
                (str(cell.get("data-label")), " ".join(cell.text_content().split()))
                for cell in row.xpath("td")
            ]
            for row in page.xpath("//table//tbody/tr")
        }
        assert rows == {
            "Bundestag": [("EN", "Bundestag"), ("KO", "연방 의회"), ("Rules", "exact case")],
            "Kanzler": [("EN", "chancellor"), ("KO", "none"), ("Rules", "exact case")],
            "Elbe": [("EN", "Elbe"), ("KO", "Elbe"), ("Rules", "kept as it is, any case")],
            "regierung": [("EN", "government"), ("KO", "none"), ("Rules", "any case")],
        }
