"""The one-shot CLI against SQLite and PostgreSQL: in the test process (the same typer app), and once
as a real ``python -m service.cli`` process."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import create_engine, func, inspect, select

from service.aligned import AlignedDocument, AlignedSection, AlignedSegment, Output
from service.storage.tables import Document, SegmentRow, TranslationRow
from tests.cli_runs import early_breaks, help_text, invoke_cli
from tests.conftest import SEED_ARTICLE, require_shared
from tests.security.hostile_files import article_pdf, truncated


def run_cli(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return invoke_cli(*args, env={"INTERLINEAR_DATABASE_URL": database_url})


def run_process(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTERLINEAR_DATABASE_URL": database_url, "COLUMNS": "200", "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.mark.slow  # the whole pipeline on the seed article, in a subprocess: left out by --quick
def test_translate_seed_article(database_url: str, tiny_marian_dir: Path) -> None:
    """``python -m service.cli translate`` as a real process (the other tests run the same app in the
    test process)."""
    article = require_shared(SEED_ARTICLE)
    result = run_process("translate", str(article), "--to", "en", "--model-dir", str(tiny_marian_dir),
                     database_url=database_url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    positions = [result.stdout.index(f"Section {n}") for n in range(1, 10)]
    assert positions == sorted(positions)
    assert "Section 10" not in result.stdout
    assert "de→en" in result.stderr  # the progress bar

    engine = create_engine(database_url)
    with engine.connect() as connection:
        translatable = connection.scalar(
            select(func.count()).select_from(SegmentRow).where(SegmentRow.translatable.is_(True))
        )
        per_segment = connection.execute(
            select(SegmentRow.key, func.count(TranslationRow.id))
            .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
            .group_by(SegmentRow.key)
        ).all()
    engine.dispose()
    assert translatable == 43
    assert len(per_segment) == translatable and all(count == 1 for _, count in per_segment)


@pytest.mark.slow  # the whole pipeline on the seed article, in a subprocess: left out by --quick
def test_translate_json_output_pairs_every_sentence(tmp_path: Path, tiny_marian_dir: Path) -> None:
    article = require_shared(SEED_ARTICLE)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = run_cli("translate", str(article), "--to", "en", "--json", "--model-dir", str(tiny_marian_dir),
                     database_url=url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["sections"]) == 9
    for section in document["sections"]:
        assert section["heading"]["translations"]["en"]["model_id"] == tiny_marian_dir.name
        for segment in section["segments"]:
            assert ("en" in segment["translations"]) == segment["translatable"]
    caption = document["sections"][1]["segments"][0]
    assert caption["role"] == "caption" and caption["lang"] == "ko" and caption["translations"] == {}
    # a plain text has no markup to rebuild: said first, not after asking for --lang (a newcomer's
    # export asked for --lang, then refused the format)
    for wanted in ([], ["--lang", "en"]):
        markdown = run_cli("export", document["id"], "--format", "markdown", *wanted, database_url=url)
        assert markdown.returncode == 2, markdown.stderr
        assert "submitted as plain text: it has no markup to render" in markdown.stderr
        assert "--lang" not in markdown.stderr.split("no markup to render")[0], markdown.stderr


def _document_count(database_url: str) -> int | None:
    if database_url.startswith("sqlite") and not Path(database_url.removeprefix("sqlite:///")).exists():
        return None
    engine = create_engine(database_url)
    try:
        if "documents" not in inspect(engine).get_table_names():
            return None
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Document)) or 0)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # said as a CLI would: an outside tester's empty file was told "upload the article's file"
        ("article.txt", b"", "article.txt is empty; pass a file with the article's text"),
        ("article.txt", b"x" * 2048, "over the limit of 1,024 bytes"),
        ("article.txt", b"Ein Text.\n\x00\x01\x02\x03" * 10, "binary"),
        # a program with bytes no UTF-8 text has before its NULs was called "not UTF-8 text (it may
        # be Latin-1)" (a newcomer's /bin/ls)
        ("ls", b"\x7fELF\x02\x01\x01\x00" + bytes(range(128, 256)) * 4, "ls has a NUL byte at"),
        # The upload's check of what a file is (found by an outside attack: the API refused a PDF
        # named .txt with 422, the CLI read it as text)
        ("article.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10,
         "article.txt is a PNG image, not a .txt file: send the article's text"),
        ("article.txt", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
         "article.txt is a PDF, not a .txt file: send it under a name that ends in .pdf"),
        ("article.md", b"PK\x03\x04" + b"word/document.xml" * 4, "article.md is a zip archive"),
        ("article", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "article is a PDF, not a text file"),
        ("article.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
         "article.doc is an old Office file (a Word .doc?), not a text file: save it as .docx"),
        # pypdf's own warning was printed bare above the error (found by an outside tester)
        ("trunc.pdf", truncated(article_pdf()),
         "trunc.pdf: cannot read trunc.pdf as a PDF (PdfStreamError: Stream has ended unexpectedly; "
         "EOF marker not found)"),
    ],
    ids=["empty", "too-large", "binary", "program", "png-as-txt", "pdf-as-txt", "zip-as-md",
         "pdf-without-suffix", "word-97", "truncated-pdf"],
)  # fmt: skip
def test_bad_files_exit_2_and_write_nothing(
    database_url: str, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    if database_url.startswith("sqlite"):  # a database the CLI would have to make: it makes none
        database_url = f"sqlite:///{tmp_path / 'not-made.db'}"
    before = _document_count(database_url)
    env_limit = {"INTERLINEAR_MAX_ARTICLE_BYTES": "1024"}
    os.environ.update(env_limit)
    try:
        result = run_cli("translate", str(path), "--to", "en", database_url=database_url)
    finally:
        os.environ.pop("INTERLINEAR_MAX_ARTICLE_BYTES")
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert (
        f"{path}: {name} " not in result.stderr
    )  # the file named once (a newcomer's "empty.txt: empty.txt")
    assert _document_count(database_url) == before
    if database_url.startswith("sqlite"):
        assert not Path(database_url.removeprefix("sqlite:///")).exists()


@pytest.mark.parametrize(
    ("targets", "model_dir", "message"),
    [
        ("en,de", False, "target 'de' is the article's own language"),
        ("xx", False, "--to 'xx' is not a supported language; use one of de, en, ko"),
        ("en,de-DE", True, "--to 'de-de' is not a supported language"),
        (" , ", False, "names no language"),
    ],
    ids=["own-language", "unknown", "unknown-with-a-model-dir", "none"],
)
def test_targets_the_article_cannot_have_exit_2_and_store_nothing(
    tmp_path: Path, tiny_marian_dir: Path, targets: str, model_dir: bool, message: str
) -> None:
    """The API's checks, before a model loads or the article is stored: a German article asked for
    'de' once tried to load a model for de->de, and with a model directory (used for every pair)
    'xx' was "translated", stored and exported."""
    path = tmp_path / "article.txt"
    path.write_text("Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt.\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    extra = ["--model-dir", str(tiny_marian_dir)] if model_dir else []
    result = run_cli("translate", str(path), "--to", targets, *extra, database_url=url)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "cli.db").exists()


def test_a_source_language_the_text_is_not_in_is_said_with_the_cli_option(tmp_path: Path) -> None:
    """A newcomer's ``--from en`` on a German article was told to "send source_lang 'de'"."""
    path = tmp_path / "article.txt"
    path.write_text(
        "Die Regierung hat am Montag neue Regeln angekündigt. Sie gelten ab Januar.\n", encoding="utf-8"
    )
    result = run_cli(
        "translate", str(path), "--from", "en", "--to", "ko", database_url=f"sqlite:///{tmp_path / 'x.db'}"
    )
    assert result.returncode == 2
    assert (
        "send --from 'de', or leave --from out" in result.stderr and "send source_lang" not in result.stderr
    )


