"""The HTTP API on the one-machine default: in-process worker thread, SQLite or PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.settings import Settings
from service.storage.tables import Document, TranslationRow
from tests.support import embedded_client, wait_for_job


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir,
                        max_article_bytes=20_000)  # fmt: skip
    with embedded_client(settings) as test_client:
        yield test_client


def test_submit_poll_and_read_aligned(client: TestClient, seed_text: str) -> None:
    response = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]})
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["Location"] == f"/v1/jobs/{job['id']}"
    assert job["state"] in ("queued", "running", "succeeded")
    job = wait_for_job(client, job["id"])
    assert job["state"] == "succeeded", job
    assert job["progress"] == {"en": {"done": 43, "total": 43}}
    assert job["summaries"] == ["de", "en"]
    assert job["events"][0]["state"] == "queued"
    assert [e["state"] for e in job["events"]][-1] == "succeeded"
    # Times carry their zone on both databases (SQLite hands back naive datetimes).
    for moment in (job["created_at"], job["updated_at"], job["events"][0]["at"]):
        assert dt.datetime.fromisoformat(moment).utcoffset() == dt.timedelta(0), moment

    document = client.get(job["links"]["document"]).json()
    assert len(document["sections"]) == 9
    translatable = [s for s in _segments(document) if s["translatable"]]
    assert len(translatable) == 43 and all("en" in s["translations"] for s in translatable)
    # The news checks run on every stored output and their flags are shown with it: the sentence's
    # own, then any the whole article adds (a name translated two ways).
    from service.checks import check_pair

    for segment in translatable:
        output = segment["translations"]["en"]
        own = [f.model_dump() for f in check_pair(segment["text"], output["text"], "de", "en")]
        assert output["flags"][: len(own)] == own
        assert all(f["check"] == "consistency" for f in output["flags"][len(own) :])
        assert output["origin"] == "model"

    page = client.get(f"/documents/{document['id']}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")

    listing = client.get("/v1/documents", params={"tag": "Kursk"}).json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == document["id"]
    assert client.get("/v1/documents", params={"tag": "Kur"}).json()["total"] == 0


def _segments(document: dict) -> list[dict]:
    out = list(document["front_matter"])
    for section in document["sections"]:
        if section["heading"]:
            out.append(section["heading"])
        out.extend(section["segments"])
    return out + list(document["back_matter"])


def test_idempotency_key_returns_the_same_job(client: TestClient, seed_text: str, database_url: str) -> None:
    body = {"text": seed_text, "targets": ["en"]}
    first = client.post("/v1/jobs", json=body, headers={"Idempotency-Key": "abc-1"})
    second = client.post("/v1/jobs", json=body, headers={"Idempotency-Key": "abc-1"})
    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert wait_for_job(client, first.json()["id"])["state"] == "succeeded"
    other = client.post("/v1/jobs", json={**body, "targets": ["ko"]}, headers={"Idempotency-Key": "abc-1"})
    assert other.status_code == 422 and "different request body" in other.json()["detail"]

    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
        assert session.scalar(select(func.count()).select_from(TranslationRow)) == 43


def test_same_article_without_key_reuses_stored_outputs(client: TestClient, seed_text: str) -> None:
    first = wait_for_job(
        client, client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]}).json()["id"]
    )
    second = wait_for_job(
        client, client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]}).json()["id"]
    )
    assert first["id"] != second["id"] and second["state"] == "succeeded"
    assert first["document_id"] == second["document_id"]
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(TranslationRow)) == 43


def test_an_article_sent_with_its_language_and_without_is_one_document(
    client: TestClient, seed_text: str
) -> None:
    """``source_lang: "de"`` and the language left out (detected as de) are the same article: the
    second submission is answered as any duplicate is, a new job on the first document."""
    stated = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"], "source_lang": "de"})
    assert stated.status_code == 202, stated.text
    first = wait_for_job(client, stated.json()["id"])
    detected = client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]})
    assert detected.status_code == 202, detected.text
    second = wait_for_job(client, detected.json()["id"])
    assert first["id"] != second["id"] and second["state"] == "succeeded"
    assert second["document_id"] == first["document_id"]
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
        assert session.scalar(select(func.count()).select_from(TranslationRow)) == 43


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"text": "", "targets": ["en"]}, 422, "empty"),
        ({"text": "   \n  ", "targets": ["en"]}, 422, "empty"),
        (
            {"text": "Die Regierung hat neue Maßnahmen angekündigt. " * 500, "targets": ["en"]},
            413,
            "over the limit",
        ),
        ({"text": "PNG\x00\x01\x02 binary", "targets": ["en"]}, 422, "binary"),
        ({"text": "<html><body><div></div></body></html>", "targets": ["en"]}, 422, "no article text"),
        ({"text": "Die Regierung hat neue Maßnahmen angekündigt.", "targets": ["de"]}, 422, "own language"),
        (
            {
                "text": "북한이 러시아에 군인을 보냈다. 미국은 우려했다.",
                "source_lang": "de",
                "targets": ["en"],
            },
            422,
            "no 'de' text",
        ),
        ({"text": "Hallo", "targets": []}, 422, "targets: give one or more target languages"),
    ],
    ids=["empty", "blank", "huge", "binary", "empty-html", "same-language", "wrong-language", "no-targets"],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    client: TestClient, body: dict, status: int, message: str
) -> None:
    response = client.post("/v1/jobs", json=body)
    assert response.status_code == status, response.text
    assert message in str(response.json()["detail"])
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0


@pytest.mark.parametrize(
    ("content_type", "sent"),
    [
        ("application/x-www-form-urlencoded", "as application/x-www-form-urlencoded"),
        ("text/plain; charset=utf-8", "as text/plain"),
        (None, "without a Content-Type"),
    ],
)
def test_a_body_that_is_not_json_is_415_saying_what_to_send(
    client: TestClient, content_type: str | None, sent: str
) -> None:
    body = '{"text": "Die Regierung hat am Montag neue Regeln angekündigt.", "targets": ["en"]}'
    headers = {"Content-Type": content_type} if content_type else {}
    for path in ("/v1/jobs", "/v1/translate"):
        response = client.post(path, content=body.encode(), headers=headers)
        assert response.status_code == 415, response.text
        assert sent in response.json()["detail"] and "application/json" in response.json()["detail"]
    assert "multipart/form-data" in client.post("/v1/jobs", content=body.encode(), headers=headers).text
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        assert session.scalar(select(func.count()).select_from(Document)) == 0
    # JSON that is not an object stays a 422, saying what the body must be.
    for sent_json, kind in ((["Hallo"], "an array"), (None, "null"), (7, "a number")):
        shaped = client.post(
            "/v1/jobs", content=json.dumps(sent_json), headers={"Content-Type": "application/json"}
        )
        assert shaped.status_code == 422
        assert (
            shaped.json()["detail"][0]["msg"]
            == f"the body must be a JSON object with the operation's fields, not {kind}"
        )
    # No body, or JSON that does not parse: said so, with where (not "Field required", "JSON decode error").
    json_header = {"Content-Type": "application/json"}
    empty = client.post("/v1/jobs", content=b"", headers=json_header)
    assert empty.status_code == 422 and "the request has no body" in empty.json()["detail"][0]["msg"]
    broken = client.post("/v1/jobs", content=b'{"text": "a",', headers=json_header)
    assert broken.status_code == 422
    assert broken.json()["detail"][0]["msg"].startswith("the body is not valid JSON at character 13")
    # Every operation with a JSON body documents the 415; the CSV/TBX import does not take JSON.
    paths = client.get("/openapi.json").json()["paths"]
    assert all("415" in paths[path][method]["responses"] for path, method in
               [("/v1/jobs", "post"), ("/v1/translate", "post"), ("/v1/glossaries", "post")])  # fmt: skip
    assert "415" not in paths["/v1/glossaries/import"]["post"]["responses"]


def test_unknown_job_and_document_are_404(client: TestClient) -> None:
    assert client.get("/v1/jobs/nope").status_code == 404
    assert client.get("/v1/documents/nope").status_code == 404
    assert client.get("/documents/nope").status_code == 404


def test_sync_translate(client: TestClient) -> None:
    response = client.post("/v1/translate", json={"text": "Das ist gut. Wer weiß?", "target_lang": "en"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["source_lang"] == "de"
    assert [p["source"] for p in result["sentences"]] == ["Das ist gut.", "Wer weiß?"]
    assert result["engine"] == "transformers"
    too_long = client.post("/v1/translate", json={"text": "a" * 5000, "target_lang": "en"})
    assert too_long.status_code == 413 and "/v1/jobs" in too_long.json()["detail"]


def test_sync_translate_reads_lines_and_keeps_marks_from_the_model(client: TestClient) -> None:
    # Found by an outside tester: "# Titel\n\n- Punkt eins\n- Punkt zwei" came back as one sentence.
    text = "# Titel\n\n- Punkt eins\n- Punkt zwei\n\nDer Bundestag hat beschlossen."
    answer = client.post("/v1/translate", json={"text": text, "source_lang": "de", "target_lang": "en"})
    assert answer.status_code == 200, answer.text
    pairs = answer.json()["sentences"]
    assert [p["source"] for p in pairs] == [
        "# Titel",
        "- Punkt eins",
        "- Punkt zwei",
        "Der Bundestag hat beschlossen.",
    ]
    assert [p["target"][:2] for p in pairs[:3]] == ["# ", "- ", "- "]  # the mark put back
    marks_only = client.post(
        "/v1/translate", json={"text": "#\n\n##", "source_lang": "de", "target_lang": "en"}
    )
    assert marks_only.status_code == 422 and "no sentence" in marks_only.json()["detail"]


def test_korean_quotation_with_its_particle_is_one_sentence(client: TestClient) -> None:
    # Found by an outside tester: "라고 그는 말했다." was stored and translated as a sentence.
    text = "쇼이구 서기는 김정은 위원장을 만났다. “우리는 형제국가”라고 그는 말했다."
    expected = ["쇼이구 서기는 김정은 위원장을 만났다.", "“우리는 형제국가”라고 그는 말했다."]
    answer = client.post("/v1/translate", json={"text": text, "source_lang": "ko", "target_lang": "en"})
    assert answer.status_code == 200, answer.text
    assert [p["source"] for p in answer.json()["sentences"]] == expected
    submitted = client.post("/v1/jobs", json={"text": text, "source_lang": "ko", "targets": ["en"]})
    assert submitted.status_code == 202, submitted.text
    job = wait_for_job(client, submitted.json()["id"])
    assert job["state"] == "succeeded", job
    document = client.get(job["links"]["document"]).json()
    assert [s["text"] for s in _segments(document) if s["translatable"]] == expected


def test_meta_endpoints(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "broker": "ok"}
    # a probe that asks with HEAD (an outside tester got 405): the status, no body; not in the schema
    for path in ("/healthz", "/readyz"):
        head = client.head(path)
        assert head.status_code == 200 and head.content == b"", (path, head.status_code, head.content)
    assert "head" not in client.get("/openapi.json").json()["paths"]["/healthz"]
    assert {"source": "de", "target": "en"} in client.get("/v1/languages").json()["pairs"]
    assert client.get("/v1/models").status_code == 200
    metrics = client.get("/metrics").text
    assert 'interlinear_jobs{state="queued"}' in metrics
    assert "interlinear_queue_depth" in metrics
    assert client.get("/openapi.json").json()["paths"]["/v1/jobs"]["post"]


def test_versions_are_kept_listed_read_and_compared(
    client: TestClient, seed_text: str, tiny_marian_dir: Path, tiny_marian_b_dir: Path
) -> None:
    from workers.document_translation import translate_document
    from workers.engines.engine import DecodeOptions
    from workers.engines.transformers import TransformersEngine

    job = wait_for_job(
        client, client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]}).json()["id"]
    )
    document_id = job["document_id"]
    first = client.get(f"/v1/documents/{document_id}").json()
    version_a = first["sections"][0]["heading"]["translations"]["en"]["version"]

    database = client.app.state.database  # type: ignore[attr-defined]
    engine_b = TransformersEngine(str(tiny_marian_b_dir), options=DecodeOptions(beam_size=1))
    with database.session() as session:
        assert translate_document(session, document_id, "de", "en", engine_b) == 43

    versions = client.get(f"/v1/documents/{document_id}/versions").json()
    assert [(v["model_id"], v["segments"], v["latest"]) for v in versions] == [
        (tiny_marian_dir.name, 43, False),  # a local model by its directory's name, never its path
        (tiny_marian_b_dir.name, 43, True),
    ]
    version_b = versions[1]["version"]
    latest = client.get(f"/v1/documents/{document_id}").json()
    assert latest["sections"][0]["heading"]["translations"]["en"]["model_id"] == tiny_marian_b_dir.name
    older = client.get(f"/v1/documents/{document_id}", params={"version": f"en:{version_a}"}).json()
    assert older == first | {"summaries": older["summaries"]}  # the same outputs as before B ran

    comparison = client.get(
        f"/v1/documents/{document_id}/compare", params={"lang": "en", "a": version_a, "b": version_b}
    ).json()
    assert comparison["unchanged"] + len(comparison["changed"]) == 43
    assert comparison["changed"], "two different random models should disagree somewhere"
    assert all(c["a"] is not None and c["b"] is not None for c in comparison["changed"])
    assert client.get(f"/v1/documents/{document_id}", params={"version": "en:nope"}).status_code == 404
    assert client.get(f"/v1/documents/{document_id}", params={"version": "nope"}).status_code == 422


def test_exports_over_http(client: TestClient, seed_text: str) -> None:
    from service.exports.tmx_import import read_tmx
    from service.exports.validate import validate_tmx, validate_xliff

    job = wait_for_job(
        client, client.post("/v1/jobs", json={"text": seed_text, "targets": ["en"]}).json()["id"]
    )
    base = f"/v1/documents/{job['document_id']}/export"
    tmx = client.get(base, params={"format": "tmx"})
    assert tmx.status_code == 200 and tmx.headers["content-type"].startswith("application/x-tmx+xml")
    validate_tmx(tmx.content)
    assert len(read_tmx(tmx.content)) == 43
    xliff = client.get(base, params={"format": "xliff", "lang": "en"})
    assert xliff.status_code == 200
    validate_xliff(xliff.content)
    html = client.get(base, params={"format": "html"})
    assert html.status_code == 200 and "attachment" in html.headers["content-disposition"]
    assert client.get(base, params={"format": "json"}).json()["id"] == job["document_id"]
    bad = client.get(base, params={"format": "docx"})
    assert bad.status_code == 422 and "formats: json, tmx, xliff, html" in bad.json()["detail"]
    assert client.get(base, params={"format": "tmx", "lang": "ko"}).status_code == 422


def test_a_job_its_killed_process_left_running_is_finished_after_a_restart(
    database_url: str, tiny_marian_dir: Path, seed_text: str
) -> None:
    """On the embedded default the API process is the worker: killed in the middle of a job, it
    leaves the job ``running`` with its tasks gone with the process. The restarted API's reaper
    sends them again to its own worker at once (no other process can be running them), not after
    INTERLINEAR_STALE_AFTER, and the job finishes, every segment translated once."""

    from service.ingest import read_article
    from service.job_records import JobState, request_hash, submit_article, transition
    from service.storage.db import Database

    settings = Settings(
        database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir, stale_after=3600
    )  # a job silent for an hour would be taken for lost only after the test's timeout
    database = Database(database_url, upgrade=True)
    with database.session() as session:  # what the killed process left: a running job, nothing queued
        text, article = read_article(seed_text.encode(), settings)
        job, _ = submit_article(
            session, text, article, None, ["en"], request_hash({"killed": 1}), tenant="tests"
        )
        transition(session, job.id, JobState.RUNNING)  # alive a moment ago
        job_id, document_id = job.id, job.document_id
    database.engine.dispose()

    with embedded_client(settings, tenant="tests") as client:  # the restart
        finished = wait_for_job(client, job_id, timeout=300)
        assert finished["state"] == "succeeded", finished
        assert any("requeued" in (e["detail"] or "") for e in finished["events"]), finished["events"]
        with client.app.state.database.session() as session:  # type: ignore[attr-defined]
            rows = session.scalar(
                select(func.count()).select_from(TranslationRow).join(TranslationRow.segment)
                .where(TranslationRow.target_lang == "en")
            )  # fmt: skip
        document = client.get(f"/v1/documents/{document_id}").json()
        translatable = sum(s["translatable"] for s in _segments(document))
        assert rows == translatable  # each segment once: nothing translated twice
