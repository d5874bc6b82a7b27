"""Interlinear: aligned translations and summaries of news articles."""
