"""Suite-wide fixtures: a migrated database per test worker, a rolled-back session per test.

The environment is set before anything imports ``shouyue.settings``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.support.databases import TMP, drop_database, new_database

os.environ["SHOUYUE_ENV"] = "test"
os.environ["SHOUYUE_KEY_DIR"] = str(TMP / "keys")
os.environ.pop("SHOUYUE_MASTER_KEY", None)
os.environ.pop("SHOUYUE_KEYSTORE_URL", None)
WORKER_DB = new_database(os.environ.get("PYTEST_XDIST_WORKER", "main"))
os.environ["SHOUYUE_DATABASE_URL"] = WORKER_DB


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """This worker's database, migrated with the real Alembic migrations."""
    from shouyue.migrate import upgrade

    upgrade(WORKER_DB)
    yield WORKER_DB
    from shouyue.db import get_engine

    get_engine().dispose()
    drop_database(WORKER_DB)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Engine:
    from shouyue.db import get_engine

    return get_engine()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test; code under test may
    commit (it commits a savepoint). pysqlite emits no BEGIN of its own, so on SQLite the outer
    transaction is begun explicitly, or a commit inside the test would end it for good."""
    connection = engine.connect()
    driver = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
    saved = driver.isolation_level if driver is not None else None
    transaction = connection.begin()
    if driver is not None:
        driver.isolation_level = None  # the driver stops managing transactions; we do
        connection.exec_driver_sql("BEGIN")
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        transaction.rollback()
        if driver is not None:
            driver.isolation_level = saved
        connection.close()


@pytest.fixture
def fresh_database() -> Iterator[Callable[[], str]]:
    """A factory of new empty databases (same backend as the suite), dropped afterwards."""
    made: list[str] = []

    def make() -> str:
        url = new_database("fresh")
        made.append(url)
        return url

    yield make
    for url in made:
        drop_database(url)
