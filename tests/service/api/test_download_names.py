"""Found by an outside editor walk: a download (the side-by-side page, every export and rendering)
was called after the document's id (``3f2a….html``). It is called after the article's title: an
ASCII slug as ``filename`` and the title as written as ``filename*`` (RFC 6266, RFC 8187), the id
where the title has nothing ASCII in it or there is none."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from service.api.downloads import attachment, slug
from service.settings import Settings
from tests.support import embedded_client, wait_for_job


def _names(disposition: str) -> tuple[str | None, str | None]:
    """The plain ``filename`` and the decoded ``filename*`` of a Content-Disposition value."""
    plain = re.search(r'filename="([^"]*)"', disposition)
    extended = re.search(r"filename\*=UTF-8''([^;\s]+)", disposition)
    return (plain.group(1) if plain else None, unquote(extended.group(1)) if extended else None)


def test_a_download_is_named_after_the_title() -> None:
    assert slug("Hochwasser in Sachsen: Pegel steigen") == "hochwasser-in-sachsen-pegel-steigen"
    assert slug("Bürgergeld für 5,6 Mio. Menschen") == "burgergeld-fur-5-6-mio-menschen"
    assert slug("북한의 새 규칙") == ""
    assert len(slug("Wort " * 40)) <= 60 and not slug("Wort " * 40).endswith("-")

    german = attachment("Hochwasser in Sachsen: Pegel steigen", "doc-1", "html")
    assert german.startswith("attachment; ")
    assert _names(german) == (
        "hochwasser-in-sachsen-pegel-steigen.html",
        "Hochwasser in Sachsen Pegel steigen.html",
    )
    assert _names(attachment("북한의 새 규칙", "doc-2", "en.html")) == (
        "doc-2.en.html",
        "북한의 새 규칙.en.html",
    )
    assert _names(attachment(None, "doc-3", "tmx")) == ("doc-3.tmx", None)
    assert _names(attachment("report", "doc-4", "json")) == ("report.json", None)  # no second name to give
    quoted = attachment('Er sagte "nein"; dann/aber\r\nX-Injected: 1', "doc-5", "xlf")
    assert "\r" not in quoted and "\n" not in quoted and quoted.count('"') == 2, quoted
    assert _names(quoted) == (
        "er-sagte-nein-dann-aber-x-injected-1.xlf",
        "Er sagte nein ; dann aber X-Injected 1.xlf",
    )
    quoted.encode("latin-1")  # a header value as HTTP carries it


def test_the_side_by_side_download_is_called_after_its_title(
    database_url: str, tiny_marian_dir: Path
) -> None:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings, "desk") as client:
        for text, lang, expected in (
            ("# Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen.\n", "de",
             ("hochwasser-in-sachsen", "Hochwasser in Sachsen")),
            ("# 북한의 새 규칙\n\n북한이 새 규칙을 발표했다.\n", "ko", (None, "북한의 새 규칙")),
        ):  # fmt: skip
            target = "en"
            job = client.post(
                "/v1/jobs",
                json={"text": text, "format": "markdown", "source_lang": lang, "targets": [target]},
            ).json()
            done = wait_for_job(client, job["id"])
            assert done["state"] == "succeeded", done
            document = done["document_id"]
            plain, readable = expected
            for path, extension in (
                (f"/v1/documents/{document}/export?format=html", "html"),
                (f"/v1/documents/{document}/export?format=tmx", "tmx"),
                (f"/v1/documents/{document}/render?lang={target}&format=markdown", f"{target}.md"),
            ):
                answer = client.get(path)
                assert answer.status_code == 200, (path, answer.text[:300])
                assert _names(answer.headers["content-disposition"]) == (
                    f"{plain or document}.{extension}",
                    f"{readable}.{extension}",
                ), path
