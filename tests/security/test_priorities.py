"""Job priorities through the API on the embedded default (SQLite and PostgreSQL): a job carries
its priority, a key limited to normal cannot send breaking news (403, nothing stored), and the
embedded queue runs a breaking job before normal jobs queued earlier."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from fastapi import FastAPI

from tests.support import api_client, new_key, table_counts, wait_for_job

ARTICLE = "Die Regierung hat neue Regeln angekündigt. Sie gelten ab Januar."


def test_a_job_carries_its_priority_and_a_limited_key_cannot_exceed_it(
    make_app: Callable[..., FastAPI],
) -> None:
    app = make_app()
    with api_client(app) as client:
        breaking = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "priority": "breaking"})
        assert breaking.status_code == 202, breaking.text
        assert breaking.json()["priority"] == "breaking"
        plain = client.post("/v1/jobs", json={"text": ARTICLE + " Mehr.", "targets": ["en"]})
        assert plain.json()["priority"] == "normal"
        assert (
            client.post(
                "/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "priority": "urgent"}
            ).status_code
            == 422
        )

        for job in (breaking, plain):  # the worker's writes are done before the tables are counted
            assert wait_for_job(client, job.json()["id"], 300)["state"] == "succeeded"
        scraper = {"Authorization": f"Bearer {new_key(app, 'tests', role='editor', max_priority='normal')}"}
        before = table_counts(app)
        refused = client.post(
            "/v1/jobs",
            json={"text": ARTICLE + " Neu.", "targets": ["en"], "priority": "breaking"},
            headers=scraper,
        )
        assert refused.status_code == 403, refused.text
        assert "up to priority normal" in refused.json()["detail"]
        assert table_counts(app) == before
        allowed = client.post(
            "/v1/jobs",
            json={"text": ARTICLE + " Neu.", "targets": ["en"], "priority": "bulk"},
            headers=scraper,
        )
        assert allowed.status_code == 202, allowed.text
        assert allowed.json()["priority"] == "bulk"


def test_a_priority_is_taken_in_any_case_and_said_as_the_service_names_it(
    make_app: Callable[..., FastAPI],
) -> None:
    """A newcomer's ``"priority": "Breaking"`` (and ``"BULK"``) was refused with a 422 as if it were
    no priority; the list's filter took it. A word that is no priority is still refused, naming
    them; the schema says the canonical words, taken in any case, and answers say them canonical."""
    app = make_app()
    with api_client(app) as client:
        for n, (sent, said) in enumerate(
            (("Breaking", "breaking"), (" BULK ", "bulk"), ("Normal", "normal"))
        ):
            body = {"text": f"{ARTICLE} Meldung {n}.", "targets": ["en"], "priority": sent}
            taken = client.post("/v1/jobs", json=body)
            assert taken.status_code == 202, (sent, taken.text)
            assert taken.json()["priority"] == said
            form = {"targets": "en", "source_lang": "de", "priority": sent}
            article = (f"{ARTICLE} Datei {n}.").encode()
            uploaded = client.post(
                "/v1/jobs/upload", files={"file": ("a.txt", article, "text/plain")}, data=form
            )
            assert uploaded.status_code == 202, (sent, uploaded.text)
            assert uploaded.json()["priority"] == said
            for job in (taken, uploaded):
                assert client.get(f"/v1/jobs/{job.json()['id']}").json()["priority"] == said
        before = table_counts(app)
        for sent in ("HIGH", "urgent", "breaking news"):
            refused = client.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"], "priority": sent})
            assert refused.status_code == 422, (sent, refused.text)
            [issue] = refused.json()["detail"]
            assert issue["msg"] == f"priority: send 'breaking', 'normal' or 'bulk', not \"{sent}\"", issue
            form = {"targets": "en", "priority": sent}
            upload = client.post(
                "/v1/jobs/upload", files={"file": ("a.txt", b"Text.", "text/plain")}, data=form
            )
            assert upload.status_code == 422, (sent, upload.text)
        schema = client.get("/openapi.json").json()["components"]["schemas"]
        for name in ("JobRequest", "Body_submit_upload_v1_jobs_upload_post"):
            field = schema[name]["properties"]["priority"]
            assert (
                field["default"] == "normal"
                and "breaking, normal or bulk, in any case" in field["description"]
            )
            for word in ("breaking", "Breaking", " BULK ", "normal"):
                assert re.fullmatch(field["pattern"], word), (name, word)
            assert not re.fullmatch(field["pattern"], "HIGH")
        assert schema["JobOut"]["properties"]["priority"]["enum"] == ["breaking", "normal", "bulk"]
        for job in client.get("/v1/jobs", params={"limit": 100}).json()["items"]:  # the worker's writes end
            assert wait_for_job(client, job["id"], 300)["state"] == "succeeded"
    assert table_counts(app)["jobs"] == before["jobs"]


def test_the_embedded_queue_runs_breaking_news_before_earlier_normal_jobs(
    make_app: Callable[..., FastAPI],
) -> None:
    app = make_app()
    gate = threading.Event()
    with api_client(app) as client:
        app.state.dispatcher.pool.submit(0, lambda: gate.wait(60))  # the worker is busy: what comes waits
        normal = [
            client.post("/v1/jobs", json={"text": f"{ARTICLE} Meldung {n}.", "targets": ["en"]}).json()["id"]
            for n in range(3)
        ]
        breaking = client.post(
            "/v1/jobs", json={"text": f"{ARTICLE} Eilmeldung.", "targets": ["en"], "priority": "breaking"}
        ).json()["id"]
        gate.set()
        finished = {job_id: wait_for_job(client, job_id, 300) for job_id in [*normal, breaking]}
    assert all(job["state"] == "succeeded" for job in finished.values()), finished
    order = sorted(finished, key=lambda job_id: finished[job_id]["updated_at"])
    assert order == [breaking, *normal], f"finished in this order: {order}; breaking was {breaking}"
