"""Interlinear workers: Celery app and tasks, and the model runtime they use."""