@pytest.mark.parametrize("fmt", ["pdf", "Markdown", ""])
def test_an_unknown_format_exits_2_naming_the_formats(tmp_path: Path, fmt: str) -> None:
    """Found by an outside tester: ``--format pdf`` (or ``Markdown``) ended in a traceback and
    ``ValueError: 'pdf' is not a valid SourceFormat``, exit 1. POST /v1/jobs refuses both with a 422."""
    path = tmp_path / "article.txt"
    path.write_text("Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt.\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = run_cli("translate", str(path), "--to", "en", "--format", fmt, database_url=url)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"--format {fmt!r} is not a format" in result.stderr, result.stderr
    assert "use one of text, markdown, html" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "cli.db").exists()


def test_retranslate_takes_codes_as_translate_does(
    tmp_path: Path, tiny_marian_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--to EN`` is en (it was compared with the stored "en" as another language: every sentence
    "stale"), and a code no pair has is refused, even with a model that would take any pair."""
    path = tmp_path / "article.txt"
    path.write_text("Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt.\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("INTERLINEAR_MODEL_DIR", str(tiny_marian_dir))  # the model of every pair
    stored = run_cli("translate", str(path), "--to", "en", database_url=url)
    assert stored.returncode == 0, stored.stderr
    upper = run_cli("retranslate", "--to", "EN", "--lang", "DE", "--dry-run", database_url=url)
    assert upper.returncode == 0, upper.stderr
    assert "1 document(s) selected; 0 (document, language) pair(s)" in upper.stdout, upper.stdout
    unknown = run_cli("retranslate", "--to", "en,xx", "--dry-run", database_url=url)
    assert unknown.returncode == 2, unknown.stdout + unknown.stderr
    assert "--to 'xx' is not a supported language" in unknown.stderr
    assert len(unknown.stderr.strip().splitlines()) == 1, unknown.stderr
    none = run_cli("retranslate", "--to", " , ", database_url=url)
    assert none.returncode == 2 and "names no language" in none.stderr, none.stdout + none.stderr


SHARED_SENTENCE = "Die Regierung hat am Montag neue Regeln angekündigt."


def test_translate_for_a_tenant_uses_its_default_glossary_as_an_api_job_does(
    tmp_path: Path, tiny_marian_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by an outside tester: ``translate --tenant newsroom`` stored its document without the
    tenant's default glossary, which an API job of the tenant applies: its outputs had another
    settings hash, and ``retranslate --dry-run`` listed the document as stale. Now the same sentence
    has the same settings hash either way, and nothing is stale."""
    from service.settings import Settings
    from tests.support import api_client, embedded_app, wait_for_job

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("INTERLINEAR_MODEL_DIR", str(tiny_marian_dir))  # the model of every pair
    settings = Settings(
        database_url=url, broker_url="memory://", model_dir=tiny_marian_dir, auth_required=True
    )
    glossary = {
        "name": "Haus",
        "default": True,
        "entries": [{"source": "Regierung", "targets": {"en": "cabinet"}}],
    }
    with embedded_app(settings) as app, api_client(app, "newsroom") as client:
        assert client.post("/v1/glossaries", json=glossary).status_code == 201
        article = {"text": f"Neue Regeln\n\n{SHARED_SENTENCE}\n", "source_lang": "de", "targets": ["en"]}
        job = client.post("/v1/jobs", json=article)
        assert job.status_code == 202, job.text
        assert wait_for_job(client, job.json()["id"])["state"] == "succeeded"
    path = tmp_path / "article.txt"
    path.write_text(f"Neue Regeln für Mieter\n\n{SHARED_SENTENCE} Sie gelten ab Januar.\n", encoding="utf-8")
    stored = run_cli(
        "translate", str(path), "--to", "en", "--from", "de", "--tenant", "newsroom", database_url=url
    )
    assert stored.returncode == 0, stored.stderr

    engine = create_engine(url)
    with engine.connect() as connection:
        hashes = connection.execute(
            select(SegmentRow.document_id, TranslationRow.settings_hash)
            .join(TranslationRow, TranslationRow.segment_id == SegmentRow.id)
            .where(SegmentRow.text == SHARED_SENTENCE, TranslationRow.target_lang == "en")
        ).all()
    engine.dispose()
    assert len({document for document, _ in hashes}) == 2, hashes  # the API's document and the CLI's
    assert len({settings_hash for _, settings_hash in hashes}) == 1, hashes
    stale = run_cli("retranslate", "--to", "en", "--dry-run", database_url=url)
    assert stale.returncode == 0, stale.stderr
    assert "2 document(s) selected; 0 (document, language) pair(s)" in stale.stdout, stale.stdout


def _queued_job(url: str) -> str:
    """A job left queued in the database at ``url`` (its process killed before the worker took it)."""
    from service.job_records import create_job
    from service.storage.db import Database

    database = Database(url)
    try:
        with database.session() as session:
            job, _ = create_job(session, None, "de", ["en"], "digest")
            return job.id
    finally:
        database.close()


def _job_events(url: str, job_id: str) -> list[tuple[str, str | None]]:
    from service.storage.tables import JobEvent

    engine = create_engine(url)
    with engine.connect() as connection:
        events = connection.execute(select(JobEvent.state, JobEvent.detail).where(JobEvent.job_id == job_id))
        found = [(state, detail) for state, detail in events]
    engine.dispose()
    return found


def test_requeue_stale_on_the_embedded_queue_says_the_api_does_it_and_exits_0(tmp_path: Path) -> None:
    """With the in-process queue the API requeues its own lost jobs (at start, then every
    INTERLINEAR_RECONCILE_EVERY seconds); the command would run them in a process that ends at once
    (a job then failed with "can't register atexit after shutdown"). It said so as an error (exit
    2); now it says what the API does there and how many jobs wait for it, and touches none."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    none = run_cli("jobs", "requeue-stale", database_url=url)
    assert none.returncode == 0, none.stdout + none.stderr
    assert none.stdout.startswith("nothing to requeue from here: with the embedded queue"), none.stdout
    assert "its reaper sends their tasks again itself, every unfinished job when it starts" in none.stdout
    assert none.stdout.rstrip().endswith("0 unfinished jobs silent for over 180 s: nothing to do"), (
        none.stdout
    )
    job_id = _queued_job(url)
    before = _job_events(url, job_id)
    waiting = run_cli("jobs", "requeue-stale", "--older-than", "0", database_url=url)
    assert waiting.returncode == 0, waiting.stdout + waiting.stderr
    assert "1 unfinished job silent for over 0 s: restart the API if it is not running" in waiting.stdout
    assert _job_events(url, job_id) == before  # nothing sent, nothing recorded: the API's reaper does it
    assert "Traceback" not in none.stderr + waiting.stderr


def test_requeue_stale_on_the_embedded_queue_with_the_reaper_disabled_exits_1_saying_what_to_do(
    tmp_path: Path,
) -> None:
    """With INTERLINEAR_REAPER_ENABLED=false the API does not send its unfinished jobs again either:
    stale jobs then wait for nothing, and the command says how to have them sent (exit 1)."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {"INTERLINEAR_DATABASE_URL": url, "INTERLINEAR_REAPER_ENABLED": "false"}
    none = invoke_cli("jobs", "requeue-stale", env=env)
    assert none.returncode == 0, none.stdout + none.stderr
    assert none.stdout.startswith("nothing to requeue: 0 unfinished jobs silent for over 180 s. The reaper "
                                  "is disabled (INTERLINEAR_REAPER_ENABLED=false)"), none.stdout  # fmt: skip
    job_id = _queued_job(url)
    stale = invoke_cli("jobs", "requeue-stale", "--older-than", "0", env=env)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "1 unfinished job silent for over 0 s, and the reaper is disabled" in stale.stderr, stale.stderr
    assert "Set INTERLINEAR_REAPER_ENABLED=true and restart the API" in stale.stderr, stale.stderr
    assert "Traceback" not in stale.stderr and len(stale.stderr.strip().splitlines()) == 1, stale.stderr
    assert [state for state, _ in _job_events(url, job_id)] == ["queued"]


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = run_cli("translate", str(tmp_path / "missing.txt"), "--to", "en", database_url=url)
    assert result.returncode == 2
    assert "cannot read" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "cli.db").exists()
    directory = run_cli("translate", str(tmp_path), "--to", "en", database_url=url)
    assert directory.returncode == 2 and "cannot read" in directory.stderr


