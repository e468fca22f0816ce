"""The few cryptographic primitives the vault uses, in one place so they can be reviewed together.

- Data keys and the index key are 32 random bytes (AES-256 / HMAC-SHA256 keys).
- Wrapping is AES-256-GCM under the master key; the associated data binds the wrapped key to
  its key-store row (key id, subject, scope), so a wrapped key copied to another row fails.
- Per-category HMAC keys are derived from the index key with HKDF-SHA256 (info = purpose label
  and category id), so one stored secret serves every category and survives master rotation.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16

# HKDF "info" labels: versioned so a future scheme derives different keys.
BLIND_INDEX_INFO = b"shouyue/blind-index/v1/"
KEYED_HASH_INFO = b"shouyue/keyed-hash/v1/"
_MASTER_ID_LABEL = b"shouyue/master-key-id/v1"


class UnwrapFailed(Exception):
    """Internal: a wrapped key did not authenticate under the given master key."""


def random_key() -> bytes:
    """32 fresh random bytes from the operating system."""
    return os.urandom(KEY_BYTES)


def master_key_id(secret: bytes) -> str:
    """A public fingerprint of a master key: HMAC of a fixed label, so it reveals nothing of the
    key yet tells two keys apart (the key store names it when the wrong key is given)."""
    return "mk" + hmac.new(secret, _MASTER_ID_LABEL, hashlib.sha256).hexdigest()[:14]


def wrap_aad(kid: str, subject_id: str | None, scope: str) -> bytes:
    """What a wrapped data key is bound to: its own key-store row."""
    return f"shouyue/wrap/v1|{kid}|{subject_id or ''}|{scope}".encode()


def wrap(master: bytes, key: bytes, *, aad: bytes) -> bytes:
    """Encrypt a data key under the master key: nonce followed by ciphertext and tag."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(master).encrypt(nonce, key, aad)


def unwrap(master: bytes, wrapped: bytes, *, aad: bytes) -> bytes:
    """Decrypt a wrapped data key; :class:`UnwrapFailed` when the master key or row does not match."""
    if len(wrapped) != NONCE_BYTES + KEY_BYTES + TAG_BYTES:
        raise UnwrapFailed
    try:
        return AESGCM(master).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], aad)
    except InvalidTag:
        raise UnwrapFailed from None


def derive(index_key: bytes, *, label: bytes, category: str) -> bytes:
    """A per-category HMAC key from the index key (HKDF-SHA256, info = label + category id)."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=label + category.encode()).derive(
        index_key
    )
