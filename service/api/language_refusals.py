"""The language checks of :mod:`service.language_checks` as the API's 422 answers."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import HTTPException

from service.language_checks import code_refusal, pair_refusal
from service.registry import Registry


def check_codes(registry: Registry, named: Iterable[tuple[str, str]]) -> None:
    """422 for a ``(field, code)`` whose language no configured pair has, listing the supported codes."""
    refusal = code_refusal(registry, named)
    if refusal is not None:
        raise HTTPException(422, refusal)


def check_pair(
    registry: Registry, source: str, target: str, *, found: str | None = None, what: str = "article"
) -> None:
    """422 unless a route translates ``source`` into ``target``, naming the pairs there are."""
    refusal = pair_refusal(registry, source, target, found=found, what=what)
    if refusal is not None:
        raise HTTPException(422, refusal)
