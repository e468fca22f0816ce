"""Payment provider: the protocol, the sandbox institutions, and the factory choosing one from settings."""

from __future__ import annotations

from pathlib import Path

from shouyue.providers.payment.protocol import (
    BINDING_PURPOSE,
    CHANNEL_LABELS,
    CHANNEL_RECIPIENTS,
    INSTITUTION,
    SETTLE_PURPOSE,
    BindingChallenge,
    BindingCodeRejected,
    BindingConfirmed,
    BindingUnknown,
    Channel,
    PaymentProvider,
    PaymentResult,
    PaymentStatus,
    ProviderRefused,
)
from shouyue.providers.payment.sandbox import DECLINE_SUFFIX_FEN, JOURNAL_FILE, SandboxPayments, read_journal
from shouyue.providers.sms import outbox_path
from shouyue.settings import Settings, get_settings


def journal_path(settings: Settings | None = None) -> Path:
    """Where the sandbox institutions keep their journal."""
    return (settings or get_settings()).sandbox_dir / JOURNAL_FILE


def get_payment_provider(settings: Settings | None = None) -> PaymentProvider:
    """The configured institutions. Only the sandbox exists so far; in production it keeps nothing."""
    settings = settings or get_settings()
    return SandboxPayments(
        journal=journal_path(settings), sms_outbox=outbox_path(settings), keep=not settings.is_production
    )


__all__ = [
    "BINDING_PURPOSE",
    "CHANNEL_LABELS",
    "CHANNEL_RECIPIENTS",
    "DECLINE_SUFFIX_FEN",
    "INSTITUTION",
    "JOURNAL_FILE",
    "SETTLE_PURPOSE",
    "BindingChallenge",
    "BindingCodeRejected",
    "BindingConfirmed",
    "BindingUnknown",
    "Channel",
    "PaymentProvider",
    "PaymentResult",
    "PaymentStatus",
    "ProviderRefused",
    "SandboxPayments",
    "get_payment_provider",
    "journal_path",
    "read_journal",
]
