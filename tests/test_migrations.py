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
