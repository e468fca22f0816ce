"""Browser tests: the real app served by uvicorn in a background thread, driven by headless
Chromium through Playwright.

The server uses a database and a sandbox of its own (its commits would otherwise change what
other tests see as the notice in force) and the suite's temporary key directory. Chromium is
Debian's (``/usr/bin/chromium``), never a browser downloaded at run time; when it is missing
the tests fail, they do not skip: CI installs it (``.ci/run``).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from sqlalchemy.orm import Session, sessionmaker

import shouyue.settings
from shouyue.db import make_engine
from shouyue.engine import NOTICE_PROSE, get_datamap
from shouyue.migrate import upgrade
from shouyue.privacy.actors import Actor
from shouyue.privacy.notice import load_prose, versions
from shouyue.web.app import create_app
from shouyue.web.deps import get_session
from tests.support.databases import drop_database, new_database

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOTICE_VERSION = "2026-11-29.browser"
TIMEOUT_MS = 10_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Live:
    """The live server's base URL and a session factory on its own database (for setup rows)."""

    url: str
    sessions: sessionmaker[Session]


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The app on http://127.0.0.1:<free port>, with the notice published."""
    sandbox = tmp_path_factory.mktemp("browser-sandbox")
    saved = {name: os.environ.get(name) for name in ("SHOUYUE_SANDBOX_DIR", "SHOUYUE_UPLOAD_DIR")}
    os.environ["SHOUYUE_SANDBOX_DIR"] = str(sandbox / "sandbox")
    os.environ["SHOUYUE_UPLOAD_DIR"] = str(sandbox / "uploads")
    shouyue.settings.get_settings.cache_clear()
    url = new_database("browser")
    upgrade(url)
    engine = make_engine(url)
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    with sessions() as db:
        versions.publish(
            session=db,
            datamap=get_datamap(),
            prose=load_prose(NOTICE_PROSE),
            version=NOTICE_VERSION,
            actor=Actor.system(),
            now=datetime.now(UTC),
        )
        db.commit()

    def session() -> Iterator[Session]:
        one = sessions()
        try:
            yield one
        finally:
            one.close()

    app = create_app()
    app.dependency_overrides[get_session] = session
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the live server did not start")
        time.sleep(0.05)
    yield Live(url=f"http://127.0.0.1:{port}", sessions=sessions)
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()
    drop_database(url)
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shouyue.settings.get_settings.cache_clear()


@pytest.fixture(scope="session")
def live_server(live: Live) -> str:
    """The live server's base URL."""
    return live.url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Chromium from the system; a missing browser fails the run."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is not installed (Debian package 'chromium'); the browser tests cannot run")
    chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A fresh browser profile (no cookies) on the live server, in Chinese."""
    context = browser.new_context(base_url=live_server, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    one = context.new_page()
    yield one
    context.close()
