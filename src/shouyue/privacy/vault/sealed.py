"""A sealed value and its compact stored form.

Stored form (one line of text, fields separated by ``:``; the mask is last so it may contain
any character)::

    sy1:<scope e|h>:<key id>:<category>:<subject id>:<blind index or empty>:<nonce+ciphertext, base64url>:<mask>

The ciphertext is AES-256-GCM; its associated data binds the format version, scope, category,
subject and key id, so a ciphertext copied to another category, subject or key fails to open.
The mask and blind index are derived at seal time for display and lookup; opening never trusts
them. Parsing rejects anything malformed with :class:`SealError` and never echoes the input.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from shouyue.privacy.errors import SealError
from shouyue.privacy.vault.crypto import NONCE_BYTES, TAG_BYTES
from shouyue.privacy.vault.models import Scope

VERSION = "sy1"
SCOPE_CODES: dict[str, Scope] = {"e": "everyday", "h": "held"}
CODE_OF_SCOPE: dict[str, str] = {v: k for k, v in SCOPE_CODES.items()}
SUBJECT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_CATEGORY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")
_KID = re.compile(r"[0-9a-f]{16}")
_BLIND = re.compile(r"(?:[0-9a-f]{32})?")
_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_MIN_PAYLOAD = NONCE_BYTES + TAG_BYTES


@dataclass(frozen=True, slots=True, repr=False)
class Sealed:
    """An encrypted PI value with what may be shown without opening it: its display mask."""

    category: str
    subject_id: str
    scope: Scope
    key_id: str
    payload: bytes  # 12-byte nonce, then AES-GCM ciphertext and tag
    mask: str
    blind_index: str | None = None

    def __repr__(self) -> str:
        # Safe in logs and tracebacks: the mask only, never the ciphertext.
        return f"Sealed({self.category}, subject={self.subject_id}, mask={self.mask!r})"

    def __str__(self) -> str:
        return self.mask

    def serialise(self) -> str:
        """The compact stored form (see the module docstring)."""
        payload = base64.urlsafe_b64encode(self.payload).rstrip(b"=").decode("ascii")
        return ":".join(
            (
                VERSION,
                CODE_OF_SCOPE[self.scope],
                self.key_id,
                self.category,
                self.subject_id,
                self.blind_index or "",
                payload,
                self.mask,
            )
        )

    @classmethod
    def parse(cls, text: str, *, category: str | None = None) -> Sealed:
        """Parse the stored form; ``category`` (the column's) must match when given."""
        label = category or "a PI column"
        parts = text.split(":", 7) if isinstance(text, str) else []
        if len(parts) != 8:
            raise corrupted(label)
        version, scope, kid, cat, subject, blind, payload, mask = parts
        if (
            version != VERSION
            or scope not in SCOPE_CODES
            or not _KID.fullmatch(kid)
            or not _CATEGORY.fullmatch(cat)
            or not SUBJECT_ID.fullmatch(subject)
            or not _BLIND.fullmatch(blind)
            or not _B64URL.fullmatch(payload)
        ):
            raise corrupted(category or (cat if _CATEGORY.fullmatch(cat) else label))
        if category is not None and cat != category:
            raise SealError(f"a sealed value of category {cat} is stored in a column of category {category}")
        try:
            raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        except (binascii.Error, ValueError):
            raise corrupted(cat) from None
        if len(raw) < _MIN_PAYLOAD:
            raise corrupted(cat)
        return cls(cat, subject, SCOPE_CODES[scope], kid, raw, mask, blind or None)


def corrupted(category: str) -> SealError:
    """The one message for a value that does not parse or authenticate."""
    return SealError(f"sealed value for {category} is corrupted or forged")


def aad(scope: str, category: str, subject_id: str, key_id: str) -> bytes:
    """Associated data of a sealed value's ciphertext."""
    return f"{VERSION}|{scope}|{category}|{subject_id}|{key_id}".encode()


# Fast construction for the vault's hot path: a frozen dataclass's __init__ goes through
# object.__setattr__ once per field; the slot descriptors' setters are about twice as quick.
_new = object.__new__
_setters: tuple[Any, ...] = tuple(
    Sealed.__dict__[name].__set__
    for name in ("category", "subject_id", "scope", "key_id", "payload", "mask", "blind_index")
)


def make_sealed(
    category: str, subject_id: str, scope: Scope, key_id: str, payload: bytes, mask: str, blind_index: str | None
) -> Sealed:
    """Same as ``Sealed(...)`` without the per-field frozen-dataclass overhead."""
    obj: Sealed = _new(Sealed)
    s_cat, s_sub, s_scope, s_kid, s_payload, s_mask, s_blind = _setters
    s_cat(obj, category)
    s_sub(obj, subject_id)
    s_scope(obj, scope)
    s_kid(obj, key_id)
    s_payload(obj, payload)
    s_mask(obj, mask)
    s_blind(obj, blind_index)
    return obj