@pytest.mark.slow  # the whole pipeline on the seed article, in a subprocess: left out by --quick
def test_summarise_prints_summaries_in_each_language(tmp_path: Path, tiny_marian_dir: Path) -> None:
    article = require_shared(SEED_ARTICLE)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["summarise", str(article), "--lang", "de,en,ko", "--json", "--model-dir", str(tiny_marian_dir)]
    result = run_cli(*args, database_url=url)
    assert result.returncode == 0, result.stderr
    summaries = json.loads(result.stdout)
    assert set(summaries["article"]) == {"de", "en", "ko"}
    assert len(summaries["sections"]) == 9
    assert all(set(langs) == {"de", "en", "ko"} for langs in summaries["sections"].values())
    text = run_cli("summarise", str(article), "--model-dir", str(tiny_marian_dir), database_url=url)
    assert text.returncode == 0 and "Summary (de)" in text.stdout


def test_summarise_prints_the_articles_brackets_as_written(tmp_path: Path, tiny_marian_dir: Path) -> None:
    # its words went through rich markup: "[ticker]" vanished from the title
    article = tmp_path / "ticker.txt"
    article.write_text("[ticker] Bahnstreik am Montag\n\nDie Bahn hat für Montag einen Streik "
                       "angekündigt [Update 14 Uhr].\n", encoding="utf-8")  # fmt: skip
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = run_cli(
        "summarise", str(article), "--lang", "de", "--model-dir", str(tiny_marian_dir), database_url=url
    )
    assert result.returncode == 0, result.stderr
    assert "[ticker] Bahnstreik am Montag" in result.stdout, result.stdout


