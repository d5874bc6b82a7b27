"""A language code is taken the same way wherever the API takes one (found by an outside attack:
``POST /v1/jobs`` took "DE" and "EN", the checks and glossary targets refused them). Through the
real service on SQLite and PostgreSQL; each of these failed on the old code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from tests.support import embedded_client, wait_for_job

PAIRS = [{"source": "Nordkoreas Armee", "target": "조선의 군대"}]


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:  # an admin key: glossaries may be changed
        yield test_client


def test_the_checks_take_codes_as_job_submission_does(client: TestClient) -> None:
    answer = client.post("/v1/checks", json={"source_lang": "DE", "target_lang": " Ko ", "pairs": PAIRS})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["source_lang"], answer.json()["target_lang"]) == ("de", "ko")
    # What is not a checked language is refused as before, echoed as it was sent.
    for source, target, message in (
        ("de", "fr", "target_lang 'fr' is not checked; the checks know de, en, ko"),
        ("DE", "FR", "target_lang 'FR' is not checked; the checks know de, en, ko"),
        ("de-DE", "en", "source_lang 'de-DE' is not checked; the checks know de, en, ko"),
        ("DE", "de", "source_lang and target_lang are both 'de': name the language translated into"),
    ):
        body = {"source_lang": source, "target_lang": target, "pairs": PAIRS}
        refused = client.post("/v1/checks", json=body)
        assert refused.status_code == 422, refused.text
        assert refused.json() == {"detail": message}


def test_the_checks_say_once_when_the_languages_look_swapped(client: TestClient) -> None:
    """A German article with its English translation sent as en -> de: every pair is flagged, and
    the answer says once, beside the flags, that the two codes look the wrong way round."""
    pairs = [
        {
            "source": "Die Regierung in Seoul hat am Montag neue Sanktionen gegen Nordkorea angekündigt.",
            "target": "The government in Seoul announced new sanctions against North Korea on Monday.",
        },
        {
            "source": "Ein Sprecher sagte, weitere Schritte würden geprüft.",
            "target": "A spokesman said further steps were being considered.",
        },
    ]
    swapped = client.post("/v1/checks", json={"source_lang": "en", "target_lang": "de", "pairs": pairs})
    assert swapped.status_code == 200, swapped.text
    assert swapped.json()["flagged"] == 2
    [warning] = swapped.json()["warnings"]
    assert warning.startswith("the sources read as German and the translations as English")
    assert "send source_lang 'de' and target_lang 'en'" in warning
    right = client.post("/v1/checks", json={"source_lang": "de", "target_lang": "en", "pairs": pairs})
    assert right.json()["warnings"] == [] and right.json()["flagged"] == 0


def test_glossary_targets_take_codes_as_job_submission_does(client: TestClient) -> None:
    entries = [{"source": "Nordkorea", "targets": {"KO": "북한", " En": "North Korea"}}]
    created = client.post("/v1/glossaries", json={"name": "Korea", "entries": entries})
    assert created.status_code == 201, created.text
    glossary = created.json()
    assert glossary["entries"][0]["targets"] == {"ko": "북한", "en": "North Korea"}
    # The stored glossary is used under the normalised code: its term is checked in Korean.
    body = {"source_lang": "de", "target_lang": "KO", "pairs": PAIRS, "glossary": glossary["id"]}
    flags = client.post("/v1/checks", json=body).json()["results"][0]["flags"]
    detail = "Nordkorea is 북한 by the glossary, not in the translation"
    assert flags == [{"check": "glossary", "severity": "major", "detail": detail}]
    replaced = client.put(
        f"/v1/glossaries/{glossary['id']}",
        json={"name": "Korea", "entries": [{"source": "Seoul", "targets": {"EN": "Seoul city"}}]},
    )
    assert replaced.status_code == 200 and replaced.json()["entries"][0]["targets"] == {"en": "Seoul city"}
    imported = client.post(
        "/v1/glossaries/import",
        params={"name": "Aus CSV"},
        content="source,EN,Ko\nRegierung,government,정부\n".encode(),
        headers={"Content-Type": "text/csv"},
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["entries"][0]["targets"] == {"en": "government", "ko": "정부"}


def test_glossary_targets_still_refuse_what_is_no_supported_code(client: TestClient) -> None:
    for targets, problem in (
        ({"xx": "house"}, "a glossary target 'xx' is not a supported language; use one of de, en, ko"),
        ({"XX": "house"}, "a glossary target 'xx' is not a supported language; use one of de, en, ko"),
        ({"en-US": "house"}, "'en-US' is not a language code: use ISO 639-1"),
        ({"en": "house", "EN": "home"}, "targets 'en' and 'EN' are both 'en': keep one"),
    ):
        entries = [{"source": "Haus", "targets": targets}]
        refused = client.post("/v1/glossaries", json={"name": "x", "entries": entries})
        assert refused.status_code == 422, (targets, refused.text)
        assert problem in str(refused.json()["detail"]), (targets, refused.text)
    twice = client.post(
        "/v1/glossaries/import",
        params={"name": "Zweimal"},
        content=b"source,en,EN\nHaus,house,home\n",
        headers={"Content-Type": "text/csv"},
    )
    assert twice.status_code == 422 and "the column 'en' is there twice" in twice.json()["detail"], twice.text
    unknown = client.post(
        "/v1/glossaries/import",
        params={"name": "Notizen"},
        content=b"source,en,Notes\nHaus,house,x\n",
        headers={"Content-Type": "text/csv"},
    )
    assert unknown.status_code == 422, unknown.text
    assert "unknown columns ['Notes']" in unknown.json()["detail"]
    assert client.get("/v1/glossaries").json() == []


def test_export_and_render_say_a_language_the_service_does_not_support(client: TestClient) -> None:
    """A newcomer's ``GET .../export?lang=xx`` (or ``fr``) was told "no translations into xx", as if
    the article could still be translated into it: refused as every other ``lang`` is, listing the
    supported codes. A supported language without a translation keeps its answer."""
    page = "<html><body><article><h1>Neue Regeln</h1><p>Die Regierung hat am Montag neue Regeln "
    page += "angekündigt.</p></article></body></html>"
    job = client.post(
        "/v1/jobs", json={"text": page, "format": "html", "source_lang": "de", "targets": ["en"]}
    )
    job = wait_for_job(client, job.json()["id"], timeout=300)
    assert job["state"] == "succeeded", job
    document = f"/v1/documents/{job['document_id']}"
    for path, more in (("export", {"format": "json"}), ("export", {"format": "xliff"}), ("render", {})):
        for sent, shown in (("xx", "xx"), ("fr", "fr"), ("FR", "fr")):
            refused = client.get(f"{document}/{path}", params={**more, "lang": sent})
            assert refused.status_code == 422, (path, sent, refused.text)
            assert refused.json() == {
                "detail": f"lang {shown!r} is not a supported language; use one of de, en, ko (ISO 639-1 "
                "codes; GET /v1/languages lists the pairs)"
            }, (path, sent)
        not_yet = client.get(f"{document}/{path}", params={**more, "lang": "ko"})
        assert not_yet.status_code == 422 and "no translations into ko" in not_yet.json()["detail"]
        assert client.get(f"{document}/{path}", params={**more, "lang": "en"}).status_code == 200
    both = client.get(f"{document}/export", params=[("lang", "en"), ("lang", "xx")])
    assert both.status_code == 422 and "lang 'xx' is not a supported language" in both.json()["detail"]
