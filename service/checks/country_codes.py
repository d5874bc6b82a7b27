"""Countries named by a three-letter code, as sports results give them: "Hirscher (AUT)" for
"Hirscher of Austria", "Östersund (SWE)" for "Östersund, Sweden". Read by
:func:`service.checks.name_match.name_in`.

The codes are ISO 3166 alpha-3 (CLDR's territory aliases, through Babel) and the International
Olympic Committee's where they differ ("GER", "SUI", "NED"), which German sports news uses.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from babel.core import get_global

# IOC codes that are not the country's ISO alpha-3 code (nor another country's)
_IOC = {
    "GER": "DE", "SUI": "CH", "NED": "NL", "DEN": "DK", "CRO": "HR", "POR": "PT", "GRE": "GR",
    "RSA": "ZA", "SLO": "SI", "LAT": "LV", "BUL": "BG", "CHI": "CL", "PHI": "PH", "INA": "ID",
    "MAS": "MY", "KSA": "SA", "UAE": "AE", "IRI": "IR", "ALG": "DZ", "NGR": "NG", "URU": "UY",
    "PAR": "PY", "CRC": "CR", "TPE": "TW", "VIE": "VN", "MGL": "MN", "SRI": "LK", "BAN": "BD",
    "ZIM": "ZW", "ZAM": "ZM", "ANG": "AO", "TAN": "TZ", "BAH": "BS", "PUR": "PR", "FIJ": "FJ",
    "MYA": "MM", "HAI": "HT", "GUA": "GT", "HON": "HN", "ESA": "SV", "KUW": "KW", "LIB": "LB",
}  # fmt: skip
# CLDR aliases of three letters that are no country's code today ("DDR" is not Germany)
_RETIRED = {"DDR", "BUR", "FXX", "YMD", "ZAR", "TMP", "ANT", "SCG", "SUN", "YUG", "NTZ", "AAA", "ZZZ"}


@cache
def _codes() -> dict[str, str]:
    """Three-letter code -> CLDR's two-letter territory code ("SWE" -> "SE", "GER" -> "DE")."""
    iso = {
        code: to[0]
        for code, to in get_global("territory_aliases").items()
        if len(code) == 3 and code.isalpha() and code not in _RETIRED and len(to) == 1
        and not to[0].startswith(("Q", "X"))
    }  # fmt: skip
    return {**{code: to for code, to in _IOC.items() if code not in iso}, **iso}


@cache
def _territories(lang: str) -> dict[str, str]:
    """A country's name in ``lang``, folded to lower case -> its two-letter code."""
    try:
        names = Locale(lang).territories
    except (ValueError, TypeError):
        return {}
    return {name.casefold(): code for code, name in names.items() if len(code) == 2 and code.isalpha()}


def country_of_code(code: str, lang: str) -> str | None:
    """The name in ``lang`` of the country a code stands for ("AUT", "de" -> "Österreich")."""
    territory = _codes().get(code)
    if territory is None:
        return None
    try:
        return Locale(lang).territories.get(territory)
    except (ValueError, TypeError):
        return None


def code_of_country_in(name: str, lang: str, text: str) -> bool:
    """Whether ``text`` names the country ``name`` (in ``lang``) by a code of it, in capitals and
    whole ("SWE", not the "Swe" of "Swedish")."""
    territory = _territories(lang).get(name.casefold())
    if territory is None:
        return False
    codes = [code for code, to in _codes().items() if to == territory]
    return any(re.search(rf"(?<![\w-]){code}(?![\w-])", text) for code in codes)
