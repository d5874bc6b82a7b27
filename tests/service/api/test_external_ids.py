"""Found by an outside tester: an ``external_id`` with a control character was refused with the raw
pattern "String should match pattern '^[\\x20-\\x7e]+$'", and by that pattern ``artikel-über`` was
refused too, which the README never said. Any printable text in any language is an id now, stored,
found again and made a new revision of on SQLite and PostgreSQL; a refusal says what is allowed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter, ValidationError

from service.api.schemas import EXTERNAL_ID, ExternalId
from service.echo_text import is_hidden
from service.settings import Settings
from tests.support import embedded_client, table_counts

FIRST = "Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt.\n"
SECOND = FIRST.replace("am Montag", "am Dienstag")
IDS = ["artikel-über-42", "기사 2026/11/7", "Ünïcödé " * 37 + "Ende", "🗞️ édition ß"]
INVISIBLE = ", an invisible or control character"
REFUSED = {
    "a\x07b": "holds U+0007 at character 2" + INVISIBLE,
    "a\x85b": "holds U+0085 at character 2" + INVISIBLE,
    "zeile\u2028zwei": "holds U+2028 (LINE SEPARATOR) at character 6" + INVISIBLE,
    "cms-\u202e4711": "holds U+202E (RIGHT-TO-LEFT OVERRIDE) at character 5, a direction control",
    # the hidden characters of service.echo_text, which the id's own rule took (an outside attack)
    "cms-47\u200d11": "holds U+200D (ZERO WIDTH JOINER) at character 7" + INVISIBLE,
    "cms-47\u200c11": "holds U+200C (ZERO WIDTH NON-JOINER) at character 7" + INVISIBLE,
    "cms\u200b-4711": "holds U+200B (ZERO WIDTH SPACE) at character 4" + INVISIBLE,
    "cms-4711\u200e": "holds U+200E (LEFT-TO-RIGHT MARK) at character 9" + INVISIBLE,
    "cms-\u00ad4711": "holds U+00AD (SOFT HYPHEN) at character 5" + INVISIBLE,
    "\ufeffcms-4711": "holds U+FEFF (ZERO WIDTH NO-BREAK SPACE) at character 1" + INVISIBLE,
    " cms-4711": "starts with whitespace",
    "cms-4711\u00a0": "ends with whitespace",
    "\u3000기사": "starts with whitespace",
}
# Hidden too, refused by the check only: the schema's pattern cannot name it (service.external_ids).
# (A lone surrogate, which the check refuses too, is refused by the JSON body's parser before it.)
REFUSED_PAST_THE_PATTERN = {
    "cms-\U000e0041": "holds U+E0041 (TAG LATIN CAPITAL LETTER A) at character 5",
}
SAYS = 'send your id of the article as printable text in any language (e.g. "cms-4711" or "artikel-über-42")'


@pytest.fixture
def client(database_url: str, tiny_marian_dir: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings) as test_client:
        yield test_client


def _document(client: TestClient, text: str, external_id: str) -> dict:
    response = client.post("/v1/jobs", json={"text": text, "targets": ["en"], "external_id": external_id})
    assert response.status_code == 202, response.text
    return client.get(f"/v1/documents/{response.json()['document_id']}").json()


def test_ids_in_any_language_are_stored_and_make_revisions(client: TestClient) -> None:
    assert len(IDS[2]) == 300  # the column's length, in characters of two bytes
    for external_id in IDS:
        first = _document(client, FIRST, external_id)
        assert (first["external_id"], first["revision"]) == (external_id, 1)
        assert _document(client, FIRST, external_id)["id"] == first["id"]  # the same text: found again
        second = _document(client, SECOND, external_id)
        assert (second["external_id"], second["revision"]) == (external_id, 2)
        revisions = client.get(f"/v1/documents/{first['id']}/revisions").json()
        assert [revision["id"] for revision in revisions] == [first["id"], second["id"]]
    # one family per id: "artikel-über-42" is not "artikel-uber-42" nor upper case
    assert _document(client, FIRST, "artikel-uber-42")["revision"] == 1
    assert _document(client, FIRST, "ARTIKEL-ÜBER-42")["revision"] == 1


def test_a_refused_id_says_what_an_id_may_be_and_nothing_is_stored(client: TestClient) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    for external_id, what in {**REFUSED, **REFUSED_PAST_THE_PATTERN}.items():
        body = {"text": FIRST, "targets": ["en"], "external_id": external_id}
        response = client.post("/v1/jobs", json=body)
        assert response.status_code == 422, (external_id, response.text)
        [problem] = response.json()["detail"]
        assert problem["loc"] == ["body", "external_id"]
        assert problem["msg"].startswith(f"the external id {what}"), problem
        assert SAYS in problem["msg"] and "pattern" not in problem["msg"], problem
        assert not any(map(is_hidden, response.text)), response.text
        form = client.post("/v1/jobs/upload", files={"file": ("a.txt", FIRST.encode(), "text/plain")},
                           data={"targets": "en", "external_id": external_id})  # fmt: skip
        assert form.status_code == 422 and f"external_id: the external id {what}" in form.json()["detail"]
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_an_id_refuses_exactly_what_echo_text_calls_hidden() -> None:
    """One rule (service.echo_text.is_hidden), not two: every character of the Basic Multilingual
    Plane in the middle of an id is refused by the check and by the schema's pattern exactly where
    echo_text calls it hidden (the id's own rule took the zero-width joiners, spaces and marks)."""
    check = TypeAdapter(ExternalId)
    for code in range(0x10000):
        character = chr(code)
        external_id = f"cms{character}4711"
        try:
            check.validate_python(external_id)
            taken = True
        except ValidationError:
            taken = False
        assert taken is not is_hidden(character), f"U+{code:04X}"
        if not 0xD800 <= code <= 0xDFFF:  # a lone surrogate: the check only
            assert (re.fullmatch(EXTERNAL_ID, external_id) is not None) is taken, f"U+{code:04X}"


def test_the_schema_pattern_takes_what_the_check_takes(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["JobRequest"]
    [text] = [kind for kind in schema["properties"]["external_id"]["anyOf"] if kind.get("type") == "string"]
    assert text["maxLength"] == 300
    for external_id in IDS:
        assert re.fullmatch(text["pattern"], external_id), external_id
    for external_id in REFUSED:
        assert not re.fullmatch(text["pattern"], external_id), external_id