@pytest.mark.slow  # the whole pipeline on the seed article, in a subprocess: left out by --quick
def test_docx_in_docx_out(database_url: str, tiny_marian_dir: Path, tmp_path: Path) -> None:
    """``translate`` takes a .docx as the upload endpoint does; ``export --format docx`` writes it back
    with the translation in its runs, ``--format markdown`` as Markdown; plain text has no markup."""
    import docx

    from tests.service.rendering.markup import docx_from_text

    article = tmp_path / "kursk.docx"
    article.write_bytes(docx_from_text(require_shared(SEED_ARTICLE).read_text(encoding="utf-8")))
    result = run_cli("translate", str(article), "--to", "en", "--from", "de",
                     "--model-dir", str(tiny_marian_dir), "--json", database_url=database_url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    document_id = json.loads(result.stdout)["id"]
    out = tmp_path / "kursk.en.docx"
    exported = run_cli("export", document_id, "--format", "docx", "--lang", "en", "-o", str(out),
                       database_url=database_url)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    source, rendered = docx.Document(str(article)), docx.Document(str(out))
    assert [p.style.name for p in rendered.paragraphs] == [p.style.name for p in source.paragraphs]
    assert sum(p.text != q.text for p, q in zip(rendered.paragraphs, source.paragraphs, strict=True)) >= 19
    markdown = run_cli(
        "export", document_id, "--format", "markdown", "--lang", "en", database_url=database_url
    )
    assert markdown.returncode == 0 and markdown.stdout.startswith("# "), markdown.stderr
    assert markdown.stdout.endswith("\n") and not markdown.stdout.endswith("\n\n")  # a text file's last line
    both = run_cli("export", document_id, "--format", "html", "--lang", "en,ko", database_url=database_url)
    assert both.returncode == 2 and "give one --lang (this document is translated into: en)" in both.stderr
    unnamed = run_cli("export", document_id, "--format", "docx", database_url=database_url)
    assert unnamed.returncode == 2 and "(this document is translated into: en)" in unnamed.stderr
    missing_folder = str(tmp_path / "no" / "x.docx")
    nowhere = run_cli("export", document_id, "--format", "docx", "--lang", "en", "-o", missing_folder,
                      database_url=database_url)  # fmt: skip
    assert nowhere.returncode == 2 and "check the folder exists" in nowhere.stderr, nowhere.stderr


def test_export_report_lists_what_stays_in_the_source_language(tiny_marian_dir: Path, tmp_path: Path) -> None:
    """``export --report`` lists each passage of the rendering left in the source language with its
    place and why: here a caption whose translation is taken away (not translated yet)."""
    from sqlalchemy import delete
    from sqlalchemy.orm import Session

    from tests.service.rendering.test_render_parts import CAPTIONED

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    page = tmp_path / "bruecke.html"
    page.write_text(CAPTIONED, encoding="utf-8")
    result = run_cli("translate", str(page), "--to", "en", "--from", "de",
                     "--model-dir", str(tiny_marian_dir), "--json", database_url=url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    document_id = json.loads(result.stdout)["id"]
    complete = run_cli(
        "export", document_id, "--format", "html", "--lang", "en", "--report", database_url=url
    )
    assert complete.returncode == 0 and "stay in the source language" not in complete.stderr, complete.stderr
    # said, not left silent (a newcomer read the empty report as the option doing nothing)
    assert "every passage is translated: none stays in the source language" in complete.stderr
    as_json = run_cli("export", document_id, "--format", "json", "--report", database_url=url)
    assert as_json.returncode == 2 and "--format json rebuilds none: leave --report out" in as_json.stderr
    with Session(create_engine(url)) as session:
        caption = session.scalar(select(SegmentRow).where(SegmentRow.role == "caption"))
        assert caption is not None and caption.text.startswith("Die neue Brücke")
        session.execute(delete(TranslationRow).where(TranslationRow.segment_id == caption.id))
        session.commit()
    short = run_cli("export", document_id, "--format", "html", "--lang", "en", "--report", database_url=url)
    assert short.returncode == 0, short.stderr
    assert "1 passage(s) stay in the source language" in short.stderr
    line = (
        "/html/body/article/figure/figcaption: not translated yet: Die neue Brücke verbindet die beiden Ufer"
    )
    assert line in short.stderr, short.stderr


def test_export_says_a_language_the_service_does_not_support(tiny_marian_dir: Path, tmp_path: Path) -> None:
    """A newcomer's ``export --lang xx`` (or ``fr``) was told "no translations into xx", as if the
    article could still be translated into it: said as the API says it, listing the languages there
    are. A supported language without a translation keeps its answer."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    article = tmp_path / "regeln.txt"
    article.write_text(
        "Neue Regeln\n\nDie Regierung hat am Montag neue Regeln angekündigt.\n", encoding="utf-8"
    )
    result = run_cli("translate", str(article), "--to", "en", "--from", "de",
                     "--model-dir", str(tiny_marian_dir), "--json", database_url=url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    document_id = json.loads(result.stdout)["id"]
    for fmt in ("json", "markdown"):
        for sent in ("xx", "fr", "en,FR"):
            refused = run_cli("export", document_id, "--format", fmt, "--lang", sent, database_url=url)
            shown = sent.split(",")[-1]
            said = f"--lang {shown!r} is not a supported language; use one of de, en, ko"
            assert refused.returncode == 2 and said in refused.stderr, (fmt, sent, refused.stderr)
            assert "no translations into" not in refused.stderr
    not_yet = run_cli("export", document_id, "--lang", "ko", database_url=url)
    assert not_yet.returncode == 2 and "has no translations into ko" in not_yet.stderr, not_yet.stderr
    exported = run_cli("export", document_id, "--lang", " EN", database_url=url)  # as --to takes codes
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["target_langs"] == ["en"]


def test_every_commands_help_wraps_its_paragraphs_to_the_terminal() -> None:
    """A newcomer's ``COLUMNS=80 interlinear check --help`` broke a sentence after "one line and":
    this typer's rich help kept the line breaks of the docstring's source, then wrapped each line.
    Every command's paragraphs are now wrapped as one run of text, as click writes them."""
    from service.cli import app
    from service.cli_common import help_paragraphs

    group: Any = typer.main.get_command(app)
    commands = []
    for name in group.list_commands(None):
        sub = group.get_command(None, name)
        if hasattr(sub, "list_commands"):  # a group of commands: interlinear keys, jobs, memory, models
            commands += [[name, inner] for inner in sub.list_commands(None)]
        else:
            commands.append([name])
    assert len(commands) >= 15 and ["jobs", "requeue-stale"] in commands, commands
    broken = {" ".join(command): early_breaks(help_text(*command)) for command in commands}
    assert {name: lines for name, lines in broken.items() if lines} == {}
    # a paragraph marked with \b keeps its lines (as click keeps them), without the marker
    assert help_paragraphs("Short.\n\n    One\n    run.\n\n    \b\n    0  none\n    1  some") == (
        "Short.\n\nOne run.\n\n0  none\n1  some"
    )


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        (["translate"], "translate [OPTIONS] ARTICLE"),
        (["check"], "check [OPTIONS] SOURCE_FILE TARGET_FILE"),
        (["retranslate"], "retranslate [OPTIONS]"),
        (["keys", "create"], "keys create [OPTIONS]"),
        ([], "[OPTIONS] COMMAND [ARGS]..."),
    ],
)
def test_help_shows_arguments_in_capitals_and_flags_without_a_type(command: list[str], usage: str) -> None:
    """Found by an outside tester: `interlinear translate --help` showed `Usage: ... {article}` and
    `--json <bool>` (and `--help <bool>`), as this typer writes them."""
    from typer.testing import CliRunner

    from service.cli import app

    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert usage in result.output, result.output
    assert "<bool>" not in result.output and "{" not in result.output, result.output
    assert re.search(r"--help\s+Show this message", result.output), result.output
    if command == ["translate"]:
        assert re.search(r"--json\s+Print the aligned document as JSON", result.output), result.output
        assert "<path>" in result.output and "<str>" in result.output  # options that take a value keep it


