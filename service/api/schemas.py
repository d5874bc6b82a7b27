"""Request and response bodies of the HTTP API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonDict
from pydantic_core import PydanticCustomError

from service import external_ids
from service.aligned import Output
from service.checks.requests import MAX_PAIRS, CheckPair, CheckRequest
from service.corrections import MAX_CORRECTION_CHARS, correction_problem
from service.echo_text import is_direction_control
from service.language_checks import normalised_code
from service.priorities import ORDER, named
from service.storage.files import SourceUpload
from service.usecases.submit import Submission


def _unicode_text(value: str) -> str:
    """JSON can carry lone UTF-16 surrogates ("\\ud800"), which are not text and cannot be stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"the text has an unpaired surrogate (\\u{ord(value[exc.start]):04x}) at character "
            f"{exc.start:,}, which is not valid Unicode; send the article as UTF-8 text"
        ) from None
    return value


# The shape of a code is checked here (letters, as "de" or "KO "), and it is normalised
# (service.language_checks.normalised_code: "KO " is "ko"); which codes are supported is
# configuration, checked by the routes with a message listing them. The OpenAPI document lists the
# supported codes themselves in the pattern (service.api.contract: ``x-language-code`` marks the field).
CODE_SHAPE = r"^ *[A-Za-z]{2,8} *$"
LanguageCode = Annotated[
    str,
    Field(min_length=2, max_length=20, pattern=CODE_SHAPE, json_schema_extra={"x-language-code": "code"}),
    AfterValidator(normalised_code),
]
# A source language: a supported code, or "auto" (detected).
SourceCode = Annotated[
    str,
    Field(min_length=2, max_length=20, pattern=CODE_SHAPE, json_schema_extra={"x-language-code": "auto"}),
    AfterValidator(normalised_code),
]
# Said in the schema only, where the use case's own check gives the better message (an empty text,
# a URL that is not http(s)): the schema and the check take the same values.
NOT_BLANK: JsonDict = {"minLength": 1, "pattern": r"\S"}
# An http(s) URL as the schema can say it (netguard checks the rest: a public host, no credentials).
HTTP_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\x00-\x20\x7f/?#@]+[^\x00-\x20\x7f]*$"
UnicodeText = Annotated[str, AfterValidator(_unicode_text)]

# A client's id of an article (a CMS id, a slug such as "artikel-über-42"): printable text in any
# language, without hidden characters or whitespace at its ends, by the rule of service.external_ids
# (the echo_text rule), which the schema's pattern says too (it was the raw pattern
# ``^[\x20-\x7e]+$``, which also refused any letter outside ASCII).
EXTERNAL_ID = external_ids.PATTERN


def _external_id(value: str) -> str:
    """The id as sent, or a refusal saying what is wrong with it and what an id may hold."""
    problem = external_ids.external_id_problem(value)
    if problem is not None:
        raise PydanticCustomError("external_id", "{problem}", {"problem": problem})
    return value


ExternalId = Annotated[
    str,
    Field(min_length=1, max_length=external_ids.MAX_CHARS, json_schema_extra={"pattern": EXTERNAL_ID}),
    AfterValidator(_external_id),
]
# A job's priority: a word of service.priorities.ORDER in any case, with spaces around ("Breaking",
# " BULK"), taken as the service names it (service.priorities.named); another word is refused naming
# those there are. The schema says the canonical words, taken in any case (service.api.contract:
# ``x-any-case`` becomes a pattern), as the list's ``priority`` filter does.
PRIORITY_WORDS = tuple(priority.value for priority in ORDER)


def _priority_named(sent: object) -> object:
    return named(sent) if isinstance(sent, str) else sent


PriorityWord = Annotated[
    Literal["breaking", "normal", "bulk"],
    BeforeValidator(_priority_named),
    WithJsonSchema({"type": "string", "x-any-case": list(PRIORITY_WORDS)}),
]
PRIORITY_SAID = f"{', '.join(PRIORITY_WORDS[:-1])} or {PRIORITY_WORDS[-1]}, in any case"

