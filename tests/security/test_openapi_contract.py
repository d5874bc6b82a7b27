"""The OpenAPI document and the validation agree (issue 22, item 6 of the audit), through the real
app with the in-process worker and the tiny model: Allow lists every method of a path on 405;
booleans are strict; the shapes the routes refuse (empty terms, empty or odd language codes) are
in the schema; an unknown code in a list filter gets the same 422 as in a submission; messages
name real parameters. Then a bounded schemathesis run over the glossary and listing operations
with the checks these nits failed (Allow header, negative data rejected, positive data accepted).
Each explicit test fails on the old code: Allow was 'POST' alone, {"default": 0} was taken,
'?source_lang=xx' answered 200 and the XLIFF message named 'target_langs'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from service.settings import Settings
from tests.support import embedded_client, wait_for_job

GLOSSARY = {"name": "Politik", "entries": [{"source": "Bundestag", "targets": {"en": "Bundestag"}}]}
ARTICLE = "Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab Januar.\n"


@pytest.fixture
def client(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'c.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as test_client:
        yield test_client


def test_405_allow_lists_every_method_of_the_path(client: TestClient) -> None:
    glossary = client.post("/v1/glossaries", json=GLOSSARY).json()
    for method, path, allowed in (
        ("DELETE", "/v1/glossaries", {"GET", "POST"}),
        ("PATCH", f"/v1/glossaries/{glossary['id']}", {"GET", "PUT", "DELETE"}),
        ("PUT", "/v1/jobs", {"GET", "POST"}),
    ):
        response = client.request(method, path)
        assert response.status_code == 405, (method, path)
        assert set(response.headers["Allow"].split(", ")) == allowed, (path, response.headers["Allow"])
        assert "allowed:" in response.json()["detail"]


def test_booleans_are_strict_and_terms_and_codes_have_their_shape_in_the_schema(client: TestClient) -> None:
    created = client.post("/v1/glossaries", json=GLOSSARY).json()
    for body in ({**GLOSSARY, "default": 0}, {**GLOSSARY, "default": "yes"},
                 {**GLOSSARY, "entries": [{"source": "Bundestag", "do_not_translate": 1}]}):  # fmt: skip
        response = client.put(f"/v1/glossaries/{created['id']}", json=body)
        assert response.status_code == 422, (body, response.text)
    assert client.get(f"/v1/glossaries/{created['id']}").json()["default"] is False  # nothing changed
    for entry in ({"source": "", "targets": {"en": "x"}}, {"source": "  ", "targets": {"en": "x"}},
                  {"source": "Bundestag", "targets": {"en": "\t"}}):  # fmt: skip
        response = client.post("/v1/glossaries", json={"name": "Leer", "entries": [entry]})
        assert response.status_code == 422, (entry, response.text)
    for targets in ([""], [" "], ["e1"]):
        response = client.post("/v1/jobs", json={"text": ARTICLE, "targets": targets})
        assert response.status_code == 422, (targets, response.text)

    schema = client.get("/openapi.json").json()["components"]["schemas"]
    entry = schema["GlossaryEntry"]["properties"]
    assert entry["source"]["minLength"] == 1 and "pattern" in entry["source"]
    assert entry["do_not_translate"]["type"] == "boolean"
    job = schema["JobRequest"]["properties"]
    assert job["targets"]["items"]["minLength"] == 2 and "pattern" in job["targets"]["items"]


def test_unknown_codes_in_list_filters_get_the_same_422_as_elsewhere(client: TestClient) -> None:
    listed = client.get("/v1/documents", params={"source_lang": "xx"})
    submitted = client.post("/v1/jobs", json={"text": ARTICLE, "source_lang": "xx", "targets": ["en"]})
    assert listed.status_code == submitted.status_code == 422, listed.text
    assert listed.json()["detail"] == submitted.json()["detail"]
    assert client.get("/v1/documents", params={"source_lang": "DE"}).status_code == 200  # any case


def test_the_xliff_refusal_names_the_real_parameter(client: TestClient) -> None:
    job = client.post("/v1/jobs", json={"text": ARTICLE, "source_lang": "de", "targets": ["en", "ko"]}).json()
    job = wait_for_job(client, job["id"], timeout=300)
    assert job["state"] == "succeeded", job
    export = f"/v1/documents/{job['document_id']}/export"
    both = client.get(export, params={"format": "xliff"})  # XLIFF 2 holds one target language
    assert both.status_code == 422 and "lang" in both.json()["detail"], both.text
    assert "target_langs" not in both.json()["detail"]
    assert client.get(export, params={"format": "xliff", "lang": "ko"}).status_code == 200


BOUNDED = settings(max_examples=15, deadline=None, phases=[Phase.explicit, Phase.generate],
                   suppress_health_check=list(HealthCheck), database=None)  # fmt: skip
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, unsupported_method,
          negative_data_rejection]  # fmt: skip


def test_glossary_and_listing_operations_conform_with_the_stricter_checks(client: TestClient) -> None:
    api = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operations = [result.ok() for result in api.get_all_operations()]
    chosen = [op for op in operations if op.path in ("/v1/glossaries", "/v1/glossaries/{glossary_id}",
                                                     "/v1/documents")]  # fmt: skip
    assert len(chosen) >= 5, [op.label for op in operations]
    headers = dict(client.headers)
    for operation in chosen:

        @BOUNDED
        @given(case=operation.as_strategy())
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            conforms()
        except Exception as exc:
            raise AssertionError(f"{operation.label}: {exc}") from exc


def test_the_schema_lists_the_supported_codes_and_the_routes_take_exactly_those(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    targets = schema["components"]["schemas"]["JobRequest"]["properties"]["targets"]["items"]
    source = schema["components"]["schemas"]["JobRequest"]["properties"]["source_lang"]
    assert re.fullmatch(targets["pattern"], " En") and not re.fullmatch(targets["pattern"], "aa")
    assert re.fullmatch(source["pattern"], "auto") and not re.fullmatch(targets["pattern"], "auto")
    review = next(p for p in schema["paths"]["/v1/review"]["get"]["parameters"] if p["name"] == "lang")
    assert review["schema"]["anyOf"][0]["pattern"] == targets["pattern"]
    # The review filter took any code (200, empty); now it is refused as everywhere else.
    assert client.get("/v1/review", params={"lang": "fr"}).status_code == 422
    assert client.get("/v1/review", params={"lang": "EN"}).status_code == 200
    # Every query string says it holds no control character (the middleware refuses them).
    compare = schema["paths"]["/v1/documents/{document_id}/compare"]["get"]["parameters"]
    assert all("pattern" in p["schema"] for p in compare if p["in"] == "query")


def test_allow_names_the_routes_of_the_path_that_routing_chose(client: TestClient) -> None:
    # /v1/glossaries/import also fits /v1/glossaries/{glossary_id}: Allow said GET, POST, PUT, DELETE.
    for path in ("/v1/glossaries/import", "/v1/jobs/upload"):
        response = client.options(path)
        assert response.status_code == 405 and response.headers["Allow"] == "POST", (path, response.headers)


def test_a_host_name_without_an_idna_form_and_a_broken_csv_header_are_422_not_500(client: TestClient) -> None:
    response = client.post("/v1/jobs", json={"url": "http://\u00d8\u0094x.example/", "targets": ["en"]})
    assert response.status_code == 422 and "host name" in response.json()["detail"], response.text
    response = client.post("/v1/glossaries/import", params={"name": "kaputt"}, content=b"source\xc2\x99\rj",
                           headers={"Content-Type": "text/csv"})  # fmt: skip
    assert response.status_code == 422 and "line 1" in response.json()["detail"], response.text
