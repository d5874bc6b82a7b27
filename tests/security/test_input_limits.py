"""Oversized and malformed input: every refusal is a 4xx whose message says what to do, and a refused
request stores nothing (row counts of every table are the same before and after)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.errors import InputError
from service.ingest import read_article
from service.settings import Settings
from service.storage.tables import Document, SegmentRow
from tests.support import api_client, form_token, new_key, sign_in, table_counts, wait_for_job

GERMAN = "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar."
FRENCH = "Le gouvernement a annoncé lundi de nouvelles règles pour les drones. Elles entrent en vigueur."
SUPPORTED = "use one of de, en, ko"
ARTICLE_LIMIT = 20_000  # bytes; the request-body limit derived from it is 3 × 20,000 + 64 KiB


@pytest.fixture
def client(make_app: Callable[..., FastAPI]) -> Iterator[TestClient]:
    with api_client(make_app(max_article_bytes=ARTICLE_LIMIT, summaries_enabled=False)) as test_client:
        yield test_client


def refused(client: TestClient, status: int, messages: str | tuple[str, ...], path: str = "/v1/jobs",
            **request: object) -> None:  # fmt: skip
    """POST ``request`` (content=..., headers=...): refused with ``status`` and a detail containing
    each of ``messages``; nothing stored."""
    app: FastAPI = client.app  # type: ignore[assignment]
    before = table_counts(app)
    response = client.post(path, **request)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    detail = str(response.json()["detail"])
    for message in (messages,) if isinstance(messages, str) else messages:
        assert message in detail, detail
    assert table_counts(app) == before


JSON = {"content-type": "application/json"}


def as_json(body: dict[str, object]) -> dict[str, object]:
    """Request arguments for ``body`` as ASCII JSON: "\\ud800" escapes a lone surrogate."""
    return {"content": json.dumps(body), "headers": JSON}


def job(text: str, targets: list[str] | None = None, **fields: object) -> dict[str, object]:
    return as_json({"text": text, "targets": targets or ["en"], **fields})


def translate(text: str, target: str = "en", **fields: object) -> dict[str, object]:
    return as_json({"text": text, "target_lang": target, **fields})


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
BALANCED_MIX = (
    "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt.\n\n"
    "정부는 월요일 드론에 대한 새로운 규칙을 발표했다. 규칙은 일월부터 적용된다.\n\n"
    "Правительство в понедельник объявило новые правила для дронов. Они действуют с января."
)
MALFORMED = {
    "empty": (job(""), 422, "the article is empty"),
    "whitespace-only": (job("  \n\t \n "), 422, "the article is empty"),
    "binary-png": (job(PNG.decode("latin-1")), 422, "binary file"),
    "nul-bytes": (job(f"{GERMAN}\x00\x00\x00"), 422, "binary file"),
    "lone-surrogate": (job("Die Regierung \ud800 hat neue Regeln."), 422, "unpaired surrogate"),
    "article-over-limit": (job(GERMAN * 300), 413, "INTERLINEAR_MAX_ARTICLE_BYTES"),
    "sentence-without-end": (job("Wort " * 600), 422, "without a full stop"),
    "sentence-too-long": (
        job("Die Regierung plant z. B. neue Regeln und u. a. strengere Kontrollen im Luftraum " * 30 + "."),
        422,
        "section 1, paragraph 1",
    ),
    "ambiguous-mixed-scripts": (job(BALANCED_MIX), 422, "set source_lang"),
    "same-language": (job(GERMAN, ["de"]), 422, "own language"),
    "detected-unsupported-pair": (
        job(FRENCH),
        422,
        ["detected as 'fr', which no model translates into 'en'", "Found: scripts Latin 100%", "source_lang"],
    ),
}


@pytest.mark.parametrize(("request_", "status", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_article_is_refused(client: TestClient, request_: dict, status: int, message: str) -> None:
    refused(client, status, message, **request_)


BAD_CODES = {"unknown": "xx", "iso-639-2": "deu", "region": "DE-de", "path": "../etc", "empty": "",
             "very-long": "d" * 5000}  # fmt: skip


@pytest.mark.parametrize("code", BAD_CODES.values(), ids=BAD_CODES.keys())
@pytest.mark.parametrize("field", ["source_lang", "targets"])
def test_unknown_language_code_is_refused_listing_the_supported_ones(
    client: TestClient, field: str, code: str
) -> None:
    body = job(GERMAN, [code]) if field == "targets" else job(GERMAN, source_lang=code)
    shown = repr(code if len(code) <= 20 else code[:20] + "…")  # as sent: "DE-de", not "de-de"
    named = "target" if field == "targets" else field  # one code at a time: "target 'xx'"
    refused(client, 422, (f"{named} {shown} is not a supported language", SUPPORTED), **body)


def test_language_codes_are_case_insensitive(client: TestClient) -> None:
    response = client.post("/v1/jobs", **job(GERMAN, ["EN"], source_lang=" De "))  # type: ignore[arg-type]
    assert response.status_code == 202, response.text
    assert response.json()["targets"] == ["en"] and response.json()["source_lang"] == "de"
    assert wait_for_job(client, response.json()["id"])["state"] == "succeeded"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"text": "Die Regierung \xff\xfe hat neue Regeln.", "targets": ["en"]}', "byte 0xff at offset 24"),
        (b'{"text": "Die Regierung \xed\xa0\x80 hat neue Regeln.", "targets": ["en"]}', "not valid UTF-8"),
        (b'{"text": "' + PNG + b'", "targets": ["en"]}', "byte 0x89 at offset 10"),
    ],
    ids=["invalid-bytes", "encoded-surrogate", "raw-png"],
)
def test_body_that_is_not_utf8_is_refused(client: TestClient, body: bytes, message: str) -> None:
    refused(client, 422, (message, "send JSON encoded as UTF-8"), content=body, headers=JSON)


def test_ten_megabyte_single_line_is_refused_before_it_is_read(client: TestClient) -> None:
    line = "Die Regierung hat neue Regeln angekündigt, " * 250_000  # 10.75 MB, one line
    body = json.dumps({"text": line, "targets": ["en"]})
    said = f"the request body is {len(body.encode()):,} bytes, over the limit of 125,536 bytes: split"
    refused(client, 413, said, content=body, headers=JSON)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"targets": ["en"], "text": "'
        for _ in range(100):
            yield line[:100_000].encode()
        yield b'"}'

    # Found by an outside attack: "over 125,536 bytes, over the limit of 125,536 bytes".
    said = ("the request body is over the limit of 125,536 bytes (", " bytes had arrived when it was refused",
            "without a Content-Length", "split the article and send it in parts")  # fmt: skip
    refused(client, 413, said, content=chunks(), headers=JSON)
    detail = client.post("/v1/jobs", content=chunks(), headers=JSON).json()["detail"]
    assert detail.count("125,536") == 1, detail


def test_a_pasted_article_over_the_limit_in_a_form_is_413_as_in_json(
    make_app: Callable[..., FastAPI],
) -> None:
    """Found by an outside tester: a 1.3 MB ``text`` field in a multipart POST got Starlette's bare
    400 "Part exceeded maximum size of 1024KB.", where the same text as JSON got a 413 saying the
    limit and what to do; on the API and on the submit page, whatever the limit is set to."""
    sentence = "Die Regierung hat neue Regeln angekündigt. "  # 44 bytes
    apps = ((make_app(), 30_000, "1,000,000"), (make_app(max_article_bytes=ARTICLE_LIMIT), 600, "20,000"))
    for app, repeats, limit in apps:  # 1,320,000 bytes (as reported) and 26,400
        text = sentence * repeats
        said = (
            f"over the limit of {limit} bytes",
            "split the article or raise INTERLINEAR_MAX_ARTICLE_BYTES",
        )
        with api_client(app) as api:
            refused(api, 413, f"over the limit of {limit} bytes", **job(text))  # as JSON, as before
            for path in ("/v1/jobs", "/v1/jobs/upload"):
                form = {"text": (None, text), "targets": (None, "en")}
                refused(api, 413, said, path=path, files=form)
        with TestClient(app, follow_redirects=False) as browser:
            assert sign_in(browser, new_key(app, "desk", role="editor")).status_code == 303
            token = form_token(browser.get("/submit").text)
            before = table_counts(app)
            for sent in ({"files": {"text": (None, text), "csrf": (None, token), "targets": (None, "en")}},
                         {"data": {"text": text, "csrf": token, "targets": "en"}}):  # fmt: skip
                page = browser.post("/submit", **sent)  # type: ignore[arg-type]
                assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")
                assert all(part in page.text for part in said), page.text[:2000]
            assert table_counts(app) == before


def test_deeply_nested_html_is_refused_not_crashed(make_app: Callable[..., FastAPI]) -> None:
    html = "<html><body>" + "<div>" * 50_000 + f"<p>{GERMAN}</p>" + "</div>" * 50_000 + "</body></html>"
    with api_client(make_app()) as client:
        for body in (job(html, format="html"), job(html)):
            refused(client, 422, ("250 or more levels deep", "submit the article as plain text"), **body)


def test_html_scripts_styles_and_handlers_are_not_stored_as_text(client: TestClient) -> None:
    html = f"""<html><head><title>Neue Regeln für Drohnen</title>
