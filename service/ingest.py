"""Submitted bytes → parsed article → stored document."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.document import Article
from service.parse import decode_article, parse_article
from service.parse.checks import check_language_mix
from service.settings import Settings
from service.storage.document_store import save_article
from service.storage.files import SourceUpload
from service.storage.tables import Document


def read_article(data: bytes, settings: Settings, source_format: str | None = None,
                 source_lang: str | None = None) -> tuple[str, Article]:  # fmt: skip
    """Decode and parse; raises :class:`~service.errors.InputError` before anything is stored.

    Without ``source_lang`` the detected language must make up most of the article.
    """
    text = decode_article(data, settings.max_article_bytes, source_format)
    article = parse_article(text, source_format, source_lang, settings.max_sentence_chars)
    if source_lang is None:
        check_language_mix(article)
    return text, article


def store_article(session: Session, text: str, article: Article, source_lang: str | None = None,
                  tenant: str = "", source_file: SourceUpload | None = None) -> Document:  # fmt: skip
    document = save_article(session, article, text, source_lang, tenant, source_file=source_file)
    session.commit()
    return document
