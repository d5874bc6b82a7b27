"""``interlinear check`` on two aligned files, as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", "check", *args], capture_output=True, text=True, timeout=120
    )


def test_check_two_aligned_files(tmp_path: Path) -> None:
    source, target = tmp_path / "de.txt", tmp_path / "en.txt"
    source.write_text("Nordkorea schickt 6.000 Soldaten.\nEr sagte: „Wir kommen.“\nDie Regierung handelt.\n")
    target.write_text('North Korea sends 6,000 soldiers.\nHe said: "We are coming.\nThe government acts.\n')
    done = run_check(str(source), str(target), "--from", "de", "--to", "en")
    assert done.returncode == 1, done.stderr
    assert "2: quotes (minor): 1 quotation mark in the translation: one is not paired" in done.stdout
    assert "1 of 3 lines flagged" in done.stdout
    as_json = run_check(str(source), str(target), "--from", "de", "--to", "en", "--json")
    assert [json.loads(line)["line"] for line in as_json.stdout.splitlines()] == [2]

    target.write_text("North Korea sends 6,000 soldiers.\nHe said: “We are coming.”\nThe government acts.\n")
    assert run_check(str(source), str(target), "--from", "de", "--to", "en").returncode == 0


def test_bad_input_says_what_to_do(tmp_path: Path) -> None:
    source, target = tmp_path / "de.txt", tmp_path / "en.txt"
    source.write_text("Eins.\nZwei.\n")
    target.write_text("One.\n")
    done = run_check(str(source), str(target))
    assert done.returncode == 2 and "must be aligned" in done.stderr
    target.write_text("One.\nTwo.\n")
    done = run_check(str(source), str(target), "--to", "fr")
    assert done.returncode == 2 and "de, en, ko" in done.stderr
    assert run_check(str(source), str(tmp_path / "missing.txt")).returncode == 2
