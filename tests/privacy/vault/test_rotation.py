"""Master-key rotation: every key re-wrapped, old values still open, business rows untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, Table, Text, insert, select

from shouyue.db import make_engine
from shouyue.privacy.errors import KeyStoreError
from shouyue.privacy.vault import Sealed, Vault, generate_master_key, rotate_master_key
from shouyue.privacy.vault.master import MASTER_FILE, NEXT_MASTER_FILE, read_master_key_file, write_master_key_file
from tests.privacy.vault.support import ID_NUMBER, PHONE, open_store


def _rotate(vault: Vault, key_dir: Path, *, master: str | None = None, new_key_file: Path | None = None) -> str:
    done = rotate_master_key(
        keystore=vault.keystore,
        key_dir=key_dir,
        configured_master=master,
        development=True,
        new_key_file=new_key_file,
    )
    return done.new_kid


def test_rotation_keeps_values_readable_and_changes_no_business_row(
    make_vault: Callable[..., Vault], key_dir: Path, fresh_database: Callable[[], str]
) -> None:
    # given sealed values of several subjects, everyday and held, stored in a business table
    vault = make_vault()
    values = [
        vault.seal(PHONE, category="contact.phone", subject_id="acct-1", lookup=True),
        vault.seal(ID_NUMBER, category="identity.id_number", subject_id="acct-1", held=True),
        vault.seal(PHONE, category="contact.phone", subject_id="acct-2", lookup=True),
    ]
    table = Table("profile", MetaData(), Column("value", Text))
    engine = make_engine(fresh_database())
    table.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(table), [{"value": v.serialise()} for v in values])
        before = conn.execute(select(table.c.value)).scalars().all()
    old_kid = vault.keystore.master.kid
    index_before = vault.blind_index(PHONE, category="contact.phone")
    # when the master key is rotated
    new_kid = _rotate(vault, key_dir)
    # then the key file holds the new key, and the key store counts every key re-wrapped under it
    assert read_master_key_file(key_dir / MASTER_FILE).kid == new_kid != old_kid
    status = vault.keystore.status()
    assert (status.master_kid, status.retired_masters, status.everyday, status.held) == (new_kid, 1, 2, 1)
    # and the business rows are byte for byte what they were
    with engine.connect() as conn:
        after = conn.execute(select(table.c.value)).scalars().all()
    engine.dispose()
    assert after == before
    # and a fresh process opens them all and computes the same blind indexes
    fresh = make_vault()
    assert [fresh.open(Sealed.parse(text)) for text in after] == [PHONE, ID_NUMBER, PHONE]
    assert fresh.blind_index(PHONE, category="contact.phone") == index_before


def test_the_retired_master_key_no_longer_opens_the_store(make_vault: Callable[..., Vault], key_dir: Path) -> None:
    vault = make_vault()
    vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    old = vault.keystore.master.encoded()
    _rotate(vault, key_dir)
    with pytest.raises(KeyStoreError, match="retired by a rotation"):
        open_store(key_dir, master=old)


def test_rotation_with_the_key_in_the_environment(make_vault: Callable[..., Vault], key_dir: Path) -> None:
    # given the master key in SHOUYUE_MASTER_KEY
    master = generate_master_key(development=False).encoded()
    vault = make_vault(master=master)
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    # when rotating without saying where the new key goes, nothing happens
    with pytest.raises(KeyStoreError, match="pass --new-key-file PATH"):
        _rotate(vault, key_dir, master=master)
    assert vault.keystore.status().retired_masters == 0
    # when rotating with a file for the new key
    new_file = key_dir.parent / "new-master.key"
    new_kid = _rotate(vault, key_dir, master=master, new_key_file=new_file)
    # then the file holds it, and with the environment set to it the values still open
    new_master = read_master_key_file(new_file)
    assert new_master.kid == new_kid
    assert new_file.stat().st_mode & 0o077 == 0
    assert make_vault(master=new_master.encoded()).open(sealed) == PHONE


def test_an_interrupted_rotation_is_finished_on_the_next_start(make_vault: Callable[..., Vault], key_dir: Path) -> None:
    # given a rotation that committed in the key store but died before moving the new key file into place
    vault = make_vault()
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    new = generate_master_key(development=True, source="test")
    write_master_key_file(key_dir / NEXT_MASTER_FILE, new)
    vault.keystore.rotate(new)
    # when the program starts again
    fresh = make_vault()
    # then it finishes the move and opens the values
    assert fresh.keystore.master.kid == new.kid
    assert read_master_key_file(key_dir / MASTER_FILE).kid == new.kid
    assert not (key_dir / NEXT_MASTER_FILE).exists()
    assert fresh.open(sealed) == PHONE


def test_a_process_with_the_rotated_out_key_creates_no_keys(make_vault: Callable[..., Vault], key_dir: Path) -> None:
    # given a second process started before the rotation
    vault = make_vault()
    stale = make_vault()
    _rotate(vault, key_dir)
    # then it refuses to wrap a new subject's key under the retired master key
    with pytest.raises(KeyStoreError, match="the master key was rotated"):
        stale.seal(PHONE, category="contact.phone", subject_id="acct-new")
