"""Fixtures for privacy-center tests: the accounts fixtures (a published notice, a private
sandbox, the API client), one registered account, and a separate database for tests that
publish notice versions.

Publishing a version changes what every later test sees as "the notice in force", and on
SQLite a test's commits outlive it; so those tests run against a database of their own
(one per module, each test with its own version names), never the worker's shared one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from shouyue.db import make_engine
from shouyue.engine import get_datamap
from shouyue.migrate import upgrade
from shouyue.privacy.notice import versions
from shouyue.web.app import create_app
from shouyue.web.deps import get_session
from tests.commerce.accounts.builders import AccountsApi
from tests.commerce.accounts.conftest import api, notice_version, sandbox_dirs  # noqa: F401
from tests.commerce.privacy_center.builders import Me, publish, register
from tests.support.databases import drop_database, new_database
from tests.web.conftest import app, client  # noqa: F401


@pytest.fixture
def me(api: AccountsApi) -> Me:  # noqa: F811
    api.relax_limits()
    return register(api)


@pytest.fixture(scope="module")
def notice_db() -> Iterator[sessionmaker[Session]]:
    """A migrated database of its own for the tests that publish versions."""
    url = new_database("notice")
    upgrade(url)
    engine = make_engine(url)
    yield sessionmaker(bind=engine, expire_on_commit=False)
    engine.dispose()
    drop_database(url)


@pytest.fixture
def own_api(notice_db: sessionmaker[Session], sandbox_dirs: None) -> Iterator[AccountsApi]:  # noqa: F811
    """The accounts API over an app whose requests use ``notice_db``, with the shipped data
    map's notice in force (published under a new name unless it already is)."""
    application = create_app()

    def session() -> Iterator[Session]:
        one = notice_db()
        try:
            yield one
        finally:
            one.close()

    application.dependency_overrides[get_session] = session
    with notice_db() as db:
        try:
            version = publish(db, get_datamap(), f"base-{uuid.uuid4().hex[:8]}")
        except versions.NoticeUnchanged as unchanged:
            version = unchanged.latest
    with TestClient(application) as test_client:
        accounts = AccountsApi(client=test_client, app=application, notice_version=version)
        accounts.relax_limits()
        yield accounts
