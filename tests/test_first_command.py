"""The first command works from any clone: the sample article it translates without an argument
ships with the project (examples/), reads as German news, and the script falls back to it; run
twice, it says the article is already translated. The README's /v1/translate example and its
service examples (an article submitted to /v1/jobs, its export fetched) are requests the API
answers. (The whole first command, install included, is checked by hand from a fresh clone; see
the issue 22 report.)"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from service.ingest import read_article
from service.settings import Settings
from tests.conftest import REPO_ROOT
from tests.support import embedded_client, wait_for_job
from tests.test_cli import run_cli

SAMPLE = REPO_ROOT / "examples" / "bundestag.de.txt"


def test_the_sample_article_ships_and_reads_as_german_news() -> None:
    _text, article = read_article(SAMPLE.read_bytes(), Settings(), None, None)
    assert article.metadata.source_lang == "de"
    assert len(list(article.segments())) >= 10
    quickstart = (REPO_ROOT / "scripts" / "quickstart").read_text(encoding="utf-8")
    assert "article=examples/bundestag.de.txt" in quickstart
    assert subprocess.run(["bash", "-n", str(REPO_ROOT / "scripts" / "quickstart")]).returncode == 0


def test_the_quickstart_says_its_own_usage_and_installs_nothing(tmp_path: Path) -> None:
    """`bash scripts/quickstart --help` printed the translate command's help after translating the
    sample (a newcomer's finding): it prints its own usage and exits before installing anything."""
    copy = tmp_path / "scripts" / "quickstart"
    copy.parent.mkdir()
    copy.write_text((REPO_ROOT / "scripts" / "quickstart").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run(
        ["bash", str(copy), "--help"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "bash scripts/quickstart [ARTICLE] [--to en] [--tiny]" in done.stdout
    assert "interlinear translate --help" in done.stdout
    assert not (tmp_path / ".venv").exists()


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


def test_the_readme_service_examples_submit_an_article_and_fetch_its_export(
    tmp_path: Path, tiny_marian_dir: Path
) -> None:
    """Found by a newcomer's README run: "The service" started the API but showed no request to
    send it; the curl of POST /v1/jobs was a one-sentence example further down, and none fetched
    the result. The README now submits the shipped sample article to POST /v1/jobs (as a file) and
    fetches the document's export; both are requests the API answers as the README says."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    service = readme[readme.index("## The service") : readme.index("**Priorities.**")]
    submit = re.search(
        r'curl -sS -H "Authorization: Bearer \$KEY" -F file=@(\S+) -F targets=(\w+) \\\s*\n'
        r"\s*http://127\.0\.0\.1:8000(/v1/jobs)\n",
        service,
    )
    assert submit, "the README's curl of POST /v1/jobs under 'The service' is gone"
    export = re.search(
        r"-o (\S+) \\\s*\n\s*'http://127\.0\.0\.1:8000/v1/documents/DOCUMENT_ID(/export\?format=(\w+))'",
        service,
    )
    assert export, "the README's curl of the export under 'The service' is gone"
    assert "http://127.0.0.1:8000/v1/jobs/JOB_ID" in service, "the job's state, asked for between them"
    article, target, path = submit.groups()
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}", broker_url="memory://",
                        model_dir=tiny_marian_dir)  # fmt: skip
    with embedded_client(settings) as client:
        sent = (REPO_ROOT / article).read_bytes()
        job = client.post(path, files={"file": (Path(article).name, sent)}, data={"targets": target})
        assert job.status_code == 202, job.text
        assert job.json()["state"] == "queued" and job.json()["document_id"], job.json()
        done = wait_for_job(client, job.json()["id"], timeout=300)
        assert done["state"] == "succeeded", done
        fetched = client.get(f"/v1/documents/{done['document_id']}{export.group(2)}")
    assert fetched.status_code == 200, fetched.text
    assert export.group(3) == "tmx" and export.group(1).endswith(".tmx")
    assert fetched.headers["content-type"] == "application/x-tmx+xml"
    assert fetched.text.count("<tu ") == done["progress"][target]["total"] > 0


def test_the_readme_creates_each_key_in_the_database_its_api_uses() -> None:
    """Found by an outside tester: the production shape exported INTERLINEAR_DATABASE_URL, but the
    second terminal then ran `interlinear keys create` without it, so the key went into
    ./interlinear.db and the API on PostgreSQL answered 401. Each shape now creates its key with
    the database its API runs on, and the second terminal names the production database first."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    service = readme[readme.index("## The service") : readme.index("**Priorities.**")]
    # the embedded block, the production block (with the text between), the second terminal's
    embedded, between, production, prose, terminal = service.split("```")[1:6]
    assert "production shape" in between, "the production block says what it is"
    assert "keys create" in embedded.split("uvicorn")[0], "the embedded shape's key, before its API starts"
    database = re.search(r"^export INTERLINEAR_DATABASE_URL=(\S+)", production, re.M)
    assert database, "the production shape names its database"
    assert "keys create" in production[database.end() :].split("uvicorn")[0], "its key, made on PostgreSQL"
    named = terminal.index(f"export INTERLINEAR_DATABASE_URL={database.group(1)}")
    assert named < terminal.index("interlinear keys create"), "the second terminal names the API's database"
    assert "INTERLINEAR_DATABASE_URL" in prose and "401" in prose, "and the text before it says why"


def test_the_readme_commands_write_no_file_into_the_clone() -> None:
    """Found by an outside tester: the README's export curl (`-o bundestag.en.tmx`) and glossary
    example (`> terms.csv`) left untracked files in the repository's root. Every file a README
    command writes goes under /tmp (an article's own files, read, may be anywhere)."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    commands = "\n".join(re.findall(r"```bash\n(.*?)```", readme, re.S))
    commands = re.sub(r"(^|\s)#.*", "", commands, flags=re.M)  # the comments
    commands += "\n" + "\n".join(re.findall(r"`([^`\n]*(?:interlinear|curl) [^`\n]*)`", readme))
    written = re.findall(r"(?:\s-o|\s--output|[^-\d]>)\s*(\S+)", commands)
    assert "/tmp/bundestag.en.tmx" in written and "/tmp/terms.csv" in written, written
    assert [path for path in written if not path.startswith("/tmp/")] == []
    read = re.findall(r"--data-binary @(\S+)", commands)
    assert read and all(path in written for path in read), "a file the README posts is one it wrote"


@pytest.mark.slow  # the whole pipeline twice, in a subprocess: left out by --quick
def test_the_first_command_run_again_says_the_article_is_already_translated(
    tmp_path: Path, tiny_marian_dir: Path
) -> None:
    """Found by a newcomer's README run: the quickstart run twice printed "de→en ... 0/0 sentences"
    (the article and its translations were stored by the first run, so nothing was left to do). The
    second run now says so, with how many sentences and which document."""
    url = f"sqlite:///{tmp_path / 'interlinear.db'}"
    args = ("translate", str(SAMPLE), "--model-dir", str(tiny_marian_dir))
    first = run_cli(*args, database_url=url)
    assert first.returncode == 0, first.stderr
    bar = re.search(r"de→en\b.*?(\d+)/(\d+) sentences", first.stderr)
    assert bar and bar.group(1) == bar.group(2) != "0", first.stderr
    document = re.search(r"id ([0-9a-f-]{36})", first.stdout)
    assert document, first.stdout
    again = run_cli(*args, database_url=url)
    assert again.returncode == 0, again.stderr
    count, document_id = bar.group(1), document.group(1)
    said = f"de→en already translated by an earlier run: {count} sentences, document {document_id}"
    assert said in again.stderr and "0/0" not in again.stderr, again.stderr
    assert again.stdout == first.stdout  # the same aligned article, printed again
