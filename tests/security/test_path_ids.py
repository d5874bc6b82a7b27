"""Ids in the path and in a filter, and what a refusal echoes of them (found by an outside attack):

* a path id with a control character answered 404 while the same in a query parameter answered
  422; now an id with a character no id has (a control character, a direction control, a space,
  a slash's lookalike) is a 422 "... is not a document id" on every route that takes one, in the
  path and in ``?document=``, and the OpenAPI document gives each id parameter its pattern; an id
  of the right characters that names nothing is still a 404;
* a right-to-left override (U+202E) in an id came back raw in the ``detail``; now no control or
  invisible format character is echoed raw by any error (written out as ``\\u202e``).

On SQLite and PostgreSQL, with every table unchanged."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.support import table_counts

RLO = "\u202e"
# Ids no id can be, as a client sends them (percent-encoded), with how the refusal shows them.
BAD_IDS = [
    ("ab%00cd", "'ab\\x00cd'", "control character U+0000"),
    ("ab%1Bcd", "'ab\\x1bcd'", "control character U+001B"),
    (f"ab{quote(RLO)}cd", "'ab\\u202ecd'", "character U+202E"),
    ("ab%C2%85cd", "'ab\\x85cd'", "control character U+0085"),
    ("ab%20cd", "'ab cd'", "character U+0020"),
    ("%E2%88%95etc", "'\u2215etc'", "character U+2215"),  # a division slash, not "/": printable, shown
]


def _routes(bad: str) -> list[tuple[str, str, str]]:
    """(method, path, the kind of id refused) of every API route with an id in its path."""
    doc = f"/v1/documents/{bad}"
    return [
        ("GET", doc, "document"),
        ("GET", f"{doc}/revisions", "document"),
        ("GET", f"{doc}/diff", "document"),
        ("GET", f"{doc}/versions", "document"),
        ("GET", f"{doc}/compare?lang=en&a=x&b=y", "document"),
        ("GET", f"{doc}/export", "document"),
        ("GET", f"{doc}/render?lang=en", "document"),
        ("POST", f"{doc}/translations/en/publish", "document"),
        ("DELETE", f"{doc}/translations/en/publish", "document"),
        ("POST", f"{doc}/segments/s01.p01.01/translations/en/approve", "document"),
        ("POST", f"/v1/documents/some-document/segments/{bad}/translations/en/approve", "segment"),
        ("PUT", f"/v1/documents/some-document/segments/{bad}/translations/en", "segment"),
        ("GET", f"/v1/jobs/{bad}", "job"),
        ("GET", f"/v1/glossaries/{bad}", "glossary"),
        ("DELETE", f"/v1/glossaries/{bad}", "glossary"),
    ]


@pytest.mark.parametrize(("bad", "shown", "why"), BAD_IDS)
def test_an_id_no_id_can_be_is_a_422_on_every_route_and_never_echoed_raw(
    client: TestClient, bad: str, shown: str, why: str
) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    for method, path, kind in _routes(bad):
        body = {"json": {"text": "The new rules."}} if method == "PUT" else {}
        response = client.request(method, path, **body)  # type: ignore[arg-type]
        assert response.status_code == 422, (method, path, response.text)
        detail = response.json()["detail"]
        assert isinstance(detail, str), (method, path, detail)
        assert detail.startswith(f"{shown} is not a {kind} id: it has the {why}; a {kind}'s id holds only"), (
            method, path, detail
        )  # fmt: skip
        assert not any(c in response.text for c in (RLO, "\x85")), (method, path)
    for path in (f"/v1/review?document={bad}", f"/v1/jobs?document={bad}"):
        response = client.get(path)
        if "%00" in bad or "%1B" in bad:  # a control character in a query: refused before any route
            assert response.status_code == 422, (path, response.text)
            assert "query has a control character" in response.json()["detail"]
            continue
        assert response.status_code == 422, (path, response.text)
        assert response.json()["detail"].startswith(f"{shown} is not a document id"), (path, response.text)
        assert RLO not in response.text and "\x85" not in response.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_the_openapi_document_gives_each_id_its_pattern_and_other_ids_are_404(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    ids = {"document_id", "segment_id", "job_id", "glossary_id"}
    seen = set()
    for path, operations in paths.items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in ids:
                    assert parameter["schema"]["pattern"] == "^[A-Za-z0-9._-]+$", (path, parameter)
                    seen.add(parameter["name"])
                if parameter["in"] == "query" and parameter["name"] == "document":
                    schemas = [parameter["schema"], *parameter["schema"].get("anyOf", [])]
                    assert any("A-Za-z0-9._-" in s.get("pattern", "") for s in schemas), (path, parameter)
    assert seen == ids

    # what the pattern takes and names nothing is still a 404, and a blank filter is every document
    for path in ("/v1/documents/no-such-document", "/v1/jobs/job_1.2", "/v1/glossaries/0123-abcd"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["detail"].startswith("no "), response.text
    named_nothing = client.get("/v1/jobs", params={"document": " no-such-document "})  # as /v1/review
    assert named_nothing.status_code == 404 and named_nothing.json()["detail"].startswith("no "), (
        named_nothing.text
    )
    assert client.get("/v1/jobs", params={"document": ""}).status_code == 200
    # a control character in an API path that no route has is a 404 that says so
    nowhere = client.get("/v1/nowhere%00")
    assert nowhere.status_code == 404 and "control character (U+0000)" in nowhere.json()["detail"]


def test_no_error_echoes_a_control_or_direction_character_raw(client: TestClient) -> None:
    """What a refusal says of the request (an unknown glossary named in a body, a validation
    problem's input, the path of a 405) has each such character written out."""
    checks = {"source_lang": "de", "target_lang": "en", "pairs": [{"source": "Ein Satz.", "target": "A."}]}
    for glossary in (f"x{RLO}y", "x\x1b[31my", "x\u2066y\u2069"):
        refused = client.post("/v1/checks", json={**checks, "glossary": glossary})
        assert refused.status_code == 422, refused.text
        detail = refused.json()["detail"]
        assert detail.startswith("no glossary x\\"), detail
        assert not any(c in detail for c in (RLO, "\x1b", "\u2066", "\u2069")), detail
    job = client.post("/v1/jobs", json={"text": "Ein Satz.", "targets": ["en"], "external_id": f"cms{RLO}1"})
    assert job.status_code == 422 and job.json()["detail"][0]["input"] == "cms\\u202e1", job.text
    assert RLO not in job.text
    unknown = client.post("/v1/jobs", json={"text": "Ein Satz.", "targets": ["en"], f"x{RLO}": 1})
    assert unknown.status_code == 422 and RLO not in unknown.text, unknown.text
    not_allowed = client.get(f"/v1/documents/a/segments/b{quote(RLO)}/translations/en")
    assert not_allowed.status_code == 405 and "b\\u202e" in not_allowed.json()["detail"]
    assert RLO not in not_allowed.text
    odd_type = client.post("/v1/checks", content=b"{}", headers={"Content-Type": b"text/pl\x85ain"})
    assert odd_type.status_code == 415 and "\\x85ain" in odd_type.json()["detail"], odd_type.text
    assert "\x85" not in odd_type.text
