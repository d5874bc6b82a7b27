"""Sentence splitting from many threads at once (the API parses requests in a thread pool) gives
exactly what it gives from one: an outside benchmark saw sentences run together when requests
were parsed in parallel."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from service.parse.segment import split_sentences

TEXTS = [
    ("de", "Die Regierung hat am 19. Juni 2025 neue Regeln beschlossen. Sie gelten ab Januar. "
           "Kritiker, z. B. die Opposition, halten sie für zu streng. Dr. Müller widerspricht."),
    ("de", "Der Zug fährt um acht Uhr ab. Er kommt um zehn an. Dazwischen hält er in Leipzig und Halle."),
    ("en", "The minister spoke on Monday. He said the rules were fair. Critics, e.g. the unions, disagree."),
    ("ko", "정부는 월요일에 새 규칙을 발표했다. 규칙은 1월부터 적용된다. 야당은 너무 엄격하다고 본다."),
]  # fmt: skip


def test_parallel_splitting_equals_serial_splitting() -> None:
    expected = [split_sentences(text, lang) for lang, text in TEXTS]
    work = [i % len(TEXTS) for i in range(400)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: (i, split_sentences(TEXTS[i][1], TEXTS[i][0])), work))
    wrong = [(i, got) for i, got in results if got != expected[i]]
    assert not wrong, f"{len(wrong)} of {len(results)} parallel splits differ, e.g. {wrong[0]}"
