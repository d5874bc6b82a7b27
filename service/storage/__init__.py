"""Storage: SQLAlchemy 2 tables, Alembic migrations, and functions that take a session."""
