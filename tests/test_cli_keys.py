"""``shouyue keys``: status, init, rotate, generate; and production's refusal of a development key."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shouyue.cli import app
from shouyue.engine import get_vault, reset_vault, startup_checks
from shouyue.privacy.errors import DevelopmentKeyRefused
from shouyue.privacy.vault import generate_master_key
from shouyue.privacy.vault.master import DEV_MARKER, MASTER_FILE, read_master_key_file
from shouyue.settings import get_settings

runner = CliRunner()
PHONE = "13812345678"


@pytest.fixture
def key_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A key directory of its own, with the settings and the vault read again around the test."""
    key_dir = tmp_path / "keys"
    monkeypatch.setenv("SHOUYUE_KEY_DIR", str(key_dir))
    monkeypatch.delenv("SHOUYUE_MASTER_KEY", raising=False)
    monkeypatch.delenv("SHOUYUE_KEYSTORE_URL", raising=False)
    _reload()
    yield key_dir
    _reload()


def _reload() -> None:
    get_settings.cache_clear()
    reset_vault()


def _env(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    for name, value in values.items():
        monkeypatch.setenv(f"SHOUYUE_{name.upper()}", value)
    _reload()


def test_status_in_development_reports_the_generated_key(key_dir: Path) -> None:
    result = runner.invoke(app, ["keys", "status"])
    assert result.exit_code == 0, result.output
    kid = read_master_key_file(key_dir / MASTER_FILE).kid
    assert f"master key id:    {kid}" in result.stdout
    assert f"key store:        {key_dir / 'keystore.db'}" in result.stdout
    assert "generated development key" in result.stderr


def test_rotate_replaces_the_key_file_and_old_values_still_open(key_dir: Path) -> None:
    # given values sealed under the current master key
    everyday = get_vault().seal(PHONE, category="contact.phone", subject_id="acct-1", lookup=True)
    held = get_vault().seal(PHONE, category="contact.phone", subject_id="acct-1", held=True)
    old_kid = read_master_key_file(key_dir / MASTER_FILE).kid
    # when the master key is rotated
    result = runner.invoke(app, ["keys", "rotate"])
    # then the key file holds a new key; the everyday, held and index keys are re-wrapped; values still open
    assert result.exit_code == 0, result.output
    new_kid = read_master_key_file(key_dir / MASTER_FILE).kid
    assert new_kid != old_kid
    assert f"rotated: 3 keys re-wrapped under master key {new_kid}; {old_kid} retired" in result.stdout
    assert get_vault().keystore.master.kid == new_kid
    assert get_vault().open(everyday) == PHONE
    assert get_vault().open(held) == PHONE
    assert get_vault().blind_index(PHONE, category="contact.phone") == everyday.blind_index
    status = runner.invoke(app, ["keys", "status"])
    assert "retired masters:  1" in status.stdout


def test_rotate_with_the_key_in_the_environment(key_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given the master key in SHOUYUE_MASTER_KEY and a value sealed under it
    _env(monkeypatch, master_key=generate_master_key(development=False).encoded())
    sealed = get_vault().seal(PHONE, category="contact.phone", subject_id="acct-1")
    # when rotating without a place for the new key, it refuses and changes nothing
    refused = runner.invoke(app, ["keys", "rotate"])
    assert refused.exit_code == 2
    assert "pass --new-key-file PATH" in refused.stderr
    # when rotating with one
    new_file = key_dir.parent / "next.key"
    result = runner.invoke(app, ["keys", "rotate", "--new-key-file", str(new_file)])
    assert result.exit_code == 0, result.output
    assert "set SHOUYUE_MASTER_KEY to it" in result.stdout
    # then with the environment set to the new key the value still opens
    _env(monkeypatch, master_key=read_master_key_file(new_file).encoded())
    assert get_vault().open(sealed) == PHONE


def test_a_wrong_master_key_exits_with_the_reason(key_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner.invoke(app, ["keys", "status"])
    kid = read_master_key_file(key_dir / MASTER_FILE).kid
    _env(monkeypatch, master_key=generate_master_key(development=False).encoded())
    result = runner.invoke(app, ["keys", "status"])
    assert result.exit_code == 2
    assert f"the master key does not match the key store {key_dir / 'keystore.db'}" in result.stderr
    assert f"wrapped under master key id {kid}" in result.stderr


def test_production_refuses_a_generated_development_key(key_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a key directory set up in development
    assert runner.invoke(app, ["keys", "status"]).exit_code == 0
    assert (key_dir / MASTER_FILE).read_text().startswith(DEV_MARKER)
    # when the program starts in production with it
    _env(monkeypatch, env="production")
    result = runner.invoke(app, ["keys", "status"])
    # then it refuses, from the CLI and from the start-up checks the web app runs
    assert result.exit_code == 2
    assert "is a generated development key and is refused outside development" in result.stderr
    with pytest.raises(DevelopmentKeyRefused):
        startup_checks()
    # and rotating replaces the development key with a production one, after which it starts
    rotated = runner.invoke(app, ["keys", "rotate"])
    assert rotated.exit_code == 0, rotated.output
    assert not (key_dir / MASTER_FILE).read_text().startswith(DEV_MARKER)
    _reload()
    startup_checks()
    status = runner.invoke(app, ["keys", "status"])
    assert status.exit_code == 0
    assert "development key" not in status.stderr


def test_production_creates_no_key_store_implicitly(key_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given production with a master key but no key store yet
    _env(monkeypatch, env="production", master_key=generate_master_key(development=False).encoded())
    # then status refuses, naming the path, until the key store is initialised
    missing = runner.invoke(app, ["keys", "status"])
    assert missing.exit_code == 2
    assert f"the key store {key_dir / 'keystore.db'} does not exist" in missing.stderr
    init = runner.invoke(app, ["keys", "init"])
    assert init.exit_code == 0, init.output
    assert runner.invoke(app, ["keys", "status"]).exit_code == 0


def test_production_without_any_master_key_refuses(key_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _env(monkeypatch, env="production")
    result = runner.invoke(app, ["keys", "init"])
    assert result.exit_code == 2
    assert "no master key: set SHOUYUE_MASTER_KEY" in result.stderr
    assert not (key_dir / MASTER_FILE).exists()


def test_generate_prints_a_fresh_key_and_touches_nothing(key_dir: Path) -> None:
    first = runner.invoke(app, ["keys", "generate"])
    second = runner.invoke(app, ["keys", "generate"])
    assert first.exit_code == 0
    assert len(base64.b64decode(first.stdout.strip(), validate=True)) == 32
    assert first.stdout != second.stdout
    assert not key_dir.exists()
