"""``shouyue staff create|list|disable`` against a fresh migrated database (P50)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

import shouyue.db
import shouyue.settings
from shouyue.cli import app
from shouyue.db import make_engine
from shouyue.migrate import upgrade

runner = CliRunner()


def _clear_caches() -> None:
    shouyue.settings.get_settings.cache_clear()
    shouyue.db.get_engine.cache_clear()
    shouyue.db.get_sessionmaker.cache_clear()


@pytest.fixture
def cli_database(fresh_database: Callable[[], str], monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new migrated database with the CLI pointed at it; the suite's restored afterwards."""
    url = fresh_database()
    upgrade(url)
    monkeypatch.setenv("SHOUYUE_DATABASE_URL", url)
    _clear_caches()
    yield url
    shouyue.db.get_engine().dispose()
    monkeypatch.undo()
    _clear_caches()


def _hashes(url: str) -> list[tuple[str, str, str]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT username, role, password_hash FROM staff_member ORDER BY username"))
            return [(r[0], r[1], r[2]) for r in rows]
    finally:
        engine.dispose()


@pytest.mark.promise("P50")
def test_create_reads_the_password_from_stdin_and_stores_only_its_hash(cli_database: str) -> None:
    result = runner.invoke(
        app,
        ["staff", "create", "--username", "cs.li", "--role", "customer_service", "--password-stdin"],
        input="Quiet-River-Lamp-88\n",
    )
    assert result.exit_code == 0, result.output
    assert "已创建员工账号 cs.li（角色：客服" in result.stdout
    assert "Quiet-River-Lamp-88" not in result.output
    [(username, role, stored)] = _hashes(cli_database)
    assert (username, role) == ("cs.li", "customer_service")
    assert stored.startswith("$argon2id$")


@pytest.mark.promise("P50")
def test_create_prompts_twice_for_the_password(cli_database: str) -> None:
    result = runner.invoke(
        app,
        ["staff", "create", "--username", "co.chen", "--role", "compliance_officer"],
        input="Quiet-River-Lamp-88\nQuiet-River-Lamp-88\n",
    )
    assert result.exit_code == 0, result.output
    assert [u for u, _, _ in _hashes(cli_database)] == ["co.chen"]


@pytest.mark.promise("P50")
def test_a_weak_password_is_refused_with_the_reasons_and_a_non_zero_exit(cli_database: str) -> None:
    result = runner.invoke(
        app,
        ["staff", "create", "--username", "cs.li", "--role", "customer_service", "--password-stdin"],
        input="password\n",
    )
    assert result.exit_code == 2
    assert "错误：密码强度不足：" in result.stderr
    assert "密码长度至少12位，当前只有8位" in result.stderr
    assert "目前缺少：大写字母、数字、符号" in result.stderr
    assert "密码过于常见" in result.stderr
    assert _hashes(cli_database) == []


def test_an_unknown_role_is_refused_before_any_password_is_asked(cli_database: str) -> None:
    result = runner.invoke(app, ["staff", "create", "--username", "cs.li", "--role", "root"], input="")
    assert result.exit_code == 2
    assert "错误：角色不存在，可选角色：customer_service（客服）" in result.stderr
    assert "密码" not in result.stdout
    assert _hashes(cli_database) == []


def test_list_and_disable(cli_database: str) -> None:
    for username, role in (("cs.li", "customer_service"), ("audit.zhou", "auditor")):
        created = runner.invoke(
            app,
            ["staff", "create", "--username", username, "--role", role, "--password-stdin"],
            input="Quiet-River-Lamp-88\n",
        )
        assert created.exit_code == 0, created.output
    disabled = runner.invoke(app, ["staff", "disable", "--username", "cs.li"])
    assert disabled.exit_code == 0, disabled.output
    listed = runner.invoke(app, ["staff", "list"])
    assert listed.stdout.splitlines() == ["audit.zhou\tauditor\t审计员\t正常", "cs.li\tcustomer_service\t客服\t已停用"]
    missing = runner.invoke(app, ["staff", "disable", "--username", "nobody"])
    assert missing.exit_code == 2 and "未找到该员工" in missing.stderr
