"""Which languages and pairs a request may name: exactly those GET /v1/languages lists."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import HTTPException

from service.registry import Registry


def available_pairs(registry: Registry) -> list[tuple[str, str]]:
    return [(route.source, route.target) for route in registry.routes()]


def supported_codes(registry: Registry) -> list[str]:
    return sorted({code for pair in available_pairs(registry) for code in pair})


def _pairs_text(registry: Registry) -> str:
    return ", ".join(f"{source}->{target}" for source, target in available_pairs(registry))


def check_codes(registry: Registry, named: Iterable[tuple[str, str]]) -> None:
    """422 for a ``(field, code)`` whose language no configured pair has, listing the supported codes."""
    codes = supported_codes(registry)
    for field, code in named:
        if code not in codes:
            shown = code if len(code) <= 20 else code[:20] + "…"
            raise HTTPException(
                422,
                f"{field} {shown!r} is not a supported language; use one of {', '.join(codes)} "
                "(ISO 639-1 codes; GET /v1/languages lists the pairs)",
            )


def check_pair(
    registry: Registry, source: str, target: str, *, detected: bool = False, what: str = "article"
) -> None:
    """422 unless a route translates ``source`` into ``target``, naming the pairs there are."""
    if target == source:
        raise HTTPException(422, f"target {target!r} is the {what}'s own language; choose another target")
    if (source, target) in available_pairs(registry):
        return
    how = " (detected; set source_lang if that is wrong)" if detected else ""
    raise HTTPException(
        422,
        f"no model translates {source!r}{how} into {target!r}; available pairs: {_pairs_text(registry)}",
    )