def _segment(key: str, role: str, text: str, **translations: str) -> AlignedSegment:
    made = dt.datetime(2026, 11, 7, tzinfo=dt.UTC)
    outputs = {
        lang: Output(text=translated, version="v1", model_id="tiny", model_revision="r1", engine="ct2",
                     route=f"de>{lang}", settings_hash="h", flags=[], origin="model", created_at=made)
        for lang, translated in translations.items()
    }  # fmt: skip
    return AlignedSegment(id=key, role=role, lang="de", text=text, translatable=role != "meta",
                          translations=outputs)  # fmt: skip


def _printed(document: AlignedDocument, targets: list[str]) -> str:
    from service.cli import out, print_aligned

    with out.capture() as captured:
        print_aligned(document, targets)
    return captured.get()


def test_translate_prints_the_title_beside_its_translation() -> None:
    """Found by an outside tester: the title was printed as a heading, its translation nowhere,
    though it is translated and counted with the sentences; and the article's own square brackets
    were read as markup ("[ticker]" vanished)."""
    title = _segment("t01", "title", "Neue Regeln [ticker]", en="New rules [ticker]", ko="새 규칙")
    body = _segment("s01.p01.01", "body", "Er sagt [b]ja[/].", en="He says yes.")
    document = AlignedDocument(
        id="d1", title="Neue Regeln [ticker]", source_lang="de", source_format="text", date=None,
        category=None, tags=[], boilerplate=[], target_langs=["en", "ko"],
        front_matter=[title, _segment("m01", "meta", "Berlin, 7. November")],
        sections=[AlignedSection(number=1, id="s01", heading=None, segments=[body])], back_matter=[],
    )  # fmt: skip
    printed = _printed(document, ["en", "ko"])
    lines = [" ".join(line.strip("│┃ ").split()) for line in printed.splitlines()]
    heading = next(n for n, line in enumerate(lines) if line.startswith("DE"))
    assert (
        re.sub(r"\s*[┃│]\s*", " | ", lines[heading + 2])
        == "Neue Regeln [ticker] | New rules [ticker] | 새 규칙"
    )
    assert lines.index("id d1 · language de") > heading, printed
    assert printed.index("New rules [ticker]") < printed.index("Section 1")
    assert "Er sagt [b]ja[/]." in printed, printed
    assert "Berlin, 7. November" not in printed  # metadata stays out, as before

    only_en = _printed(document, ["en"])
    assert "New rules [ticker]" in only_en and "새 규칙" not in only_en
    untranslated = document.model_copy(
        update={"front_matter": [title.model_copy(update={"translations": {}})]}
    )
    assert "(title, de, not translated)" in _printed(untranslated, ["en"])
    untitled = document.model_copy(update={"title": None, "front_matter": []})
    assert _printed(untitled, ["en"]).splitlines()[0] == "(untitled)"


