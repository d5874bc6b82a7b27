"""The pages' sign-in is a session on the server: the cookie holds a token, never the API key, and
signing out, revoking the key or the session's age ends it for every copy of the cookie.

Found from outside: the cookie was the raw API key, so a copied cookie kept working after sign-out
(and gave away a key that also works for the API's writes)."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from service.api_keys import revoke_key
from service.storage.tables import WebSession
from tests.support import form_token, new_key, sign_in

COOKIE = "interlinear_session"


def _sessions(app: FastAPI) -> list[WebSession]:
    with app.state.database.session() as session:
        rows = list(session.scalars(select(WebSession)))
        session.expunge_all()
        return rows


def test_the_cookie_is_a_session_token_and_sign_out_ends_every_copy(app: FastAPI) -> None:
    key = new_key(app, "alpha", name="desk")
    with TestClient(app, follow_redirects=False) as browser:
        assert sign_in(browser, key).status_code == 303
        token = browser.cookies.get(COOKIE)
        assert token and key not in token and token not in key
        cookie_header = browser.cookies.jar  # the key travels nowhere but the sign-in form
        assert all(key not in (c.value or "") for c in cookie_header)

        # What is stored is the token's hash, for this key, with an end in the future.
        [stored] = _sessions(app)
        assert stored.token_hash != token and token not in stored.token_hash
        assert stored.ended_at is None and stored.expires_at > dt.datetime.now(dt.UTC)

        # A copy of the cookie (another machine, a stolen header) works while the session lives...
        with TestClient(app, follow_redirects=False, cookies={COOKIE: token}) as copy:
            assert copy.get("/").status_code == 200
            assert copy.get("/v1/documents").status_code == 200
            # ...but the cookie is no API key: it cannot be sent as one.
            as_key = copy.post("/v1/jobs", json={"text": "Hallo Welt.", "targets": ["en"]},
                               headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            assert as_key.status_code == 401

            signed_out = browser.post("/logout", data={"csrf": form_token(browser.get("/").text)})
            assert signed_out.status_code == 303

            # The copy is signed out too: pages ask to sign in, the API answers 401 with advice.
            page = copy.get("/")
            assert page.status_code == 303 and page.headers["location"].startswith("/login")
            api = copy.get("/v1/documents")
            assert api.status_code == 401 and "sign in again" in api.json()["detail"]
        [ended] = _sessions(app)
        assert ended.ended_at is not None


def test_revoking_the_key_or_the_sessions_age_ends_a_sign_in(app: FastAPI) -> None:
    key = new_key(app, "alpha")
    with TestClient(app, follow_redirects=False) as browser:
        sign_in(browser, key)
        assert browser.get("/").status_code == 200
        with app.state.database.session() as session:
            session.execute(
                update(WebSession).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
            )
            session.commit()
        assert browser.get("/").status_code == 303  # expired: sign in again

        sign_in(browser, key)
        assert browser.get("/").status_code == 200
        with app.state.database.session() as session:
            [row] = [r for r in session.scalars(select(WebSession)) if r.ended_at is None and
                     r.expires_at > dt.datetime.now(dt.UTC)]  # fmt: skip
            assert revoke_key(session, row.key_id)
            session.commit()
        refused = browser.get("/v1/documents")
        assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
        assert browser.get("/").status_code == 303


def test_a_made_up_session_cookie_signs_nobody_in(app: FastAPI) -> None:
    key = new_key(app, "alpha")
    with TestClient(app, follow_redirects=False, cookies={COOKIE: key}) as raw_key_cookie:
        # The old cookie (the key itself) is no longer a sign-in.
        assert raw_key_cookie.get("/").status_code == 303
        assert raw_key_cookie.get("/v1/documents").status_code == 401
    with TestClient(app, follow_redirects=False, cookies={COOKIE: "ils_guessed"}) as guessed:
        assert guessed.get("/").status_code == 303
