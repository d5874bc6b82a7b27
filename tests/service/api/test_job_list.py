"""``GET /v1/jobs``: the key's tenant's jobs, newest first, paged as ``GET /v1/documents`` is (its
``next`` keeps the filters), filtered by state, priority and document; each job as
``GET /v1/jobs/{id}`` shows it. Another tenant's jobs never appear; every role that may read a job
may list them; a state or priority that is none of the job's is refused (422) with those allowed.
The jobs page lists the same jobs in the same order (one query serves both).

The jobs are stored as the use cases store them, then given their states and times, so that each
state, priority and order is there without waiting on a worker. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from lxml import html
from schemathesis import GenerationMode
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from service.ingest import store_article
from service.job_records import create_job
from service.parse import parse_article
from service.settings import Settings
from service.storage.tables import Job
from tests.support import embedded_client, new_key, sign_in

START = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Made:
    """A job the test stored: what it was given, to say what each filter must list."""

    id: str
    tenant: str
    document: str | None
    state: str
    priority: str  # as the API reports it
    minute: int  # created at START + this many minutes


@dataclass
class Desk:
    client: TestClient  # an admin key of the tenant "desk"
    documents: dict[str, str]  # name: id
    jobs: list[Made]  # every tenant's

    def listed(self, tenant: str = "desk", **wanted: str) -> list[str]:
        """The ids a list of ``tenant``'s jobs filtered by ``wanted`` must show, newest first."""
        found = [
            job
            for job in self.jobs
            if job.tenant == tenant and all(getattr(job, name) == value for name, value in wanted.items())
        ]
        return [job.id for job in sorted(found, key=lambda job: job.minute, reverse=True)]


# (tenant, document, state, the priority stored in the options (None: none, as a normal job is
# stored), the priority reported, minute). Stored out of order: the list's order is the times'.
JOBS = [
    ("desk", "wahl", "succeeded", None, "normal", 5),
    ("desk", "wahl", "queued", None, "normal", 0),
    ("desk", "sport", "failed", None, "normal", 3),
    ("desk", "wahl", "running", "breaking", "breaking", 1),
    ("desk", None, "queued", "breaking", "breaking", 4),  # a URL not fetched yet: no document
    ("desk", "sport", "succeeded", "bulk", "bulk", 2),
    ("desk", "sport", "succeeded", "urgent", "normal", 6),  # a name no longer known reads as normal
    ("rival", "rival", "succeeded", None, "normal", 7),  # the newest of all, and another tenant's
    ("rival", "rival", "queued", "breaking", "breaking", 8),
]
ARTICLES = {
    "wahl": ("desk", "Wahl in Berlin\n\nDer Rat tagte am Montag. Er beschloss neue Regeln.\n"),
    "sport": ("desk", "Sport am Sonntag\n\nDie Mannschaft gewann. Sie spielte gut.\n"),
    "rival": ("rival", "Ein anderes Haus\n\nDie Zeitung berichtet. Sie berichtet viel.\n"),
}


@pytest.fixture
def desk(database_url: str, tiny_marian_dir: Path) -> Iterator[Desk]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings, "desk") as client:
        database = client.app.state.database  # type: ignore[attr-defined]
        made: list[Made] = []
        with database.session() as session:
            documents = {
                name: store_article(session, text, parse_article(text), "de", tenant).id
                for name, (tenant, text) in ARTICLES.items()
            }
            for n, (tenant, name, state, stored, reported, minute) in enumerate(JOBS):
                document = documents[name] if name else None
                options = {"priority": stored} if stored else None
                job, _ = create_job(
                    session, document, "de", ["en"], f"digest-{n}", tenant=tenant, options=options
                )
                row = session.get(Job, job.id)
                assert row is not None
                row.state = state
                row.created_at = START + dt.timedelta(minutes=minute)
                row.error = "the model could not be loaded" if state == "failed" else None
                session.commit()
                made.append(Made(job.id, tenant, document, state, reported, minute))
        yield Desk(client, documents, made)


def _walk(client: TestClient, params: dict[str, str | int]) -> tuple[list[str], list[str]]:
    """Every id a list shows, following ``next`` from the first page to the last; and each ``next``."""
    ids: list[str] = []
    links: list[str] = []
    page = client.get("/v1/jobs", params=params)
    while True:
        assert page.status_code == 200, page.text
        body = page.json()
        ids += [item["id"] for item in body["items"]]
        if body["next"] is None:
            return ids, links
        links.append(body["next"])
        page = client.get(body["next"])


def test_the_tenants_jobs_newest_first_each_as_get_job_shows_it(desk: Desk) -> None:
    listed = desk.client.get("/v1/jobs")
    assert listed.status_code == 200, listed.text
    body = listed.json()
    assert [item["id"] for item in body["items"]] == desk.listed()
    assert (body["total"], body["limit"], body["offset"], body["next"]) == (7, 20, 0, None)
    for item in body["items"]:
        assert item == desk.client.get(f"/v1/jobs/{item['id']}").json()
    failed = next(item for item in body["items"] if item["state"] == "failed")
    assert failed["error"] == "the model could not be loaded" and failed["links"]["document"]


