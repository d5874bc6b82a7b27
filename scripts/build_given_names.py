"""Build service/checks/data/given_names.txt.gz and surnames.txt.gz from the US Census 1990 name
files.

The names check reads a given name before a capitalised word as the start of a person's name
("Ryan Gosling", "Emma Stone", "Oliver Sacks"), so the surname is a name even where it is an
English word. The US Census Bureau's 1990 name files (public domain) list 1,219 male and 4,275
female first names by frequency; the `names` package on PyPI (MIT) ships them unchanged:

    pip download names==0.3.0 --no-deps -d /tmp/nm && tar xzf /tmp/nm/names-0.3.0.tar.gz -C /tmp/nm
    python scripts/build_given_names.py /tmp/nm/names-0.3.0/names/dist.male.first \
        /tmp/nm/names-0.3.0/names/dist.female.first /tmp/nm/names-0.3.0/names/dist.all.last

The 2,000 commonest surnames go to surnames.txt.gz: a capitalised English word that looks like the
plural of an English word is a name where it is a surname ("Brooks", "Woods"; not "Scaffolds").

Only the 700 commonest of each list are kept: further down, the lists hold surnames and words
that are given names only now and then ("Foster", "Ellsworth", "Paris").

Each line of the output: a name as news writes it ("Ryan").
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

TOP = 700
TOP_SURNAMES = 2000
DATA = Path(__file__).resolve().parents[1] / "service" / "checks" / "data"


def _first(path: str, top: int) -> set[str]:
    lines = Path(path).read_text(encoding="ascii").splitlines()[:top]
    return {line.split()[0].capitalize() for line in lines if line.split()}


def _write(names: set[str], name: str) -> None:
    with gzip.open(DATA / name, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("".join(f"{n}\n" for n in sorted(names)))
    print(f"{len(names)} names -> {DATA / name}")


def main(paths: list[str]) -> int:
    male, female, last = paths
    _write(_first(male, TOP) | _first(female, TOP), "given_names.txt.gz")
    _write(_first(last, TOP_SURNAMES), "surnames.txt.gz")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
