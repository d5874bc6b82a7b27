"""How far an editor can trust the news checks (``service/checks``), on human translations.

Run from the repository root: ``python benchmarks/checks.py [--eval ../shared/eval]``. A script, not
a test: it prints a table; ``benchmarks/README.md`` keeps the results.

For each direction (de→en, en→de, de→ko, ko→de, en→ko, ko→en) on the FLORES-200 devtest references
(1,012 sentences, the same content in each language, translated by people):

* **false flags**: the share of the human translations each check flags. They are correct, so every
  flag is a false alarm (target ≤ 1 % per check, ≤ 3 % for all checks together);
* **recall**: errors are put into those references, one per sentence where the error applies, and
  the share the check meant for it catches (target ≥ 95 %):
  - number changed: a number of the translation that the source also has gets another first digit;
  - number dropped: such a number is taken out, with its unit word or counter;
  - date changed: a day, month or year next to a month name ("1. Dezember", "December 1",
    "12월 1일", "2026년") is moved by one;
  - name replaced / dropped (Latin-script translations): a capitalised word of three letters or more
    that the source has as written, not at the start of a sentence, is replaced by such a word of
    another sentence, or taken out;
  - quote unbalanced: one double quotation mark of the translation is taken out;
  - glossary term replaced: a glossary is made of the words the translation keeps as the source
    writes them (do-not-translate terms: names, acronyms, codes), and one of them is replaced in
    the translation by such a word of another sentence;
  - number mark lost: the decimal mark of a number the source has too is taken out ("2.5" -> "25";
    not a time, "15.00 UTC", nor a version, "802.11g");
  - number word changed (German and English translations that pass the numbers check as they
    are): a number written as a word is replaced by another ("four" -> "three");
  - in another language: the translation is replaced by the same sentence in the third language
    (the English reference where Korean was asked for).
* **real news**: the same false-flag count on WMT19 newstest de-en (``newstest2019-deen``, 2,000
  German news sentences with their human English translations), when that folder is there: the
  closest this repository has to the outside check on real German news;
* **baseline**: the checks before issue 23 (``workers/quality.py``, flags as bare names; kept in this
  script) on the same data, in the same run.

The errors are made by rules over all sentences, never picked by hand; the checks were not tuned to
single sentences. The script skips, saying so, where the FLORES files are absent.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from checks_baseline import baseline_check  # noqa: E402  (benchmarks/checks_baseline.py)
from checks_errors import clause_left, currency_changed, negation_lost, unit_changed  # noqa: E402
from checks_report import print_tables  # noqa: E402  (benchmarks/checks_report.py)
from checks_slips import WMT19_SLIPS_FILE, slipped_lines, slipped_pairs  # noqa: E402  (benchmarks/checks_slips.py)

from service.checks import check_pair  # noqa: E402
from service.checks.acronyms import is_acronym  # noqa: E402
from service.checks.name_match import fold  # noqa: E402
from service.checks.number_words import cardinal_words  # noqa: E402
from service.checks.numbers import check_numbers, digit_numbers  # noqa: E402
from service.glossary.model import GlossaryEntry  # noqa: E402

FILES = {"de": "deu_Latn.devtest", "en": "eng_Latn.devtest", "ko": "kor_Hang.devtest"}
DIRECTIONS = [("de", "en"), ("en", "de"), ("de", "ko"), ("ko", "de"), ("en", "ko"), ("ko", "en")]
CHECKS = ["numbers", "names", "negation", "glossary", "quotes", "brackets", "tokens", "untranslated",
          "language", "length", "repetition", "empty"]  # fmt: skip
_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember)"
)
_DATE_NUMBER = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?=\.?\s{_MONTH_WORD})|{_MONTH_WORD}\s(\d{{1,4}})|(?<!\d)(\d{{1,4}})(?=\s?[년월일])"
)
_QUOTE = re.compile(r"[\"„“”«»]")
_PAIRED = re.compile(r"[\"„“”«»「」『』]")  # the double quotation marks the quotes check pairs
# Words the English references write in lower case somewhere: ordinary words, set by run_direction
COMMON_WORDS: frozenset[str] = frozenset()
Injector = Callable[[str, str, random.Random, list[str]], str | None]


def _unquote(line: str) -> str:
    """The sentence of a line written as a CSV field: these copies wrap a line that holds a quotation
    mark in quotation marks and double those inside, as CSV does. A line wrapped in marks with none
    doubled inside is a quotation as written ('"I was moved every time ..."'): a field written so
    would hold no mark, and these copies wrap only lines that hold one."""
    inner = line[1:-1]
    if (
        len(line) > 1
        and line[0] == line[-1] == '"'
        and '""' in inner
        and re.fullmatch(r'(?:[^"]|"")*', inner)
    ):
        return inner.replace('""', '"')
    return line


def load(folder: Path) -> dict[str, list[str]]:
    return {
        lang: [_unquote(line) for line in (folder / name).read_text(encoding="utf-8").splitlines()]
        for lang, name in FILES.items()
    }


def _kept_words(source: str, target: str) -> list[str]:
    """Capitalised words of three letters or more the translation keeps as the source writes them,
    not at the start of the translation: names, acronyms, codes."""
    words = re.findall(r"(?<=\s)[A-Z][\w-]{2,}", target)
    return [w for w in dict.fromkeys(words) if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", source)
            and not re.fullmatch(_MONTH_WORD, w)]  # fmt: skip


def _checked_numbers(source: str, target: str) -> list[re.Match[str]]:
    src_values = set().union(*(n.values for n in digit_numbers(source))) if digit_numbers(source) else set()
    out = []
    for match in re.finditer(r"(?<![\w.,])\d+(?:[.,]\d+)*", target):
        values = set().union(*(n.values for n in digit_numbers(match.group(0))))
        if values & src_values:
            out.append(match)
    return out


def number_changed(source: str, target: str, rng: random.Random, _pool: list[str]) -> str | None:
    found = _checked_numbers(source, target)
    if not found:
        return None
    m = rng.choice(found)
    token = m.group(0)
    first = int(token[0])
    new = str((first % 9) + 1) if first != 9 else "1"
    changed = new + token[1:]
    if changed == token:
        return None
    return target[: m.start()] + changed + target[m.end() :]


def number_dropped(source: str, target: str, rng: random.Random, _pool: list[str]) -> str | None:
    found = _checked_numbers(source, target)
    if not found:
        return None
    m = rng.choice(found)
    end = m.end()
    unit = r"\s?(?:%|Prozent|percent|per cent|퍼센트|[가-힣]+|Millionen|Milliarden|million|billion)?"
    tail = re.match(unit, target[end:])
    end += tail.end() if tail else 0
    return (target[: m.start()] + target[end:]).replace("  ", " ")


def number_mark_lost(source: str, target: str, rng: random.Random, _pool: list[str]) -> str | None:
    """A decimal mark taken out of a number the source has too ("2.5" -> "25"; "6,000" -> "6000"
    is no error, so only a mark before one or two digits)."""
    # not a time ("15.00 UTC", "1500 UTC" is the same) nor a version ("802.11g")
    found = [
        m
        for m in _checked_numbers(source, target)
        if re.fullmatch(r"\d+[.,]\d{1,2}", m.group(0))
        and not m.group(0).endswith(("00", "30", "15", "45"))
        and not re.match(r"\w", target[m.end() : m.end() + 1])
    ]
    if not found:
        return None
    m = rng.choice(found)
    return target[: m.start()] + re.sub(r"[.,]", "", m.group(0)) + target[m.end() :]


def number_word_changed(source: str, target: str, rng: random.Random, _pool: list[str]) -> str | None:
    """A number the translation writes as a word replaced by another ("four" -> "three"), where the
    pair passes the numbers check as it is (German and English translations)."""
    words = [w for w, _ in cardinal_words(target, TARGET_LANG[0], ordinals=False)]
    if not words or check_numbers(source, target, SOURCE_LANG[0], TARGET_LANG[0]):
        return None
    word = rng.choice(words)
    others = [w for w in _CARDINAL_WORDS[TARGET_LANG[0]] if w != word.lower()]
    return re.sub(rf"\b{re.escape(word)}\b", rng.choice(others), target, count=1)


_CARDINAL_WORDS = {
    "de": ["zwei", "drei", "vier", "fünf", "sechs", "sieben", "neun", "zehn", "zwölf"],
    "en": ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"],
}
# the languages of the direction being measured (set by run_direction)
SOURCE_LANG, TARGET_LANG = [""], [""]


def date_changed(source: str, target: str, rng: random.Random, _pool: list[str]) -> str | None:
    found = [(m.start(g), m.end(g)) for m in _DATE_NUMBER.finditer(target) for g in (1, 2, 3) if m.group(g)]
    if not found:
        return None
    start, end = rng.choice(found)
    value = int(target[start:end])
    new = value + 1 if value not in (12, 31) else value - 1
    return target[:start] + str(new) + target[end:]


def _other_form(word: str, target: str) -> bool:
    """Whether the translation has the word in another form as well ("Tonga" and "Tongan", "Taiwan"
    and "Taiwans", "Goma" and "Gomas"): taking out or replacing the word as written leaves the name
    in the translation, which no check of names can tell from a correct one."""
    return bool(re.search(rf"(?<!\w){re.escape(word)}(?:['’]s\b|\w)", target))


def _kept_names(source: str, target: str, common: frozenset[str]) -> list[str]:
    """The words a name error is put into: kept as the source writes them (:func:`_kept_words`),
    not an ordinary word the English side of the corpus also writes in lower case ("Internet",
    "Revolution", "Yoga", "University": capitalised nouns, not names), and not in the translation
    in another form as well."""
    return [w for w in _kept_words(source, target) if w.lower() not in common and not _other_form(w, target)]


def name_replaced(source: str, target: str, rng: random.Random, pool: list[str]) -> str | None:
    kept = [w for w in _kept_names(source, target, COMMON_WORDS) if not any(c.isdigit() for c in w)]
    if not kept:
        return None
    name = rng.choice(kept)
    other = rng.choice([p for p in pool if p not in source and p not in target] or ["Müller"])
    return re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", other, target)


def name_dropped(source: str, target: str, rng: random.Random, _pool: list[str]) -> str | None:
    kept = _kept_names(source, target, COMMON_WORDS)
    if not kept:
        return None
    name = rng.choice(kept)
    return re.sub(rf"\s?(?<!\w){re.escape(name)}(?!\w)", "", target)


_VOWELS = "aeiouäöü"


def name_misspelt(source: str, target: str, rng: random.Random, _pool: list[str]) -> str | None:
    """A kept name of four letters or more (no acronym, no digits) with one letter after its first
    changed (a vowel for another vowel, a consonant for another), left out, or swapped with the
    next: another person's name ("Scholz" / "Schulz", "Grindel" / "Grindl"). A change that sounds
    the same (:func:`service.checks.name_match.fold`: "Mohamed" / "Mohammed", "Kadyrow" /
    "Kadyrov") is a transliteration, which the check lets pass; none is drawn."""
    kept = [w for w in _kept_names(source, target, COMMON_WORDS)
            if len(w) >= 4 and w.isalpha() and not is_acronym(w)]  # fmt: skip
    if not kept:
        return None
    name = rng.choice(kept)
    at = rng.randrange(1, len(name))
    kind = rng.choice(("changed", "left out", "swapped"))
    if kind == "changed":
        letters = _VOWELS if name[at].lower() in _VOWELS else "bcdfgklmnprstz"
        wrong = name[:at] + rng.choice([c for c in letters if c != name[at].lower()]) + name[at + 1 :]
    elif kind == "left out":
        wrong = name[:at] + name[at + 1 :]
    else:
        at = min(at, len(name) - 2)
        wrong = name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    if fold(wrong) == fold(name):
        return None
    return re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", wrong, target)


def quote_unbalanced(source: str, target: str, rng: random.Random, _pool: list[str]) -> str | None:
    found = list(_QUOTE.finditer(target))
    # only where the reference pairs its quotation marks as the source does: where it does not (a
    # quotation the reference opens in another sentence), taking a mark out can pair them again
    if not found or len(_PAIRED.findall(source)) % 2 != len(_PAIRED.findall(target)) % 2:
        return None
    m = rng.choice(found)
    return target[: m.start()] + target[m.end() :]


INJECTIONS: list[tuple[str, str, Injector]] = [
    ("number changed", "numbers", number_changed),
    ("number dropped", "numbers", number_dropped),
    ("date changed", "numbers", date_changed),
    ("name replaced", "names", name_replaced),
    ("name dropped", "names", name_dropped),
    ("quote unbalanced", "quotes", quote_unbalanced),
    # added later: last, so the errors above are drawn as before (the same random sequence)
    ("number mark lost", "numbers", number_mark_lost),
    ("number word changed", "numbers", number_word_changed),
    ("name misspelt", "names", name_misspelt),
]
# every row of the recall table: the injections, then the errors drawn in run_direction itself
ROWS = [label for label, _, _ in INJECTIONS] + [
    "glossary term replaced",
    "in another language",
    "currency changed",
    "negation lost",
    "clause left",
    "unit changed",
]


def glossary_for(source: str, target: str) -> list[GlossaryEntry]:
    return [GlossaryEntry(source=w, do_not_translate=True) for w in _kept_words(source, target)]


def _caught(
    pairs: list[tuple[str, str]],
    src: str,
    tgt: str,
    check: str,
    make: Callable[[str, str], str | None],
    missed: list[str],
) -> tuple[tuple[int, int], int]:
    """Of the pairs ``check`` passes as they are and ``make`` breaks: (caught, tried) by ``check``,
    and how many the old quality.py flagged; each one missed added to ``missed``."""
    hit = tried = old_hit = 0
    for source, target in pairs:
        broken = make(source, target)
        if broken is None or any(f.check == check for f in check_pair(source, target, src, tgt)):
            continue
        tried += 1
        caught, old = _scored(source, broken, src, tgt, check, missed)
        hit += caught
        old_hit += old
    return (hit, tried), old_hit


def _scored(source: str, broken: str, src: str, tgt: str, check: str, missed: list[str]) -> tuple[bool, bool]:
    """Whether ``check`` flags the broken pair, and whether the old quality.py flagged it at all; the
    pair added to ``missed`` where ``check`` did not flag it."""
    caught = any(f.check == check for f in check_pair(source, broken, src, tgt))
    if not caught:
        missed.append(f"{source[:110]} | {broken[:110]}")
    return caught, bool(baseline_check(source, broken, src, tgt))


def _draws(seed: int, label: str) -> random.Random:
    """The draws of one error's row, its own: a row's errors do not move where a change to the
    checks makes another row put more or fewer errors (as one shared generator did)."""
    return random.Random(f"{seed}:{label}")


def run_direction(data: dict[str, list[str]], src: str, tgt: str, seed: int) -> dict[str, object]:
    global COMMON_WORDS
    COMMON_WORDS = frozenset(w for line in data["en"] for w in re.findall(r"\b[a-z]+\b", line))
    sources, targets = data[src], data[tgt]
    SOURCE_LANG[0], TARGET_LANG[0] = src, tgt
    pool = sorted({w for s, t in zip(sources, targets, strict=True) for w in _kept_words(s, t)
                   if not is_acronym(w) and w.lower() not in COMMON_WORDS})  # fmt: skip
    false = Counter[str]()
    any_flag = 0
    old_flagged = 0
    slipped = slipped_pairs(src, tgt)
    read_false = Counter[str]()  # on the references read as correct
    read_any = 0
    examples: dict[str, list[str]] = {}
    for i, (source, target) in enumerate(zip(sources, targets, strict=True)):
        flags = check_pair(source, target, src, tgt, glossary_for(source, target))
        names = {f.check for f in flags}
        false.update(names)
        any_flag += bool(names)
        if i not in slipped:
            read_false.update(names)
            read_any += bool(names)
        for f in flags:
            examples.setdefault(f.check, []).append(f"{f.detail} | {source[:90]} | {target[:90]}")
        old_flagged += bool(baseline_check(source, target, src, tgt))
    recall: dict[str, tuple[int, int]] = {}
    old_recall: dict[str, int] = {}
    for label, check, inject in INJECTIONS:
        if check == "names" and tgt == "ko":
            continue
        rng = _draws(seed, label)
        hit = tried = old_hit = 0
        for source, target in zip(sources, targets, strict=True):
            broken = inject(source, target, rng, pool)
            if broken is None or broken == target:
                continue
            tried += 1
            caught, old = _scored(source, broken, src, tgt, check, examples.setdefault(f"missed {label}", []))
            hit += caught
            old_hit += old
        recall[label] = (hit, tried)
        old_recall[label] = old_hit
    hit = tried = old_hit = 0
    rng = _draws(seed, "glossary term replaced")
    for source, target in zip(sources, targets, strict=True):
        entries = glossary_for(source, target)
        if not entries:
            continue
        term = rng.choice(entries).source
        other = rng.choice([p for p in pool if p != term] or ["Müller"])
        broken = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", other, target)
        tried += 1
        hit += any(f.check == "glossary" for f in check_pair(source, broken, src, tgt, entries))
        old_hit += bool(baseline_check(source, broken, src, tgt))
    recall["glossary term replaced"] = (hit, tried)
    old_recall["glossary term replaced"] = old_hit
    # the translation in the third language (the English reference where Korean was asked for):
    # a correction typed in the wrong language, a model that answered in another one
    (third,) = {"de", "en", "ko"} - {src, tgt}
    hit = old_hit = 0
    for source, other in zip(sources, data[third], strict=True):
        hit += any(f.check == "language" for f in check_pair(source, other, src, tgt))
        old_hit += bool(baseline_check(source, other, src, tgt))
    recall["in another language"] = (hit, len(sources))
    old_recall["in another language"] = old_hit
    # errors each with its own rule and no draw, so the rows above are drawn as before: a currency
    # named as another ("3 Mio. Euro" / "3 million dollars"); a negation the translation loses, its
    # one negation word taken out; a clause left in the source language (German and English)
    pairs = list(zip(sources, targets, strict=True))
    own: list[tuple[str, str, Callable[[str, str], str | None]]] = [
        ("currency changed", "numbers", lambda s, t: currency_changed(s, t, tgt)),
        (
            "negation lost",
            "negation",
            lambda s, t: negation_lost(s, t, tgt) if {src, tgt} == {"de", "en"} else None,
        ),
        (
            "clause left",
            "untranslated",
            lambda s, t: clause_left(s, t) if {src, tgt} == {"de", "en"} else None,
        ),
        ("unit changed", "numbers", lambda s, t: unit_changed(s, t, src, tgt)),
    ]
    for label, check, make in own:
        recall[label], old_recall[label] = _caught(
            pairs, src, tgt, check, make, examples.setdefault(f"missed {label}", [])
        )
    return {"n": len(sources), "false": false, "any": any_flag, "old": old_flagged, "recall": recall,
            "old_recall": old_recall, "examples": examples,
            "read": {"n": len(sources) - len(slipped), "false": read_false, "any": read_any}}  # fmt: skip


def real_news(folder: Path, seed: int) -> dict[str, object] | None:
    """WMT19 newstest de-en (German news, human English), both ways: false flags per check, any
    check and the baseline's; and recall on a name replaced or dropped (injected as on FLORES, one
    per sentence, into the sentences no names flag marks as they are). None where the files are
    absent."""
    de, en = folder / "newstest2019.deu", folder / "newstest2019.eng"
    if not (de.is_file() and en.is_file()):
        return None
    global COMMON_WORDS
    data = {
        "de": de.read_text(encoding="utf-8").splitlines(),
        "en": en.read_text(encoding="utf-8").splitlines(),
    }
    COMMON_WORDS = frozenset(w for line in data["en"] for w in re.findall(r"\b[a-z]+\b", line))
    out: dict[str, object] = {"n": len(data["de"])}
    for src, tgt in (("de", "en"), ("en", "de")):
        SOURCE_LANG[0], TARGET_LANG[0] = src, tgt
        pairs = list(zip(data[src], data[tgt], strict=True))
        pool = sorted({w for s, t in pairs for w in _kept_words(s, t)
                       if not is_acronym(w) and w.lower() not in COMMON_WORDS})  # fmt: skip
        false = Counter[str]()
        any_flag = old = read_any = 0
        clean: list[tuple[str, str]] = []
        slipped = slipped_lines("en", WMT19_SLIPS_FILE)  # the English translation read as a slip
        for i, (source, target) in enumerate(pairs):
            names = {f.check for f in check_pair(source, target, src, tgt)}
            false.update(names)
            any_flag += bool(names)
            read_any += bool(names) and i not in slipped
            old += bool(baseline_check(source, target, src, tgt))
            if "names" not in names:
                clean.append((source, target))
        recall: dict[str, tuple[int, int]] = {}
        for label, inject in (
            ("name replaced", name_replaced),
            ("name dropped", name_dropped),
            ("name misspelt", name_misspelt),
        ):
            rng = _draws(seed, label)
            hit = tried = 0
            for source, target in clean:
                broken = inject(source, target, rng, pool)
                if broken is None or broken == target:
                    continue
                tried += 1
                hit += any(f.check == "names" for f in check_pair(source, broken, src, tgt))
            recall[label] = (hit, tried)
        out[f"{src}→{tgt}"] = {"false": false, "any": any_flag, "old": old, "recall": recall,
                               "read": (read_any, len(pairs) - len(slipped))}  # fmt: skip
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval", default="../shared/eval", help="folder holding flores200-devtest/")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--examples", default="", help="print the false flags of this check")
    args = parser.parse_args()
    folder = (REPO_ROOT / args.eval / "flores200-devtest").resolve()
    if not all((folder / name).is_file() for name in FILES.values()):
        print(f"skipped: FLORES-200 devtest files ({', '.join(FILES.values())}) not found in {folder}")
        return 0
    data = load(folder)
    results = {f"{s}→{t}": run_direction(data, s, t, args.seed) for s, t in DIRECTIONS}
    news = real_news(folder.parent / "newstest2019-deen", args.seed)
    print_tables(results, len(data["de"]), news, CHECKS, ROWS)
    if args.examples:
        for d, r in results.items():
            for line in r["examples"].get(args.examples, []):  # type: ignore[attr-defined]
                print(d, line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
