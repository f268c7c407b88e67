"""Alembic environment: the engine comes from the caller (app.storage.migrate), batch mode on SQLite.

On SQLite the caller hands over an engine on a *copy* of the database, which replaces the live file only once
every revision succeeded (see the docstring of :mod:`app.storage.migrate` for why a copy rather than
transactional DDL); on PostgreSQL the whole upgrade runs in the one transaction opened here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from app.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///foja-dev.sqlite3")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        context.run_migrations()


run_migrations_online()
