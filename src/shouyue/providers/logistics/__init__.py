"""Logistics providers: the carrier hand-over and the parcel tracker (Kuaidi100), with sandboxes."""

from __future__ import annotations

from pathlib import Path

from shouyue.providers.logistics.protocol import (
    CARRIER_RECIPIENT,
    CARRIERS,
    FULFILMENT_PURPOSE,
    TRACKER_RECIPIENT,
    Carrier,
    CarrierReceipt,
    LogisticsRefused,
    Tracker,
    TrackingEvent,
    TrackingReport,
)
from shouyue.providers.logistics.sandbox import JOURNAL_FILE, SandboxCarrier, SandboxKuaidi100, read_journal
from shouyue.settings import Settings, get_settings


def journal_path(settings: Settings | None = None) -> Path:
    """Where the sandbox carrier and tracker keep their journal."""
    return (settings or get_settings()).sandbox_dir / JOURNAL_FILE


def get_carrier(settings: Settings | None = None) -> Carrier:
    settings = settings or get_settings()
    return SandboxCarrier(journal=journal_path(settings), keep=not settings.is_production)


def get_tracker(settings: Settings | None = None) -> Tracker:
    settings = settings or get_settings()
    return SandboxKuaidi100(journal=journal_path(settings), keep=not settings.is_production)


__all__ = [
    "CARRIERS",
    "CARRIER_RECIPIENT",
    "FULFILMENT_PURPOSE",
    "JOURNAL_FILE",
    "TRACKER_RECIPIENT",
    "Carrier",
    "CarrierReceipt",
    "LogisticsRefused",
    "SandboxCarrier",
    "SandboxKuaidi100",
    "Tracker",
    "TrackingEvent",
    "TrackingReport",
    "get_carrier",
    "get_tracker",
    "journal_path",
    "read_journal",
]
