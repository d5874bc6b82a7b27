"""Hostile text in every place a client can put it: markup in articles (XSS in the page and every
export) and SQL in every query parameter, path segment and header the API reads."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree
from lxml import html as lxml_html

from tests.support import api_client, table_counts, wait_for_job

SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror="alert(1)">'
ARTICLE = f"""Drohnen {SCRIPT} Regeln

Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. {IMG} Sie gelten ab Januar.

Die Opposition hält die Regeln für zu streng. Sie fordert Nachbesserungen {SCRIPT}.
"""


@pytest.fixture
def app(make_app: Callable[..., FastAPI]) -> FastAPI:
    """Each SQL probe of the key headers is a failed attempt from the one test client: more than
    INTERLINEAR_AUTH_FAILURE_LIMIT lets one address make by default (they would get 429)."""
    return make_app(auth_failure_limit="1000/minute")


@pytest.fixture
def seeded(app: FastAPI) -> tuple[FastAPI, str]:
    """An app with one translated document of tenant "alpha" whose text carries markup."""
    with api_client(app, "alpha") as client:
        response = client.post("/v1/jobs", json={"text": ARTICLE, "format": "text", "targets": ["en", "ko"]})
        assert response.status_code == 202, response.text
        job = wait_for_job(client, response.json()["id"])
    assert job["state"] == "succeeded", job
    return app, job["document_id"]


def assert_inert_html(markup: str) -> None:
    """No element or attribute that could run script; the hostile text is there, as text."""
    tree = lxml_html.fromstring(markup)
    assert tree.xpath("//script | //iframe | //object | //embed | //img") == []
    handlers = [(el.tag, name) for el in tree.iter() for name in el.attrib if name.lower().startswith("on")]
    assert handlers == []
    assert SCRIPT in tree.text_content() and IMG in tree.text_content()


def test_markup_in_an_article_is_text_in_the_page_and_every_export(seeded: tuple[FastAPI, str]) -> None:
    app, doc_id = seeded
    with api_client(app, "alpha") as client:
        for path in ("/", f"/documents/{doc_id}"):
            page = client.get(path)
            assert page.status_code == 200
            assert "default-src 'none'" in page.headers["content-security-policy"]
            assert page.headers["x-content-type-options"] == "nosniff"
            if path != "/":
                assert_inert_html(page.text)
        assert "&lt;script&gt;" in client.get("/").text

        exported = client.get(f"/v1/documents/{doc_id}/export", params={"format": "html"})
        assert exported.headers["content-disposition"].startswith("attachment")
        assert "default-src 'none'" in exported.headers["content-security-policy"]
        assert_inert_html(exported.text)

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        for fmt in ("tmx", "xliff"):
            xml = client.get(f"/v1/documents/{doc_id}/export", params={"format": fmt, "lang": "en"})
            assert xml.status_code == 200, xml.text
            root = etree.fromstring(xml.content, parser)
            texts = " ".join(root.itertext())
            assert SCRIPT in texts and IMG in texts  # kept as text, escaped by the serializer
            assert not [el for el in root.iter() if etree.QName(el).localname in ("script", "img")]

        document = json.loads(client.get(f"/v1/documents/{doc_id}/export", params={"format": "json"}).text)
        assert SCRIPT in json.dumps(document, ensure_ascii=False)


SQL = [
    "' OR '1'='1",
    "1; DROP TABLE documents; --",
    '" OR 1=1 --',
    "%' OR 1=1 --",
    "') UNION SELECT key_hash, tenant FROM api_keys --",
    "de'); DELETE FROM jobs; --",
]


def _probes(doc_id: str, value: str) -> list[tuple[str, str, dict]]:
    """(method, path, request kwargs) with ``value`` in each parameter the API reads."""
    return [
        ("GET", "/v1/documents", {"params": {"source_lang": value}}),
        ("GET", "/v1/documents", {"params": {"tag": value}}),
        ("GET", "/v1/documents", {"params": {"limit": value}}),
        ("GET", "/v1/documents", {"params": {"offset": value}}),
        ("GET", f"/v1/documents/{value}", {}),
        ("GET", f"/v1/documents/{doc_id}", {"params": {"version": f"en:{value}"}}),
        ("GET", f"/v1/documents/{doc_id}", {"params": {"version": value}}),
        ("GET", f"/v1/documents/{value}/versions", {}),
        ("GET", f"/v1/documents/{doc_id}/compare", {"params": {"lang": value, "a": value, "b": value}}),
        ("GET", f"/v1/documents/{doc_id}/export", {"params": {"format": value}}),
        ("GET", f"/v1/documents/{doc_id}/export", {"params": {"format": "tmx", "lang": value}}),
        ("GET", f"/v1/jobs/{value}", {}),
        ("GET", f"/documents/{value}", {}),
        ("GET", "/login", {"params": {"next": value}}),
        ("POST", "/v1/jobs", {"json": {"text": ARTICLE, "source_lang": value, "targets": ["en"]}}),
        ("POST", "/v1/jobs", {"json": {"text": ARTICLE, "targets": [value]}}),
        ("POST", "/v1/jobs", {"json": {"text": ARTICLE, "format": value, "targets": ["en"]}}),
        (
            "POST",
            "/v1/translate",
            {"json": {"text": "Das ist gut.", "source_lang": value, "target_lang": "en"}},
        ),
        ("POST", "/v1/translate", {"json": {"text": "Das ist gut.", "target_lang": value}}),
        ("GET", "/v1/documents", {"headers": {"Authorization": f"Bearer {value}"}}),
        ("GET", "/v1/documents", {"headers": {"Authorization": "", "X-API-Key": value}}),
    ]


def test_sql_in_every_parameter_is_only_data(seeded: tuple[FastAPI, str]) -> None:
    app, doc_id = seeded
    with api_client(app, "beta") as beta, api_client(app, "alpha") as alpha:
        before = table_counts(app)
        for value in SQL:
            for method, path, kwargs in _probes(doc_id, value):
                for client in (alpha, beta):
                    response = client.request(method, path, **kwargs)
                    where = f"{method} {path} {kwargs} as {'alpha' if client is alpha else 'beta'}"
                    assert response.status_code in (200, 401, 404, 422), (
                        where,
                        response.status_code,
                        response.text,
                    )
                    if response.status_code == 200 and path == "/v1/documents":
                        listing = response.json()  # a filter is a value compared, never code run
                        assert listing["total"] == 0 or (
                            client is alpha
                            and "tag" not in kwargs.get("params", {})
                            and "source_lang" not in kwargs.get("params", {})
                        )
            _assert_beta_sees_nothing(beta, doc_id)
        assert alpha.get(f"/v1/documents/{doc_id}").status_code == 200
        assert table_counts(app) == before  # nothing written, nothing dropped or deleted


def _assert_beta_sees_nothing(beta: TestClient, doc_id: str) -> None:
    assert beta.get("/v1/documents").json()["total"] == 0
    assert beta.get(f"/v1/documents/{doc_id}").status_code == 404
