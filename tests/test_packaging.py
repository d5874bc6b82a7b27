"""A wheel install has what the service reads at run time from the package: the prompts (kept at
the repository's root, prompts/, and shipped as service/prompts), the model registry, the
migrations, the page templates, /docs's script and stylesheet and the names check's word list.
Built with the repository's own pyproject.toml, offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO_ROOT


def test_the_wheel_ships_prompts_registry_migrations_and_templates(tmp_path: Path) -> None:
    source = tmp_path / "src"  # a clean copy: no build/ left by an earlier build can hide a missing file
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for part in ("service", "workers", "prompts"):
        shutil.copytree(REPO_ROOT / part, source / part, symlinks=True, ignore=ignore)
    for part in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / part, source / part)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path),
         str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("interlinear-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    prompts = sorted(p.name for p in (REPO_ROOT / "prompts").glob("*.j2"))
    assert prompts, "the repository has no prompts/*.j2"
    missing = [name for name in prompts if f"service/prompts/{name}" not in names]
    assert missing == [], f"prompts not in the wheel: {missing}"
    for needed in (
        "service/models.toml",
        "service/storage/migrations/env.py",
        "service/storage/migrations/versions/0001_initial_schema.py",
        "service/web/templates/base.html",
        "service/api/docs_static/docs.js",  # /docs starts Swagger UI with it
        "service/api/docs_static/docs.css",
        "service/checks/data/german_nouns.tsv.gz",  # the names check's word list
    ):
        assert needed in names, f"{needed} not in the wheel"
    assert not any(name.startswith("prompts/") for name in names), "prompts/ must not be a top-level package"
