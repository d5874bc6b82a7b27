"""A number as a text writes it, with every value it can mean (read by :mod:`service.checks.numbers`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Number:
    text: str  # as written
    values: frozenset[Decimal]  # every value it can mean
    parts: frozenset[Decimal] = frozenset()  # "41.30" may be 41 and 30 written apart ("41초 30")
    at: int = -1  # where it starts in the text: a number that reads two ways is two Numbers there
    clock: bool = False  # a time of day ("10:00", "14.30 Uhr"), or a score that reads as one ("16:10")

    def found(self, pool: set[Decimal]) -> bool:
        return bool(self.values & pool) or (bool(self.parts) and self.parts <= pool)
