"""Refusals the outside tester found mute or unsafe (issue 22), through the real app with the
in-process worker and the tiny model. Each fails on the old code:

* JSON nested 1,000 deep got a bare 400 "There was an error parsing the body";
* a form without the 'file' part (or with it under another name, or without targets) got
  pydantic's "Field required";
* ``GET /v1/callbacks/secret`` made the secret on its first call (a GET that writes);
* ``/render?format=html`` kept the source's ``on*`` attributes and ``javascript:`` URLs;
* a JSON job without targets (or with none) got pydantic's "Field required" (a later walk).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service.settings import Settings
from service.storage.tables import TenantSecret
from tests.support import embedded_client, table_counts, wait_for_job


@pytest.fixture
def client(tmp_path: Path, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as test_client:
        yield test_client


def test_json_nested_too_deep_says_what_is_wrong_and_what_to_send(client: TestClient) -> None:
    for body in ("[" * 1000 + "]" * 1000, '{"text": ' + "[" * 1000 + "]" * 1000 + ', "targets": ["en"]}'):
        response = client.post("/v1/jobs", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400, response.text
        detail = response.json()["detail"]
        assert "nested too deeply" in detail and "send a JSON object" in detail, detail


def test_a_form_without_its_file_or_targets_says_which_parts_to_send(client: TestClient) -> None:
    article = ("artikel.txt", "Die Regierung hat am Montag neue Regeln angekündigt.".encode(), "text/plain")
    for path in ("/v1/jobs/upload", "/v1/jobs"):
        wrong_name = client.post(path, files={"document": article}, data={"targets": "en"})
        assert wrong_name.status_code == 422, wrong_name.text
        detail = wrong_name.json()["detail"]
        assert "no part named 'file'" in detail and "'document'" in detail and ".docx" in detail, detail
        no_targets = client.post(path, files={"file": article})
        assert no_targets.status_code == 422, no_targets.text
        assert "'targets'" in no_targets.json()["detail"] and "-F targets=" in no_targets.json()["detail"]
    empty = client.post(
        "/v1/jobs/upload", files={"file": ("leer.txt", b"", "text/plain")}, data={"targets": "en"}
    )
    assert empty.status_code == 422 and "leer.txt is empty" in empty.json()["detail"], empty.text
    assert "upload a file with the article's text" in empty.json()["detail"]  # the CLI says "pass"


def test_reading_the_callback_secret_makes_none(client: TestClient) -> None:
    def secrets() -> int:
        with client.app.state.database.session() as session:  # type: ignore[attr-defined]
            return int(session.scalar(select(func.count()).select_from(TenantSecret)) or 0)

    read = client.get("/v1/callbacks/secret")
    assert read.status_code == 404 and "POST /v1/callbacks/secret" in read.json()["detail"], read.text
    assert secrets() == 0
    created = client.post("/v1/callbacks/secret")
    assert created.status_code == 201, created.text
    again = client.post("/v1/callbacks/secret")
    assert again.status_code == 200 and again.json()["secret"] == created.json()["secret"]
    assert client.get("/v1/callbacks/secret").json()["secret"] == created.json()["secret"]
    assert secrets() == 1


PAGE = """<!DOCTYPE html>
<html lang="de"><head><title>Neue Regeln</title></head>
<body onload="steal()"><article>
<h1 onmouseover="steal()">Neue Regeln</h1>
<p>Die Regierung hat am Montag <a href="javascript:steal()">neue Regeln</a> angekündigt.</p>
<p>Sie gelten ab <a href=" JaVa&#x09;Script:steal()" onclick="steal()">Januar</a>.
<img src="x.png" onerror="steal()" alt=""></p>
<p>Mehr dazu <a href="https://example.org/regeln">hier</a>.</p>
</article></body></html>
"""


def test_the_rendered_page_runs_no_code_of_the_source_and_says_so_in_its_policy(client: TestClient) -> None:
    job = client.post(
        "/v1/jobs", json={"text": PAGE, "format": "html", "source_lang": "de", "targets": ["en"]}
    )
    assert job.status_code == 202, job.text
    done = wait_for_job(client, job.json()["id"], timeout=300)
    assert done["state"] == "succeeded", done
    rendered = client.get(
        f"/v1/documents/{done['document_id']}/render", params={"lang": "en", "format": "html"}
    )
    assert rendered.status_code == 200, rendered.text
    page = rendered.text.lower()
    for active in ("onload", "onmouseover", "onclick", "onerror", "javascript:", "script:steal"):
        assert active not in page, (active, rendered.text)
    assert 'href="https://example.org/regeln"' in page and "x.png" in page  # the rest is kept
    policy = rendered.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy, policy
    assert rendered.headers["X-Content-Type-Options"] == "nosniff"


def test_two_first_secrets_at_once_give_one_secret(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two POSTs at once (the full schemathesis run sent them) both found no secret and both
    inserted one: the second was a 500 (UNIQUE constraint). Here the other request's insert lands
    between this one's check and its own."""
    from service.callbacks import signing

    database = client.app.state.database  # type: ignore[attr-defined]
    made = signing._new

    def made_elsewhere_first() -> str:
        with database.session() as other:
            other.add(TenantSecret(tenant="tests", callback_secret="whsec_theirs"))
            other.commit()
        monkeypatch.setattr(signing, "_new", made)
        return made()

    monkeypatch.setattr(signing, "_new", made_elsewhere_first)
    response = client.post("/v1/callbacks/secret")
    assert response.status_code in (200, 201), response.text
    assert response.json()["secret"] == "whsec_theirs"
    assert client.get("/v1/callbacks/secret").json()["secret"] == "whsec_theirs"


