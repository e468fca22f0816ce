"""SMS provider: the protocol, the sandbox carrier, and the factory choosing one from settings."""

from __future__ import annotations

from pathlib import Path

from shouyue.providers.sms.protocol import (
    OutboxMessage,
    SmsDeliveryFailed,
    SmsReceipt,
    SmsSender,
    verification_text,
)
from shouyue.providers.sms.sandbox import OUTBOX_FILE, SandboxSms, read_outbox
from shouyue.settings import Settings, get_settings


def outbox_path(settings: Settings | None = None) -> Path:
    """Where the sandbox carrier writes its messages."""
    return (settings or get_settings()).sandbox_dir / OUTBOX_FILE


def get_sms_sender(settings: Settings | None = None) -> SmsSender:
    """The configured carrier. Only the sandbox exists so far; in production it delivers nothing
    to a file (a real carrier adapter is configured there)."""
    settings = settings or get_settings()
    return SandboxSms(outbox=outbox_path(settings), keep=not settings.is_production)


__all__ = [
    "OUTBOX_FILE",
    "OutboxMessage",
    "SandboxSms",
    "SmsDeliveryFailed",
    "SmsReceipt",
    "SmsSender",
    "get_sms_sender",
    "outbox_path",
    "read_outbox",
    "verification_text",
]
