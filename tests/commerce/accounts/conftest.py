"""Fixtures for account tests: a published notice, a private sandbox directory, and a small
client that drives the public API the way an app does (request a code, read it from the
sandbox outbox, submit it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.commerce.accounts.builders import AccountsApi, publish_notice
from tests.web.conftest import app, client  # noqa: F401  (the shared TestClient over create_app)


@pytest.fixture(autouse=True)
def sandbox_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets its own SMS outbox and upload directory."""
    from shouyue.settings import get_settings

    root = tmp_path_factory.mktemp("sandbox")
    monkeypatch.setenv("SHOUYUE_SANDBOX_DIR", str(root / "sandbox"))
    monkeypatch.setenv("SHOUYUE_UPLOAD_DIR", str(root / "uploads"))
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def notice_version(db_session: Session) -> str:
    """A published notice version, as registration needs."""
    return publish_notice(db_session)


@pytest.fixture
def api(client: TestClient, app: FastAPI, notice_version: str) -> AccountsApi:  # noqa: F811
    return AccountsApi(client=client, app=app, notice_version=notice_version)
