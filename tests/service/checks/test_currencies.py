"""A currency named as another (an outside tester's misses: the number was there, so nothing was
flagged), hand-written de/en/ko cases."""

from __future__ import annotations

import pytest

from service.checks import check_pair


def numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[str | None]:
    return [f.detail for f in check_pair(source, target, source_lang, target_lang) if f.check == "numbers"]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "said"),
    [
        (
            "Der Bund stellt für das Programm drei Millionen Euro bereit.",
            "The federal government is providing three million dollars for the programme.",
            "de",
            "en",
            "Euro in the source, dollars in the translation",
        ),
        (
            "Ein Liter Super E10 kostete 1,72 Euro.",
            "A litre of E10 petrol cost $1.72.",
            "de",
            "en",
            "Euro in the source, $ in the translation",
        ),
        (
            "The ticket costs £45.",
            "Die Karte kostet 45 Euro.",
            "en",
            "de",
            "£ in the source, Euro in the translation",
        ),
        (
            "Die Bundesregierung hat 1,5 Milliarden Euro zugesagt.",
            "독일 정부는 15억 달러를 지원하기로 약속했다.",
            "de",
            "ko",
            "Euro in the source, 달러 in the translation",
        ),
        (
            "The project will cost 300 billion won.",
            "이 사업에는 3천억 달러가 든다.",
            "en",
            "ko",
            "won in the source, 달러 in the translation",
        ),
        (
            "서울시는 내년부터 요금을 150원 인상한다.",
            "Seoul will raise fares by 150 yen from next year.",
            "ko",
            "en",
            "원 in the source, yen in the translation",
        ),
        # named twice in the source, once in the translation beside another currency
        (
            "Er gestaltete die neuen 5-Dollar- und 100-Dollar-Scheine.",
            "He designed the new 5-euro and 100-dollar notes.",
            "de",
            "en",
            "Dollar in the source, euro in the translation",
        ),
    ],
)
def test_a_currency_named_as_another_is_flagged(
    source: str, target: str, source_lang: str, target_lang: str, said: str
) -> None:
    assert said in numbers(source, target, source_lang, target_lang)


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("Das kostet 5 Euro.", "That costs €5.", "de", "en"),
        ("Das kostet 5 Euro.", "이것은 5유로다.", "de", "ko"),
        ("Der Dollar stieg gegenüber dem Euro.", "The dollar rose against the euro.", "de", "en"),
        # a currency left out: an amount said another way
        ("He runs the billion dollar company.", "Er leitet die milliardenschwere Firma.", "en", "de"),
        # words that are no currency where no amount comes before them
        ("Bayern won 3-1 in Munich.", "Bayern gewann 3:1 in München.", "en", "de"),
        ("버스는 만원인 경우가 많다.", "The buses are often full.", "ko", "en"),
        (
            "프랑스 정부는 10억 유로를 지원한다.",
            "The French government is providing one billion euros.",
            "ko",
            "en",
        ),
        ("Manager Yuan überreichte den Preis.", "Executive Yuan presented the award.", "de", "en"),
        # ¥ is yen or yuan
        ("Der Fahrschein kostet 200 Yen.", "The ticket costs ¥200.", "de", "en"),
        # a pound is a weight in both languages
        ("Ein Pfund Butter kostet 2 Euro.", "A pound of butter costs €2.", "de", "en"),
    ],
)
def test_the_same_currency_or_none_passes(
    source: str, target: str, source_lang: str, target_lang: str
) -> None:
    assert numbers(source, target, source_lang, target_lang) == []
