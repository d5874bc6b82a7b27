"""Every door that writes gives each role the same answer: the API and the pages' forms, for a
reader, an editor and an admin key. A refused request stores nothing. (Before the use cases, the
pages called the API's route function directly, so a reader key submitted through ``/submit``.)

Runs the real app on the embedded default (in-process worker, tiny random-weight model), on SQLite
and PostgreSQL.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.support import api_client, form_token, new_key, sign_in, table_counts, wait_for_job

ARTICLE = "Die Regierung hat neue Regeln angekündigt. Sie gelten ab Januar."
ROLES = ("reader", "editor", "admin")
# What each role may do: the specification this test holds the doors to (not read from the code).
ALLOWED = {
    "reader": set(),
    "editor": {"submit text", "submit file", "translate text", "approve", "correct", "publish", "withdraw"},
    "admin": {
        "submit text",
        "submit file",
        "translate text",
        "approve",
        "correct",
        "publish",
        "withdraw",
        "create glossary",
        "import glossary",
        "replace glossary",
        "delete glossary",
        "rotate callback secret",
        "create callback secret",
    },
}
GLOSSARY = {"name": "g", "entries": [{"source": "Regierung", "targets": {"en": "government"}}]}


@dataclass
class World:
    """The app, a translated document to correct, and a glossary to change."""

    app: FastAPI
    admin: TestClient
    document_id: str
    segment_id: str
    glossary_id: str


@dataclass
class Door:
    """One way to ask for ``action``: a call through the API (with a key) or a page form (signed in)."""

    action: str
    kind: str  # "api" or "page"
    call: Callable[[World, TestClient, str], httpx.Response]


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _page_post(
    browser: TestClient, page: str, path: str, data: dict[str, object], **kw: object
) -> httpx.Response:
    """A form post as the browser sends it: with the token of the form the page put there."""
    token = form_token(browser.get(page).text)
    return browser.post(path, data={**data, "csrf": token}, follow_redirects=False, **kw)  # type: ignore[arg-type]


def _correct_path(world: World) -> str:
    return f"/documents/{world.document_id}/segments/{world.segment_id}/translations/en"


DOORS = [
    Door("submit text", "api", lambda w, c, k: c.post(
        "/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}, headers=_bearer(k))),
    Door("submit text", "page", lambda w, c, k: _page_post(
        c, "/submit", "/submit", {"text": ARTICLE, "targets": ["en"], "source_lang": "auto"})),
    Door("submit file", "api", lambda w, c, k: c.post(
        "/v1/jobs/upload", files={"file": ("a.txt", ARTICLE.encode())}, data={"targets": "en"},
        headers=_bearer(k))),
    Door("submit file", "page", lambda w, c, k: _page_post(
        c, "/submit", "/submit", {"targets": ["en"], "source_lang": "auto"},
        files={"upload": ("a.txt", ARTICLE.encode(), "text/plain")})),
    Door("translate text", "api", lambda w, c, k: c.post(
        "/v1/translate", json={"text": "Die Regierung tagt.", "target_lang": "en", "source_lang": "de"},
        headers=_bearer(k))),
    Door("approve", "api", lambda w, c, k: c.post(
        f"/v1/{_correct_path(w)[1:]}/approve", headers=_bearer(k))),
    Door("correct", "api", lambda w, c, k: c.put(
        f"/v1/{_correct_path(w)[1:]}", json={"text": "The government met."}, headers=_bearer(k))),
    Door("correct", "page", lambda w, c, k: _page_post(
        c, f"/documents/{w.document_id}", _correct_path(w), {"text": "The government met today."})),
    Door("publish", "api", lambda w, c, k: c.post(
        f"/v1/documents/{w.document_id}/translations/en/publish", json={"force": True}, headers=_bearer(k))),
    Door("publish", "page", lambda w, c, k: _page_post(
        c, f"/documents/{w.document_id}", f"/documents/{w.document_id}/translations/en/publish",
        {"force": "true"})),
    Door("withdraw", "api", lambda w, c, k: c.delete(
        f"/v1/documents/{w.document_id}/translations/en/publish", headers=_bearer(k))),
    Door("withdraw", "page", lambda w, c, k: _page_post(
        c, f"/documents/{w.document_id}", f"/documents/{w.document_id}/translations/en/withdraw", {})),
    Door("create glossary", "api", lambda w, c, k: c.post(
        "/v1/glossaries", json={**GLOSSARY, "name": f"new-{k[-6:]}"}, headers=_bearer(k))),
    Door("import glossary", "api", lambda w, c, k: c.post(
        f"/v1/glossaries/import?name=imp-{k[-6:]}&format=csv", content=b"source,en\nRegel,rule\n",
        headers={**_bearer(k), "Content-Type": "text/csv"})),
    Door("replace glossary", "api", lambda w, c, k: c.put(
        f"/v1/glossaries/{w.glossary_id}", json={**GLOSSARY, "name": "g"}, headers=_bearer(k))),
    Door("delete glossary", "api", lambda w, c, k: c.delete(
        f"/v1/glossaries/{w.glossary_id}", headers=_bearer(k))),
    Door("rotate callback secret", "api", lambda w, c, k: c.post(
        "/v1/callbacks/secret/rotate", headers=_bearer(k))),
    Door("create callback secret", "api", lambda w, c, k: c.post(
        "/v1/callbacks/secret", headers=_bearer(k))),
]  # fmt: skip


def _world(app: FastAPI, admin: TestClient) -> World:
    submitted = admin.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"]})
    assert submitted.status_code == 202, submitted.text
    job = wait_for_job(admin, submitted.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    document = admin.get(f"/v1/documents/{job['document_id']}").json()
    segment = next(
        s
        for section in document["sections"]
        for s in section["segments"]
        if s.get("translations", {}).get("en")
    )
    glossary = admin.post("/v1/glossaries", json=GLOSSARY)
    assert glossary.status_code == 201, glossary.text
    return World(app, admin, document["id"], segment["id"], glossary.json()["id"])


def _quiet(app: FastAPI, timeout: float = 300) -> None:
    """Wait until the in-process worker has finished what allowed doors queued: its work changes rows."""
    deadline = time.monotonic() + timeout
    while app.state.dispatcher.pending:
        assert time.monotonic() < deadline, f"the in-process worker was still busy after {timeout} s"
        time.sleep(0.1)


def _allowed(response: httpx.Response, kind: str) -> bool:
    """Whether the door did it: a 2xx from the API, a redirect to the result from a page form.
    Anything else must be a refusal that says so (403), never an error."""
    if kind == "page" and response.status_code == 303:
        return True
    if kind == "api" and 200 <= response.status_code < 300:
        return True
    assert response.status_code == 403, f"{kind}: {response.status_code} {response.text[:300]}"
    return False


@pytest.mark.parametrize("role", ROLES)
def test_every_door_gives_each_role_the_same_answer(make_app: Callable[..., FastAPI], role: str) -> None:
    app = make_app()
    with api_client(app) as admin:
        world = _world(app, admin)
        key = new_key(app, "tests", role=role, name=f"{role} key")
        browser = TestClient(app)  # shares the started app; keeps the sign-in cookie
        sign_in(browser, key)
        assert browser.cookies.get("interlinear_session"), "the sign-in form set no session cookie"
        answers: dict[str, dict[str, bool]] = {}
        for door in DOORS:
            _quiet(app)
            before = table_counts(app)
            allowed = _allowed(door.call(world, browser if door.kind == "page" else admin, key), door.kind)
            _quiet(app)
            answers.setdefault(door.action, {})[door.kind] = allowed
            if not allowed:
                assert table_counts(app) == before, (
                    f"{role} refused {door.action} ({door.kind}) but rows changed"
                )
        for action, by_door in answers.items():
            expected = action in ALLOWED[role]
            assert by_door == dict.fromkeys(by_door, expected), (
                f"{role} {action}: {by_door}, expected {'allowed' if expected else 'refused'} at every door"
            )


def test_nan_in_a_refused_body_is_a_422_not_a_500(make_app: Callable[..., FastAPI]) -> None:
    """Python's JSON reader takes NaN and Infinity; the 422 that echoes them must still be JSON."""
    app = make_app()
    with api_client(app) as client:
        for body in ('{"text": "Hallo.", "targets": ["en"], "source_lang": NaN}', '{"text": Infinity}'):
            response = client.post("/v1/jobs", content=body, headers={"Content-Type": "application/json"})
            assert response.status_code == 422, response.text


