"""Summaries of sections and articles: extractive (TextRank), seq2seq, or a prompted model.

Every route takes a :class:`SummaryRequest` and returns a :class:`Summary`. The model-backed
routes import torch and transformers only when a model is loaded.
"""

from workers.summarise.abstractive import Seq2SeqSummariser
from workers.summarise.extractive import ExtractiveSummariser
from workers.summarise.instruct import InstructSummariser
from workers.summarise.prompts import PromptTemplate, available_prompts, load_prompt
from workers.summarise.summariser import (
    DEFAULT_MAX_SENTENCES,
    SUMMARISE_ARTICLE,
    SUMMARISE_SECTION,
    Summariser,
    Summary,
    SummaryRequest,
    fit_to_limits,
)

__all__ = [
    "DEFAULT_MAX_SENTENCES",
    "SUMMARISE_ARTICLE",
    "SUMMARISE_SECTION",
    "ExtractiveSummariser",
    "InstructSummariser",
    "PromptTemplate",
    "Seq2SeqSummariser",
    "Summariser",
    "Summary",
    "SummaryRequest",
    "available_prompts",
    "fit_to_limits",
    "load_prompt",
]
