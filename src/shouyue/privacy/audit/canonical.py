"""The byte-exact form an audit entry's hash commits to.

Changing anything here makes every chain already written fail verification, so the format is
pinned by a known-answer test. An auditor can recompute a hash without this code:

* canonical JSON: one object with exactly the keys ``action``, ``actor_id``, ``actor_kind``,
  ``actor_role``, ``at``, ``categories``, ``purpose``, ``refs``, ``seq``, ``subject_id``
  (absent values are ``null``); keys sorted at every level; separators ``,`` and ``:`` with
  no whitespace; UTF-8 (non-ASCII not escaped); ``categories`` in the order written;
* ``at`` in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (always six fractional digits);
* ``hash`` = lowercase hex SHA-256 of ``prev_hash`` (64 ASCII hex characters), one ``\\n``,
  and the canonical JSON bytes; the first entry's ``prev_hash`` is 64 zeros.

For example ``printf '%s\\n%s' "$prev_hash" "$canonical_json" | sha256sum``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

AT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

_dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def format_at(at: datetime) -> str:
    """The canonical UTC text of a timestamp; a naive value is taken as UTC (SQLite returns those)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC)
    return at.strftime(AT_FORMAT)


def canonical_json(
    *,
    seq: int,
    at: datetime,
    actor_kind: str,
    actor_id: str,
    actor_role: str | None,
    action: str,
    subject_id: str | None,
    purpose: str | None,
    categories: Sequence[str],
    refs: Mapping[str, object],
) -> bytes:
    """The canonical JSON bytes of one entry's content (everything but the two hashes)."""
    return _dumps(
        {
            "action": action,
            "actor_id": actor_id,
            "actor_kind": actor_kind,
            "actor_role": actor_role,
            "at": format_at(at),
            "categories": list(categories),
            "purpose": purpose,
            "refs": dict(refs),
            "seq": seq,
            "subject_id": subject_id,
        }
    ).encode("utf-8")


def chain_hash(*, prev_hash: str, canonical: bytes) -> str:
    """The entry's hash: SHA-256 over the previous entry's hash and this entry's canonical JSON."""
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical).hexdigest()
