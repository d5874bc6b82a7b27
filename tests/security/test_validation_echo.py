"""A request that fails validation is answered with a short 422, whatever it sent (found by an
outside attack: FastAPI echoes the input of each problem, so an article sent as an array of
sentences, or 6,000 glossary entries, came back whole, a 422 megabytes long, and 2,000 wrong
items were 2,000 problems). Through the real app on SQLite; each failed on the old code but the
last, which keeps what a 422 said before."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.exceptions import RequestValidationError
from fastapi.testclient import TestClient
from starlette.requests import Request

from service.api.validation_errors import request_validation_failed
from service.settings import Settings
from tests.support import embedded_client

SHORT = 5_000  # bytes: a 422 says what is wrong, it does not send the request back
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def client(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'v.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as test_client:
        yield test_client


def problems(client: TestClient, path: str, body: Any) -> list[dict[str, Any]]:
    """The 422's problems for ``body`` sent as JSON, checked to be short."""
    sent = json.dumps(body)
    response = client.post(path, content=sent, headers=JSON)
    assert response.status_code == 422, response.text[:300]
    assert len(response.content) < SHORT, (len(sent), len(response.content), response.text[:300])
    found: list[dict[str, Any]] = response.json()["detail"]
    return found


def test_a_large_list_or_object_sent_is_not_echoed(client: TestClient) -> None:
    sentences = ["Die Regierung hat am Montag neue Regeln angekündigt."] * 40_000  # about 2 MB
    (issue,) = problems(client, "/v1/jobs", {"text": sentences, "targets": ["en"]})
    assert issue == {"type": "string_type", "loc": ["body", "text"], "msg": "Input should be a valid string"}
    (issue,) = problems(client, "/v1/jobs", sentences)
    assert issue["loc"] == ["body"] and "input" not in issue
    assert issue["msg"] == "the body must be a JSON object with the operation's fields, not an array"
    entries = [{"source": f"Begriff {i}", "targets": {"en": f"term {i}"}} for i in range(5_001)]
    (issue,) = problems(client, "/v1/glossaries", {"name": "Zu viele", "entries": entries})
    assert issue["type"] == "too_long" and issue["loc"] == ["body", "entries"] and "input" not in issue
    assert issue["ctx"]["max_length"] == 5_000


def test_many_problems_are_listed_up_to_twenty_and_counted(client: TestClient) -> None:
    body = {"source_lang": "de", "target_lang": "en", "pairs": [1] * 2_000}
    found = problems(client, "/v1/checks", body)
    assert len(found) == 21
    assert all(issue["loc"][:2] == ["body", "pairs"] for issue in found[:20])
    assert found[20] == {
        "type": "too_many_errors",
        "loc": ["body"],
        "msg": "and 1,980 more problems like these, not listed: correct these and send the request again",
    }


def test_a_small_input_is_still_echoed_and_a_long_string_cut_short(client: TestClient) -> None:
    (issue,) = problems(client, "/v1/jobs", {"text": ["Ein Satz."], "targets": ["en"]})
    assert issue["input"] == ["Ein Satz."]
    (issue,) = problems(client, "/v1/translate", {"text": "x" * 100_000 + "\ud800", "target_lang": "en"})
    assert issue["input"] == "x" * 200 + "…" and "unpaired surrogate" in issue["msg"]
    both = problems(
        client, "/v1/jobs", {"text": "Ein Satz.", "url": "https://news.example/a", "targets": ["en"]}
    )
    assert both[0]["msg"].endswith("exactly one of the two")
    assert both[0]["input"]["url"] == "https://news.example/a"  # the body, small: echoed as before


def test_a_long_id_in_the_path_is_echoed_cut_short(client: TestClient) -> None:
    """Found by an outside tester: GET /v1/documents/<7,000 × a> answered a 7 KB 404, its page
    12.6 KB: the id came back whole. Now it is cut to 80 characters and an ellipsis, on the API's
    problems and on the error pages alike; a short id is echoed whole, as before."""
    long, cut = "a" * 7_000, "a" * 80 + "…"
    for path, said in (
        (f"/v1/documents/{long}", f"no document {cut};"),
        (f"/v1/jobs/{long}", f"no job {cut};"),
        (f"/v1/glossaries/{long}", f"no glossary {cut};"),
        (f"/v1/documents/{long}/segments/{long}/translations/en", f"/v1/documents/{cut}/segments/{cut}/"),
    ):
        response = client.get(path)
        assert response.status_code in (404, 405) and said in response.json()["detail"], response.text[:300]
        assert len(response.content) < 500, (path[:40], len(response.content))
    corrected = client.put(f"/v1/documents/{long}/segments/s01/translations/en", json={"text": "x"})
    assert corrected.status_code == 404 and f"no document {cut}" in corrected.json()["detail"]
    assert f"no document {'b' * 80}" in client.get(f"/v1/documents/{'b' * 80}").json()["detail"]
    for path, said in ((f"/documents/{long}", f"No document {cut}:"), (f"/{long}", f"no page at /{cut}")):
        page = client.get(path)
        assert page.status_code == 404 and said in page.text, page.text[-1000:]
        # no longer than the same page for a one-letter id, but for the 80 letters echoed
        same = client.get(path.replace(long, "b"))
        assert long not in page.text and len(page.content) - len(same.content) < 500


def test_a_problem_message_is_cut_only_past_1000_characters(client: TestClient) -> None:
    """Found by an outside attack: a problem's message was cut at 200 characters, as what was sent
    is, so the external id's refusal (about 250 characters) lost what an id may hold. Messages are
    cut past 1,000 characters only; what a problem echoes of the request, past 200 as before."""
    (issue,) = problems(client, "/v1/jobs", {"text": "Ein Satz.", "targets": ["en"], "external_id": "a\x07b"})
    assert len(issue["msg"]) > 200 and not issue["msg"].endswith("…"), issue
    assert issue["msg"].endswith("and without whitespace at its start or end"), issue

    scope = {"type": "http", "method": "POST", "path": "/v1/jobs", "query_string": b"", "app": client.app,
             "headers": [(b"content-type", b"application/json")]}  # fmt: skip
    sent = {"type": "value_error", "loc": ("body", "text"), "input": "i" * 300}
    errors = [{**sent, "msg": "m" * 1_000}, {**sent, "msg": "n" * 1_001, "ctx": {"error": "e" * 1_000}}]
    response = asyncio.run(request_validation_failed(Request(scope), RequestValidationError(errors)))
    whole, cut = json.loads(bytes(response.body))["detail"]
    assert whole["msg"] == "m" * 1_000 and cut["msg"] == "n" * 1_000 + "…"
    assert cut["ctx"] == {"error": "e" * 1_000}
    assert whole["input"] == cut["input"] == "i" * 200 + "…"
