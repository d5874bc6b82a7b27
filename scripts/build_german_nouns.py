"""Build service/checks/data/german_nouns.tsv.gz from the german-nouns package's nouns.csv.

german-nouns (https://github.com/gambolputty/german-nouns, data CC BY-SA 4.0, compiled from the
German Wiktionary) lists ~100,000 German nouns with their forms, and tags names (Toponym, Vorname,
Nachname, Eigenname). The package cannot be a dependency (its parser pins lxml below 5), so the
names check ships this word list built from it:

    pip download german-nouns==1.2.5 --no-deps -d /tmp/gn && unzip -o /tmp/gn/*.whl -d /tmp/gn
    python scripts/build_german_nouns.py /tmp/gn/german_nouns/nouns.csv

Each line: a word form, a tab, ``n`` (a form of a common noun: a lemma with a gender), ``p`` (a
name) or ``np`` (both: "Stein", "Fischer").
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

NAME_TAGS = {"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname"}
SKIP_TAGS = {"Abkürzung", "Buchstabe", "Symbol", "Affix", "Gebundenes Lexem", "Redewendung"}
OUT = Path(__file__).resolve().parents[1] / "service" / "checks" / "data" / "german_nouns.tsv.gz"


def main(path: str) -> int:
    csv.field_size_limit(10**8)
    common: set[str] = set()
    names: set[str] = set()
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        for row in rows:
            lemma, tags = row[0], set(row[1].split(","))
            if not lemma[:1].isalpha() or " " in lemma or tags & SKIP_TAGS:
                continue
            if tags & NAME_TAGS:
                names.add(lemma)
            elif any(g in ("m", "f", "n") for g in row[2:7]):
                common.update(f for f in [lemma, *row[7:]] if f[:1].isalpha() and " " not in f)
    lines = [f"{w}\t{'n' if w in common else ''}{'p' if w in names else ''}" for w in sorted(common | names)]
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("\n".join(lines) + "\n")
    print(f"{OUT}: {len(common)} common noun forms, {len(names)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
