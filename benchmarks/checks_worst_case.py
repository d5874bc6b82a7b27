"""What the news checks cost on the worst input a request may send: each side of a pair at the
5,000 characters ``POST /v1/checks`` takes, written as one long run (a word of capitals, a run of
digits, a list of decimals, nested brackets), against a 5,000-character pair of ordinary news text
(the baseline, in the same run).

Run from the repository root: ``python benchmarks/checks_worst_case.py [--rounds 3]``. A script, not
a test: it prints a table, best of the rounds. An outside tester found a 5,000-digit pair took about
50 seconds and a 5,000-letter word about 10 (patterns that read a run again from each of its
characters), and a long word before a sentence about a minute (the part-of-speech tagger's analysis
of a word grows with the square of its length); the checks read such runs from their start only
since, the tagger reads a word longer than any German one as its first letter, and this table is
how to see that they stay near the baseline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from service.checks import check_pair  # noqa: E402

SIDE = 5_000  # the most characters a side of a pair may hold (POST /v1/checks)
NEWS = (
    "Die Bundesregierung hat am Mittwoch in Berlin ein Paket von 4,5 Milliarden Euro beschlossen, "
    "sagte Finanzminister Christian Lindner nach der Sitzung des Kabinetts. ",
    "The federal government approved a package of 4.5 billion euros in Berlin on Wednesday, finance "
    "minister Christian Lindner said after the cabinet meeting. ",
)


def _side(unit: str) -> str:
    return (unit * (SIDE // len(unit) + 1))[:SIDE]


def _long_word_then(sentence: str) -> str:
    """A word as long as the side allows, then a sentence (the tagger reads the sentence's words)."""
    return "A" * (SIDE - len(sentence) - 2) + ". " + sentence


SHAPES = {
    "one word of capitals": (_side("A"), _side("B")),
    "a run of digits": (_side("1"), _side("2")),
    "decimals '1,5 '": (_side("1,5 "), _side("2.5 ")),
    "opening brackets": (_side("("), _side(")")),
    "capitalised words": (_side("Müller Schmidt "), _side("Miller Smith ")),
    "words with hyphens": (_side("Ab-"), _side("Cd-")),
    "long word, then news": (
        _long_word_then("Am Sonntag wurden in Berlin 15 Grad gemessen."),
        _long_word_then("On Sunday 15 degrees were measured in Berlin."),
    ),
}


def _best(source: str, target: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        check_pair(source, target, "de", "en")
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    check_pair("Angela Merkel sprach.", "Angela Merkel spoke.", "de", "en")  # word lists loaded
    baseline = _best(_side(NEWS[0]), _side(NEWS[1]), args.rounds)
    print(f"check_pair on one de→en pair of {SIDE:,} characters a side, best of {args.rounds} rounds")
    print(f"{'input':<26}{'ms':>10}{'vs news':>10}")
    print(f"{'news text (baseline)':<26}{1000 * baseline:>10.0f}{1.0:>9.2f}x")
    for name, (source, target) in SHAPES.items():
        took = _best(source, target, args.rounds)
        print(f"{name:<26}{1000 * took:>10.0f}{took / baseline:>9.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
