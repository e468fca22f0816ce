"""Opening the key store from a configuration, and rotating the master key with its file.

Settings-agnostic: the application passes the values (``shouyue.engine`` does so from
``SHOUYUE_*``). ``development`` covers development and test: a missing master key is generated
(and marked), a missing key store is created. Outside development nothing is created implicitly:
a wrong ``SHOUYUE_KEY_DIR`` must fail loudly, not start an empty key store that opens nothing.

Rotation with a key file is crash-safe: the new key is written to ``master.key.next`` before the
key store commits, and moved over ``master.key`` after. If the process dies in between, the next
open finds the key store wrapped under the key in ``master.key.next`` and finishes the move.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from shouyue.privacy.errors import KeyStoreError
from shouyue.privacy.vault.keystore import KeyStore, MasterKeyMismatch
from shouyue.privacy.vault.master import (
    ENV_SOURCE,
    MASTER_FILE,
    NEXT_MASTER_FILE,
    generate_master_key,
    read_master_key_file,
    resolve_master_key,
    write_master_key_file,
)


@dataclass(frozen=True, slots=True)
class Rotation:
    """What ``rotate_master_key`` did; no key material."""

    old_kid: str
    new_kid: str
    rewrapped: int
    new_key_file: Path | None


def open_keystore(
    *,
    url: str,
    key_dir: Path,
    configured_master: str | None,
    development: bool,
    create: bool | None = None,
    for_rotation: bool = False,
) -> KeyStore:
    """The key store at ``url`` under the configured master key. Outside development a generated
    development key is refused, except ``for_rotation`` (rotating is how one gets rid of it)."""
    master = resolve_master_key(key_dir=key_dir, configured=configured_master, may_generate=development)
    create = development if create is None else create
    refuse = not development and not for_rotation
    try:
        return KeyStore.open(url, master=master, create=create, refuse_development=refuse)
    except MasterKeyMismatch:
        if configured_master:
            raise
        store = _finish_interrupted_rotation(url, key_dir=key_dir, create=create, refuse=refuse)
        if store is None:
            raise
        return store


def _finish_interrupted_rotation(url: str, *, key_dir: Path, create: bool, refuse: bool) -> KeyStore | None:
    pending = key_dir / NEXT_MASTER_FILE
    if not pending.exists():
        return None
    master = read_master_key_file(pending)
    try:
        store = KeyStore.open(url, master=master, create=create, refuse_development=refuse)
    except MasterKeyMismatch:
        return None
    _install(pending, key_dir / MASTER_FILE)
    store.master = read_master_key_file(key_dir / MASTER_FILE)
    return store


def rotate_master_key(
    *, keystore: KeyStore, key_dir: Path, configured_master: str | None, development: bool, new_key_file: Path | None
) -> Rotation:
    """Generate a new master key, re-wrap every key under it and retire the old one.

    With a key file the file is replaced in place. With ``SHOUYUE_MASTER_KEY`` the program cannot
    change its own environment, so the new key goes to ``new_key_file`` (created, owner-only) and
    the operator sets the variable to it before the next start."""
    old_kid = keystore.master.kid
    if configured_master:
        if new_key_file is None:
            raise KeyStoreError(
                f"the master key comes from {ENV_SOURCE}: pass --new-key-file PATH to receive the new key, "
                f"then set {ENV_SOURCE} to it"
            )
        new = generate_master_key(development=development, source=str(new_key_file))
        write_master_key_file(new_key_file, new)
        try:
            count = keystore.rotate(new)
        except BaseException:
            with contextlib.suppress(KeyStoreError):
                if keystore.active_master_kid() == old_kid:
                    new_key_file.unlink(missing_ok=True)
            raise
        return Rotation(old_kid, new.kid, count, new_key_file)

    current = key_dir / MASTER_FILE
    if new_key_file is not None:
        raise KeyStoreError(
            f"the master key is the file {current}, which rotation replaces in place; "
            f"--new-key-file is for a key given in {ENV_SOURCE}"
        )
    pending = key_dir / NEXT_MASTER_FILE
    # A leftover from a rotation that never committed (the store still opened under the old key).
    pending.unlink(missing_ok=True)
    new = generate_master_key(development=development, source=str(current))
    write_master_key_file(pending, new)
    try:
        count = keystore.rotate(new)
    except BaseException:
        # Keep the pending file if the commit may have happened: it is then the only copy of the key.
        with contextlib.suppress(KeyStoreError):
            if keystore.active_master_kid() == old_kid:
                pending.unlink(missing_ok=True)
        raise
    _install(pending, current)
    return Rotation(old_kid, new.kid, count, None)


def _install(pending: Path, current: Path) -> None:
    try:
        os.replace(pending, current)
        fd = os.open(current.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise KeyStoreError(
            f"the key store was rotated but {pending} could not replace {current}: {exc.strerror or exc}; "
            f"move it there by hand"
        ) from None
