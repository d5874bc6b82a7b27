"""The details of every flag one translated sentence earns (:func:`service.checks.check_pair`)."""

from __future__ import annotations

from service.checks import check_pair


def details(source: str, target: str, source_lang: str, target_lang: str) -> list[str]:
    return [f.detail or "" for f in check_pair(source, target, source_lang, target_lang)]
