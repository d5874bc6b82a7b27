"""Score a model route on a parallel test set with sacrebleu (BLEU and chrF)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

# Test sets in shared/eval/: per language, the file holding its side of the parallel text.
TESTSETS: dict[str, dict[str, str]] = {
    "flores200-devtest": {"de": "deu_Latn.devtest", "en": "eng_Latn.devtest", "ko": "kor_Hang.devtest"},
    "newstest2019-deen": {"de": "newstest2019.deu", "en": "newstest2019.eng"},
}


@dataclass(frozen=True)
class EvalReport:
    pair: str
    testset: str
    sentences: int
    bleu: float
    chrf: float
    bleu_signature: str
    chrf_signature: str
    route: str
    model_id: str
    model_revision: str
    engine: str
    created_at: str


def load_testset(
    eval_dir: Path, testset: str, source: str, target: str, limit: int | None
) -> tuple[list[str], list[str]]:
    files = TESTSETS.get(testset)
    if files is None:
        raise LookupError(f"unknown test set {testset!r}; known: {', '.join(TESTSETS)}")
    if source not in files or target not in files:
        raise LookupError(f"{testset} has no {source}-{target} side; languages: {', '.join(files)}")
    folder = eval_dir / testset
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{folder} is absent; set INTERLINEAR_EVAL_DIR to the folder holding {testset}/"
        )
    sources = (folder / files[source]).read_text(encoding="utf-8").splitlines()[:limit]
    references = (folder / files[target]).read_text(encoding="utf-8").splitlines()[:limit]
    return sources, references


def evaluate(
    sources: list[str],
    references: list[str],
    translate: Callable[[list[str]], list[str]],
    pair: str,
    testset: str,
    route: str,
    model: tuple[str, str, str],
    target_lang: str,
) -> EvalReport:
    import sacrebleu

    hypotheses = translate(sources)
    # Korean has no spaces between all words; character-level BLEU is the usual fallback without mecab.
    bleu = sacrebleu.metrics.BLEU(tokenize="char" if target_lang in ("ko", "ja", "zh") else "13a")
    chrf = sacrebleu.metrics.CHRF()
    bleu_score = bleu.corpus_score(hypotheses, [references])
    chrf_score = chrf.corpus_score(hypotheses, [references])
    return EvalReport(
        pair=pair,
        testset=testset,
        sentences=len(sources),
        bleu=round(bleu_score.score, 2),
        chrf=round(chrf_score.score, 2),
        bleu_signature=str(bleu.get_signature()),
        chrf_signature=str(chrf.get_signature()),
        route=route,
        model_id=model[0],
        model_revision=model[1],
        engine=model[2],
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )


def write_report(report: EvalReport, path: Path) -> None:
    if path.suffix == ".json":
        path.write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
        return
    rows = "\n".join(f"| {key} | {value} |" for key, value in asdict(report).items())
    path.write_text(
        f"# Evaluation: {report.pair} on {report.testset}\n\n| field | value |\n|---|---|\n{rows}\n"
    )
