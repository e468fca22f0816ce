"""Customs-clearance provider (P17): the protocol, the sandbox, and the factory choosing one."""

from __future__ import annotations

from pathlib import Path

from shouyue.providers.customs.protocol import (
    PURPOSE,
    RECIPIENT,
    CustomsDeclarationFailed,
    CustomsDeclarer,
    CustomsReceipt,
)
from shouyue.providers.customs.sandbox import DECLARATIONS_FILE, SandboxCustoms, read_declarations
from shouyue.settings import Settings, get_settings


def declarations_path(settings: Settings | None = None) -> Path:
    """Where the sandbox writes its declarations."""
    return (settings or get_settings()).sandbox_dir / DECLARATIONS_FILE


def get_customs_declarer(settings: Settings | None = None) -> CustomsDeclarer:
    """The configured clearance service (only the sandbox exists so far)."""
    settings = settings or get_settings()
    return SandboxCustoms(path=declarations_path(settings), keep=not settings.is_production)


__all__ = [
    "DECLARATIONS_FILE",
    "PURPOSE",
    "RECIPIENT",
    "CustomsDeclarationFailed",
    "CustomsDeclarer",
    "CustomsReceipt",
    "SandboxCustoms",
    "declarations_path",
    "get_customs_declarer",
    "read_declarations",
]