def test_the_page_refuses_pasted_text_and_a_file_together(make_app: Callable[..., FastAPI]) -> None:
    app = make_app()
    with api_client(app):
        browser = TestClient(app)
        sign_in(browser, new_key(app, "tests", role="editor"))
        before = table_counts(app)
        response = _page_post(
            browser, "/submit", "/submit", {"text": ARTICLE, "targets": ["en"], "source_lang": "auto"},
            files={"upload": ("a.txt", b"Ein anderer Artikel. Er hat zwei Saetze.", "text/plain")},
        )  # fmt: skip
        assert response.status_code == 422 and "one way" in response.text
        assert table_counts(app) == before


def test_a_refused_correction_is_said_in_its_form_on_the_document_page(
    make_app: Callable[..., FastAPI],
) -> None:
    app = make_app()
    with api_client(app) as admin:
        world = _world(app, admin)
        browser = TestClient(app)
        sign_in(browser, new_key(app, "tests", role="editor"))
        before = table_counts(app)
        response = _page_post(
            browser, f"/documents/{world.document_id}", _correct_path(world), {"text": "   "}
        )
        assert response.status_code == 422
        assert (
            "the correction is blank" in response.text and 'name="text"' in response.text
        )  # the page, with its forms
        assert table_counts(app) == before
