"""The vault: seals PI under per-subject data keys and opens it again.

Unwrapped data keys are cached in memory as ready ``AESGCM`` objects with their associated data
per category, so sealing and opening cost little more than the cipher itself. The caches are
bounded (oldest entry out first) and every entry lives at most ``cache_ttl`` seconds, after which
the key store is asked again. Destroying a subject's key evicts it here at once; other processes
drop their copy when its time-to-live runs out, after which the key store answers "destroyed".
"""

from __future__ import annotations

import hmac
import os
import threading
import unicodedata
from collections.abc import Callable
from datetime import datetime
from hashlib import sha256
from time import monotonic
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shouyue.privacy.datamap import DataMap
from shouyue.privacy.errors import KeyDestroyed, SealError, UnknownCategory
from shouyue.privacy.masking import RULES
from shouyue.privacy.vault.crypto import BLIND_INDEX_INFO, KEYED_HASH_INFO, NONCE_BYTES, derive
from shouyue.privacy.vault.keystore import KeyStore
from shouyue.privacy.vault.models import SCOPES, DataKey, Scope
from shouyue.privacy.vault.sealed import CODE_OF_SCOPE, SUBJECT_ID, Sealed, aad, corrupted, make_sealed

BLIND_INDEX_CHARS = 32  # 128 bits of HMAC-SHA256: collisions are negligible for equality lookups
_urandom = os.urandom


class _Key:
    """A cached live data key: its cipher object and the associated data per category."""

    __slots__ = ("aads", "aead", "code", "expires", "kid", "scope", "subject_id")

    def __init__(self, kid: str, subject_id: str, scope: str, secret: bytes, *, expires: float) -> None:
        self.kid = kid
        self.subject_id = subject_id
        self.scope = scope
        self.code = CODE_OF_SCOPE[scope]
        self.aead = AESGCM(secret)
        self.aads: dict[str, bytes] = {}
        self.expires = expires

    def aad(self, category: str) -> bytes:
        value = self.aads[category] = aad(self.code, category, self.subject_id, self.kid)
        return value


