"""A query parameter that takes one value, sent more than once, is refused.

Starlette keeps every value of a repeated parameter and FastAPI hands a single-valued one the last:
``?publication=published&publication=changed`` listed the changed documents without a word, and a
client that built its query wrong never learnt it. A parameter the route declares as a list
(``lang`` of the review page) takes them all, as before.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, get_args, get_origin

from fastapi import Request
from fastapi.exceptions import RequestValidationError

REPEATED = "repeated_parameter"


def query_parameters_once(request: Request) -> None:
    """422 naming each single-valued query parameter of the route that was given more than once."""
    counts = Counter(key for key, _ in request.query_params.multi_items())
    repeated = [key for key, count in counts.items() if count > 1]
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if not repeated or dependant is None:
        return
    single = {field.alias for field in _query_fields(dependant) if not _takes_many(field)}
    errors = [
        {
            "type": REPEATED,
            "loc": ("query", key),
            "msg": f"{key} is given {counts[key]} times; give it once",
            "input": request.query_params.getlist(key),
        }
        for key in repeated
        if key in single
    ]
    if errors:
        raise RequestValidationError(errors)


def _query_fields(dependant: Any) -> list[Any]:
    """The query parameters of a route and of the dependencies it has, however deep."""
    fields = list(dependant.query_params)
    for dependency in dependant.dependencies:
        fields += _query_fields(dependency)
    return fields


def _takes_many(field: Any) -> bool:
    return _is_list(field.field_info.annotation)


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) in (list, set, tuple, frozenset):
        return True
    return any(_is_list(argument) for argument in get_args(annotation))
