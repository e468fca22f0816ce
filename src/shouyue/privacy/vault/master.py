"""The master key: where it comes from, how a generated development key is marked.

Sources, in order: the value configured by the application (``SHOUYUE_MASTER_KEY``, base64 of
32 bytes), else the file ``<key_dir>/master.key``. When neither exists and the caller allows it
(development and test), a key is generated and written to that file with a header line marking
it as a *generated development key*; outside development such a key is refused. The marker sits
inside the file, so copying the file elsewhere carries it along.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from shouyue.privacy.errors import DevelopmentKeyRefused, KeyStoreError
from shouyue.privacy.vault.crypto import KEY_BYTES, master_key_id, random_key

MASTER_FILE = "master.key"
# Written during a rotation before the key store commits; see keystore.open_keystore.
NEXT_MASTER_FILE = "master.key.next"
DEV_MARKER = "# shouyue: generated development master key - refused outside development"
ENV_SOURCE = "SHOUYUE_MASTER_KEY"


@dataclass(frozen=True, slots=True)
class MasterKey:
    """A master key with its public id; ``development`` marks a generated development key."""

    secret: bytes = field(repr=False)
    source: str
    development: bool = False
    kid: str = field(init=False)

    def __post_init__(self) -> None:
        if len(self.secret) != KEY_BYTES:
            raise KeyStoreError(f"the master key from {self.source} must be {KEY_BYTES} bytes")
        object.__setattr__(self, "kid", master_key_id(self.secret))

    def encoded(self) -> str:
        """The key as base64 text, the form ``SHOUYUE_MASTER_KEY`` and key files use."""
        return base64.b64encode(self.secret).decode("ascii")


def generate_master_key(*, development: bool, source: str = "generated") -> MasterKey:
    """A fresh random master key."""
    return MasterKey(secret=random_key(), source=source, development=development)


def parse_master_key(text: str, *, source: str) -> MasterKey:
    """A master key from base64 text; ``#`` lines are comments, the development marker among them."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    development = DEV_MARKER in lines
    body = [line for line in lines if not line.startswith("#")]
    if len(body) != 1:
        raise KeyStoreError(f"the master key in {source} must be one line of base64 (32 bytes)")
    try:
        secret = base64.b64decode(body[0], validate=True)
    except (binascii.Error, ValueError):
        raise KeyStoreError(f"the master key in {source} is not valid base64") from None
    return MasterKey(secret=secret, source=source, development=development)


def read_master_key_file(path: Path) -> MasterKey:
    """Read a key file; :class:`KeyStoreError` naming the path when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KeyStoreError(f"cannot read the master key file {path}: {exc.strerror or exc}") from None
    return parse_master_key(text, source=str(path))


def write_master_key_file(path: Path, key: MasterKey) -> None:
    """Write a key file readable by its owner only; refuses to overwrite an existing file."""
    lines = [DEV_MARKER] if key.development else []
    lines.append(key.encoded())
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once must not each write a different key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
            out.flush()
            os.fsync(out.fileno())
    except FileExistsError:
        raise KeyStoreError(f"the master key file {path} already exists; it is never overwritten") from None
    except OSError as exc:
        raise KeyStoreError(f"cannot write the master key file {path}: {exc.strerror or exc}") from None


def resolve_master_key(*, key_dir: Path, configured: str | None, may_generate: bool) -> MasterKey:
    """The configured master key, else ``<key_dir>/master.key``, else (when allowed) a new
    development key written there; :class:`KeyStoreError` when there is none."""
    if configured:
        return parse_master_key(configured, source=ENV_SOURCE)
    path = key_dir / MASTER_FILE
    try:
        if key_dir.exists() and not key_dir.is_dir():
            raise KeyStoreError(f"the key directory {key_dir} is not a directory")
        exists = path.exists()
    except OSError as exc:
        raise KeyStoreError(f"cannot read the key directory {key_dir}: {exc.strerror or exc}") from None
    if exists:
        return read_master_key_file(path)
    if not may_generate:
        raise KeyStoreError(
            f"no master key: set {ENV_SOURCE} (base64 of 32 random bytes; `shouyue keys generate` prints one) "
            f"or put it in {path}"
        )
    key = generate_master_key(development=True, source=str(path))
    try:
        write_master_key_file(path, key)
    except KeyStoreError:
        # Another process generated it first: use that one.
        with contextlib.suppress(KeyStoreError):
            return read_master_key_file(path)
        raise
    return key


def refuse_development_key(key: MasterKey) -> None:
    """Raise :class:`DevelopmentKeyRefused` for a generated development key."""
    if key.development:
        raise DevelopmentKeyRefused(
            f"the master key from {key.source} (id {key.kid}) is a generated development key and is refused "
            f"outside development: set {ENV_SOURCE} to a real key, or run `shouyue keys rotate` to replace it"
        )