def test_pages_follow_next_to_the_last_which_has_none(desk: Desk) -> None:
    first = desk.client.get("/v1/jobs", params={"limit": 3}).json()
    assert (first["total"], first["limit"], first["offset"]) == (7, 3, 0)
    assert first["next"] == "/v1/jobs?limit=3&offset=3"
    ids, links = _walk(desk.client, {"limit": 3})
    assert ids == desk.listed()
    assert links == ["/v1/jobs?limit=3&offset=3", "/v1/jobs?limit=3&offset=6"]
    last = desk.client.get("/v1/jobs", params={"limit": 3, "offset": 6}).json()
    assert [item["id"] for item in last["items"]] == desk.listed()[6:] and last["next"] is None
    past = desk.client.get("/v1/jobs", params={"offset": 50}).json()
    assert (past["items"], past["total"], past["next"]) == ([], 7, None)


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({"state": "queued"}, {"state": "queued"}),
        ({"state": "running"}, {"state": "running"}),
        ({"state": "succeeded"}, {"state": "succeeded"}),
        ({"state": "failed"}, {"state": "failed"}),
        ({"state": " Succeeded "}, {"state": "succeeded"}),  # any case, as the pages take it
        ({"priority": "breaking"}, {"priority": "breaking"}),
        ({"priority": "normal"}, {"priority": "normal"}),  # none stored, or a name no longer known
        ({"priority": "BULK"}, {"priority": "bulk"}),
        ({"document": "wahl"}, {"document": "wahl"}),
        ({"state": "succeeded", "priority": "normal", "document": "sport"},
         {"state": "succeeded", "priority": "normal", "document": "sport"}),
        ({"state": "", "priority": "", "document": ""}, {}),  # blank: every one
    ],
)  # fmt: skip
def test_each_filter_lists_what_matches_and_next_keeps_it(
    desk: Desk, params: dict[str, str], wanted: dict[str, str]
) -> None:
    params = {k: desk.documents[v] if k == "document" and v else v for k, v in params.items()}
    wanted = {k: desk.documents[v] if k == "document" else v for k, v in wanted.items()}
    expected = desk.listed(**wanted)
    assert expected or not wanted, "each filter should match something here"
    whole = desk.client.get("/v1/jobs", params={**params, "limit": 100}).json()
    assert [item["id"] for item in whole["items"]] == expected and whole["total"] == len(expected)
    for item in whole["items"]:
        assert {name: item["document_id" if name == "document" else name] for name in wanted} == wanted
    ids, links = _walk(desk.client, {**params, "limit": 1})
    assert ids == expected
    assert len(links) == len(expected) - 1
    for link in links:  # each filter as it was taken: its own value, normalised; blank ones left out
        sent = dict(parse_qsl(urlsplit(link).query))
        assert sent == {**wanted, "limit": "1", "offset": sent["offset"]}, link


def test_another_tenants_jobs_never_appear(desk: Desk) -> None:
    rival_document = desk.documents["rival"]
    for params in ({}, {"state": "queued"}, {"priority": "breaking"}):
        mine = desk.client.get("/v1/jobs", params={**params, "limit": 100}).json()
        assert not {item["id"] for item in mine["items"]} & set(desk.listed("rival")), params
        assert mine["total"] == len(mine["items"]), params
    # another tenant's document is answered as a missing one (test_a_document_filter_that_names_...)
    assert desk.client.get("/v1/jobs", params={"document": rival_document}).status_code == 404

    app = desk.client.app
    rival = desk.client.get("/v1/jobs", headers={"Authorization": f"Bearer {new_key(app, 'rival')}"}).json()  # type: ignore[arg-type]
    assert [item["id"] for item in rival["items"]] == desk.listed("rival") and rival["total"] == 2
    nobody = new_key(app, "newcomer", role="reader")  # type: ignore[arg-type]
    empty = desk.client.get("/v1/jobs", headers={"Authorization": f"Bearer {nobody}"})
    assert empty.json() == {"items": [], "total": 0, "limit": 20, "offset": 0, "next": None}


@pytest.mark.parametrize("role", ["reader", "editor", "admin"])
def test_every_role_that_reads_a_job_lists_them(desk: Desk, role: str) -> None:
    key = {"Authorization": f"Bearer {new_key(desk.client.app, 'desk', role=role)}"}  # type: ignore[arg-type]
    one = desk.client.get(f"/v1/jobs/{desk.listed()[0]}", headers=key)
    listed = desk.client.get("/v1/jobs", headers=key)
    assert one.status_code == listed.status_code == 200, (role, one.text, listed.text)
    assert [item["id"] for item in listed.json()["items"]] == desk.listed()


