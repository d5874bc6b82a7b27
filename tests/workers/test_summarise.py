"""Summaries: extractive TextRank on the seed article, prompt templates, and the model routes on a
tiny random-weight model (plumbing and provenance only, never quality)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest

from service.document import Article, Role, Segment
from service.parse import parse_article
from service.settings import REPO_ROOT
from workers.summarise import (
    SUMMARISE_ARTICLE,
    SUMMARISE_SECTION,
    ExtractiveSummariser,
    InstructSummariser,
    Seq2SeqSummariser,
    Summariser,
    Summary,
    SummaryRequest,
    available_prompts,
    fit_to_limits,
    load_prompt,
)
from workers.summarise.extractive import rank_sentences

PROMPTS = REPO_ROOT / "prompts"
TASKS = [SUMMARISE_SECTION, SUMMARISE_ARTICLE]
LANGS = ["de", "en", "ko"]

KOREAN_TEXT = (
    "북한이 러시아 쿠르스크 지역에 병사와 노동자 6천 명을 추가로 파견한다고 밝혔다. "
    "미국 국무부는 북한 병사 파견에 깊은 우려를 표명했다. "
    "전문가들은 북한과 러시아의 군사 협력이 한반도 안보를 흔들 수 있다고 본다. "
    "날씨는 맑았다. "
    "러시아는 북한에 군사 기술과 외화를 제공하는 것으로 알려졌다."
)


def body(segments: list[Segment]) -> list[tuple[str, str]]:
    return [(s.key, s.text) for s in segments if s.translatable and s.role is Role.BODY]


@pytest.fixture(scope="module")
def article(seed_text: str) -> Article:
    return parse_article(seed_text)


@pytest.fixture(scope="module")
def extractive() -> ExtractiveSummariser:
    return ExtractiveSummariser()


def assert_extract_of(summary: Summary, request: SummaryRequest) -> None:
    """Every summary sentence is a source sentence, in source order, within the limits."""
    source = dict(request.sentences)
    positions = [request.keys.index(key) for key in summary.sentence_keys]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert summary.text == " ".join(source[key] for key in summary.sentence_keys)
    assert len(summary.sentence_keys) <= request.sentence_limit
    if request.max_chars is not None:
        assert len(summary.text) <= request.max_chars
    assert summary.method == "extractive"
    assert summary.method_version.startswith("textrank-")
    assert summary.prompt_name is None and summary.prompt_hash is None


# --- extractive --------------------------------------------------------------------------------


@pytest.mark.parametrize(("max_sentences", "max_chars"), [(None, None), (1, None), (2, 250), (3, 120)])
def test_extractive_section_summaries_are_source_sentences_within_limits(
    article: Article, extractive: ExtractiveSummariser, max_sentences: int | None, max_chars: int | None
) -> None:
    assert len(article.sections) == 9
    for section in article.sections:
        request = SummaryRequest(
            body(list(section.segments())), "de", max_sentences=max_sentences, max_chars=max_chars
        )
        assert len(request.sentences) >= 3
        summary = extractive.summarise(request)
        assert_extract_of(summary, request)
        if max_chars is None:  # every section has more sentences than the limit
            assert len(summary.sentence_keys) == request.sentence_limit


@pytest.mark.parametrize(("max_sentences", "max_chars"), [(None, None), (3, 500), (8, 1000)])
def test_extractive_article_summary_is_source_sentences_within_limits(
    article: Article, extractive: ExtractiveSummariser, max_sentences: int | None, max_chars: int | None
) -> None:
    request = SummaryRequest(body(article.segments()), "de", max_sentences, max_chars, task=SUMMARISE_ARTICLE)
    assert len(request.sentences) > 25
    summary = extractive.summarise(request)
    assert_extract_of(summary, request)
    assert summary.sentence_keys  # these limits leave room for at least one seed sentence
    # An article summary draws on more than one section.
    assert len({key.split(".")[0] for key in summary.sentence_keys}) > 1


def test_extractive_default_limit_depends_on_the_task(
    article: Article, extractive: ExtractiveSummariser
) -> None:
    pairs = body(article.segments())
    section = extractive.summarise(SummaryRequest(pairs, "de"))
    whole = extractive.summarise(SummaryRequest(pairs, "de", task=SUMMARISE_ARTICLE))
    assert len(section.sentence_keys) == 2
    assert len(whole.sentence_keys) == 5


def test_extractive_is_deterministic(article: Article) -> None:
    request = SummaryRequest(body(article.segments()), "de", 4, 700, task=SUMMARISE_ARTICLE)
    first = ExtractiveSummariser().summarise(request)
    again = [ExtractiveSummariser().summarise(request) for _ in range(3)]
    assert all(summary == first for summary in again)
    assert rank_sentences([t for _, t in request.sentences], "de") == rank_sentences(
        [t for _, t in request.sentences], "de"
    )


def test_extractive_ties_go_to_the_earlier_sentence(extractive: ExtractiveSummariser) -> None:
    same = "Nordkorea schickt Soldaten nach Russland."
    request = SummaryRequest([("a", same), ("b", same), ("c", same)], "de", max_sentences=2)
    assert extractive.summarise(request).sentence_keys == ["a", "b"]
    # Sentences without content words rank last, in source order.
    assert rank_sentences(["Wer weiß?", same, "Und nun?", same], "de") == [1, 3, 0, 2]


def test_extractive_limit_too_small_takes_best_sentence_that_fits_or_nothing(
    article: Article, extractive: ExtractiveSummariser
) -> None:
    pairs = body(list(article.sections[0].segments()))
    texts = [text for _, text in pairs]
    ranking = rank_sentences(texts, "de")
    best = texts[ranking[0]]
    limit = len(best) - 1
    expected = next(i for i in ranking if len(texts[i]) <= limit)
    summary = extractive.summarise(SummaryRequest(pairs, "de", max_sentences=1, max_chars=limit))
    assert summary.sentence_keys == [pairs[expected][0]]
    assert summary.text == texts[expected]

    shortest = min(len(t) for t in texts)
    nothing = extractive.summarise(SummaryRequest(pairs, "de", max_chars=shortest - 1))
    assert nothing.text == "" and nothing.sentence_keys == []
    assert extractive.summarise(SummaryRequest(pairs, "de", max_sentences=0)).sentence_keys == []
    assert extractive.summarise(SummaryRequest([], "de")).text == ""


def test_extractive_korean_uses_morphemes_and_keeps_source_sentences(
    extractive: ExtractiveSummariser,
) -> None:
    from service.parse.segment import split_sentences

    sentences = split_sentences(KOREAN_TEXT, "ko")
    assert len(sentences) == 5
    request = SummaryRequest([(f"k{i}", s) for i, s in enumerate(sentences)], "ko", max_sentences=2)
    summary = extractive.summarise(request)
    assert_extract_of(summary, request)
    assert len(summary.sentence_keys) == 2
    assert "k3" not in summary.sentence_keys  # "날씨는 맑았다." shares no word with the rest


def test_extractive_cannot_summarise_into_another_language(extractive: ExtractiveSummariser) -> None:
    with pytest.raises(ValueError, match="source language"):
        extractive.summarise(SummaryRequest([("a", "Ein Satz.")], "de", summary_lang="en"))


def test_request_validation() -> None:
    with pytest.raises(ValueError, match="unique"):
        SummaryRequest([("a", "Eins."), ("a", "Zwei.")], "de")
    with pytest.raises(ValueError, match="max_chars"):
        SummaryRequest([("a", "Eins.")], "de", max_chars=-1)
    with pytest.raises(ValueError, match="ISO 639-1"):
        SummaryRequest([("a", "Eins.")], "German")


def test_fit_to_limits_keeps_whole_leading_sentences() -> None:
    text = "Erster Satz hier. Zweiter Satz folgt. Dritter Satz am Ende."
    assert fit_to_limits(text, "de", 2, None) == "Erster Satz hier. Zweiter Satz folgt."
    assert fit_to_limits(text, "de", 3, 40) == "Erster Satz hier. Zweiter Satz folgt."
    cut = fit_to_limits(text, "de", 3, 12)
    assert cut == "Erster Satz…" and len(cut) <= 12
    assert fit_to_limits(text, "de", 0, None) == ""


# --- prompts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("lang", LANGS)
def test_each_prompt_renders_and_is_hashed_from_its_file(task: str, lang: str) -> None:
    template = load_prompt(task, lang)
    path = PROMPTS / f"{task}.{lang}.j2"
    assert template.name == path.name
    assert template.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert template.version == 1
    source = "Nordkorea entsendet 6.000 Soldaten nach Kursk. Die USA warnen."
    prompt = template.render(
        text=source, sentences=source.split(". "), title="Überschrift X", source_lang="de",
        max_sentences=3, max_chars=280,
    )  # fmt: skip
    assert source in prompt and "Überschrift X" in prompt
    assert "3" in prompt and "280" in prompt
    assert "{{" not in prompt and "{#" not in prompt and "version" not in prompt
    untitled = template.render(text=source, sentences=[], title=None, source_lang="ko", max_sentences=1,
                               max_chars=None)  # fmt: skip
    assert source in untitled and "None" not in untitled and "280" not in untitled
    with pytest.raises(jinja2.UndefinedError):
        template.render(text=source)


def test_prompt_language_is_stated_in_its_own_language() -> None:
    context: dict[str, Any] = {"text": "x", "sentences": [], "title": None, "source_lang": "de",
                               "max_sentences": 2, "max_chars": None}  # fmt: skip
    assert "auf Deutsch" in load_prompt(SUMMARISE_SECTION, "de").render(**context)
    assert "in English" in load_prompt(SUMMARISE_SECTION, "en").render(**context)
    assert "한국어로" in load_prompt(SUMMARISE_SECTION, "ko").render(**context)


def test_editing_a_prompt_changes_its_hash(tmp_path: Path) -> None:
    copy = tmp_path / "prompts"
    shutil.copytree(PROMPTS, copy)
    original = load_prompt(SUMMARISE_SECTION, "en", copy)
    assert original.sha256 == load_prompt(SUMMARISE_SECTION, "en").sha256
    path = copy / "summarise_section.en.j2"
    path.write_text(path.read_text(encoding="utf-8") + "Be concise.\n", encoding="utf-8")
    edited = load_prompt(SUMMARISE_SECTION, "en", copy)
    assert edited.name == original.name
    assert edited.sha256 != original.sha256
    assert edited.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_prompt_is_a_lookup_error_listing_what_exists(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match=r"summarise_section\.fr\.j2") as info:
        load_prompt(SUMMARISE_SECTION, "fr")
    assert "summarise_section.de.j2" in str(info.value)
    with pytest.raises(LookupError, match="summarise_headline"):
        load_prompt("summarise_headline", "de")
    with pytest.raises(LookupError):
        load_prompt("../summarise_section", "de")
    with pytest.raises(LookupError, match="none"):
        load_prompt(SUMMARISE_SECTION, "de", tmp_path / "empty")
    assert available_prompts() == sorted(f"{t}.{lang}.j2" for t in TASKS for lang in LANGS)


# --- model routes on a tiny random-weight model ------------------------------------------------


@pytest.fixture(scope="module")
def seq2seq(tiny_marian_dir: Path) -> Seq2SeqSummariser:
    return Seq2SeqSummariser(tiny_marian_dir, max_new_tokens=16)


def test_seq2seq_summariser_loads_and_records_the_local_revision(
    seq2seq: Seq2SeqSummariser, article: Article
) -> None:
    assert isinstance(seq2seq, Summariser)
    request = SummaryRequest(body(list(article.sections[0].segments())), "de", max_sentences=2, max_chars=300)
    summary = seq2seq.summarise(request)
    assert summary.method == "abstractive"
    assert summary.method_version.startswith("local-")
    assert summary.sentence_keys == request.keys
    assert summary.prompt_name is None
    assert len(summary.text) <= 300


def test_seq2seq_splits_long_input_into_chunks_never_truncates(
    seq2seq: Seq2SeqSummariser, article: Article
) -> None:
    pairs = body(article.segments())
    sentences = [" ".join(text.split()) for _, text in pairs]
    chunks = seq2seq.chunks(sentences)
    assert len(chunks) > 1
    assert all(seq2seq.count_tokens(chunk) <= seq2seq.max_input_tokens for chunk in chunks)
    assert " ".join(chunks).split() == " ".join(sentences).split()
    summary = seq2seq.summarise(SummaryRequest(pairs, "de", task=SUMMARISE_ARTICLE, max_tokens=40))
    assert summary.method_version == seq2seq.method_version
    assert len(summary.sentence_keys) == len(pairs)


@pytest.fixture(scope="module")
def tiny_generate(seq2seq: Seq2SeqSummariser) -> Any:
    """A real generate callable on the tiny model: tokenize the prompt, generate, decode.

    The tiny model reads only 64 positions, so this test wrapper keeps the prompt's head.
    """
    import torch

    tokenizer, model = seq2seq.tokenizer, seq2seq.model
    prompts: list[str] = []

    def generate(prompt: str) -> str:
        prompts.append(prompt)
        batch = tokenizer([prompt], return_tensors="pt", truncation=True, max_length=seq2seq.max_input_tokens)
        with torch.inference_mode():
            output = model.generate(**batch, max_new_tokens=16)
        return str(tokenizer.decode(output[0], skip_special_tokens=True))

    generate.prompts = prompts  # type: ignore[attr-defined]
    return generate


@pytest.mark.parametrize("lang", LANGS)
def test_instruct_summariser_records_prompt_name_and_hash(
    tiny_generate: Any, article: Article, lang: str
) -> None:
    summariser = InstructSummariser(tiny_generate, model_version="tiny-marian")
    assert isinstance(summariser, Summariser)
    section = article.sections[1]
    heading = section.heading.text if section.heading else None
    request = SummaryRequest(
        body(list(section.segments())), "de", max_sentences=1, max_chars=200, summary_lang=lang, title=heading
    )
    summary = summariser.summarise(request)
    name = f"summarise_section.{lang}.j2"
    assert summary.prompt_name == name
    assert summary.prompt_hash == hashlib.sha256((PROMPTS / name).read_bytes()).hexdigest()
    assert summary.method == "instruct" and summary.method_version == "tiny-marian"
    assert summary.sentence_keys == request.keys
    assert len(summary.text) <= 200
    prompt = tiny_generate.prompts[-1]
    assert request.text in prompt and heading and heading in prompt


def test_instruct_summariser_uses_the_given_prompts_dir(tiny_generate: Any, tmp_path: Path) -> None:
    copy = tmp_path / "prompts"
    shutil.copytree(PROMPTS, copy)
    path = copy / "summarise_article.en.j2"
    path.write_text(path.read_text(encoding="utf-8").replace("{# version: 1 #}", "{# version: 2 #}"), "utf-8")
    summariser = InstructSummariser(tiny_generate, copy)
    request = SummaryRequest([("a", "Nordkorea schickt Soldaten.")], "de", task=SUMMARISE_ARTICLE,
                             summary_lang="en")  # fmt: skip
    summary = summariser.summarise(request)
    assert summary.prompt_name == "summarise_article.en.j2"
    assert summary.prompt_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert summary.prompt_hash != load_prompt(SUMMARISE_ARTICLE, "en").sha256
    with pytest.raises(LookupError, match=r"summarise_article\.fr\.j2"):
        summariser.summarise(SummaryRequest([("a", "x")], "de", task=SUMMARISE_ARTICLE, summary_lang="fr"))


def test_a_long_text_is_ranked_on_a_bounded_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    """TextRank compares every pair of sentences: a text of 2,000 is ranked on the 400 nearest its
    centroid (20,000 took minutes and gigabytes), and every sentence still gets a rank."""
    from sumy.summarizers.text_rank import TextRankSummarizer

    from workers.summarise.extractive import MAX_GRAPH_SENTENCES, graph_candidates, rank_sentences

    graphs: list[int] = []
    rate = TextRankSummarizer.rate_sentences

    def counted(self: TextRankSummarizer, document: Any) -> Any:
        graphs.append(len(document.sentences))
        return rate(self, document)

    monkeypatch.setattr(TextRankSummarizer, "rate_sentences", counted)
    topics = [
        "Regierung Drohnen Regeln",
        "Opposition Haushalt Streit",
        "Wetter Regen Sturm",
        "Fußball Pokal Sieg",
    ]
    sentences = [f"Meldung {n}: {topics[n % 4]} am Tag {n % 7}." for n in range(2000)]
    ranking = rank_sentences(sentences, "de")
    assert graphs == [MAX_GRAPH_SENTENCES]
    assert sorted(ranking) == list(range(len(sentences)))

    # The candidates share the text's common words; an outlier is left out, ranked after them.
    words = [("regierung", "drohn")] * 5 + [("wetter",)]
    assert graph_candidates(words, list(range(6)), 5) == ([0, 1, 2, 3, 4], [5])
    assert graph_candidates(words, list(range(6)), 6) == (list(range(6)), [])
