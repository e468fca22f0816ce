"""The key store and master key: where they live, how they fail, and the development-key rule."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from shouyue.models import all_metadata
from shouyue.privacy.errors import DevelopmentKeyRefused, KeyStoreError
from shouyue.privacy.vault import Vault, generate_master_key
from shouyue.privacy.vault.master import DEV_MARKER, MASTER_FILE
from shouyue.privacy.vault.models import KeyStoreBase
from tests.privacy.vault.support import PHONE, keystore_url, open_store


def test_development_generates_a_marked_master_key(key_dir: Path) -> None:
    # when a key store is opened in development with no master key anywhere
    store = open_store(key_dir)
    store.dispose()
    # then one is generated, owner-readable only, and marked as a development key
    path = key_dir / MASTER_FILE
    lines = path.read_text().splitlines()
    assert lines[0] == DEV_MARKER
    assert len(base64.b64decode(lines[1])) == 32
    assert path.stat().st_mode & 0o077 == 0
    assert store.master.development
    # and the next start reads the same key
    again = open_store(key_dir)
    assert again.master.kid == store.master.kid
    again.dispose()


def test_key_store_is_its_own_database(key_dir: Path) -> None:
    store = open_store(key_dir)
    store.dispose()
    engine = create_engine(keystore_url(key_dir))
    assert set(inspect(engine).get_table_names()) == {"master_key", "data_key"}
    engine.dispose()
    business_tables = {t for metadata in all_metadata() for t in metadata.tables}
    assert business_tables.isdisjoint(KeyStoreBase.metadata.tables)


def test_wrong_master_key_is_named(key_dir: Path, make_vault: Callable[..., Vault]) -> None:
    # given a key store holding keys under the generated master key
    vault = make_vault()
    vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    wrapped_under = vault.keystore.master.kid
    # when it is opened with another master key
    other = generate_master_key(development=False).encoded()
    with pytest.raises(KeyStoreError) as caught:
        open_store(key_dir, master=other)
    # then the error says so and names the key that wraps the store, with no fallback
    message = str(caught.value)
    assert "the master key does not match the key store" in message
    assert f"wrapped under master key id {wrapped_under}" in message


def test_master_key_from_the_environment_must_be_32_bytes(key_dir: Path) -> None:
    with pytest.raises(KeyStoreError, match="SHOUYUE_MASTER_KEY must be 32 bytes"):
        open_store(key_dir, master=base64.b64encode(b"short").decode())
    with pytest.raises(KeyStoreError, match="SHOUYUE_MASTER_KEY is not valid base64"):
        open_store(key_dir, master="not base64 at all!")


def test_unreadable_master_key_file_is_named(key_dir: Path) -> None:
    key_dir.mkdir()
    (key_dir / MASTER_FILE).write_text("garbage!\n")
    with pytest.raises(KeyStoreError, match=re.escape(f"{key_dir / MASTER_FILE} is not valid base64")):
        open_store(key_dir)


def test_key_dir_that_is_a_file_is_named(tmp_path: Path) -> None:
    key_dir = tmp_path / "keys"
    key_dir.write_text("not a directory")
    with pytest.raises(KeyStoreError, match=re.escape(f"{key_dir} is not a directory")):
        open_store(key_dir)


def test_missing_key_store_is_not_created_outside_development(key_dir: Path) -> None:
    # given a real master key but no key store at the configured path (say, a mistyped key dir)
    master = generate_master_key(development=False).encoded()
    # when opened as in production
    with pytest.raises(KeyStoreError) as caught:
        open_store(key_dir, development=False, master=master)
    # then it names the path instead of starting an empty key store that opens nothing
    assert f"the key store {key_dir / 'keystore.db'} does not exist" in str(caught.value)
    assert not (key_dir / "keystore.db").exists()
    # and an explicit initialisation creates it
    open_store(key_dir, development=False, master=master, create=True).dispose()
    open_store(key_dir, development=False, master=master).dispose()


def test_unreadable_key_store_is_named(key_dir: Path) -> None:
    key_dir.mkdir()
    (key_dir / "keystore.db").write_bytes(os.urandom(4096))
    with pytest.raises(KeyStoreError, match=re.escape(f"key store {key_dir / 'keystore.db'}")):
        open_store(key_dir)


def test_production_without_a_master_key_refuses(key_dir: Path) -> None:
    with pytest.raises(KeyStoreError, match="no master key: set SHOUYUE_MASTER_KEY"):
        open_store(key_dir, development=False)


def test_production_refuses_a_generated_development_key(key_dir: Path) -> None:
    # given a key store made in development with a generated key
    open_store(key_dir).dispose()
    # when the same directory is used in production
    with pytest.raises(DevelopmentKeyRefused, match="generated development key"):
        open_store(key_dir, development=False)


def test_production_refuses_a_development_key_even_without_its_marker(key_dir: Path) -> None:
    # given a generated development key copied into the environment, marker line dropped
    store = open_store(key_dir)
    store.dispose()
    copied = store.master.encoded()
    # then the key store itself remembers the key was generated for development
    with pytest.raises(DevelopmentKeyRefused, match=f"master key {store.master.kid}, which was generated"):
        open_store(key_dir, development=False, master=copied)


def test_wrapped_key_copied_to_another_row_is_refused(key_dir: Path, make_vault: Callable[..., Vault]) -> None:
    # given two subjects' keys
    vault = make_vault()
    first = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    vault.seal(PHONE, category="contact.phone", subject_id="acct-2")
    # when someone with write access to the key store swaps acct-2's wrapped key into acct-1's row
    engine = create_engine(keystore_url(key_dir))
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE data_key SET wrapped = (SELECT wrapped FROM data_key WHERE subject_id = 'acct-2') "
            "WHERE subject_id = 'acct-1'"
        )
    engine.dispose()
    # then another process cannot unwrap it: the wrapping is bound to its row
    with pytest.raises(KeyStoreError, match="does not authenticate"):
        make_vault().open(first)
