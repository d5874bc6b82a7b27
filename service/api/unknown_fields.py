"""A request body's field that its model does not have, said with the fields there are.

The request models refuse unknown fields (``extra="forbid"``, service/api/schemas.py): a typo such
as ``"extrenal_id"`` was dropped without a word. Pydantic says only "Extra inputs are not permitted";
the 422 names the field, where it is (a glossary's entry, a pair of the checks), and the fields that
object takes, read from the route's body model along the error's ``loc``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, get_args

from fastapi import Request
from pydantic import BaseModel


def unknown_field_said(request: Request, error: Any) -> Any:
    """``error`` with a message naming the unknown field and the known ones, where it is pydantic's
    ``extra_forbidden`` in the body of the route that answered; any other error as it is."""
    loc = tuple(error.get("loc", ()))
    if error.get("type") != "extra_forbidden" or len(loc) < 2 or loc[0] != "body":
        return error
    model = _body_model(request)
    for part in loc[1:-1]:  # from the body down to the object that holds the field
        if model is None:
            break
        if isinstance(part, str):
            field = model.model_fields.get(part)
            model = _model_in(field.annotation) if field is not None else None
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc[1:-1])
    said = f"unknown field {str(loc[-1])[:80]!r}" + (f" in {where.lstrip('.')}" if where else "")
    if model is not None:
        said += f": the fields are {', '.join(_names(model))}"
    return {**error, "msg": said}


def _body_model(request: Request) -> type[BaseModel] | None:
    route = request.scope.get("route")
    body = getattr(route, "body_field", None)
    return _model_in(body.field_info.annotation) if body is not None else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds: itself, or the one in ``X | None``, ``list[X]``, ``Annotated[X, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _names(model: type[BaseModel]) -> Sequence[str]:
    return [field.alias or name for name, field in model.model_fields.items()]
