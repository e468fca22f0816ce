"""The real Alembic migrations: upgrade, downgrade to nothing, upgrade again."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import inspect

from shouyue.db import make_engine
from shouyue.migrate import downgrade, upgrade
from shouyue.models import all_metadata


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_round_trip(fresh_database: Callable[[], str]) -> None:
    # given an empty database
    url = fresh_database()
    declared = {t for md in all_metadata() for t in md.tables}
    # when migrated up, down and up again
    upgrade(url)
    after_first = _tables(url)
    downgrade(url, "base")
    after_down = _tables(url)
    upgrade(url)
    # then every declared table exists after each upgrade and none after the downgrade
    assert after_first == declared
    assert after_down == set()
    assert _tables(url) == declared


def test_models_and_migrations_agree(database_url: str) -> None:
    # given the worker database, migrated to head by the real migrations
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            # when the models are compared with the migrated schema
            diff = compare_metadata(context, all_metadata())  # type: ignore[arg-type]
    finally:
        engine.dispose()
    # then nothing differs: every model change comes with a migration
    assert diff == []


def test_the_migrations_form_one_line() -> None:
    # Work that lands in parallel branches is merged before it lands: one head, so every
    # database moves along the same sequence of revisions.
    from alembic.script import ScriptDirectory

    from shouyue.migrate import alembic_config

    assert len(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()) == 1