# A request body refuses a field it does not have (a typo such as "extrenal_id" was dropped without a
# word, the job made without it): 422 naming the field and the fields there are
# (service.api.unknown_fields), and "additionalProperties": false in the schema. Responses stay open.
REQUEST_BODY = ConfigDict(extra="forbid")


# Exactly one of text and url is not a oneOf in the schema: schemathesis 4.32 cannot generate data
# from one beside these nullable properties. Both or neither is a documented 422.
class JobRequest(BaseModel):
    """An article to translate: send exactly one of ``text`` and ``url`` (both or neither: 422)."""

    model_config = REQUEST_BODY

    text: Annotated[UnicodeText, Field(json_schema_extra=NOT_BLANK)] | None = Field(
        default=None, description="The article: plain text as scraped, Markdown or HTML (or send url)."
    )
    url: Annotated[str, Field(json_schema_extra={"pattern": HTTP_URL})] | None = Field(
        default=None,
        max_length=2000,
        description="Or the article's http(s) URL: a worker fetches the page and extracts the article; "
        "its canonical URL becomes the document's external_id (sending it again makes a new revision)",
    )
    format: Literal["text", "markdown", "html"] | None = Field(
        default=None, description="Detected if omitted."
    )
    source_lang: SourceCode = Field(default="auto", description="ISO 639-1 code, or 'auto' to detect.")
    targets: list[LanguageCode] = Field(
        min_length=1, max_length=8, description="Target languages, e.g. ['en', 'ko']."
    )
    glossary: str | None = Field(
        default=None,
        max_length=36,
        description="Id of the tenant's glossary to apply; omitted: the tenant's default glossary, if any.",
    )
    external_id: ExternalId | None = Field(
        default=None,
        description="Your id of the article (e.g. its CMS id, in any language: printable text, at most 300 "
        "characters, no whitespace at its ends): sending it again with changed text makes a new revision "
        "of the same article, translating only what changed",
    )
    callback_url: Annotated[str, Field(json_schema_extra={"pattern": HTTP_URL})] | None = Field(
        default=None,
        max_length=2000,
        description="http(s) URL that gets a signed POST when the job ends (see /v1/callbacks/secret)",
    )
    priority: PriorityWord = Field(
        default="normal",
        description=f"{PRIORITY_SAID}. breaking: before every other job (a key may be limited to normal); "
        "bulk: after them",
    )

    def submission(
        self,
        idempotency_key: str | None = None,
        source_file: SourceUpload | None = None,
        filename: str | None = None,
    ) -> Submission:
        """The use case's request (the API's body, the pages' form and an upload alike)."""
        return Submission(
            targets=list(self.targets),
            text=self.text,
            url=self.url,
            format=self.format,
            source_lang=self.source_lang,
            glossary=self.glossary,
            external_id=self.external_id,
            callback_url=self.callback_url,
            priority=self.priority,
            idempotency_key=idempotency_key,
            source_file=source_file,
            filename=filename,
        )

    @model_validator(mode="after")
    def _text_or_url(self) -> JobRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("send the article as text, or its url: exactly one of the two")
        return self


class LanguageProgressOut(BaseModel):
    done: int
    total: int


class JobEventOut(BaseModel):
    state: str
    at: dt.datetime
    detail: str | None


class JobOut(BaseModel):
    id: str
    state: Literal["queued", "running", "succeeded", "failed"]
    document_id: str | None
    source_lang: str | None
    targets: list[str]
    glossary: str | None = Field(default=None, description="The glossary the job applies")
    priority: Literal["breaking", "normal", "bulk"] = Field(
        default="normal", description="How urgent the job is"
    )
    progress: dict[str, LanguageProgressOut] = Field(description="Translated segments per target language")
    summaries: list[str] = Field(description="Languages whose section and article summaries are stored")
    error: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    events: list[JobEventOut]
    links: dict[str, str]