class Vault:
    """Seals and opens PI values; see :func:`shouyue.privacy.vault.reveal` for purpose-checked access."""

    def __init__(self, *, keystore: KeyStore, datamap: DataMap, cache_size: int = 10_000, cache_ttl: float = 60.0):
        self.keystore = keystore
        self.datamap = datamap
        self._cache_size = cache_size
        self._cache_ttl = cache_ttl
        self._masks: dict[str, Callable[[str], str]] = {c.id: RULES[c.mask] for c in datamap.categories}
        # Plain dicts (insertion-ordered): reads on the hot path take no lock.
        self._by_kid: dict[str, _Key] = {}
        self._everyday: dict[str, _Key] = {}
        self._held: dict[str, _Key] = {}
        self._destroyed: dict[str, tuple[DataKey, float]] = {}
        self._hmacs: dict[tuple[bytes, str], Any] = {}
        self._index_key: bytes | None = None
        self._lock = threading.RLock()

    def close(self) -> None:
        """Forget cached keys and close the key store's connections."""
        with self._lock:
            for cache in (self._by_kid, self._everyday, self._held, self._destroyed, self._hmacs):
                cache.clear()
            self._index_key = None
        self.keystore.dispose()

    # --- sealing ---------------------------------------------------------------------------

    def seal(
        self, value: str, *, category: str, subject_id: str | int, held: bool = False, lookup: bool = False
    ) -> Sealed:
        """Encrypt ``value`` under the subject's everyday (or, if ``held``, held) key, with its mask
        and, if ``lookup``, a blind index for equality search."""
        mask = self._masks.get(category)
        if mask is None:
            raise UnknownCategory(category)
        if value.__class__ is not str:
            raise TypeError(f"only text can be sealed (category {category})")
        subject = subject_id if isinstance(subject_id, str) else str(subject_id)
        scope: Scope = "held" if held else "everyday"
        key = (self._held if held else self._everyday).get(subject)
        if key is None or key.expires < monotonic():
            key = self._load_active(subject, scope)
        associated = key.aads.get(category) or key.aad(category)
        nonce = _urandom(NONCE_BYTES)
        payload = nonce + key.aead.encrypt(nonce, value.encode(), associated)
        blind = self.blind_index(value, category=category) if lookup else None
        return make_sealed(category, key.subject_id, scope, key.kid, payload, mask(value), blind)

    def blind_index(self, value: str, *, category: str) -> str:
        """The keyed equality index of ``value`` for ``category`` (NFKC-normalised, trimmed)."""
        return self._hmac(BLIND_INDEX_INFO, category, value)[:BLIND_INDEX_CHARS]

    def keyed_hash(self, value: str, *, category: str) -> str:
        """A de-identified stand-in for ``value`` (e.g. a device identifier): HMAC-SHA256, hex."""
        return self._hmac(KEYED_HASH_INFO, category, value)

    def _hmac(self, label: bytes, category: str, value: str) -> str:
        base = self._hmacs.get((label, category))
        if base is None:
            base = self._derive_hmac(label, category)
        mac = base.copy()
        mac.update(unicodedata.normalize("NFKC", value).strip().encode())
        return str(mac.hexdigest())

    def _derive_hmac(self, label: bytes, category: str) -> Any:
        if category not in self._masks:
            raise UnknownCategory(category)
        with self._lock:
            if self._index_key is None:
                self._index_key = self.keystore.index_key()
            base = hmac.new(derive(self._index_key, label=label, category=category), digestmod=sha256)
            self._hmacs[(label, category)] = base
        return base

    # --- opening ---------------------------------------------------------------------------

    def open(self, sealed: Sealed) -> str:
        """Decrypt a sealed value. Low level: callers outside the engine use ``reveal``."""
        key = self._by_kid.get(sealed.key_id)
        if key is None or key.expires < monotonic():
            key = self._load(sealed)
        if key.subject_id != sealed.subject_id or key.scope != sealed.scope:
            raise corrupted(sealed.category)
        category = sealed.category
        associated = key.aads.get(category) or key.aad(category)
        payload = sealed.payload
        try:
            return key.aead.decrypt(payload[:NONCE_BYTES], payload[NONCE_BYTES:], associated).decode()
        except (InvalidTag, UnicodeDecodeError):
            raise corrupted(category) from None

    # --- destruction -----------------------------------------------------------------------

    def destroy_subject_keys(self, subject_id: str | int, *, scope: Scope) -> int:
        """Crypto-shred the subject's ``scope`` keys: every value sealed under them becomes unreadable
        for good. Irreversible; call it after the business transaction that decided it commits."""
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")
        subject = str(subject_id)
        with self._lock:
            kids = self.keystore.destroy(subject, scope)
            (self._held if scope == "held" else self._everyday).pop(subject, None)
            # Also keys of this subject cached under ids the store did not return (created elsewhere).
            stale = [kid for kid, key in self._by_kid.items() if key.subject_id == subject and key.scope == scope]
            for kid in {*kids, *stale}:
                self._by_kid.pop(kid, None)
        return len(kids)

    # --- cache -----------------------------------------------------------------------------

    def _load_active(self, subject: str, scope: Scope) -> _Key:
        if not SUBJECT_ID.fullmatch(subject):
            raise SealError("a subject id is 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit")
        active = self._held if scope == "held" else self._everyday
        with self._lock:
            key = active.get(subject)
            if key is not None and key.expires >= monotonic():
                return key
            data_key = self.keystore.active_key(subject, scope)
            key = self._remember(data_key)
            self._put(active, subject, key)
            return key

    def _load(self, sealed: Sealed) -> _Key:
        with self._lock:
            tombstone = self._destroyed.get(sealed.key_id)
            if tombstone is not None and tombstone[1] >= monotonic():
                raise _destroyed(sealed, tombstone[0].destroyed_at)
            data_key = self.keystore.data_key(sealed.key_id)
            if data_key is None:
                raise SealError(
                    f"sealed value for {sealed.category} names data key {sealed.key_id}, which this key store "
                    "does not hold (wrong key store, or a forged value)"
                )
            if data_key.scope not in SCOPES:
                raise corrupted(sealed.category)
            if data_key.secret is None:
                self._put(self._destroyed, data_key.kid, (data_key, monotonic() + self._cache_ttl))
                raise _destroyed(sealed, data_key.destroyed_at)
            return self._remember(data_key)

    def _remember(self, data_key: DataKey) -> _Key:
        if data_key.secret is None or data_key.subject_id is None:
            raise SealError(f"data key {data_key.kid} cannot seal or open values")
        key = _Key(
            data_key.kid, data_key.subject_id, data_key.scope, data_key.secret, expires=monotonic() + self._cache_ttl
        )
        self._put(self._by_kid, data_key.kid, key)
        return key

    def _put(self, cache: dict[Any, Any], name: Any, entry: Any) -> None:
        # Re-inserting moves an entry to the end, so an entry reloaded after its TTL counts as new.
        cache.pop(name, None)
        cache[name] = entry
        while len(cache) > self._cache_size:
            del cache[next(iter(cache))]


def _destroyed(sealed: Sealed, when: datetime | None) -> KeyDestroyed:
    on = "" if when is None else f" on {when:%Y-%m-%d}"
    return KeyDestroyed(
        f"sealed value for {sealed.category} of subject {sealed.subject_id} cannot be opened: its {sealed.scope} "
        f"data key {sealed.key_id} was destroyed (crypto-shredded){on}; it is unreadable for good"
    )
