"""The sandbox SMS carrier: writes each message to an outbox file instead of sending it.

The outbox (JSON lines under ``SHOUYUE_SANDBOX_DIR``) is read by the development-only page
``/dev/outbox`` and by ``shouyue dev outbox``. In production nothing is written: a code must
never sit in a file there.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from shouyue.privacy.gateway import Disclosure
from shouyue.providers import journal
from shouyue.providers.sms.protocol import OutboxMessage, SmsReceipt, verification_text

OUTBOX_FILE = "sms-outbox.jsonl"
_TAIL_CHUNK = 64 * 1024


class SandboxSms:
    """An :class:`~shouyue.providers.sms.protocol.SmsSender` that keeps messages in a local outbox."""

    def __init__(self, *, outbox: Path, keep: bool = True) -> None:
        self.outbox = outbox
        self.keep = keep

    def send_verification_code(self, disclosure: Disclosure, *, valid_minutes: int) -> SmsReceipt:
        phone, code, text = verification_text(disclosure, valid_minutes=valid_minutes)
        receipt = SmsReceipt(message_id=uuid.uuid4().hex, accepted_at=datetime.now(UTC))
        if self.keep:
            journal.append(
                self.outbox,
                {
                    "message_id": receipt.message_id,
                    "phone": phone,
                    "text": text,
                    "code": code,
                    "disclosure_id": disclosure.id,
                    "at": receipt.accepted_at.isoformat(),
                },
            )
        return receipt


def read_outbox(outbox: Path, *, limit: int = 50, phone: str | None = None) -> list[OutboxMessage]:
    """The newest messages first (at most ``limit``), optionally only those to ``phone``."""
    found: list[OutboxMessage] = []
    for line in _lines_backwards(outbox):
        try:
            raw = json.loads(line)
            message = OutboxMessage(
                message_id=raw["message_id"],
                phone=raw["phone"],
                text=raw["text"],
                code=raw.get("code"),
                disclosure_id=int(raw["disclosure_id"]),
                at=datetime.fromisoformat(raw["at"]),
            )
        except (ValueError, KeyError, TypeError):
            continue  # a torn or foreign line is skipped, not fatal
        if phone is not None and message.phone != phone:
            continue
        found.append(message)
        if len(found) >= limit:
            break
    return found


def _lines_backwards(path: Path) -> Iterator[str]:
    """The file's lines from the last to the first, reading from the end in chunks."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        handle.seek(0, os.SEEK_END)
        position = handle.tell()
        rest = b""
        while position > 0:
            step = min(_TAIL_CHUNK, position)
            position -= step
            handle.seek(position)
            block = handle.read(step) + rest
            lines = block.split(b"\n")
            rest = lines.pop(0)
            for raw in reversed(lines):
                if raw.strip():
                    yield raw.decode("utf-8", errors="replace")
        if rest.strip():
            yield rest.decode("utf-8", errors="replace")
