"""``shouyue audit verify`` against a fresh migrated database: intact, tampered, unreadable (P79)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

import shouyue.db
import shouyue.settings
from shouyue.cli import app
from shouyue.db import make_engine
from shouyue.migrate import upgrade
from shouyue.privacy.actors import Actor
from shouyue.privacy.audit import append

runner = CliRunner()


def _clear_caches() -> None:
    shouyue.settings.get_settings.cache_clear()
    shouyue.db.get_engine.cache_clear()
    shouyue.db.get_sessionmaker.cache_clear()


@pytest.fixture
def point_cli_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Point SHOUYUE_DATABASE_URL at another database; restore the suite's afterwards."""
    pointed = False

    def point(url: str) -> None:
        nonlocal pointed
        monkeypatch.setenv("SHOUYUE_DATABASE_URL", url)
        _clear_caches()
        pointed = True

    yield point
    if pointed:
        shouyue.db.get_engine().dispose()  # release the database before it is dropped
    monkeypatch.undo()
    _clear_caches()


@pytest.fixture
def audited_database(fresh_database: Callable[[], str], point_cli_at: Callable[[str], None]) -> str:
    """A new migrated database holding three committed audit entries, the CLI pointed at it."""
    url = fresh_database()
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            for n in range(3):
                append(
                    session,
                    actor=Actor(kind="subject", id="acct_9"),
                    action="consent.granted",
                    subject_id="acct_9",
                    purpose="marketing.push",
                    refs={"notice_version": "v1", "n": n},
                )
            session.commit()
    finally:
        engine.dispose()
    point_cli_at(url)
    return url


def _tamper(url: str, sql: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


@pytest.mark.promise("P79")
def test_verify_reports_an_intact_chain(audited_database: str) -> None:
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "audit chain intact: 3 entries\n"


@pytest.mark.promise("P79")
def test_verify_names_an_edited_entry_and_fails(audited_database: str) -> None:
    # given entry #2 edited behind the log's back
    _tamper(audited_database, "UPDATE audit_entry SET purpose = 'order.fulfilment' WHERE seq = 2")
    # when verified
    result = runner.invoke(app, ["audit", "verify", "--batch-size", "1"])
    # then the command names it and exits 1
    assert result.exit_code == 1
    assert result.stdout == (
        "audit chain broken at entry #2: the entry was edited after it was written: "
        "its content no longer matches its hash\n"
    )


@pytest.mark.promise("P79")
def test_verify_names_a_removed_entry_and_fails(audited_database: str) -> None:
    _tamper(audited_database, "DELETE FROM audit_entry WHERE seq = 3")
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert result.stdout.startswith("audit chain broken at entry #3: the entry is missing at the end of the log")


@pytest.mark.promise("P79")
def test_an_empty_log_is_intact(fresh_database: Callable[[], str], point_cli_at: Callable[[str], None]) -> None:
    url = fresh_database()
    upgrade(url)
    point_cli_at(url)
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "audit chain intact: 0 entries\n"


@pytest.mark.promise("P79")
def test_an_unmigrated_database_is_an_error_not_a_verdict(
    fresh_database: Callable[[], str], point_cli_at: Callable[[str], None]
) -> None:
    point_cli_at(fresh_database())
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot read the audit log (is the database migrated?)")
    assert "Traceback" not in result.output
