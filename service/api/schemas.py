"""Request and response bodies of the HTTP API."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field


class JobRequest(BaseModel):
    text: str = Field(description="The article: plain text as scraped, Markdown or HTML.")
    format: Literal["text", "markdown", "html"] | None = Field(
        default=None, description="Detected if omitted."
    )
    source_lang: str = Field(default="auto", description="ISO 639-1 code, or 'auto' to detect.")
    targets: list[str] = Field(min_length=1, max_length=8, description="Target languages, e.g. ['en', 'ko'].")


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
    progress: dict[str, LanguageProgressOut] = Field(description="Translated segments per target language")
    summaries: list[str] = Field(description="Languages whose section and article summaries are stored")
    error: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    events: list[JobEventOut]
    links: dict[str, str]


class DocumentSummaryOut(BaseModel):
    id: str
    title: str | None
    source_lang: str
    date: dt.date | None
    tags: list[str]
    created_at: dt.datetime
    links: dict[str, str]


class DocumentPage(BaseModel):
    items: list[DocumentSummaryOut]
    total: int
    limit: int
    offset: int
    next: str | None


class TranslateRequest(BaseModel):
    text: str = Field(min_length=1)
    source_lang: str = "auto"
    target_lang: str


class SentencePair(BaseModel):
    source: str
    target: str


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