MARKDOWN = """# Neue Regeln

Die Regierung hat am Montag <img src=x onerror=steal()> neue Regeln angekündigt.

<div onclick="steal()">Sie gelten ab Januar.</div> Mehr <a href="vbscript:msgbox(1)">hier</a>.

<script>steal()</script>

Die Opposition ist dagegen.
"""


def test_markdown_rendered_as_html_runs_no_code_either(client: TestClient) -> None:
    """Found from outside: the HTML rendering of a Markdown source kept its raw HTML as written."""
    job = client.post(
        "/v1/jobs", json={"text": MARKDOWN, "format": "markdown", "source_lang": "de", "targets": ["en"]}
    )
    done = wait_for_job(client, job.json()["id"], timeout=300)
    assert done["state"] == "succeeded", done
    rendered = client.get(
        f"/v1/documents/{done['document_id']}/render", params={"lang": "en", "format": "html"}
    )
    assert rendered.status_code == 200, rendered.text
    page = rendered.text.lower()
    for active in ("onerror", "onclick", "vbscript:", "<script", "steal()"):
        assert active not in page, (active, rendered.text)
    assert "<h1>" in page and "<img" in page  # the markup itself is kept


def test_what_runs_or_loads_code_leaves_a_page_and_its_text_stays() -> None:
    from lxml import html

    from service.rendering.inert import drop_active_content

    root = html.document_fromstring(
        '<html><head><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=x">'
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script></head><body>'
        '<p>Eins <script>steal()</script>zwei <iframe srcdoc="<script>x</script>"></iframe>drei</p>'
        '<p style="background:url(javascript:steal())">vier</p><a href="data:text/html,<script>x</script>">'
        'fünf</a><img src="data:image/png;base64,AAAA"></body></html>'
    )
    assert drop_active_content(root) == 6
    out = html.tostring(root, encoding="unicode")
    assert "Eins zwei drei" in out and "vier" in out and "fünf" in out  # the article's text stays
    for active in ("<base", "refresh", "steal", "<iframe", "srcdoc", "data:text/html"):
        assert active not in out, (active, out)
    assert "application/ld+json" in out and "data:image/png" in out  # data, not code


def test_a_job_without_target_languages_says_what_to_send(client: TestClient) -> None:
    """Missing, empty, null or a bare string: one sentence saying what to send (an outside walk got
    pydantic's "Field required" and "List should have at least 1 item after validation, not 0")."""
    text = "Die Regierung hat am Montag neue Regeln angekündigt."
    before = table_counts(client.app)  # type: ignore[arg-type]
    for sent in ({}, {"targets": []}, {"targets": None}, {"targets": "en"}):
        refused = client.post("/v1/jobs", json={"text": text, **sent})
        assert refused.status_code == 422, (sent, refused.text)
        assert refused.json() == {"detail": TARGETS_MESSAGE}, sent
    # With another problem beside it, each is listed, the targets' said the same way.
    both = client.post("/v1/jobs", json={"text": text, "priority": "urgent"})
    assert both.status_code == 422
    assert TARGETS_MESSAGE in [issue["msg"] for issue in both.json()["detail"]], both.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]


TARGETS_MESSAGE = 'targets: give one or more target languages as a list, e.g. "targets": ["en", "ko"]'


def test_a_language_tag_is_echoed_as_it_was_sent(client: TestClient) -> None:
    """ "en-US" is refused as "en-US", not "en-us" (an outside walk), wherever a code is taken."""
    text = "Die Regierung hat am Montag neue Regeln angekündigt."
    article = ("artikel.txt", text.encode(), "text/plain")
    for refused, field, sent in (
        (client.post("/v1/jobs", json={"text": text, "targets": ["en-US"]}), "target", "en-US"),
        (
            client.post("/v1/jobs", json={"text": text, "targets": ["en"], "source_lang": "de-DE"}),
            "source_lang",
            "de-DE",
        ),
        (
            client.post("/v1/jobs/upload", files={"file": article}, data={"targets": "ko,en-US"}),
            "target",
            "en-US",
        ),
        (client.get("/v1/review", params={"lang": "EN-us"}), "lang", "EN-us"),
        (client.post("/v1/translate", json={"text": text, "target_lang": "en-GB"}), "target_lang", "en-GB"),
    ):
        assert refused.status_code == 422, refused.text
        detail = refused.json()["detail"]
        assert detail.startswith(f"{field} '{sent}' is not a supported language; use one of de, en, ko"), (
            detail
        )


