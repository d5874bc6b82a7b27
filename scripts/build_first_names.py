"""Build service/checks/data/first_names.txt.gz: first names of many countries, from Faker.

The names check reads a first name before a capitalised word of a German text as the start of a
person's name ("Philipp Lahm", "Georg Dinkel", "André Breitenreiter"), so the surname is a name
even where the German lists know it as a noun or a compound. The US Census lists
(`given_names.txt.gz`) hold English first names only; news names people of every country.

Faker (MIT licence) ships first names for each of its locales in
``faker/providers/person/<locale>/__init__.py``. Unpack its wheel and point this script at it:

    pip download faker==40.63.0 --no-deps -d /tmp/fk && unzip -q /tmp/fk/faker-40.63.0-*.whl -d /tmp/fk/x
    python scripts/build_first_names.py /tmp/fk/x

Only names in Latin script are kept (a Latin-script text writes a Korean or Russian name in Latin
letters, which the other locales' romanised lists give). The list is noisy on its own ("Paris",
"Golden", "Summer" are first names somewhere): the check reads a name only where it is no place,
no German common noun and no frequent word (``service/checks/people.py``).

Each line of the output: a first name as news writes it ("Philipp").
"""

from __future__ import annotations

import gzip
import importlib
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "service" / "checks" / "data"
_LATIN = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ'-]+$")
_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def _names(value: object) -> list[str]:
    if isinstance(value, dict):
        return [k for k in value if isinstance(k, str)]
    if isinstance(value, list | tuple | set | frozenset):
        return [v for v in value if isinstance(v, str)]
    return []


def main(paths: list[str]) -> int:
    (root,) = paths
    sys.path.insert(0, root)
    names: set[str] = set()
    for path in sorted(Path(root, "faker", "providers", "person").glob("*/__init__.py")):
        provider = importlib.import_module(f"faker.providers.person.{path.parent.name}").Provider
        for attribute in _ATTRIBUTES:
            value = provider.__dict__.get(attribute) or getattr(provider, attribute, None)
            names.update(n for n in _names(value) if _LATIN.match(n))
    with gzip.open(DATA / "first_names.txt.gz", "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("".join(f"{n}\n" for n in sorted(names)))
    print(f"{len(names)} first names -> {DATA / 'first_names.txt.gz'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
