"""`interlinear models convert|pull` and `interlinear eval`: ``pull`` as a real process (the hub's
offline switch is read when huggingface_hub is imported), the others in the test process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_runs import invoke_cli
from tests.conftest import SHARED, require_shared


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return invoke_cli(*args, env=env)


def run_process(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        env={**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "200", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_pull_says_the_hub_is_unreachable() -> None:
    result = run_process("models", "pull")
    assert result.returncode == 1
    assert "Helsinki-NLP/opus-mt-de-en: the Hugging Face hub is unreachable or offline" in result.stderr


@pytest.mark.slow  # the whole pipeline on the seed article, in a subprocess: left out by --quick
def test_convert_then_translate_with_ctranslate2(tmp_path: Path, tiny_marian_dir: Path) -> None:
    converted = tmp_path / "ct2"
    result = run("models", "convert", str(tiny_marian_dir), str(converted))
    assert result.returncode == 0, result.stderr
    assert (converted / "model.bin").exists()
    article = tmp_path / "a.txt"
    article.write_text(
        "Die Regierung hat am Montag neue Maßnahmen angekündigt. Kritiker warnen.", encoding="utf-8"
    )
    translated = run("translate", str(article), "--to", "en", "--json", "--model-dir", str(converted),
                     INTERLINEAR_MODEL_DIR_ENGINE="ctranslate2",
                     INTERLINEAR_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite'}")  # fmt: skip
    assert translated.returncode == 0, translated.stderr
    document = json.loads(translated.stdout)
    outputs = [s["translations"]["en"] for s in document["sections"][0]["segments"]]
    assert len(outputs) == 2 and {o["engine"] for o in outputs} == {"ctranslate2"}


@pytest.mark.slow  # the whole pipeline on the seed article, in a subprocess: left out by --quick
def test_eval_on_a_slice_writes_a_report(tmp_path: Path, tiny_marian_dir: Path) -> None:
    require_shared(SHARED / "eval" / "flores200-devtest")
    report = tmp_path / "report.json"
    result = run("eval", "--pair", "de-en", "--testset", "flores200-devtest", "--limit", "5",
                 "--model-dir", str(tiny_marian_dir), "--report", str(report),
                 INTERLINEAR_EVAL_DIR=str(SHARED / "eval"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(report.read_text())
    assert data["sentences"] == 5 and data["pair"] == "de-en" and data["route"] == "de>en"
    assert 0 <= data["bleu"] <= 100 and 0 <= data["chrf"] <= 100
    assert "nrefs:1" in data["bleu_signature"]
    compared = run("eval", "--pair", "de-en", "--testset", "flores200-devtest", "--limit", "4",
                   "--model-dir", str(tiny_marian_dir), "--engines", "transformers,ctranslate2",
                   "--report", str(report), INTERLINEAR_EVAL_DIR=str(SHARED / "eval"))  # fmt: skip
    assert compared.returncode == 0, compared.stderr
    for engine in ("transformers", "ctranslate2"):
        data = json.loads(report.with_stem(f"report-{engine}").read_text())
        assert data["engine"] == engine and data["sentences"] == 4
    assert "ctranslate2" in compared.stdout and "vs first" in compared.stdout
    unknown = run("eval", "--testset", "nope", "--model-dir", str(tiny_marian_dir))
    assert unknown.returncode == 2 and "unknown test set" in unknown.stderr


def test_eval_compares_the_candidate_routes_of_a_pair(
    tmp_path: Path, tiny_marian_dir: Path, tiny_marian_b_dir: Path
) -> None:
    require_shared(SHARED / "eval" / "flores200-devtest")
    registry = tmp_path / "models.toml"
    registry.write_text(
        f"""
[pairs.de-en]
model = "{tiny_marian_dir}"
engine = "transformers"
score = "chrF 0.67"

[candidates.de-en.other-tiny]
model = "{tiny_marian_b_dir}"
engine = "transformers"

[candidates.de-en.not-here]
model = "Helsinki-NLP/no-such-model-here"
engine = "transformers"
""",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    env = {"INTERLINEAR_EVAL_DIR": str(SHARED / "eval"), "INTERLINEAR_REGISTRY_FILE": str(registry)}
    result = run("eval", "--pair", "de-en", "--limit", "3", "--candidates", "--report", str(report), **env)
    assert result.returncode == 0, result.stderr
    assert "candidate not-here skipped" in result.stderr
    models = {
        name: json.loads(report.with_stem(f"report-{name}").read_text())["model_id"]
        for name in ("default", "other-tiny")
    }
    assert models == {"default": tiny_marian_dir.name, "other-tiny": tiny_marian_b_dir.name}
    assert "other-tiny" in result.stdout and "vs first" in result.stdout