def test_an_idempotency_key_that_is_no_printable_ascii_is_said_plainly(client: TestClient) -> None:
    """Found by an outside tester: an Idempotency-Key with a non-ASCII character was refused with
    the header's pattern and its UTF-8 bytes read as Latin-1 ("kâ\\x80®2") echoed."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    article = {"text": "Die Regierung tagt heute in Berlin.", "targets": ["en"]}
    for key in ("k\u202e2".encode(), "Schlüssel".encode(), b"x" * 201):
        refused = client.post("/v1/jobs", json=article, headers=[("Idempotency-Key", key)])
        assert refused.status_code == 422, refused.text
        assert refused.json()["detail"].startswith("Idempotency-Key: send 1 to 200 printable ASCII"), (
            refused.text
        )
        assert "\\x20-\\x7e" not in refused.text and "â" not in refused.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_a_field_missing_or_outside_its_choices_is_named_with_what_to_send(client: TestClient) -> None:
    """pydantic's own words named no field in the message ("Field required", "Input should be
    'breaking', 'normal' or 'bulk'" for a priority): a newcomer's remark. Now the field, and what to send."""
    text = "Die Regierung hat am Montag neue Regeln angekündigt."
    before = table_counts(client.app)  # type: ignore[arg-type]
    priority = client.post("/v1/jobs", json={"text": text, "targets": ["en"], "priority": "urgent"})
    assert priority.status_code == 422, priority.text
    (issue,) = priority.json()["detail"]
    assert issue["loc"] == ["body", "priority"] and issue["type"] == "literal_error"
    assert issue["msg"].startswith("priority: send ") and issue["msg"].endswith(', not "urgent"'), issue
    assert "'breaking'" in issue["msg"] and "'bulk'" in issue["msg"], issue
    pair = client.post(
        "/v1/checks", json={"source_lang": "de", "target_lang": "en", "pairs": [{"source": text}]}
    )
    assert pair.status_code == 422, pair.text
    assert [i["msg"] for i in pair.json()["detail"]] == [
        "pairs[0].target: required; send it in the JSON body"
    ]
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_a_form_without_its_boundary_and_a_number_too_long_say_what_to_send(client: TestClient) -> None:
    """Starlette's "Missing boundary in multipart." and "the body could not be parsed (ValueError)"
    for a 5,000-digit number said nothing to do (a newcomer's findings)."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    form = client.post("/v1/jobs", content=b"file=x", headers={"Content-Type": "multipart/form-data"})
    assert form.status_code == 400, form.text
    assert form.json()["detail"] == (
        "the multipart/form-data body could not be parsed (Missing boundary in multipart): send a form "
        "with the article as a file part named 'file' and a 'targets' field, as curl -F file=@article.txt "
        "-F targets=en does"
    )
    digits = client.post(
        "/v1/jobs", content=b'{"text": ' + b"9" * 5000 + b', "targets": ["en"]}',
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    assert digits.status_code == 400, digits.text
    assert "a number too long to read (over 4,300 digits)" in digits.json()["detail"]
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_a_rule_of_ours_is_said_in_our_words_without_pydantics_prefix(client: TestClient) -> None:
    """Found by an outside tester: the 422s of our own validators began "Value error, " (a blank
    correction or one with a NUL, a glossary term twice, a job with both text and url)."""
    correction = "/v1/documents/some-document/segments/s01/translations/en"
    twice = {"name": "G", "entries": [{"source": "Kim", "do_not_translate": True}] * 2}
    for method, path, body, said in (
        ("PUT", correction, {"text": "   "}, "the correction is blank; send the corrected sentence"),
        ("PUT", correction, {"text": "a\x00b"},
         "the correction holds the control character U+0000; send plain text"),
        ("POST", "/v1/glossaries", twice, "the term 'Kim' has two entries: keep one"),
        ("POST", "/v1/jobs", {"text": "Ein Satz.", "url": "https://example.com/a", "targets": ["en"]},
         "send the article as text, or its url: exactly one of the two"),
    ):  # fmt: skip
        refused = client.request(method, path, json=body)
        assert refused.status_code == 422, refused.text
        assert [problem["msg"] for problem in refused.json()["detail"]] == [said], refused.text
