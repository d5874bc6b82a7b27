"""The checks benchmark's report: the tables ``checks.py`` prints (false flags per check and
direction, recall per error, the sentences each error was put into, and the real-news lines)."""

from __future__ import annotations

from typing import Any


def print_tables(
    results: dict[str, Any], n_sentences: int, news: dict[str, Any] | None, checks: list[str], rows: list[str]
) -> None:
    """Print the FLORES tables of ``results`` (per direction) and the WMT19 lines of ``news``:
    a row per check of ``checks`` and per error of ``rows``."""
    print(f"FLORES-200 devtest, {n_sentences} human translations per direction\n")
    print("False flags on human translations (share of sentences; target ≤ 1 % per check, ≤ 3 % any)")
    head = f"{'check':<14}" + "".join(f"{d:>9}" for d in results)
    print(head)
    for check in checks:
        row = "".join(f"{100 * r['false'][check] / r['n']:>8.1f}%" for r in results.values())  # type: ignore[index,operator]
        print(f"{check:<14}{row}")
    print(f"{'any check':<14}" + "".join(f"{100 * r['any'] / r['n']:>8.1f}%" for r in results.values()))  # type: ignore[operator]
    print(f"{'old quality.py':<14}" + "".join(f"{100 * r['old'] / r['n']:>8.1f}%" for r in results.values()))  # type: ignore[operator]
    read = {d: r["read"] for d, r in results.items()}
    print("\nThe same on the references read as correct: pairs whose German or Korean reference drops,")
    print("misreads or misspells what the English original says, read by hand, set aside")
    print("(benchmarks/data/flores_reference_slips.tsv; checks with no flag left out)")
    print(f"{'check':<14}" + "".join(f"{d:>9}" for d in read))
    for check in checks:
        if any(r["false"][check] for r in read.values()):
            cells = "".join(f"{100 * r['false'][check] / r['n']:>8.1f}%" for r in read.values())
            print(f"{check:<14}{cells}")
    print(f"{'any check':<14}" + "".join(f"{100 * r['any'] / r['n']:>8.1f}%" for r in read.values()))
    print(f"{'pairs':<14}" + "".join(f"{r['n']:>9}" for r in read.values()))
    print("\nRecall on errors put into the human translations: caught by the check meant for it (in")
    print("brackets: sentences the old quality.py flagged at all); n/a where the check does not apply")
    print(f"{'error':<22}" + "".join(f"{d:>16}" for d in results))
    for label in rows:
        cells = []
        for r in results.values():
            hit, tried = r["recall"].get(label, (0, 0))  # type: ignore[attr-defined]
            old = r["old_recall"].get(label, 0)  # type: ignore[attr-defined]
            cells.append(
                f"{100 * hit / tried:>8.1f}% ({100 * old / tried:>3.0f}%)" if tried else f"{'n/a':>16}"
            )
        print(f"{label:<22}" + "".join(cells))
    print("\nSentences each error was put into (those where it applies)")
    for label in rows:
        counts = [r["recall"].get(label, (0, 0))[1] for r in results.values()]  # type: ignore[attr-defined]
        print(f"{label:<22}" + "".join(f"{n or 'n/a':>16}" for n in counts))
    if news is not None:
        n = news["n"]
        print(f"\nReal news: WMT19 newstest de-en, {n} German news sentences with their human English")
        for direction in ("de→en", "en→de"):
            r = news[direction]
            false = r["false"]  # type: ignore[index]
            print(
                f"  {direction} false flags: "
                + ", ".join(f"{c} {100 * false[c] / n:.1f}%" for c in checks if false[c])
            )  # type: ignore[operator]
            print(f"    any check {100 * r['any'] / n:.1f}%, old quality.py {100 * r['old'] / n:.1f}%")  # type: ignore[index,operator]
            flagged, read = r["read"]  # type: ignore[index]
            print(
                f"    any check on the {read} translations read as correct "
                f"(benchmarks/data/wmt19_reference_slips.tsv set aside): {100 * flagged / read:.1f}%"
            )
            print(
                "    recall: "
                + ", ".join(
                    f"{label} {100 * hit / tried:.1f}% of {tried}"
                    for label, (hit, tried) in r["recall"].items()
                )
            )  # type: ignore[index,attr-defined]
