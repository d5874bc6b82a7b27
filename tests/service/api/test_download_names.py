"""Found by an outside editor walk: a download (the side-by-side page, every export and rendering)
was called after the document's id (``3f2a….html``). It is called after the article's title: an
ASCII slug as ``filename`` and the title as written as ``filename*`` (RFC 6266, RFC 8187), the id
where the title has nothing ASCII in it or there is none.

A second walk found the exports of one document into EN and KO called the same (a browser kept
one), names cut mid-word ("Finanzst.xlf"), and an untitled document's called after its id: the
language is now always in the name, both names end after a whole word, and a document without a
usable title is called after its first words before its id."""

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
    assert slug("ab " * 30) == "-".join(["ab"] * 20)  # a word that ends at the limit is kept whole

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


def test_a_long_title_is_cut_after_a_whole_word() -> None:
    title = (
        "Bundesregierung beschließt nach monatelangem Streit ein umfassendes Reformpaket "
        "zur Stabilisierung der Finanzströme in Europa"
    )
    plain, name = _names(attachment(title, "doc-6", "en.xlf"))
    assert plain is not None and name is not None
    assert plain.endswith(".en.xlf") and name.endswith(".en.xlf")
    plain_words, name_words = (
        plain.removesuffix(".en.xlf").split("-"),
        name.removesuffix(".en.xlf").split(" "),
    )
    title_words = slug(title).split("-")
    assert plain_words == title_words[: len(plain_words)] and len(plain) - len(".en.xlf") <= 60
    assert name_words == title.split(" ")[: len(name_words)] and len(name) - len(".en.xlf") <= 100
    assert name_words[-1] == "Stabilisierung"
    # Untitled: the first words (without the mark of their cut) before the id
    assert _names(attachment(None, "doc-7", "en.tmx", "Die Pegel der Elbe steigen …")) == (
        "die-pegel-der-elbe-steigen.en.tmx",
        "Die Pegel der Elbe steigen.en.tmx",
    )
    # A Korean title keeps its own name as filename*, the ASCII one falls to the first words
    assert _names(attachment("북한 2025", "doc-8", "de.tmx", "Pyongyang said on Monday")) == (
        "2025.de.tmx",
        "북한 2025.de.tmx",
    )


def test_the_side_by_side_download_is_called_after_its_title(
    database_url: str, tiny_marian_dir: Path
) -> None:
    settings = Settings(database_url=database_url, broker_url="memory://", model_dir=tiny_marian_dir)
    with embedded_client(settings, "desk") as client:
        for text, lang, targets, expected in (
            ("# Hochwasser in Sachsen\n\nDie Pegel der Elbe steigen.\n", "de", ["en", "ko"],
             ("hochwasser-in-sachsen", "Hochwasser in Sachsen")),
            ("# 북한의 새 규칙\n\n북한이 새 규칙을 발표했다.\n", "ko", ["en"], (None, "북한의 새 규칙")),
            ("Die Pegel der Elbe steigen.\n", "de", ["en"],
             ("die-pegel-der-elbe-steigen", "Die Pegel der Elbe steigen")),
        ):  # fmt: skip
            target = targets[0]
            all_langs = "+".join(targets)
            job = client.post(
                "/v1/jobs",
                json={"text": text, "format": "markdown", "source_lang": lang, "targets": targets},
            ).json()
            done = wait_for_job(client, job["id"])
            assert done["state"] == "succeeded", done
            document = done["document_id"]
            plain, shown = expected
            for path, extension in (
                (f"/v1/documents/{document}/export?format=html", f"{all_langs}.html"),
                (f"/v1/documents/{document}/export?format=tmx", f"{all_langs}.tmx"),
                (f"/v1/documents/{document}/export?format=xliff&lang={target}", f"{target}.xlf"),
                (f"/v1/documents/{document}/render?lang={target}&format=markdown", f"{target}.md"),
            ):
                answer = client.get(path)
                assert answer.status_code == 200, (path, answer.text[:300])
                assert _names(answer.headers["content-disposition"]) == (
                    f"{plain or document}.{extension}",
                    f"{shown}.{extension}",
                ), path
            xliffs = {
                _names(
                    client.get(f"/v1/documents/{document}/export?format=xliff&lang={t}").headers[
                        "content-disposition"
                    ]
                )
                for t in targets
            }
            assert len(xliffs) == len(targets), xliffs  # one file name per language
