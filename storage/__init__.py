"""Persistence for the core: SQLModel tables, a Store on SQLite or PostgreSQL, and migrations."""