def test_no_key_no_list(desk: Desk) -> None:
    anonymous = {"Authorization": ""}
    one = desk.client.get(f"/v1/jobs/{desk.listed()[0]}", headers=anonymous)
    listed = desk.client.get("/v1/jobs", headers=anonymous)
    assert one.status_code == listed.status_code == 401, listed.text


def test_a_filter_value_that_is_no_state_or_priority_is_422_listing_those_allowed(desk: Desk) -> None:
    for params, allowed in (
        ({"state": "done"}, "use one of queued, running, succeeded, failed"),
        ({"state": "queued,running"}, "use one of queued, running, succeeded, failed"),
        ({"priority": "urgent"}, "use one of breaking, normal, bulk"),
    ):
        refused = desk.client.get("/v1/jobs", params=params)
        assert refused.status_code == 422, (params, refused.text)
        detail = refused.json()["detail"]
        assert isinstance(detail, str) and allowed in detail, detail
        name, value = next(iter(params.items()))
        assert detail.startswith(f"{name} {value!r} is not a job {name}"), detail
    for params in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"document": "x" * 37}):
        assert desk.client.get("/v1/jobs", params=params).status_code == 422, params


def test_a_document_filter_that_names_no_document_of_the_tenant_is_404_as_in_the_review_queue(
    desk: Desk,
) -> None:
    """Found by an outside tester: ``?document=`` with an id that names nothing, or another
    tenant's document, answered 200 with no items, where the README says it is a 404 (as
    ``GET /v1/review?document=`` is): an empty page said nothing of the id being wrong."""
    for document in ("no-such-document", desk.documents["rival"]):
        listed = desk.client.get("/v1/jobs", params={"document": document})
        review = desk.client.get("/v1/review", params={"document": document})
        assert listed.status_code == review.status_code == 404, (document, listed.text)
        assert listed.json() == review.json(), document
        assert listed.json()["detail"].startswith(f"no document {document}"), listed.text
    mine = desk.client.get("/v1/jobs", params={"document": desk.documents["wahl"]})
    assert mine.status_code == 200 and [job["id"] for job in mine.json()["items"]] == desk.listed(
        document=desk.documents["wahl"]
    )
    responses = desk.client.get("/openapi.json").json()["paths"]["/v1/jobs"]["get"]["responses"]
    assert "no document" in responses["404"]["description"], responses


def test_the_jobs_page_lists_the_same_jobs_in_the_same_order(desk: Desk) -> None:
    browser = TestClient(desk.client.app)
    sign_in(browser, new_key(desk.client.app, "desk", role="reader"))  # type: ignore[arg-type]
    page = browser.get("/jobs")
    assert page.status_code == 200
    assert [str(row) for row in html.fromstring(page.text).xpath("//tr/@data-job")] == desk.listed()


def test_the_openapi_document_says_the_list(desk: Desk) -> None:
    schema = desk.client.get("/openapi.json").json()
    operation = schema["paths"]["/v1/jobs"]["get"]
    assert operation["summary"] == "List Jobs" and "newest first" in operation["description"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) == {"limit", "offset", "state", "priority", "document"}
    assert all(p["in"] == "query" and not p["required"] for p in parameters.values())
    assert (parameters["limit"]["schema"]["default"], parameters["limit"]["schema"]["maximum"]) == (20, 100)
    said = {"state": "queued, running, succeeded, failed", "priority": "breaking, normal, bulk"}
    for name, words in said.items():
        assert words in parameters[name]["description"], parameters[name]
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/JobPage"}
    page = schema["components"]["schemas"]["JobPage"]
    one = schema["paths"]["/v1/jobs/{job_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert page["properties"]["items"]["items"] == one["schema"] == {"$ref": "#/components/schemas/JobOut"}
    assert set(page["required"]) == {"items", "total", "limit", "offset", "next"}
    assert "422" in operation["responses"]


BOUNDED = settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.generate],
                   suppress_health_check=list(HealthCheck), database=None)  # fmt: skip


def test_the_list_takes_what_its_schema_says_and_refuses_the_rest(desk: Desk) -> None:
    """Schemathesis on ``GET /v1/jobs`` alone: a request its schema allows is answered 200 and one
    it does not is refused, with a body the schema describes."""
    api = schemathesis.openapi.from_asgi("/openapi.json", desk.client.app)
    (operation,) = [op for op in (r.ok() for r in api.get_all_operations()) if op.label == "GET /v1/jobs"]
    headers = dict(desk.client.headers)
    checks = [not_a_server_error, status_code_conformance, response_schema_conformance,
              positive_data_acceptance, negative_data_rejection]  # fmt: skip
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @BOUNDED
        @given(case=operation.as_strategy(generation_mode=mode))
        def conforms(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=checks)

        try:
            conforms()
        except Exception as exc:
            raise AssertionError(f"{operation.label} ({mode.value}): {exc}") from exc
