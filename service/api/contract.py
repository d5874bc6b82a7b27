"""The OpenAPI document says what the app accepts, including what is configuration.

Which language codes are supported depends on the configured models, so the pydantic models check
only a code's shape and the routes check the code itself. The document is built per app: every
field marked ``x-language-code`` gets a pattern that takes exactly the supported codes (in any
case, with spaces around, as the routes take them), and ``auto`` where the source may be detected
(``key``: a glossary's language keys, which take the same codes).
A schema-valid code is then one the service takes, and a code the service refuses is schema-invalid.

Two more things the routes check that the document says here, once for every operation:

* a field marked ``x-any-case`` (a list of words, such as export formats) takes those words in any
  case, the route's own check giving the message that lists them;
* no query value holds a control character (:mod:`service.api.urlcheck` refuses them with 422), so
  every query string without a pattern of its own gets one that says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI

from service.language_checks import supported_codes

MARK = "x-language-code"
WORDS = "x-any-case"
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f]*$"


def any_case(words: Iterable[str]) -> str:
    """A pattern taking exactly ``words`` in any case, with spaces around (JSON Schema patterns are
    ECMA-262: no inline case flag, hence a character class per letter)."""
    alternatives = "|".join(
        "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word) for word in words
    )
    return f"^ *(?:{alternatives}) *$"


def publish_language_codes(app: FastAPI) -> None:
    """Patch ``app.openapi`` so language-code fields list the supported codes."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        codes = supported_codes(app.state.registry)
        _mark_codes(schema, codes)
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "query":
                        _no_control_characters(parameter.get("schema", {}))
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _mark_codes(node: Any, codes: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _mark_codes(item, codes)
        return
    if not isinstance(node, dict):
        return
    words = node.pop(WORDS, None)
    if words is not None:
        node["pattern"] = any_case(words)
    kind = node.pop(MARK, None)
    if kind == "key":  # a glossary's language keys: the codes in any case, nothing else said
        node["pattern"] = any_case(codes)
    elif kind is not None:
        accepted = [*codes, "auto"] if kind == "auto" else codes
        node["pattern"] = any_case(accepted)
        node["minLength"] = min(map(len, accepted), default=2)
        node["maxLength"] = 20
        listed = ", ".join(accepted)
        node["description"] = f"{node.get('description', '').rstrip('.')} (one of: {listed})".lstrip(" ")
    for value in node.values():
        _mark_codes(value, codes)


def _no_control_characters(schema: dict[str, Any]) -> None:
    for key in ("anyOf", "oneOf"):
        for option in schema.get(key, []):
            _no_control_characters(option)
    if isinstance(schema.get("items"), dict):
        _no_control_characters(schema["items"])
    if schema.get("type") == "string" and not {"pattern", "enum", "const", "format"} & set(schema):
        schema["pattern"] = NO_CONTROL_CHARACTERS
