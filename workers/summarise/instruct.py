"""Summaries from an instruction-tuned model, prompted with a versioned template.

The model is injected as ``generate: Callable[[str], str]`` (prompt in, completion out), so
this module owns the prompt and its provenance and nothing about loading models: the worker
wraps a transformers text-generation or seq2seq model in such a callable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from workers.summarise.prompts import PromptTemplate, load_prompt
from workers.summarise.summariser import Summary, SummaryRequest, fit_to_limits

METHOD = "instruct"

GenerateFn = Callable[[str], str]


def prompt_context(request: SummaryRequest) -> dict[str, Any]:
    """The variables every summary template gets."""
    return {
        "text": request.text,
        "sentences": [" ".join(text.split()) for _, text in request.sentences],
        "title": request.title,
        "source_lang": request.language,
        "max_sentences": request.sentence_limit,
        "max_chars": request.max_chars,
    }


class InstructSummariser:
    """Renders ``prompts/{task}.{summary language}.j2`` and asks the model for a summary.

    The summary covers every sentence of the request (``sentence_keys`` lists them all) and
    records the template's file name and SHA-256. The template is read at each call, so an
    edited prompt takes effect, and shows in the hash, without a restart. Length limits are
    stated in the prompt and then enforced on the answer (:func:`fit_to_limits`). The whole
    prompt goes to ``generate`` in one piece: the model's context must hold the section or
    article.
    """

    method = METHOD

    def __init__(
        self, generate: GenerateFn, prompts_dir: Path | None = None, *, model_version: str = "unknown"
    ) -> None:
        self.generate = generate
        self.prompts_dir = prompts_dir
        self.method_version = model_version  # e.g. "Qwen/Qwen2.5-1.5B-Instruct@<commit>"

    def prompt_for(self, request: SummaryRequest) -> tuple[PromptTemplate, str]:
        template = load_prompt(request.task, request.output_lang, self.prompts_dir)
        return template, template.render(**prompt_context(request))

    def summarise(self, request: SummaryRequest) -> Summary:
        template, prompt = self.prompt_for(request)
        empty = not request.sentences or request.sentence_limit == 0 or request.max_chars == 0
        answer = "" if empty else self.generate(prompt)
        return Summary(
            text=fit_to_limits(answer, request.output_lang, request.sentence_limit, request.max_chars),
            sentence_keys=request.keys,
            method=self.method,
            method_version=self.method_version,
            prompt_name=template.name,
            prompt_hash=template.sha256,
        )


def seq2seq_generate(model_id: str, device: str = "cpu", max_new_tokens: int = 256) -> tuple[GenerateFn, str]:
    """A ``generate`` callable over an instruction-tuned seq2seq model (FLAN-T5, mT0, ...), and its
    revision. A prompt longer than the model's context is refused, never truncated."""
    import torch

    from service.errors import ModelError
    from workers.engines.hf import load_seq2seq, token_count

    loaded = load_seq2seq(model_id, None, device)

    def generate(prompt: str) -> str:
        length = token_count(loaded.tokenizer, prompt)  # counted first: a prompt too long is refused
        if length > loaded.max_input_tokens:
            raise ModelError(
                f"the prompt is {length} tokens, over the {loaded.max_input_tokens} that {model_id} reads; "
                "use a model with a longer context or summarise shorter sections"
            )
        batch = loaded.tokenizer([prompt], return_tensors="pt", truncation=False).to(device)
        budget = max(1, min(max_new_tokens, loaded.max_input_tokens - 1))
        with torch.inference_mode():
            output = loaded.model.generate(**batch, max_new_tokens=budget, num_beams=1)
        return str(loaded.tokenizer.decode(output[0], skip_special_tokens=True)).strip()

    return generate, loaded.revision
