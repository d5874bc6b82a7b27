"""The human translations read by hand as not correct: the FLORES references
(``benchmarks/data/flores_reference_slips.tsv``), whose pairs the checks benchmark's second
false-flag table sets aside, and the WMT19 English translations
(``benchmarks/data/wmt19_reference_slips.tsv``), whose pairs its real-news lines set aside for a
second "any check"."""

from __future__ import annotations

from pathlib import Path

SLIPS_FILE = Path(__file__).resolve().parent / "data" / "flores_reference_slips.tsv"
WMT19_SLIPS_FILE = Path(__file__).resolve().parent / "data" / "wmt19_reference_slips.tsv"


def slipped_lines(lang: str, path: Path = SLIPS_FILE) -> frozenset[int]:
    """The 0-based indexes of the ``lang`` references listed as slips (none for English, the
    original)."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        reference, number, _what = line.split("\t", 2)
        if reference == lang:
            out.add(int(number) - 1)
    return frozenset(out)


def slipped_pairs(source_lang: str, target_lang: str) -> frozenset[int]:
    """The pairs of a direction where either side's reference is a slip."""
    return slipped_lines(source_lang) | slipped_lines(target_lang)
