"""A flag: one thing a check found wrong with one translated sentence, named so an editor can act."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Severity = Literal["major", "minor"]
SEVERITY_RANK: dict[str, int] = {"major": 2, "minor": 1}


class Flag(BaseModel):
    check: str = Field(description="numbers, names, negation, quotes, brackets, tokens, glossary, "
                       "untranslated, language, length, repetition, empty, consistency")  # fmt: skip
    severity: Severity = Field(description="major: meaning likely wrong; minor: worth a look")
    detail: str | None = Field(default=None, description="What is wrong, naming the item")


def flag(check: str, severity: Severity, detail: str | None) -> Flag:
    return Flag(check=check, severity=severity, detail=detail)


def from_stored(value: Any) -> Flag:
    """A stored flag: a dict as written today, or a bare check name as written before flags had
    details (read as a minor flag without detail)."""
    if isinstance(value, str):
        return Flag(check=value, severity="minor", detail=None)
    return Flag.model_validate(value)


def stored_flags(values: list[Any] | None) -> list[Flag]:
    return [from_stored(v) for v in values or []]


def worst(flags: list[Flag]) -> int:
    """The highest severity rank among ``flags`` (0: none)."""
    return max((SEVERITY_RANK[f.severity] for f in flags), default=0)
