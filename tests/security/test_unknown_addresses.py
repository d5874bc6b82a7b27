"""API addresses no route has, and ids sent with an encoded slash (found by an outside attack):

* ``GET /v1/nothing``, ``/v1/documents/x/y/z`` answered a bare ``{"detail": "Not Found"}``; now a
  404 problem like the API's others that names the method and the path (every hidden character
  written out, service/echo_text.py; a long path cut short) and where the addresses are listed;
* an id with an encoded slash (``/v1/documents/a%2Fb``) was routed as two parts of the path: a
  bare 404, the export of another document (``a%2Fexport``), or a redirect to the documents list
  (``%2F``). Now it is refused as an id with any other character no id has (422 "'a/b' is not a
  document id", service/api/ids.py), and a part that is no id a bare 404 naming it.

Through the real app with keys required, on SQLite and PostgreSQL; nothing is stored, no answer is
a 500, and none holds a hidden character raw."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.ids import PATH_IDS
from service.echo_text import is_hidden
from tests.support import table_counts

LISTED = "the API's addresses are listed at /docs (and in GET /openapi.json)"
LONG = "a" * 7_000

# (method, path as sent, what the 404's detail says)
NO_SUCH_ADDRESS = [
    ("GET", "/v1/nothing", "no such address: GET /v1/nothing; " + LISTED),
    ("GET", "/v1/documents/x/y/z", "no such address: GET /v1/documents/x/y/z; " + LISTED),
    ("GET", "/v1/jobs/a/b/c", "no such address: GET /v1/jobs/a/b/c; " + LISTED),
    ("POST", "/v1/nothing", "no such address: POST /v1/nothing; " + LISTED),
    ("DELETE", "/v1/documents/x/y", "no such address: DELETE /v1/documents/x/y; " + LISTED),
    ("GET", "/v1", "no such address: GET /v1; " + LISTED),
    ("GET", "/v1/", "no such address: GET /v1/; " + LISTED),
    ("GET", "/v1/no%E2%80%AEthing", "no such address: GET /v1/no\\u202ething; "),  # right-to-left override
    ("GET", "/v1/no%E2%80%8Dthing", "no such address: GET /v1/no\\u200dthing; "),  # zero-width joiner
    ("GET", "/v1/no%E2%80%8Cthing", "no such address: GET /v1/no\\u200cthing; "),  # zero-width non-joiner
    ("GET", "/v1/no%E2%80%8Bthing", "no such address: GET /v1/no\\u200bthing; "),  # zero-width space
    ("GET", "/v1/no%EF%BB%BFthing", "no such address: GET /v1/no\\ufeffthing; "),  # byte order mark
    ("GET", "/v1/no%E2%81%A6thing", "no such address: GET /v1/no\\u2066thing; "),  # left-to-right isolate
    ("GET", "/v1/no%E2%80%A8thing", "no such address: GET /v1/no\\u2028thing; "),  # line separator
    ("GET", "/v1/no%C2%85thing", "no such address: GET /v1/no\\x85thing; "),  # next line (C1)
    # a control character: said so already (service/api/urlcheck.py), kept with the others
    ("GET", "/v1/nowhere%00", "no such address: the request path has a control character (U+0000)"),
    ("GET", "/v1/%1B%5B31mred", "no such address: the request path has a control character (U+001B)"),
    ("GET", f"/v1/{LONG}", f"no such address: GET /v1/{'a' * 80}…; " + LISTED),
    ("GET", "/v1" + "/a" * 3_000, "no such address: GET /v1" + "/a" * 98 + "/…; " + LISTED),
    ("GET", "/v1/glossaries%2Fimport",
     "no such address: GET /v1/glossaries/import: the part 'glossaries/import' was sent with an encoded "
     "slash (%2F), and no id or name in the API's addresses holds a slash; " + LISTED),
    ("GET", "/v1/documents/x/segments/a%2Fb/translations/en",  # that address takes PUT alone
     "no such address: GET /v1/documents/x/segments/a/b/translations/en: the part 'a/b' was sent"),
    # a slash at the end: was a 307 to the address without it, on the host the Host header named
    ("GET", "/v1/documents/", "no such address: GET /v1/documents/: no address of the API ends in a "
     "slash; send GET /v1/documents; " + LISTED),
    ("GET", "/v1/jobs/", "no such address: GET /v1/jobs/: no address of the API ends in a slash; send "
     "GET /v1/jobs; " + LISTED),
    ("GET", "/v1/documents/some-document/", "no such address: GET /v1/documents/some-document/: no "
     "address of the API ends in a slash; send GET /v1/documents/some-document; " + LISTED),
    ("POST", "/v1/jobs//", "no such address: POST /v1/jobs//: no address of the API ends in a slash; "
     "send POST /v1/jobs; " + LISTED),
    # /V1 in capitals: was the pages' HTML 404
    ("GET", "/V1/jobs", "no such address: GET /V1/jobs: the API's addresses begin /v1, in lower case; "
     "send GET /v1/jobs; " + LISTED),
    ("GET", "/V1/documents/", "no such address: GET /V1/documents/: the API's addresses begin /v1, in "
     "lower case and no address of the API ends in a slash; send GET /v1/documents; " + LISTED),
    ("GET", "/V1/nothing", "no such address: GET /V1/nothing; " + LISTED),
    ("GET", "/V1", "no such address: GET /V1; " + LISTED),
    ("GET", "/healthz/", "no such address: GET /healthz/: no address of the API ends in a slash; send "
     "GET /healthz; " + LISTED),
]  # fmt: skip

SEGMENT = "/v1/documents/some-document/segments"
# (method, path as sent, the id refused as it shows, its kind)
ENCODED_SLASH_IN_AN_ID = [
    ("GET", "/v1/documents/a%2Fb", "'a/b'", "document"),
    ("GET", "/v1/documents/a%2Fexport", "'a/export'", "document"),  # was the export of document "a"
    ("GET", "/v1/documents/a%2Fb/export", "'a/b'", "document"),
    ("GET", "/v1/documents/%2F", "'/'", "document"),  # was redirected to the documents list
    ("GET", "/v1/documents/a%2F%E2%80%AEb", "'a/\\u202eb'", "document"),
    ("GET", "/v1/jobs/a%2Fb", "'a/b'", "job"),
    ("GET", "/v1/glossaries/a%2F..%2Fb", "'a/../b'", "glossary"),
    ("DELETE", "/v1/glossaries/a%2fb", "'a/b'", "glossary"),  # lower case
    ("PUT", f"{SEGMENT}/a%2Fb/translations/en", "'a/b'", "segment"),
    ("POST", "/v1/documents/a%2Fb/segments/s01/translations/en/approve", "'a/b'", "document"),
]


def _no_hidden_character(text: str) -> None:
    assert not any(map(is_hidden, text.replace("\n", ""))), ascii(text)


@pytest.mark.parametrize(("method", "path", "said"), NO_SUCH_ADDRESS)
def test_an_address_no_route_has_is_a_404_problem_naming_it(
    client: TestClient, method: str, path: str, said: str
) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    response = client.request(method, path)
    assert response.status_code == 404, (method, path[:60], response.text[:300])
    assert response.headers["content-type"] == "application/json", response.headers
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.startswith(said), (path[:60], detail)
    assert len(response.content) < 600, (path[:60], len(response.content))
    _no_hidden_character(response.text)
    assert table_counts(client.app) == before  # type: ignore[arg-type]


@pytest.mark.parametrize(("method", "path", "shown", "kind"), ENCODED_SLASH_IN_AN_ID)
def test_an_id_sent_with_an_encoded_slash_is_refused_as_no_id(
    client: TestClient, method: str, path: str, shown: str, kind: str
) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    body = {"json": {"text": "The new rules."}} if method == "PUT" else {}
    response = client.request(method, path, **body)  # type: ignore[arg-type]
    assert response.status_code == 422, (method, path, response.text)
    assert response.headers["content-type"] == "application/json", response.headers
    assert response.json()["detail"].startswith(
        f"{shown} is not a {kind} id: it has the character U+002F; a {kind}'s id holds only letters"
    ), response.text
    _no_hidden_character(response.text)
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_every_id_in_a_path_is_checked_and_the_pages_keep_their_own_404(client: TestClient) -> None:
    """The refusal of an encoded slash knows every kind of id the API's paths name; a page's
    address no page has is still a page."""
    named = {
        parameter["name"]
        for operations in client.get("/openapi.json").json()["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["schema"].get("pattern") == "^[A-Za-z0-9._-]+$"
    }
    assert set(PATH_IDS) == named
    page = client.get("/no%E2%80%AEthing")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html"), page.text[:200]


@pytest.mark.parametrize("path", ["/v1/documents/", "/v1/jobs/", "/v1/documents/some-document/", "/V1/jobs"])
def test_an_api_address_with_a_slash_at_its_end_is_never_redirected_to_the_host_header(
    client: TestClient, path: str
) -> None:
    """Found by an outside tester: ``Host: evil.example`` on ``/v1/documents/`` (no key) was a 307
    to ``http://evil.example/v1/documents``."""
    response = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 404, (path, response.status_code, response.headers)
    assert "location" not in response.headers
    assert "evil.example" not in response.text
    assert response.json()["detail"].startswith(f"no such address: GET {path}"), response.text


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/review/", "/review"),
        ("/jobs/?state=failed", "/jobs?state=failed"),
        ("/glossaries//", "/glossaries"),
        ("/documents/some-document/", "/documents/some-document"),
        ("/login/?next=/jobs", "/login?next=/jobs"),
    ],
)
def test_a_page_address_with_a_slash_at_its_end_leads_to_a_path_of_this_site_alone(
    client: TestClient, path: str, location: str
) -> None:
    """The pages still lead on from ``/documents/`` to ``/documents``, but by a path alone: a
    browser stays on the host it asked, whatever the ``Host`` header said."""
    response = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 307, (path, response.status_code, response.text[:200])
    assert response.headers["location"] == location, response.headers
    nowhere = client.get("//evil.example/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert "evil.example" not in nowhere.headers.get("location", ""), nowhere.headers
