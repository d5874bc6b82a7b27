"""Use cases: what a person or program asks of Interlinear, as plain functions every door calls.

Each takes :class:`~service.usecases.context.Services` and the asking
:class:`~service.api_keys.Principal`, decides permission with :mod:`service.permissions`, and
raises domain errors (:mod:`service.errors`) that the API maps to HTTP statuses, the pages to
messages and the CLI to exit codes. No interface holds any of this logic.
"""
