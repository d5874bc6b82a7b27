"""What the news checks cost per sentence, with the part-of-speech tagger the names check asks and
without it (the baseline, in the same run).

Run from the repository root: ``python benchmarks/checks_speed.py [--rounds 3]``. A script, not a
test: it prints a table. On the FLORES-200 devtest pairs of each Latin-script direction (de→en,
en→de, ko→de, ko→en; into Korean names are not checked), every pair goes through
``service.checks.check_pair`` as a worker's check stage calls it. The baseline is the same code with
the tagger's answer replaced by "no proper nouns" (``names._tagged``), so that the difference is the
tagger's cost alone. Rounds alternate the two and the best of each is kept; the tagger's models are
loaded before the first round, and its per-sentence cache is cleared before each round, so every
round tags what it needs afresh (a worker checks a sentence once per target language).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from service.checks import check_pair, names  # noqa: E402
from service.checks.tagging import proper_nouns  # noqa: E402

FILES = {"de": "deu_Latn.devtest", "en": "eng_Latn.devtest", "ko": "kor_Hang.devtest"}
DIRECTIONS = [("de", "en"), ("en", "de"), ("ko", "de"), ("ko", "en")]


def _round(pairs: list[tuple[str, str]], src: str, tgt: str) -> float:
    proper_nouns.cache_clear()
    start = time.perf_counter()
    for source, target in pairs:
        check_pair(source, target, src, tgt)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval", default="../shared/eval", help="folder holding flores200-devtest/")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = (REPO_ROOT / args.eval / "flores200-devtest").resolve()
    if not all((folder / name).is_file() for name in FILES.values()):
        print(f"skipped: FLORES-200 devtest files not found in {folder}")
        return 0
    data = {lang: (folder / name).read_text(encoding="utf-8").splitlines() for lang, name in FILES.items()}
    proper_nouns("Sara Danius sprach.", "de"), proper_nouns("Sara Danius spoke.", "en")  # models loaded
    tagged = names._tagged
    print(f"check_pair over {len(data['de'])} FLORES pairs per direction, best of {args.rounds} rounds")
    print(f"{'direction':<10}{'no tagger ms/pair':>19}{'tagger ms/pair':>16}{'ratio':>8}")
    for src, tgt in DIRECTIONS:
        pairs = list(zip(data[src], data[tgt], strict=True))
        best = {"without": float("inf"), "with": float("inf")}
        for _ in range(args.rounds):
            names._tagged = lambda *_args, **_kw: []  # type: ignore[assignment]
            best["without"] = min(best["without"], _round(pairs, src, tgt))
            names._tagged = tagged  # type: ignore[assignment]
            best["with"] = min(best["with"], _round(pairs, src, tgt))
        without, with_ = (1000 * best[k] / len(pairs) for k in ("without", "with"))
        print(f"{src}→{tgt:<7}{without:>19.2f}{with_:>16.2f}{with_ / without:>7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
