"""The sandbox clearance service: writes each declaration to a file instead of filing it.

The declarations (JSON lines under ``SHOUYUE_SANDBOX_DIR``) exist for development and tests only;
in production nothing is written (a real adapter is configured there).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path

from shouyue.privacy.gateway import Disclosure
from shouyue.providers import journal
from shouyue.providers.customs.protocol import CustomsReceipt, check_disclosure

DECLARATIONS_FILE = "customs-declarations.jsonl"


class SandboxCustoms:
    """A :class:`~shouyue.providers.customs.protocol.CustomsDeclarer` keeping declarations in a file."""

    def __init__(self, *, path: Path, keep: bool = True) -> None:
        self.path = path
        self.keep = keep

    def declare(self, disclosure: Disclosure) -> CustomsReceipt:
        check_disclosure(disclosure)
        now = datetime.now(UTC)
        receipt = CustomsReceipt(reference=f"CB{now:%Y%m%d}{secrets.token_hex(6).upper()}", accepted_at=now)
        if self.keep:
            journal.append(
                self.path,
                {
                    "reference": receipt.reference,
                    "disclosure_id": disclosure.id,
                    "fields": dict(disclosure.fields),
                    "at": receipt.accepted_at.isoformat(),
                },
            )
        return receipt


def read_declarations(path: Path) -> list[dict[str, object]]:
    """Every declaration the sandbox wrote, oldest first (development and tests)."""
    return list(journal.read(path))
