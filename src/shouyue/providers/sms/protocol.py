"""The SMS provider's boundary: what the platform hands it and what it answers.

A provider receives a :class:`~shouyue.privacy.gateway.Disclosure` made by the disclosure
gateway for the SMS carrier, never a raw phone number: it can only send what the data map
lets the carrier receive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from shouyue.privacy.gateway import Disclosure

PHONE = "contact.phone"
CODE = "auth.sms_code"

# The one message the platform sends with a code (the carrier's approved template).
VERIFICATION_TEMPLATE = (
    "【守约】您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信，切勿将验证码告诉他人。"
)


class SmsDeliveryFailed(Exception):
    """The carrier refused or could not take the message."""


@dataclass(frozen=True, slots=True)
class SmsReceipt:
    """The carrier's acknowledgement of one message."""

    message_id: str
    accepted_at: datetime


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """A message as the sandbox carrier 'delivered' it (development only)."""

    message_id: str
    phone: str
    text: str
    code: str | None
    disclosure_id: int
    at: datetime


class SmsSender(Protocol):
    """Sends text messages through a carrier."""

    def send_verification_code(self, disclosure: Disclosure, *, valid_minutes: int) -> SmsReceipt:
        """Send the code in ``disclosure`` to the phone in ``disclosure``."""
        ...


def verification_text(disclosure: Disclosure, *, valid_minutes: int) -> tuple[str, str, str]:
    """The phone, the code and the message text for a verification-code disclosure."""
    try:
        phone, code = disclosure[PHONE], disclosure[CODE]
    except KeyError as missing:
        raise SmsDeliveryFailed(f"the disclosure does not carry {missing.args[0]}") from None
    return phone, code, VERIFICATION_TEMPLATE.format(code=code, minutes=valid_minutes)
