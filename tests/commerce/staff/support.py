"""Fixtures shared by the staff and identity tests (imported by their ``conftest.py``).

``db_session`` here replaces the suite's for these tests: on SQLite the suite's fixture does not
isolate tests whose code commits, because the pysqlite driver does not emit BEGIN itself, so
the savepoint a commit releases is the outermost transaction. Here the outer transaction is
begun explicitly, so every commit only releases a savepoint and the test is rolled back whole.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from shouyue.commerce.staff import passwords
from shouyue.web.app import create_app
from shouyue.web.deps import get_session


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with test-sized cost: the same algorithm and code path, a fraction of the time."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", lambda: cheap)
    monkeypatch.setattr(passwords, "dummy_hash", lambda: cheap.hash("shouyue-dummy-password-never-matches"))


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
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
def app(db_session: Session) -> FastAPI:
    application = create_app()
    application.dependency_overrides[get_session] = lambda: db_session
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
