"""Fixtures for commerce tests; a domain's ``conftest.py`` re-exports the ones it uses."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.commerce.accounts.builders import AccountsApi
from tests.commerce.accounts.conftest import notice_version, sandbox_dirs
from tests.commerce.support.world import World
from tests.web.conftest import app, client


@pytest.fixture
def api(client: TestClient, app: FastAPI, notice_version: str) -> AccountsApi:
    accounts = AccountsApi(client=client, app=app, notice_version=notice_version)
    accounts.relax_limits()
    return accounts


@pytest.fixture
def world(api: AccountsApi, db_session: Session) -> World:
    return World(api=api, session=db_session)


__all__ = ["api", "app", "client", "notice_version", "sandbox_dirs", "world"]
