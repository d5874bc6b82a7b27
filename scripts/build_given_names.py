"""Build service/checks/data/given_names.txt.gz from the US Census 1990 first-name files.

The names check reads a given name before a capitalised word as the start of a person's name
("Ryan Gosling", "Emma Stone", "Oliver Sacks"), so the surname is a name even where it is an
English word. The US Census Bureau's 1990 name files (public domain) list 1,219 male and 4,275
female first names by frequency; the `names` package on PyPI (MIT) ships them unchanged:

    pip download names==0.3.0 --no-deps -d /tmp/nm && tar xzf /tmp/nm/names-0.3.0.tar.gz -C /tmp/nm
    python scripts/build_given_names.py /tmp/nm/names-0.3.0/names/dist.male.first \
        /tmp/nm/names-0.3.0/names/dist.female.first

Only the 700 commonest of each list are kept: further down, the lists hold surnames and words
that are given names only now and then ("Foster", "Ellsworth", "Paris").

Each line of the output: a name as news writes it ("Ryan").
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

TOP = 700
OUT = Path(__file__).resolve().parents[1] / "service" / "checks" / "data" / "given_names.txt.gz"


def main(paths: list[str]) -> int:
    names: set[str] = set()
    for path in paths:
        for line in Path(path).read_text(encoding="ascii").splitlines()[:TOP]:
            if line.split():
                names.add(line.split()[0].capitalize())
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("".join(f"{name}\n" for name in sorted(names)))
    print(f"{len(names)} given names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
