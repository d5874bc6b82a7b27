"""The first command works from any clone: the sample article it translates without an argument
ships with the project (examples/), reads as German news, and the script falls back to it; the
README's /v1/translate example is a request the API answers. (The whole first command, install
included, is checked by hand from a fresh clone; see the issue 22 report.)"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from service.ingest import read_article
from service.settings import Settings
from tests.conftest import REPO_ROOT
from tests.support import embedded_client

SAMPLE = REPO_ROOT / "examples" / "bundestag.de.txt"


def test_the_sample_article_ships_and_reads_as_german_news() -> None:
    _text, article = read_article(SAMPLE.read_bytes(), Settings(), None, None)
    assert article.metadata.source_lang == "de"
    assert len(list(article.segments())) >= 10
    quickstart = (REPO_ROOT / "scripts" / "quickstart").read_text(encoding="utf-8")
    assert "article=examples/bundestag.de.txt" in quickstart
    assert subprocess.run(["bash", "-n", str(REPO_ROOT / "scripts" / "quickstart")]).returncode == 0


def test_the_readme_translate_example_is_answered(tmp_path: Path, tiny_marian_dir: Path) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"-d '(\{\"text\": [^']+\})'\s*\\\s*\n\s*http://127\.0\.0\.1:8000/v1/translate", readme)
    assert match, "the README's curl example of POST /v1/translate is gone"
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as client:
        response = client.post("/v1/translate", content=match.group(1),
                               headers={"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 200, response.text
    sentences = response.json()["sentences"]
    assert [pair["source"] for pair in sentences] == ["Der Bundestag hat das Gesetz beschlossen."]
