"""Approving a translation and withdrawing a publication take no body (found by an outside attack:
both took any body without a word, ``{"force": true}`` sent to withdraw as much as a megabyte of
text). No body, or ``{}`` sent as JSON, is taken; another JSON body is a 422 saying what to send, a
body not sent as JSON (``{}`` as text/plain too, found by an outside tester) a 415 saying to send
none, and nothing is stored. The OpenAPI document says so. On SQLite and PostgreSQL.

Approving also takes ``{"text": ...}``, the translation as the approver read it (one changed since
is not approved: tests/service/web/test_review_out_of_date.py), and nothing else."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.service.api.test_publishing import bearer, publish_url, read, stored_translation
from tests.support import table_counts

JSON = {"Content-Type": "application/json"}
# (what is sent, as httpx's keyword arguments; what the refusal says the body is)
REFUSED: list[tuple[dict[str, Any], str]] = [
    ({"json": {"note": "checked"}}, "a JSON object with the field 'note'"),
    ({"json": {"force": True, "a": 1, "b": 2, "c": 3}}, "the fields 'force', 'a', 'b' and 1 more"),
    ({"json": []}, "an array"),
    ({"content": b"null", "headers": JSON}, "null"),
    ({"content": b'"yes"', "headers": JSON}, "a string"),
    ({"content": b"{" * 5_000, "headers": JSON}, "not JSON"),
]
# A body not sent as JSON: 415 (what is sent; how the refusal says it was sent).
NOT_JSON: list[tuple[dict[str, Any], str]] = [
    ({"content": b"{}", "headers": {"Content-Type": "text/plain"}}, "as text/plain"),
    ({"content": b"{ }", "headers": {"Content-Type": "text/plain; charset=utf-8"}}, "as text/plain"),
    ({"content": b"approve please"}, "without a Content-Type"),
    ({"data": {"force": "true"}}, "as application/x-www-form-urlencoded"),  # a form
]


NO_BODY = "this operation takes no body: send none"
APPROVE_BODY = 'this operation takes no body, or {"text": "..."} with the translation as you read it'


def _refused_as_not_json(
    client: TestClient,
    method: str,
    url: str,
    editor: dict[str, str],
    send: str = NO_BODY,
    taken: str = "an empty JSON object {}",
) -> None:
    for sent, said in NOT_JSON:
        refused = _send(client, method, url, editor, sent)
        assert refused.status_code == 415, (sent, refused.text)
        detail = refused.json()["detail"]
        assert detail.startswith(f"{send} (the body was sent "), detail
        assert said in detail and f"{taken} is taken only with Content-Type: application/json" in detail, (
            detail
        )


def _send(client: TestClient, method: str, url: str, editor: dict[str, str], sent: dict[str, Any]) -> Any:
    options = dict(sent)
    headers = {**editor, **options.pop("headers", {})}
    return client.request(method, url, headers=headers, **options)


def test_approve_takes_no_body_an_empty_object_or_the_text_read_only(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, keys = stored_translation(client.app)  # type: ignore[arg-type]
    approve = f"/v1/documents/{document_id}/segments/{keys[-1]}/translations/en/approve"
    before = table_counts(client.app)  # type: ignore[arg-type]
    for sent, said in [
        *REFUSED,
        ({"json": {"text": "English sentence 3.", "force": True}}, "'text', 'force'"),
    ]:
        refused = _send(client, "POST", approve, editor, sent)
        assert refused.status_code == 422, (sent, refused.text)
        detail = refused.json()["detail"]
        assert detail.startswith(APPROVE_BODY), detail
        assert said in detail, (said, detail)
    for text, said in ((3, "a number"), (None, "null"), (["English sentence 3."], "an array")):
        refused = _send(client, "POST", approve, editor, {"json": {"text": text}})
        assert refused.status_code == 422, (text, refused.text)
        assert refused.json()["detail"] == (
            f"text must be a string, the translation as you read it (it is {said})"
        ), refused.text
    _refused_as_not_json(client, "POST", approve, editor, APPROVE_BODY, "a JSON object")
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    assert read(client, document_id, editor)["review"]["en"]["flagged"] == 1  # not approved

    for sent in (
        {},
        {"json": {}},
        {"content": b" \n"},
        {"content": b" \n", "headers": {"Content-Type": "text/plain"}},  # white space: no body
        {"content": b"{ }", "headers": {"Content-Type": "application/json; charset=utf-8"}},
        {"json": {"text": " English sentence 3.\n"}},  # the text read (white space around it aside)
    ):
        approved = _send(client, "POST", approve, editor, sent)
        assert approved.status_code == 200, (sent, approved.text)
        assert approved.json()["translation"]["approved_by"] == "Lena"
    # a key is asked for first: without one a body is not looked at
    assert client.post(approve, json={"note": "x"}, headers={"Authorization": ""}).status_code == 401


def test_withdraw_takes_no_body_or_an_empty_object_only(client: TestClient) -> None:
    editor = bearer(client, "tests", "editor", name="Lena")
    document_id, _ = stored_translation(client.app)  # type: ignore[arg-type]
    assert client.post(publish_url(document_id), json={"force": True}, headers=editor).status_code == 200
    before = table_counts(client.app)  # type: ignore[arg-type]
    for sent, said in REFUSED:
        refused = _send(client, "DELETE", publish_url(document_id), editor, sent)
        assert refused.status_code == 422 and said in refused.json()["detail"], (sent, refused.text)
    _refused_as_not_json(client, "DELETE", publish_url(document_id), editor)
    assert table_counts(client.app) == before  # type: ignore[arg-type]
    assert read(client, document_id, editor)["publications"]["en"]["published"] is True  # still live

    withdrawn = client.request("DELETE", publish_url(document_id), json={}, headers=editor)
    assert withdrawn.status_code == 200 and withdrawn.json()["published"] is False, withdrawn.text
    assert client.delete(publish_url(document_id), headers=editor).status_code == 200  # as it was


def test_the_openapi_document_says_what_body_they_take(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    withdraw = paths["/v1/documents/{document_id}/translations/{lang}/publish"]["delete"]
    body = withdraw["requestBody"]
    assert body["required"] is False, body
    assert body["content"]["application/json"]["schema"] == {
        "type": "object", "maxProperties": 0, "additionalProperties": False
    }  # fmt: skip
    assert "neither empty nor an empty JSON object" in withdraw["responses"]["422"]["description"]

    approve = paths["/v1/documents/{document_id}/segments/{segment_id}/translations/{lang}/approve"]["post"]
    body = approve["requestBody"]
    assert body["required"] is False, body
    schema = body["content"]["application/json"]["schema"]
    assert schema["additionalProperties"] is False and list(schema["properties"]) == ["text"], schema
    assert schema["properties"]["text"]["type"] == "string"
    assert 'an empty JSON object or {"text": "..."}' in approve["responses"]["422"]["description"]
    assert "changed since" in approve["responses"]["409"]["description"]
