"""Extractive summaries: TextRank over the document's own sentences; no model weights.

Ranking is sumy's ``TextRankSummarizer`` (Mihalcea & Tarau 2004). sumy's own ``Tokenizer`` is
not used: for German and English it needs NLTK's punkt data (a download at run time, which
is impossible here) and for Korean konlpy (Java). Sentences come pre-split from the parser
(``service.parse.segment``), and words for the similarity graph come from this module:

* Korean: content morphemes from Kiwi (nouns, verb and adjective stems, roots, foreign words),
  so "북한이" and "북한은" both count as "북한";
* other languages: a Unicode word regex, lowercased, without sumy's stop words for the
  language, stemmed with sumy's Snowball stemmer where it has one.

Guarantees of :meth:`ExtractiveSummariser.summarise`:

* every summary sentence is exactly one input sentence (its text unchanged), joined with one
  space, in source order; ``sentence_keys`` are their keys;
* at most ``request.sentence_limit`` sentences and, where ``max_chars`` is set,
  ``len(summary.text) <= max_chars``;
* sentences are taken best-ranked first; one that would break ``max_chars`` is skipped and the
  next-ranked one tried, so a limit too small for the best sentence gives the highest-ranked
  sentence that fits, and a limit too small for every sentence gives an empty summary (text
  "" and no keys) rather than a cut sentence;
* deterministic: ranks are rounded before sorting and ties go to the earlier sentence;
  sentences without any content word ("Wer weiß?") rank after all others, in source order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib.metadata import version

from workers.summarise.summariser import Summary, SummaryRequest

ALGORITHM_VERSION = 1  # bump when tokenisation, ranking or selection here changes
METHOD = "extractive"

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_LETTER = re.compile(r"[^\W\d_]")
# Kiwi tags of content morphemes (newer Kiwi adds suffixes such as "VV-R"; match by prefix).
_KO_CONTENT_TAGS = ("NNG", "NNP", "VV", "VA", "XR", "SL", "SH")
_RANK_DIGITS = 10  # power iteration converges to ~1e-4; equal ranks differ only in the last bits
# TextRank compares every pair of sentences (time and memory grow with the square: 20,000 sentences
# took minutes and gigabytes); a longer text is ranked on the sentences nearest its centroid.
MAX_GRAPH_SENTENCES = 400


@lru_cache(maxsize=16)
def _stemmer(lang: str) -> Callable[[str], str]:
    from sumy.nlp.stemmers import Stemmer, null_stemmer

    try:
        stemmer: Callable[[str], str] = Stemmer(lang)
    except LookupError:
        stemmer = null_stemmer
    return stemmer


@lru_cache(maxsize=16)
def _stop_words(lang: str) -> frozenset[str]:
    from sumy.utils import get_stop_words

    try:
        return frozenset(word.lower() for word in get_stop_words(lang))
    except LookupError:
        return frozenset()


def content_words(text: str, lang: str) -> tuple[str, ...]:
    """The words of a sentence that count for similarity, normalised."""
    if lang == "ko":
        from service.parse.segment import _kiwi  # the parser's Kiwi instance: loaded once per process

        return tuple(
            token.form.lower()
            for token in _kiwi().tokenize(text)
            if str(token.tag).startswith(_KO_CONTENT_TAGS)
        )
    stop_words = _stop_words(lang)
    stem = _stemmer(lang)
    words = (word.lower() for word in _WORD.findall(text))
    return tuple(stem(word) for word in words if _LETTER.search(word) and word not in stop_words)


class _KnownWords:
    """The one method sumy's ``Sentence`` asks of a tokenizer, answered from words already found."""

    def __init__(self, words: dict[str, tuple[str, ...]]) -> None:
        self.words = words

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return self.words[sentence]


def rank_sentences(sentences: Sequence[str], lang: str) -> list[int]:
    """Indices of ``sentences``, most central first; ties broken by position."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.summarizers.text_rank import TextRankSummarizer

    words = [content_words(text, lang) for text in sentences]
    with_words = [i for i, found in enumerate(words) if found]
    if not with_words:
        return list(range(len(sentences)))
    in_graph, left_out = graph_candidates(words, with_words, MAX_GRAPH_SENTENCES)
    # sumy's Sentence strips its text before asking the tokenizer for words.
    tokenizer = _KnownWords({sentences[i].strip(): words[i] for i in in_graph})
    nodes = [Sentence(sentences[i], tokenizer) for i in in_graph]
    # Stop words and stemming are already applied by the tokenizer.
    ratings = TextRankSummarizer().rate_sentences(ObjectDocumentModel([Paragraph(nodes)]))
    # sumy keys ratings by sentence text; equal texts have equal rows, hence equal ranks.
    score = {i: round(float(ratings[node]), _RANK_DIGITS) for i, node in zip(in_graph, nodes, strict=True)}
    ranked = sorted(in_graph, key=lambda i: (-score[i], i))
    outside = set(with_words)
    return ranked + left_out + [i for i in range(len(sentences)) if i not in outside]


def graph_candidates(
    words: Sequence[tuple[str, ...]], indices: list[int], limit: int
) -> tuple[list[int], list[int]]:
    """The sentences TextRank ranks, in source order, and those it leaves out, to rank after them.

    All of ``indices`` where there are at most ``limit``; else the ``limit`` nearest the text's
    centroid (the mean, over a sentence's distinct words, of how many sentences hold each word: a
    linear-time stand-in for centrality), the others left out in that order (ties by position)."""
    if len(indices) <= limit:
        return indices, []
    holders: dict[str, int] = {}
    for i in indices:
        for word in set(words[i]):
            holders[word] = holders.get(word, 0) + 1
    centrality = {i: sum(holders[w] for w in set(words[i])) / len(set(words[i])) for i in indices}
    by_centrality = sorted(indices, key=lambda i: (-centrality[i], i))
    return sorted(by_centrality[:limit]), by_centrality[limit:]


def select_sentences(
    ranking: Sequence[int], lengths: Sequence[int], max_sentences: int, max_chars: int | None
) -> list[int]:
    """Take sentences best first within both limits; returns indices in source order.

    The summary joins sentences with one space, so ``n`` sentences cost their lengths plus
    ``n - 1``. A sentence that would break ``max_chars`` is skipped, not cut.
    """
    chosen: list[int] = []
    used = 0
    for index in ranking:
        if len(chosen) >= max_sentences:
            break
        cost = lengths[index] + (1 if chosen else 0)
        if max_chars is not None and used + cost > max_chars:
            continue
        chosen.append(index)
        used += cost
    return sorted(chosen)


class ExtractiveSummariser:
    """TextRank sentence extraction; see the module docstring for its guarantees."""

    method = METHOD

    @property
    def method_version(self) -> str:
        return f"textrank-{ALGORITHM_VERSION}+sumy-{version('sumy')}"

    def summarise(self, request: SummaryRequest) -> Summary:
        if request.output_lang != request.language:
            raise ValueError(
                f"an extractive summary is in the source language ({request.language}), not "
                f"{request.output_lang}; translate the summary, or use a prompted model"
            )
        texts = [text for _, text in request.sentences]
        ranking = rank_sentences(texts, request.language)
        chosen = select_sentences(ranking, [len(t) for t in texts], request.sentence_limit, request.max_chars)
        return Summary(
            text=" ".join(texts[i] for i in chosen),
            sentence_keys=[request.sentences[i][0] for i in chosen],
            method=self.method,
            method_version=self.method_version,
        )
