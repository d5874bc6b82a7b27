"""A glossary and its entries, as the API takes and returns them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator
from pydantic.json_schema import JsonDict
from pydantic_core import PydanticCustomError

from service.echo_text import hidden_problem, is_direction_control, is_hidden
from service.language_checks import normalised_code

MAX_ENTRIES = 5000
_LANG = re.compile(r"^[a-z]{2,3}$")  # a code once normalised
_LANG_KEY = r"^ *[A-Za-z]{2,3} *$"  # a code as a client may send it ("EN", " ko")


def _refuse_hidden(value: str, what: str, instead: str, refused: Callable[[str], bool] = is_hidden) -> None:
    """A validation error naming the first character ``refused`` says of ``value``
    (:func:`~service.echo_text.hidden_problem`), without pydantic's "Value error," before it."""
    problem = hidden_problem(value, what, instead, refused)
    if problem is not None:
        raise PydanticCustomError("hidden_character", "{problem}", {"problem": problem})


def _name(value: str) -> str:
    """A glossary's name, without a character that makes it show as another (it is picked by name)."""
    _refuse_hidden(value, "the glossary's name", "write the name without it")
    return value


def _term(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("a term must not be empty")
    if any(ord(c) < 32 for c in value):
        raise ValueError("a term must not contain control characters or line breaks")
    # a term's target goes into the stored translations and their exports: no direction control
    # (found by an outside tester: "\u202ehouse" was put into a translation and its HTML export);
    # nor another hidden character, with which a term looks like a word it never matches ("Ber\u200blin",
    # an outside attack); a zero-width joiner or non-joiner or a direction mark, which writing may
    # need, is taken, as in a correction
    _refuse_hidden(value, "the term", "write the term without it", _refused_in_terms)
    return value


_WRITING_NEEDS = frozenset("\u200c\u200d\u200e\u200f")  # ZWNJ, ZWJ, LRM, RLM


def _refused_in_terms(character: str) -> bool:
    return is_direction_control(character) or (is_hidden(character) and character not in _WRITING_NEEDS)


# In the schema too: at least one visible character, no control characters or line breaks.
Term = Annotated[
    str,
    Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]*[^\x00-\x1f\s][^\x00-\x1f]*$"),
    AfterValidator(_term),
]


def _targets(value: dict[str, str]) -> dict[str, str]:
    """The targets keyed by their codes as every interface takes codes ("EN" is "en":
    :func:`~service.language_checks.normalised_code`); two keys for one code are refused."""
    found: dict[str, str] = {}
    for lang, term in value.items():
        code = normalised_code(lang)
        if not _LANG.match(code):
            raise ValueError(f"{lang!r} is not a language code: use ISO 639-1, e.g. 'en' or 'ko'")
        if code in found:
            first = next(key for key in value if normalised_code(key) == code)
            raise ValueError(f"targets {first!r} and {lang!r} are both {code!r}: keep one")
        found[code] = term
    return found


# Said in the schema as it is checked below: targets, or do_not_translate: true, never both.
TARGETS_OR_KEPT: JsonDict = {
    "oneOf": [
        {"required": ["targets"], "properties": {"targets": {"minProperties": 1},
                                                 "do_not_translate": {"const": False}}},
        {"required": ["do_not_translate"], "properties": {"targets": {"maxProperties": 0},
                                                          "do_not_translate": {"const": True}}},
    ]
}  # fmt: skip


class GlossaryEntry(BaseModel):
    model_config = ConfigDict(json_schema_extra=TARGETS_OR_KEPT)

    source: Term = Field(description="The term as it appears in the source text")
    targets: Annotated[dict[str, Term], AfterValidator(_targets)] = Field(
        default_factory=dict,
        description="Required translation per target language, e.g. {'en': 'Kim Jong Un'}",
        json_schema_extra={"propertyNames": {"pattern": _LANG_KEY, "x-language-code": "key"}},
    )
    do_not_translate: StrictBool = Field(
        default=False, description="Keep the term verbatim in every language"
    )
    case_sensitive: StrictBool = Field(default=True, description="Match the source term's case exactly")

    @model_validator(mode="after")
    def _something_to_do(self) -> GlossaryEntry:
        if self.do_not_translate and self.targets:
            raise ValueError(
                f"entry {self.source!r} has do_not_translate and targets: a term is either kept as it "
                "is or translated, drop one of the two"
            )
        if not self.do_not_translate and not self.targets:
            raise ValueError(
                f"entry {self.source!r} needs targets (its translation per language) "
                "or do_not_translate: true"
            )
        return self

    def target_for(self, lang: str) -> str | None:
        """What the term must become in ``lang``: itself where it is not translated, else its target."""
        return self.source if self.do_not_translate else self.targets.get(lang)


class GlossaryEntryIn(GlossaryEntry):
    """An entry as it is sent (the API's body, a CSV or TBX file read): a field an entry does not
    have is refused, naming it ("case_sensitiv" was dropped without a word, the term matched in any
    case). :class:`GlossaryEntry`, which stored entries are read as and responses show, stays open."""

    model_config = ConfigDict(extra="forbid")


class GlossaryIn(BaseModel):
    """A glossary as it is sent (``POST``/``PUT /v1/glossaries``, the glossary page, an import):
    unknown fields are refused, here and in each entry."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, AfterValidator(_name)] = Field(min_length=1, max_length=120)
    entries: list[GlossaryEntryIn] = Field(max_length=MAX_ENTRIES)
    default: StrictBool = Field(default=False, description="Used by the tenant's jobs that name no glossary")

    @model_validator(mode="after")
    def _one_entry_per_term(self) -> GlossaryIn:
        seen: set[str] = set()
        for entry in self.entries:
            key = entry.source if entry.case_sensitive else entry.source.casefold()
            if key in seen:
                raise ValueError(f"the term {entry.source!r} has two entries: keep one")
            seen.add(key)
        return self

    def target_languages(self) -> set[str]:
        return {lang for entry in self.entries for lang in entry.targets}


class GlossaryOut(BaseModel):
    """A stored glossary, as the API answers it (open to fields it may gain, as every response)."""

    name: str = Field(min_length=1, max_length=120)
    entries: list[GlossaryEntry]
    default: bool = Field(default=False, description="Used by the tenant's jobs that name no glossary")
    id: str
    version: int = Field(description="Raised by every replacement; part of each output's settings hash")
    created_at: dt.datetime
    updated_at: dt.datetime

    def target_languages(self) -> set[str]:
        return {lang for entry in self.entries for lang in entry.targets}


class GlossaryListItem(BaseModel):
    id: str
    name: str
    version: int
    default: bool
    entries: int
    updated_at: dt.datetime
