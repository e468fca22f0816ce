"""Crypto-shredding (P59): a destroyed data key leaves its values unreadable for good, backups included."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from shouyue.privacy.errors import KeyDestroyed
from shouyue.privacy.vault import Sealed, Vault
from tests.privacy.vault.support import ID_NUMBER, PHONE


@pytest.mark.promise("P59")
def test_destroying_the_everyday_key_then_the_held_key(make_vault: Callable[..., Vault]) -> None:
    # given a subject's everyday value, a held (legal retention) value, and another subject's value;
    # and a "backup" of the sealed values as stored text
    vault = make_vault()
    everyday = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    held = vault.seal(ID_NUMBER, category="identity.id_number", subject_id="acct-1", held=True)
    neighbour = vault.seal(PHONE, category="contact.phone", subject_id="acct-2")
    backup = [everyday.serialise(), held.serialise()]
    # when the account is cancelled: its everyday key is destroyed
    assert vault.destroy_subject_keys("acct-1", scope="everyday") == 1
    # then everyday values are unreadable, here and in a fresh process; held and other subjects' are not
    fresh = make_vault()
    for reader in (vault, fresh):
        with pytest.raises(KeyDestroyed, match=r"its everyday data key \w+ was destroyed .* unreadable for good"):
            reader.open(everyday)
        assert reader.open(held) == ID_NUMBER
        assert reader.open(neighbour) == PHONE
    # when the retention period of the held record ends
    assert vault.destroy_subject_keys("acct-1", scope="held") == 1
    # then nothing of the subject opens, not even from the backup
    with pytest.raises(KeyDestroyed, match="its held data key"):
        vault.open(held)
    for stored in backup:
        with pytest.raises(KeyDestroyed):
            make_vault().open(Sealed.parse(stored))


@pytest.mark.promise("P59")
def test_destroyed_key_bytes_are_gone_from_the_key_store_file(make_vault: Callable[..., Vault], key_dir: Path) -> None:
    # given a subject's key, its wrapped form as it sits in the key store file
    vault = make_vault()
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    engine = create_engine(f"sqlite:///{key_dir / 'keystore.db'}")
    with engine.connect() as conn:
        wrapped = conn.execute(text("SELECT wrapped FROM data_key WHERE kid = :k"), {"k": sealed.key_id}).scalar_one()
    engine.dispose()
    assert wrapped in _key_store_bytes(key_dir)
    # when it is destroyed
    vault.destroy_subject_keys("acct-1", scope="everyday")
    vault.close()
    # then neither the file nor its write-ahead log holds those bytes (secure_delete zeroes
    # freed space; destroying checkpoints and truncates the log)
    assert wrapped not in _key_store_bytes(key_dir)


def _key_store_bytes(key_dir: Path) -> bytes:
    """Everything the SQLite key store has on disk: the file, its write-ahead log and shared memory."""
    return b"".join(path.read_bytes() for path in sorted(key_dir.glob("keystore.db*")))


def test_destroying_evicts_the_in_memory_cache(vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    assert vault.open(sealed) == PHONE  # the key is now cached
    vault.destroy_subject_keys("acct-1", scope="everyday")
    with pytest.raises(KeyDestroyed):
        vault.open(sealed)


def test_another_process_forgets_a_destroyed_key_after_its_cache_ttl(
    make_vault: Callable[..., Vault], key_dir: Path
) -> None:
    # given a second process with the key cached, and no time to live
    vault = make_vault()
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    other = Vault(keystore=make_vault().keystore, datamap=vault.datamap, cache_ttl=0)
    assert other.open(sealed) == PHONE
    # when the first process destroys the key
    vault.destroy_subject_keys("acct-1", scope="everyday")
    # then the second no longer opens it
    with pytest.raises(KeyDestroyed):
        other.open(sealed)


def test_sealing_after_destruction_uses_a_new_key(vault: Vault) -> None:
    old = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    vault.destroy_subject_keys("acct-1", scope="everyday")
    new = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    assert new.key_id != old.key_id
    assert vault.open(new) == PHONE
    with pytest.raises(KeyDestroyed):
        vault.open(old)


def test_destroying_nothing_is_harmless(vault: Vault) -> None:
    assert vault.destroy_subject_keys("nobody", scope="held") == 0
    with pytest.raises(ValueError, match="scope"):
        vault.destroy_subject_keys("acct-1", scope="all")  # type: ignore[arg-type]
