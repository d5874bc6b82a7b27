"""Tenant isolation: a key reads and writes only its tenant's jobs and documents — in the API,
the exports, the web pages and translation memory."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI
from sqlalchemy import select
from typer.testing import CliRunner

from service.cli import app as cli
from service.storage.tables import Document, TranslationRow
from tests.support import api_client, form_token, new_key, sign_in, wait_for_job

ARTICLE = """Neue Regeln für Drohnen

Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar.

Die Opposition hält die Regeln für zu streng. Sie fordert Nachbesserungen.
"""


def test_a_tenant_sees_nothing_of_another(app: FastAPI) -> None:
    with api_client(app, "alpha") as alpha, api_client(app, "beta") as beta:
        submitted = alpha.post(
            "/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}, headers={"Idempotency-Key": "k1"}
        )
        assert submitted.status_code == 202, submitted.text
        job = wait_for_job(alpha, submitted.json()["id"])
        assert job["state"] == "succeeded", job
        doc_id = job["document_id"]
        version = alpha.get(f"/v1/documents/{doc_id}/versions").json()[0]["version"]

        own = [
            f"/v1/jobs/{job['id']}",
            f"/v1/documents/{doc_id}",
            f"/v1/documents/{doc_id}/versions",
            f"/v1/documents/{doc_id}/compare?lang=en&a={version}&b={version}",
            *(f"/v1/documents/{doc_id}/export?format={f}&lang=en" for f in ("json", "tmx", "xliff", "html")),
            f"/documents/{doc_id}",
        ]
        for path in own:
            assert alpha.get(path).status_code == 200, path
            theirs = beta.get(path)
            # Exactly like a document that does not exist: not even its existence is told.
            assert theirs.status_code == 404, (path, theirs.status_code)
            said = theirs.text.replace(f"no document {doc_id}", "").replace(f"No document {doc_id}", "")
            assert doc_id not in said.replace(f"no job {job['id']}", ""), path  # (a page's: a capital)
        assert alpha.get("/v1/documents").json()["total"] == 1
        assert beta.get("/v1/documents").json() == {
            "items": [], "total": 0, "limit": 20, "offset": 0, "next": None
        }  # fmt: skip
        assert "Drohnen" in alpha.get("/").text and "Drohnen" not in beta.get("/").text

        # The same article and the same Idempotency-Key from beta: beta's own job and document,
        # translated by the model, not served from alpha's outputs.
        again = beta.post(
            "/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}, headers={"Idempotency-Key": "k1"}
        )
        assert again.status_code == 202, again.text
        assert "Idempotent-Replayed" not in again.headers
        beta_job = wait_for_job(beta, again.json()["id"])
        assert beta_job["state"] == "succeeded" and beta_job["document_id"] != doc_id
        with app.state.database.session() as session:
            origins = session.scalars(
                select(TranslationRow.origin)
                .join(TranslationRow.segment)
                .where(TranslationRow.segment.has(document_id=beta_job["document_id"]))
            ).all()
            tenants = {d: t for d, t in session.execute(select(Document.id, Document.tenant))}
        assert origins and set(origins) == {"model"}
        assert tenants == {doc_id: "alpha", beta_job["document_id"]: "beta"}


def test_keys_are_required_and_checked(app: FastAPI) -> None:
    with api_client(app, "alpha") as client:
        anonymous = {"Authorization": ""}
        for method, path in (("GET", "/v1/documents"), ("POST", "/v1/jobs"), ("GET", "/v1/languages"),
                             ("POST", "/v1/translate")):  # fmt: skip
            response = client.request(method, path, headers=anonymous, json={})
            assert response.status_code == 401, (path, response.text)
            assert "interlinear keys create" in response.json()["detail"]
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
        wrong = client.get("/v1/documents", headers={"Authorization": "Bearer il_not-a-key"})
        assert wrong.status_code == 401 and "not valid" in wrong.json()["detail"]
        # found by an outside tester: a key made with the README's second terminal went into
        # ./interlinear.db while the API ran on PostgreSQL, and the 401 said only "copied whole"
        assert "copied whole" in wrong.json()["detail"]
        assert "created against this service's database (INTERLINEAR_DATABASE_URL" in wrong.json()["detail"]
        assert "postgresql" not in wrong.json()["detail"] and "sqlite" not in wrong.json()["detail"]
        # X-API-Key works as well as a bearer token.
        key = new_key(app, "alpha")
        assert client.get("/v1/documents", headers={"Authorization": "", "X-API-Key": key}).status_code == 200
        # Open: liveness, readiness, metrics, the API description.
        for path in ("/healthz", "/readyz", "/metrics", "/openapi.json"):
            assert client.get(path, headers=anonymous).status_code == 200, path
        schemes = client.get("/openapi.json").json()["components"]["securitySchemes"]
        assert {"HTTPBearer", "APIKeyHeader"} <= set(schemes)


def test_pages_sign_in_with_a_cookie_that_is_never_enough_to_write(app: FastAPI) -> None:
    key = new_key(app, "alpha")
    with api_client(app, "alpha") as alpha:
        job = wait_for_job(
            alpha, alpha.post("/v1/jobs", json={"text": ARTICLE, "targets": ["en"]}).json()["id"]
        )
    from fastapi.testclient import TestClient

    with TestClient(app, follow_redirects=False) as browser:
        page = browser.get(f"/documents/{job['document_id']}")
        assert (
            page.status_code == 303
            and page.headers["location"] == f"/login?next=/documents/{job['document_id']}"
        )
        assert browser.get("/").headers["location"] == "/login?next=/"
        # A link to a sentence keeps its place through signing in (an outside walk lost ?segment=).
        deep = f"/documents/{job['document_id']}?lang=en&segment=s01.p01.01"
        assert browser.get(deep).headers["location"] == f"/login?next={quote(deep, safe='/')}"
        login = browser.get(f"/login?next={quote(deep, safe='/')}")
        assert f'value="{deep.replace("&", "&amp;")}"' in login.text, "the form carries the whole link"

        refused = sign_in(browser, "il_wrong")
        assert (
            refused.status_code == 401 and "not valid" in refused.text and "set-cookie" not in refused.headers
        )

        # An attacker's link must not send the reader to another site after signing in.
        signed_in = sign_in(browser, key, next="//evil.example/")
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"
        cookie = signed_in.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        page = browser.get(f"/documents/{job['document_id']}")
        assert page.status_code == 200 and "Drohnen" in page.text
        assert 'action="/logout"' in page.text  # every page offers to sign out, not only the list
        assert browser.get(f"/v1/documents/{job['document_id']}").status_code == 200  # the page's JSON link

        # The cookie alone cannot submit work (a form on another site would send it).
        write = browser.post("/v1/jobs", json={"text": ARTICLE, "targets": ["ko"]})
        assert write.status_code == 401
        # said why: the sign-in is for reads and the pages' forms (a newcomer read only "an API key
        # is required" while signed in)
        assert (
            "a page's sign-in is for reading the API and for the pages' own forms" in write.json()["detail"]
        )

        # Signing out takes the page's token too: another site cannot sign the reader out.
        refused = browser.post("/logout")
        assert refused.status_code == 403 and refused.headers["content-type"].startswith("text/html")
        assert "Not signed out" in refused.text and "go back to the page" in refused.text  # a page, not JSON
        assert browser.get("/").status_code == 200
        assert browser.post("/logout", data={"csrf": form_token(browser.get("/").text)}).status_code == 303
        assert browser.get("/").status_code == 303
        assert sign_in(browser, key, next=deep).headers["location"] == deep  # back at the sentence


def test_another_sites_form_cannot_sign_a_browser_in(app: FastAPI) -> None:
    """Login CSRF: a form on another site posting the attacker's key must not sign the browser in
    (the reader would then file work under the attacker's account)."""
    attacker_key = new_key(app, "alpha")
    from fastapi.testclient import TestClient

    with TestClient(app, follow_redirects=False) as browser:
        for form in ({"key": attacker_key, "next": "/"}, {"key": attacker_key, "csrf": "guessed"}):
            refused = browser.post("/login", data=form)
            assert refused.status_code == 403 and "another site" in refused.text
            assert "interlinear_session" not in refused.headers.get("set-cookie", "")
            assert browser.get("/").status_code == 303  # still signed out
        # The token of another browser's form does not match this browser's cookie either.
        with TestClient(app, follow_redirects=False) as other:
            token = form_token(other.get("/login").text)
        refused = browser.post("/login", data={"key": attacker_key, "csrf": token})
        assert refused.status_code == 403
        # The refusal's page carries a fresh form that works.
        again = browser.post("/login", data={"key": attacker_key, "csrf": form_token(refused.text)})
        assert again.status_code == 303 and browser.get("/").status_code == 200


def test_the_cli_stores_for_a_named_tenant(app: FastAPI, tmp_path: Path, tiny_marian_dir: Path) -> None:
    article = tmp_path / "drohnen.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    database_url = app.state.settings.database_url
    args = ["translate", str(article), "--to", "en", "--model-dir", str(tiny_marian_dir),
            "--database-url", database_url]  # fmt: skip
    assert CliRunner().invoke(cli, [*args, "--tenant", "Not Valid"]).exit_code == 2
    result = CliRunner().invoke(cli, [*args, "--tenant", "alpha"])
    assert result.exit_code == 0, result.output
    with api_client(app, "alpha") as alpha, api_client(app, "beta") as beta:
        assert alpha.get("/v1/documents").json()["total"] == 1
        assert beta.get("/v1/documents").json()["total"] == 0
