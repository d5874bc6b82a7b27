"""Pivot routing: translate source→pivot with one engine, then pivot→target with another."""

from __future__ import annotations

from workers.engines.engine import DecodeOptions, Hypothesis, ModelInfo, TranslatesOnWait, TranslationEngine


def _weaker(first: float | None, second: float | None) -> float | None:
    """A pivot's score: the weaker hop's (both must be known)."""
    if first is None or second is None:
        return None
    return min(first, second)


class PivotEngine(TranslatesOnWait):
    """Two engines in a row. The stored model id, revision and engine name list both hops."""

    def __init__(self, first: TranslationEngine, second: TranslationEngine, via: str) -> None:
        self.first = first
        self.second = second
        self.via = via
        self.options: DecodeOptions = first.options
        self.info = ModelInfo(
            model_id=f"{first.info.model_id} + {second.info.model_id}",
            revision=f"{first.info.revision}+{second.info.revision}",
            engine=f"{first.info.engine}+{second.info.engine}",
        )

    def translate(self, sentences: list[str], source_lang: str, target_lang: str) -> list[Hypothesis]:
        middle = self.first.translate(sentences, source_lang, self.via)
        final = self.second.translate([h.text for h in middle], self.via, target_lang)
        return [
            Hypothesis(
                text=f.text,
                input_tokens=m.input_tokens,
                output_tokens=f.output_tokens,
                chunks=max(m.chunks, f.chunks),
                score=_weaker(m.score, f.score),
            )
            for m, f in zip(middle, final, strict=True)
        ]
