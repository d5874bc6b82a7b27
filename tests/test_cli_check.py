"""``interlinear check`` on two aligned files, as a user runs it (the CLI's app in the test process)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.cli_runs import early_breaks, help_text, invoke_cli


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return invoke_cli("check", *args)


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


def test_json_says_the_count_on_stderr_and_one_line_is_singular(tmp_path: Path) -> None:
    """Found by an outside tester: ``--json`` printed nothing at all where no line was flagged, and
    one line was "0 of 1 lines flagged". Standard output stays one JSON object per flagged line; the
    count goes to standard error, as --help says."""
    source, target = tmp_path / "de.txt", tmp_path / "en.txt"
    source.write_text("Nordkorea schickt 6.000 Soldaten.\n")
    target.write_text("North Korea sends 6,000 soldiers.\n")
    clean = run_check(str(source), str(target), "--from", "de", "--to", "en", "--json")
    assert clean.returncode == 0 and clean.stdout == "", (clean.stdout, clean.stderr)
    assert clean.stderr.strip() == "0 of 1 line flagged"
    plain = run_check(str(source), str(target), "--from", "de", "--to", "en")
    assert plain.returncode == 0 and plain.stdout.strip() == "0 of 1 line flagged", plain.stdout
    target.write_text("North Korea sends 7,000 soldiers.\n")
    flagged = run_check(str(source), str(target), "--from", "de", "--to", "en", "--json")
    assert flagged.returncode == 1 and json.loads(flagged.stdout)["line"] == 1, flagged.stdout
    assert flagged.stderr.strip() == "1 of 1 line flagged"
    said = " ".join(" ".join(help_text("check", columns=200)).split())
    assert "With --json, standard output holds one JSON object per flagged line" in said, said
    assert "nothing when none is, and the count goes to standard error" in said, said


def test_bad_input_says_what_to_do(tmp_path: Path) -> None:
    source, target = tmp_path / "de.txt", tmp_path / "en.txt"
    source.write_text("Eins.\nZwei.\n")
    target.write_text("One.\n")
    done = run_check(str(source), str(target))
    assert done.returncode == 2 and "must be aligned" in done.stderr
    # blank lines at a file's end are no lines (a newcomer's edited file had one more)
    target.write_text("One.\nTwo.\n\n\n")
    assert run_check(str(source), str(target)).returncode == 0
    target.write_text("One.\nTwo.\n")
    done = run_check(str(source), str(target), "--to", "fr")
    assert done.returncode == 2 and "--to 'fr' is not checked; the checks know de, en, ko" in done.stderr
    done = run_check(str(source), str(target), "--from", "EN", "--to", "en")  # named as the CLI names them
    assert done.returncode == 2 and "--from and --to are both 'en'" in done.stderr
    assert run_check(str(source), str(tmp_path / "missing.txt")).returncode == 2
    # two empty files are no check that passed ("0 of 0 lines flagged", exit 0, before)
    source.write_text("")
    target.write_text("")
    done = run_check(str(source), str(target))
    assert done.returncode == 2 and "are empty" in done.stderr


def test_check_against_a_glossary_file(tmp_path: Path) -> None:
    source, target, terms = tmp_path / "de.txt", tmp_path / "ko.txt", tmp_path / "terms.csv"
    source.write_text("Die Nordkorea-Politik Nordkoreas.\n")
    target.write_text("조선의 정책.\n")
    terms.write_text("source,ko\nNordkorea,북한\n")
    done = run_check(str(source), str(target), "--from", "de", "--to", "ko", "--glossary", str(terms))
    assert done.returncode == 1 and "1: glossary (major): Nordkorea is 북한 by the glossary" in done.stdout
    target.write_text("북한의 대북 정책.\n")
    assert (
        run_check(str(source), str(target), "--from", "de", "--to", "ko", "--glossary", str(terms)).returncode
        == 0
    )
    terms.write_text("term;translation\n")
    refused = run_check(str(source), str(target), "--from", "de", "--to", "ko", "--glossary", str(terms))
    assert refused.returncode == 2 and "not a usable glossary" in refused.stderr
    # an image given as the glossary: what a glossary is, not Python's codec error (a newcomer's)
    terms.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    refused = run_check(str(source), str(target), "--from", "de", "--to", "ko", "--glossary", str(terms))
    assert refused.returncode == 2 and "codec" not in refused.stderr, refused.stderr
    assert "is not UTF-8 text: a glossary is a .csv (UTF-8) or .tbx file" in refused.stderr


def test_help_says_the_files_are_one_article() -> None:
    """Found by an outside tester: unrelated lines were compared as one article, and --help did not
    say that the files are read so."""
    done = run_check("--help")
    assert done.returncode == 0 and "one article" in " ".join(done.stdout.split())


def test_help_reads_cleanly_at_80_columns() -> None:
    """Found by a newcomer: at 80 columns ``check --help`` opened with a sentence wrapped over two
    lines and broke the next one after "one line and". A short first line, then paragraphs wrapped
    to the terminal: what the files hold, how they are read, the exit status."""
    lines = help_text("check", columns=80)
    assert "check [OPTIONS] SOURCE_FILE TARGET_FILE" in lines[1]
    assert lines[2:5] == ["", " Check translations line by line against their sources.", ""], lines
    assert max(len(line) for line in lines) <= 80 and early_breaks(lines) == [], "\n".join(lines)
    said = " ".join(" ".join(lines).split())
    for words in ("one article", "Exit status: 1 when any line is flagged, 0 when none is, 2 when"):
        assert words in said, said


def test_languages_given_the_wrong_way_round_are_named_once(tmp_path: Path) -> None:
    """Found by a newcomer: German and English files checked with ``--from en --to de`` got a flag on
    every line and no word on why."""
    source, target = tmp_path / "de.txt", tmp_path / "en.txt"
    source.write_text(
        "Die Bundesregierung hat am Dienstag in Berlin ein neues Gesetz zur Energiewende beschlossen.\n"
        "Bundeskanzler Olaf Scholz sagte, das sei ein wichtiger Schritt.\n"
    )
    target.write_text(
        "The federal government passed a new law on the energy transition in Berlin on Tuesday.\n"
        "Chancellor Olaf Scholz said this was an important step.\n"
    )
    swapped = run_check(str(source), str(target), "--from", "en", "--to", "de")
    assert swapped.returncode == 1
    said = "note: the sources read as German and the translations as English: --from and --to look swapped"
    assert said in swapped.stderr
    assert "note:" not in swapped.stdout  # stdout stays the flags, for a pipe
    right = run_check(str(source), str(target), "--from", "de", "--to", "en")
    assert right.returncode == 0 and "note:" not in right.stderr
