"""Alembic environment: migrates the application's tables and the privacy engine's tables."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from shouyue.models import all_metadata
from shouyue.settings import get_settings

config = context.config
target_metadata = all_metadata()


def _url() -> str:
    return config.attributes.get("url") or get_settings().database_url


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


# Revision ids are "<date>_<slug>" and may pass Alembic's default 32 characters, so the
# version table is created wider before Alembic looks for it (an existing one is kept).
VERSION_TABLE_DDL = (
    "CREATE TABLE IF NOT EXISTS alembic_version "
    "(version_num VARCHAR(64) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


def _run(connection: Connection) -> None:
    connection.exec_driver_sql(VERSION_TABLE_DDL)
    connection.commit()
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from shouyue.db import make_engine

    engine = make_engine(_url())
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
