"""The ids a request names in its path (a document, a segment, a job, a glossary) or in a filter
(``?document=``), one type per kind, shared by every route that takes one.

Every id the service makes is a UUID (documents, jobs, glossaries) or a segment's key
(``s01.p02.01``, ``f01``): letters, digits, ``-``, ``.`` and ``_``. Anything else in an id is not one
of ours, and is refused with 422 saying so ("... is not a document id"), in the path as in a query
parameter, and the OpenAPI document says it (a pattern on each such parameter); an id of the right
characters that names nothing is a 404 as before. Found by an outside attack: a control character
in a path id answered 404 while the same in a query parameter answered 422, and a direction
control (U+202E) in an id was echoed raw in the 404's ``detail``. The refusal shows the id as a
Python literal (``'ab\\u202ecd'``): no control or format character is echoed raw. An id sent with an
encoded slash (``a%2Fb``), which routing would take as two parts of the path, is refused the same
way (:mod:`service.api.encoded_slash`, through :func:`path_id_problems`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[A-Za-z0-9._-]+$"
_ID = re.compile(r"[A-Za-z0-9._-]+")
_ID_CHARACTER = re.compile(r"[A-Za-z0-9._-]")
NOT_AN_ID = "not_an_id"  # the error type: a refusal of its own, said as one sentence (validation_errors)
SHOWN_CHARS = 40  # of a refused id, the most shown (an id of 7,000 characters came back whole)


def shown_id(value: str) -> str:
    """``value`` as a refusal shows it: quoted, cut short, every character that is not printable
    (controls, direction marks, line separators) escaped (``\\u202e``)."""
    cut = value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS]
    return repr(cut) + ("…" if len(cut) < len(value) else "")


def _what_is_wrong(value: str) -> str:
    if not value:
        return "it is empty"
    bad = next(c for c in value if not _ID_CHARACTER.fullmatch(c))
    kind = "the control character" if unicodedata.category(bad) == "Cc" else "the character"
    return f"it has {kind} U+{ord(bad):04X}"


def checked_id(kind: str, where: str, blank: bool = False) -> AfterValidator:
    """The check of one kind of id; ``blank``: spaces alone mean "any" (a list's filter), and spaces
    around an id are dropped."""

    def check(value: str) -> str:
        if blank:
            value = value.strip(" ")
            if not value:
                return ""
        if _ID.fullmatch(value):
            return value
        raise PydanticCustomError(
            NOT_AN_ID,
            "{shown} is not a {kind} id: {wrong}; a {kind}'s id holds only letters, digits, '-', '.' "
            "and '_' ({where})",
            {"shown": shown_id(value), "kind": kind, "wrong": _what_is_wrong(value), "where": where},
        )

    return AfterValidator(check)


_IN_SCHEMA = {"pattern": ID_PATTERN}
_DOCUMENT = ("document", "GET /v1/documents lists them")
DocumentId = Annotated[
    str,
    Path(description="The document's id (GET /v1/documents)", json_schema_extra=_IN_SCHEMA),
    checked_id(*_DOCUMENT),
]
SegmentId = Annotated[
    str,
    Path(max_length=32, description="The segment's id, e.g. s01.p02.01", json_schema_extra=_IN_SCHEMA),
    checked_id("segment", "e.g. s01.p02.01, as GET /v1/documents/{id} gives each sentence's"),
]
JobId = Annotated[
    str,
    Path(description="The job's id (POST /v1/jobs returns it)", json_schema_extra=_IN_SCHEMA),
    checked_id("job", "as POST /v1/jobs returns it"),
]
GlossaryId = Annotated[
    str,
    Path(description="The glossary's id (GET /v1/glossaries)", json_schema_extra=_IN_SCHEMA),
    checked_id("glossary", "GET /v1/glossaries lists them"),
]
# A document's id in a query (``/v1/review?document=``).
DocumentQuery = Annotated[str, Field(max_length=36, json_schema_extra=_IN_SCHEMA), checked_id(*_DOCUMENT)]
# A list's filter by document (``/v1/jobs?document=``): an id, or blank for every document.
DocumentFilter = Annotated[
    str,
    Field(max_length=36, json_schema_extra={"pattern": r"^ *[A-Za-z0-9._-]* *$"}),
    checked_id(*_DOCUMENT, blank=True),
]
# Each id a path names, by the name of its parameter in the routes.
PATH_IDS: dict[str, Any] = {"document_id": DocumentId, "segment_id": SegmentId, "job_id": JobId,
                            "glossary_id": GlossaryId}  # fmt: skip


def path_id_problems(name: str, value: str) -> list[dict[str, Any]]:
    """The problems of ``value`` as the path parameter ``name`` (one of :data:`PATH_IDS`), as a
    route would list them for a request naming it (``loc`` ("path", name)); none where it is an
    id of that kind, or ``name`` names no id."""
    if name not in PATH_IDS:
        return []
    try:
        _checker(name).validate_python(value)
    except ValidationError as exc:
        return [{**error, "loc": ("path", name)} for error in exc.errors(include_url=False)]
    return []


@cache
def _checker(name: str) -> TypeAdapter[str]:
    return TypeAdapter(PATH_IDS[name])
