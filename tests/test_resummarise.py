"""Prompted summaries record their prompt; a changed prompt makes them stale for `resummarise`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from service.ingest import store_article
from service.parse import parse_article
from service.settings import REPO_ROOT, Settings
from service.storage.db import Database
from service.storage.tables import SummaryRow
from tests.cli_runs import invoke_cli
from workers.model_cache import ModelCache
from workers.summarise.prompts import load_prompt
from workers.summarise_document import summarise_document
from workers.tiny.build import build_tiny_marian

ARTICLE = """Neue Regeln für Drohnen

Die Regierung hat am Montag neue Regeln für Drohnen angekündigt. Sie gelten ab Januar.

Kritik aus der Opposition

Die Opposition hält die Regeln für zu streng. Sie fordert Nachbesserungen bis zum Sommer.
"""


@pytest.fixture(scope="module")
def instruct_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random seq2seq model with room for a whole prompt: plumbing, not summaries."""
    return build_tiny_marian(tmp_path_factory.mktemp("tiny-instruct"), max_positions=1024)


@pytest.mark.slow  # the whole pipeline on the seed article, in a subprocess: left out by --quick
def test_changed_prompt_is_recorded_and_rerun(
    database: Database, database_url: str, tmp_path: Path, instruct_model: Path
) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(REPO_ROOT / "prompts", prompts)
    env = {
        "INTERLINEAR_DATABASE_URL": database_url,
        "INTERLINEAR_SUMMARY_METHOD": "instruct",
        "INTERLINEAR_SUMMARY_MODEL": str(instruct_model),
        "INTERLINEAR_PROMPTS_DIR": str(prompts),
    }
    settings = Settings(
        database_url=database_url,
        summary_method="instruct",
        summary_model=str(instruct_model),
        prompts_dir=prompts,
    )
    old_hash = load_prompt("summarise_article", "de", prompts).sha256
    with database.session() as session:
        document = store_article(session, ARTICLE, parse_article(ARTICLE))
        assert summarise_document(session, ModelCache(settings), document.id, "de") == 3
        rows = list(session.scalars(select(SummaryRow)))
    article = next(r for r in rows if r.scope == "article")
    assert (article.method, article.prompt_name, article.prompt_hash) == (
        "instruct",
        "summarise_article.de.j2",
        old_hash,
    )
    assert {r.prompt_name for r in rows if r.scope != "article"} == {"summarise_section.de.j2"}

    def cli(*args: str) -> str:
        result = invoke_cli("resummarise", *args, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "0 (document, language) summary set(s) to redo" in cli()  # nothing changed yet

    path = prompts / "summarise_article.de.j2"
    path.write_text(path.read_text(encoding="utf-8") + "\nSchreibe sachlich.\n", encoding="utf-8")
    new_hash = load_prompt("summarise_article", "de", prompts).sha256
    assert new_hash != old_hash

    assert "1 (document, language) summary set(s) to redo" in cli("--prompt-hash", old_hash, "--dry-run")
    assert "1 (document, language) summary set(s) to redo" in cli("--prompt-hash", old_hash)
    with database.session() as session:
        hashes = [
            r.prompt_hash for r in session.scalars(select(SummaryRow).where(SummaryRow.scope == "article"))
        ]
    assert hashes == [old_hash, new_hash]  # the old summary is kept, the new one added
    assert "0 (document, language) summary set(s) to redo" in cli("--prompt-hash", old_hash)
    assert "0 (document, language) summary set(s) to redo" in cli()
