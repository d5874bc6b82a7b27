"""The human translations the checks benchmark sets aside as slips read by hand: the FLORES
references (``benchmarks/data/flores_reference_slips.tsv``), each a German or Korean sentence, and
the WMT19 English translations (``benchmarks/data/wmt19_reference_slips.tsv``); each once, by its
line, and, where ``../shared/eval`` is there, a line of that file."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLORES = ROOT.parent / "shared" / "eval" / "flores200-devtest"
FILES = {"de": "deu_Latn.devtest", "ko": "kor_Hang.devtest"}


def _slips_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("checks_slips", ROOT / "benchmarks" / "checks_slips.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(name: str = "flores_reference_slips.tsv") -> list[list[str]]:
    text = (ROOT / "benchmarks" / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_each_slip_is_a_german_or_korean_line_once_with_what_is_wrong() -> None:
    rows = _rows()
    assert rows, "the slips file lists no sentence"
    assert all(len(row) == 3 and row[0] in FILES and row[1].isdigit() and row[2].strip() for row in rows)
    keys = [(row[0], int(row[1])) for row in rows]
    assert len(keys) == len(set(keys)), "a sentence is listed twice"
    slips = _slips_module()
    assert slips.slipped_lines("en") == frozenset()  # English is the original: never a slip
    assert slips.slipped_pairs("de", "en") == frozenset(n - 1 for lang, n in keys if lang == "de")
    assert slips.slipped_pairs("de", "ko") == frozenset(n - 1 for _, n in keys)


def test_each_slip_is_a_line_of_the_flores_file() -> None:
    if not all((FLORES / name).is_file() for name in FILES.values()):
        pytest.skip(f"FLORES-200 devtest files not found in {FLORES}")
    for lang, number, _what in _rows():
        lines = (FLORES / FILES[lang]).read_text(encoding="utf-8").splitlines()
        assert 1 <= int(number) <= len(lines), f"{lang} line {number} is past the file's end"


WMT19 = ROOT.parent / "shared" / "eval" / "newstest2019-deen" / "newstest2019.eng"


def test_each_wmt19_slip_is_an_english_line_once_with_what_is_wrong() -> None:
    """The WMT19 slips are English translations (the German is the original), each once."""
    rows = _rows("wmt19_reference_slips.tsv")
    assert rows, "the WMT19 slips file lists no sentence"
    assert all(len(row) == 3 and row[0] == "en" and row[1].isdigit() and row[2].strip() for row in rows)
    numbers = [int(row[1]) for row in rows]
    assert len(numbers) == len(set(numbers)), "a sentence is listed twice"
    slips = _slips_module()
    assert slips.slipped_lines("en", slips.WMT19_SLIPS_FILE) == frozenset(n - 1 for n in numbers)
    assert slips.slipped_lines("de", slips.WMT19_SLIPS_FILE) == frozenset()


def test_each_wmt19_slip_is_a_line_of_the_newstest_file() -> None:
    if not WMT19.is_file():
        pytest.skip(f"WMT19 newstest2019 English not found at {WMT19}")
    lines = WMT19.read_text(encoding="utf-8").splitlines()
    for _lang, number, _what in _rows("wmt19_reference_slips.tsv"):
        assert 1 <= int(number) <= len(lines), f"line {number} is past the file's end"
