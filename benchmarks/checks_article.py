"""The names check with its article around it: what the article-wide rule adds
(``service/checks/article_names.py``: a word another sentence's translation keeps as written is a
name of the article), against the sentence alone (the baseline, in the same run).

Run from the repository root: ``python benchmarks/checks_article.py [--eval ../shared/eval]``. A
script, not a test: it prints a table. German → English only (the rule's direction).

* **FLORES-200 devtest**: 1,012 sentences in 281 articles (``metadata_devtest.tsv`` gives each
  sentence's article, 1 to 6 sentences each). Every name error of ``benchmarks/checks.py``'s rule
  (a capitalised word of the reference that the source has as written, not an ordinary word) is put
  into its sentence in turn, every such word once, the rest of the article left as people translated
  it; *caught* is a ``names`` flag on that sentence from ``check_pair`` alone, or from
  ``check_article`` over its article.
* **WMT19 newstest de-en**: 2,000 German news sentences; the files here hold no article
  boundaries, so articles are stood in for by runs of 10 consecutive sentences (a run that spans
  two articles can make a false flag no real article would).
* **False flags**: the share of the human translations (correct, so every flag is a false alarm)
  with a ``names`` flag, by the sentence alone and with the article.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import checks as flores  # noqa: E402

from service.checks import check_article, check_pair  # noqa: E402

Article = list[tuple[str, str]]


def _names_flag(flags: Sequence[object]) -> bool:
    return any(getattr(f, "check", None) == "names" for f in flags)


def measure(articles: list[Article], common: frozenset[str]) -> dict[str, int]:
    flores.COMMON_WORDS = common
    flores.SOURCE_LANG[0], flores.TARGET_LANG[0] = "de", "en"
    out = dict.fromkeys(("n", "false_alone", "false_article", "tried", "alone", "article", "clean"), 0)
    for pairs in articles:
        article_flags = check_article(pairs, "de", "en")
        for i, (source, target) in enumerate(pairs):
            alone = _names_flag(check_pair(source, target, "de", "en"))
            out["n"] += 1
            out["false_alone"] += alone
            out["false_article"] += _names_flag(article_flags[i])
            if _names_flag(article_flags[i]):
                continue  # recall only where the human translation is not flagged as it is
            out["clean"] += 1
            for word in flores._kept_names(source, target, common):
                broken = re.sub(rf"\s?(?<!\w){re.escape(word)}(?!\w)", "", target)
                out["tried"] += 1
                if _names_flag(check_pair(source, broken, "de", "en")):
                    out["alone"] += 1
                    out["article"] += 1
                    continue
                changed = [*pairs[:i], (source, broken), *pairs[i + 1 :]]
                out["article"] += _names_flag(check_article(changed, "de", "en")[i])
    return out


def flores_articles(folder: Path) -> tuple[list[Article], frozenset[str]] | None:
    meta = folder / "metadata_devtest.tsv"
    if not meta.is_file() or not all((folder / name).is_file() for name in flores.FILES.values()):
        return None
    data = flores.load(folder)
    with meta.open(encoding="utf-8", newline="") as handle:
        urls = [row[0] for row in csv.reader(handle, delimiter="\t")][1:]
    groups: dict[str, Article] = {}
    for url, source, target in zip(urls, data["de"], data["en"], strict=True):
        groups.setdefault(url, []).append((source, target))
    return list(groups.values()), _common(data["en"])


def news_articles(folder: Path, size: int = 10) -> tuple[list[Article], frozenset[str]] | None:
    de, en = folder / "newstest2019.deu", folder / "newstest2019.eng"
    if not (de.is_file() and en.is_file()):
        return None
    german, english = de.read_text(encoding="utf-8").splitlines(), en.read_text(encoding="utf-8").splitlines()
    pairs = list(zip(german, english, strict=True))
    return [pairs[k : k + size] for k in range(0, len(pairs), size)], _common(english)


def _common(english: list[str]) -> frozenset[str]:
    return frozenset(w for line in english for w in re.findall(r"\b[a-z]+\b", line))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval", default="../shared/eval", help="folder holding flores200-devtest/")
    args = parser.parse_args()
    root = (REPO_ROOT / args.eval).resolve()
    sets = {
        "FLORES-200 devtest (articles)": flores_articles(root / "flores200-devtest"),
        "WMT19 newstest (10-sentence runs)": news_articles(root / "newstest2019-deen"),
    }
    if all(found is None for found in sets.values()):
        print(f"skipped: neither FLORES-200 devtest (with metadata) nor newstest2019-deen found in {root}")
        return 0
    print("Names check de→en, the sentence alone (baseline) and with its article (article_names)\n")
    head = f"{'set':<36}{'sentences':>10}{'false alone':>13}{'false article':>15}"
    print(head + f"{'drops':>8}{'caught alone':>14}{'caught article':>16}{'vs alone':>10}")
    for label, found in sets.items():
        if found is None:
            print(f"{label:<36} skipped: files not found")
            continue
        r = measure(*found)
        alone, article = r["alone"] / r["tried"], r["article"] / r["tried"]
        print(
            f"{label:<36}{r['n']:>10}{100 * r['false_alone'] / r['n']:>12.1f}%"
            f"{100 * r['false_article'] / r['n']:>14.1f}%{r['tried']:>8}{100 * alone:>13.1f}%"
            f"{100 * article:>15.1f}%{article / alone:>9.3f}x"
        )
    print(
        "\ndrops: each kept name of a sentence whose human translation has no names flag, taken out in turn"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