class JobPage(BaseModel):
    items: list[JobOut] = Field(description="Each job as GET /v1/jobs/{job_id} gives it, newest first")
    total: int = Field(description="How many of the tenant's jobs match the filters")
    limit: int
    offset: int
    next: str | None = Field(description="The next page's link, with the same filters; null on the last page")


class DocumentSummaryOut(BaseModel):
    id: str
    title: str | None
    source_lang: str
    date: dt.date | None
    tags: list[str]
    created_at: dt.datetime
    published: list[str] = Field(
        default_factory=list,
        description="Languages whose translation is published now (the document's publications say "
        "by whom, when and what changed since)",
    )
    changed_since_publishing: dict[str, int] = Field(
        default_factory=dict,
        description="Per language published now: how many sentences changed since it was published "
        "(corrected, re-translated or translated since; 0: as published), as the document's "
        "publications count them",
    )
    links: dict[str, str]


class DocumentPage(BaseModel):
    items: list[DocumentSummaryOut]
    total: int
    limit: int
    offset: int
    next: str | None


class TranslateRequest(BaseModel):
    model_config = REQUEST_BODY

    text: UnicodeText = Field(
        json_schema_extra=NOT_BLANK, description="A few sentences (at most INTERLINEAR_MAX_SYNC_CHARS)"
    )
    source_lang: SourceCode = "auto"
    target_lang: LanguageCode


class SentencePair(BaseModel):
    source: str = Field(description="A sentence of the text, with the list or heading mark of its line")
    target: str = Field(description="Its translation, that mark put back (the model never sees it)")


class TranslateOut(BaseModel):
    source_lang: str
    target_lang: str
    sentences: list[SentencePair]
    model_id: str
    model_revision: str
    engine: str


class LanguagePair(BaseModel):
    source: str
    target: str


class LanguagesOut(BaseModel):
    pairs: list[LanguagePair]


class ModelHop(BaseModel):
    source: str
    target: str
    model_id: str
    revision: str | None
    engine: str
    licence: str | None


class ModelOut(BaseModel):
    source: str
    target: str
    route: str = Field(description="de>en, or de>en>ko where the pair pivots")
    model_id: str
    revision: str | None
    hops: list[ModelHop]


def _correction(value: str) -> str:
    problem = correction_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


# In the schema as correction_problem checks it: something not blank, no control character but
# tab and line breaks, no direction control (those of service.echo_text, all in the BMP).
_DIRECTION_CONTROLS = "".join(f"\\u{code:04x}" for code in range(0x10000) if is_direction_control(chr(code)))
_PLAIN = rf"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_DIRECTION_CONTROLS}]*"
CORRECTION_TEXT = rf"^{_PLAIN}[^\x00-\x20\x7f\s{_DIRECTION_CONTROLS}]{_PLAIN}$"


class CorrectionIn(BaseModel):
    model_config = REQUEST_BODY

    text: Annotated[UnicodeText, AfterValidator(_correction)] = Field(
        min_length=1,
        max_length=MAX_CORRECTION_CHARS,
        json_schema_extra={"pattern": CORRECTION_TEXT},
        description="The corrected translation",
    )


class CorrectionOut(BaseModel):
    segment_id: str
    lang: str
    translation: Output = Field(description="The stored correction: origin human, its author and time")
    summary_job: str | None = Field(description="The job that makes the summaries quoting it again")
    links: dict[str, str]


class CheckPairIn(CheckPair):
    """A pair as ``POST /v1/checks`` takes it: a field a pair does not have is refused."""

    model_config = REQUEST_BODY


class CheckRequestIn(CheckRequest):
    """The body of ``POST /v1/checks``: :class:`~service.checks.requests.CheckRequest`, which the
    CLI builds too, with unknown fields refused here and in each pair."""

    model_config = REQUEST_BODY

    pairs: list[CheckPairIn] = Field(  # type: ignore[assignment]  # each pair is a CheckPair
        min_length=1, max_length=MAX_PAIRS, description="Sentence pairs of one text, in order"
    )