<script>stealCookies(document.cookie)</script><style>body {{ color: hotpink }}</style></head>
<body onload="stealCookies()"><article><h1>Neue Regeln für Drohnen</h1>
<p onclick="stealCookies()">{GERMAN}</p><script>alert('x')</script>
<p>Die Opposition hält die Regeln für zu streng.<img src=x onerror="stealCookies()"> Sie fordert
Nachbesserungen bis zum Sommer.</p></article></body></html>"""
    response = client.post("/v1/jobs", **job(html))  # type: ignore[arg-type]
    assert response.status_code == 202, response.text
    assert wait_for_job(client, response.json()["id"])["state"] == "succeeded"
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        texts = list(session.scalars(select(SegmentRow.text)))
        document = session.scalars(select(Document)).one()
    assert any("Die Opposition" in text for text in texts)
    stored = " ".join([*texts, document.title or "", *document.tags, *document.boilerplate])
    for script in ("stealCookies", "alert", "hotpink", "onerror", "onclick"):
        assert script not in stored


def test_mixed_scripts_are_kept_with_their_own_language(client: TestClient) -> None:
    """A dominant language is translated; passages in other scripts keep their own language and
    stay as they are. Where no language dominates, the API asks for source_lang (see MALFORMED)."""
    text = (
        "Neue Regeln für Drohnen 🚁\n\n"
        "Die Regierung in Seoul (서울) hat am Montag neue Regeln angekündigt 🇰🇷, sagte Иван Петров. "
        f"{GERMAN}\n\n"
        "정부는 드론에 대한 새로운 규칙을 발표했다.\n\n"
        f"Das Verteidigungsministerium (Министерство обороны) begrüßte die Regeln. 👍 {GERMAN}"
    )
    response = client.post("/v1/jobs", **job(text))  # type: ignore[arg-type]
    assert response.status_code == 202, response.text
    assert response.json()["source_lang"] == "de"
    assert wait_for_job(client, response.json()["id"])["state"] == "succeeded"
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        rows = session.scalars(select(SegmentRow)).all()
    korean = [row for row in rows if row.text.startswith("정부는")]
    assert [(row.lang, row.translatable) for row in korean] == [("ko", False)]
    assert any("서울" in row.text and row.lang == "de" and row.translatable for row in rows)

    mixed = job(BALANCED_MIX, source_lang="de")  # an explicit source_lang settles it
    assert client.post("/v1/jobs", **mixed).status_code == 202  # type: ignore[arg-type]


def test_unsupported_pair_is_refused_naming_the_available_ones(
    make_app: Callable[..., FastAPI], tmp_path: Path
) -> None:
    registry = tmp_path / "models.toml"
    registry.write_text("".join(f'[pairs.{pair}]\nmodel = "x"\n' for pair in ("de-en", "en-de", "de-ko")))
    available = "available pairs: de->en, de->ko, en->de"
    with api_client(make_app(registry_file=registry)) as client:
        korean = "정부는 월요일 드론에 대한 새로운 규칙을 발표했다. 규칙은 일월부터 적용된다."
        refused(client, 422, available, **job(korean, ["en"], source_lang="ko"))
        refused(client, 422, available, **job(korean, ["de"]))
        refused(client, 422, available, "/v1/translate", **translate("Hello.", "ko", source_lang="en"))
        pairs = client.get("/v1/languages").json()["pairs"]
        assert [(pair["source"], pair["target"]) for pair in pairs] == [
            ("de", "en"),
            ("de", "ko"),
            ("en", "de"),
        ]


SYNC = {
    "empty": (translate(""), 422, "the text is empty"),
    "whitespace-only": (translate(" \n\t "), 422, "the text is empty"),
    "binary-png": (translate(PNG.decode("latin-1")), 422, "binary file"),
    "nul": (translate("Das ist\ngut.\x00"), 422, "the first (U+0000) at line 2, column 5; send plain text"),
    "lone-surrogate": (translate("Hallo \udc00 Welt."), 422, "unpaired surrogate"),
    "unknown-target": (
        translate(GERMAN, "xx"),
        422,
        f"target_lang 'xx' is not a supported language; {SUPPORTED}",
    ),
    "unknown-source": (
        translate(GERMAN, source_lang="../etc"),
        422,
        "source_lang '../etc' is not a supported",
    ),
    "same-language": (translate(GERMAN, "de"), 422, "the text's own language"),
    "detected-unsupported": (
        translate(FRENCH),
        422,
        ["detected as 'fr', which no model translates into 'en'", "Found: scripts Latin 100%"],
    ),
    "over-sync-limit": (translate("a" * 5000), 413, "POST /v1/jobs"),
}


@pytest.mark.parametrize(("request_", "status", "message"), SYNC.values(), ids=SYNC.keys())
def test_malformed_sync_translation_is_refused(
    client: TestClient, request_: dict, status: int, message: str
) -> None:
    refused(client, status, message, "/v1/translate", **request_)


def test_sync_body_that_is_not_utf8_is_refused(client: TestClient) -> None:
    body = b'{"text": "Hallo \xc3\x28 Welt.", "target_lang": "en"}'
    refused(client, 422, "not valid UTF-8", "/v1/translate", content=body, headers=JSON)


def test_sentence_limit_is_configurable() -> None:
    long_sentence = (
        "Die Regierung plant neue Regeln, strengere Kontrollen und höhere Strafen " * 40 + "ab Mai."
    )
    with pytest.raises(InputError, match="INTERLINEAR_MAX_SENTENCE_CHARS"):
        read_article(long_sentence.encode(), Settings(), None, "de")
    _, article = read_article(long_sentence.encode(), Settings(max_sentence_chars=5000), None, "de")
    assert max(len(segment.text) for segment in article.segments()) == len(long_sentence.strip())


def test_sync_translation_refuses_a_sentence_over_the_limit(make_app: Callable[..., FastAPI]) -> None:
    with api_client(make_app(max_sentence_chars=50)) as short_sentences:
        refused(
            short_sentences,
            422,
            ("the text, sentence 1", "INTERLINEAR_MAX_SENTENCE_CHARS"),
            path="/v1/translate",
            **translate(GERMAN, source_lang="de"),
        )
