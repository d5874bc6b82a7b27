"""Glossaries: a tenant's terms, kept verbatim (do-not-translate) or given a required translation.

:mod:`.model` holds the shapes, :mod:`.terms` finds terms in a sentence and protects them through
translation, :mod:`.store` keeps glossaries in the database, :mod:`.formats` reads CSV and TBX.
"""