def test_db_upgrade_says_whether_it_created_migrated_or_found_the_schema_up_to_date(tmp_path: Path) -> None:
    """Found by a newcomer: on a database file that did not exist, db-upgrade said "is up to date",
    as if nothing had happened. It says it created the schema, and the second time that there was
    nothing to do."""
    url = f"sqlite:///{tmp_path / 'new.db'}"
    first = invoke_cli("db-upgrade", "--database-url", url)
    assert first.returncode == 0, first.stderr
    assert "schema created (revision " in " ".join(first.stdout.split()), first.stdout
    again = invoke_cli("db-upgrade", "--database-url", url)
    assert again.returncode == 0 and "is up to date already" in " ".join(again.stdout.split()), again.stdout


def test_a_message_is_one_line_in_a_pipe(tmp_path: Path) -> None:
    """A newcomer piped the CLI and found its messages cut at 80 columns ("... '-', ⏎ starting with a
    letter or digit"): a script reads a refusal, or a flag, as one line."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["INTERLINEAR_DATABASE_URL"] = f"sqlite:///{tmp_path / 'keys.db'}"
    refused = subprocess.run(
        [sys.executable, "-m", "service.cli", "keys", "create", "--tenant", "ten A"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "error: tenant 'ten A' must be 1-64 characters of a-z, 0-9, '.', '_' or '-', "
        "starting with a letter or digit"
    ]
