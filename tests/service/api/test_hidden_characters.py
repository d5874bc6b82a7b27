"""Names that show as other names are refused (found by an outside tester: direction controls and
zero-width characters were taken in upload file names, glossary names and corrections, and
``"a\\u202etxt.md"`` shows as ``"adm.txt"``). Per field, with the characters the API escapes when
it echoes (service/echo_text.py):

* a file name and a glossary's name: every such character (controls, direction controls,
  zero-width characters, the byte order mark) is a 422 naming it by its code point;
* a correction: only the direction controls that embed, override or isolate a run (a correction in
  Korean or German never needs them); a zero-width joiner, which some writing needs, is taken.

Nothing of a refused request is stored. On SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.service.api.test_glossaries import GLOSSARY
from tests.service.api.test_publishing import bearer, stored_translation
from tests.service.api.test_uploads import upload
from tests.support import table_counts

ARTICLE = "Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar.\n"
# (the character, how a refusal names it)
HIDDEN = [
    ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
    ("\u200f", "U+200F (RIGHT-TO-LEFT MARK)"),
    ("\ufeff", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
]


def test_a_file_name_with_a_hidden_character_is_refused_naming_it(client: TestClient) -> None:
    before = table_counts(client.app)  # type: ignore[arg-type]
    for character, named in HIDDEN:
        for path in ("/v1/jobs/upload", "/v1/jobs"):
            name = f"a{character}txt.md"
            refused = upload(client, name, ARTICLE.encode(), "text/markdown", path)
            assert refused.status_code == 422, (name, refused.text)
            detail = refused.json()["detail"]
            assert f"the file name holds {named} at character 2" in detail, detail
            assert "rename the file without it and upload it again" in detail, detail
            assert character not in detail
    assert table_counts(client.app) == before  # type: ignore[arg-type]


def test_a_glossary_name_with_a_hidden_character_is_refused_naming_it(client: TestClient) -> None:
    created = client.post("/v1/glossaries", json=GLOSSARY)
    assert created.status_code == 201, created.text
    before = table_counts(client.app)  # type: ignore[arg-type]
    for character, named in HIDDEN:
        body = {**GLOSSARY, "name": f"Nachrichten{character}"}
        imported = client.post(
            "/v1/glossaries/import",
            params={"name": body["name"], "format": "csv"},
            content=b"source,en\nRegierung,government\n",
            headers={"Content-Type": "text/csv"},
        )
        for refused in (
            client.post("/v1/glossaries", json=body),
            client.put(f"/v1/glossaries/{created.json()['id']}", json=body),
            imported,
        ):
            assert refused.status_code == 422, (named, refused.text)
            assert f"the glossary's name holds {named} at character 12" in refused.text, refused.text
            assert "write the name without it" in refused.text
            assert character not in refused.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    assert client.get(f"/v1/glossaries/{created.json()['id']}").json()["name"] == "Nachrichten"


def test_a_correction_is_refused_a_direction_control_only(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    url = f"/v1/documents/{document_id}/segments/{keys[0]}/translations/en"
    before = table_counts(client.app)  # type: ignore[arg-type]
    for character, named in [*HIDDEN[:2], ("\u202a", "U+202A (LEFT-TO-RIGHT EMBEDDING)")]:
        refused = client.put(url, json={"text": f"The rules {character}apply."}, headers=editor)
        assert refused.status_code == 422, (named, refused.text)
        assert f"the correction holds {named} at character 11, a direction control" in refused.text
        assert "send the sentence without it" in refused.text
        assert character not in refused.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    # what writing may need is taken: a zero-width joiner (Persian, Hindi, emoji), a direction mark
    for text in ("The rules apply \U0001f469\u200d\U0001f4bb.", "The rules apply (\u200fעברית\u200f)."):
        taken = client.put(url, json={"text": text}, headers=editor)
        assert taken.status_code == 200 and taken.json()["translation"]["text"] == text, taken.text
    # the schema says it too, so that a client can check before sending
    schema = client.get("/openapi.json").json()["components"]["schemas"]["CorrectionIn"]
    assert "\\u202e" in schema["properties"]["text"]["pattern"]


def test_a_glossary_term_with_a_direction_control_is_refused(client: TestClient) -> None:
    """Found by an outside tester: an entry's target "\u202ehouse" was put into a job's stored
    translation and its HTML export; a source term "Haus\u202e" was imported from CSV."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    bodies = [
        {"name": "Ziel", "entries": [{"source": "Haus", "targets": {"en": "\u202ehouse"}}]},
        {"name": "Quelle", "entries": [{"source": "Haus\u2067", "targets": {"en": "house"}}]},
    ]
    refusals = [client.post("/v1/glossaries", json=body) for body in bodies]
    refusals.append(
        client.post(
            "/v1/glossaries/import",
            params={"name": "Z2", "format": "csv"},
            content="source,en\nHaus\u202e,house\n".encode(),
            headers={"Content-Type": "text/csv"},
        )
    )
    for refused in refusals:
        assert refused.status_code == 422, refused.text
        assert "the term holds U+20" in refused.text and "a direction control" in refused.text, refused.text
        assert "write the term without it" in refused.text
        assert "\u202e" not in refused.text and "\u2067" not in refused.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    # a zero-width joiner, which some writing needs, is taken
    joined = {"source": "Programmiererin", "targets": {"en": "\U0001f469\u200d\U0001f4bb programmer"}}
    taken = client.post("/v1/glossaries", json={"name": "Emoji", "entries": [joined]})
    assert taken.status_code == 201, taken.text


def test_a_glossary_term_with_an_invisible_character_is_refused(client: TestClient) -> None:
    """Found by an outside attack: a do-not-translate term "Ber\u200blin" (a zero-width space) was
    stored and echoed raw: it looks like "Berlin" and never matches it. Every hidden character but
    those writing needs (zero-width joiner and non-joiner, direction marks) is refused."""
    before = table_counts(client.app)  # type: ignore[arg-type]
    for hidden in ("\u200b", "\u2060", "\ufeff", "\u00ad"):
        entry = {"source": f"Ber{hidden}lin", "do_not_translate": True}
        refused = client.post("/v1/glossaries", json={"name": "Orte", "entries": [entry]})
        assert refused.status_code == 422, (hidden, refused.text)
        assert f"the term holds U+{ord(hidden):04X} (" in refused.text and "at character 4" in refused.text
        assert "an invisible or control character" in refused.text and hidden not in refused.text
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    marked = {"source": "Haus", "targets": {"en": "house\u200e"}}
    assert client.post("/v1/glossaries", json={"name": "Marks", "entries": [marked]}).status_code == 201
