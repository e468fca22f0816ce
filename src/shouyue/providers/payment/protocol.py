"""The payment provider's boundary: what the platform hands a payment institution and what it answers.

A provider receives a :class:`~shouyue.privacy.gateway.Disclosure` made by the disclosure
gateway for that institution, never raw values, so it can only see what the data map declares
for it: order number and amount for a payment (plus a keyed hash of the device for the SDKs),
and the card details for a card binding with the chosen bank (P19, P41).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from shouyue.privacy.gateway import Disclosure

ORDER_NUMBER = "order.number"
ORDER_AMOUNT = "order.amount"
DEVICE = "device.identifier"
CARD_NUMBER = "finance.bank_card"
CARD_EXPIRY = "finance.card_expiry"
RESERVED_PHONE = "finance.reserved_phone"
REAL_NAME = "identity.real_name"
ID_NUMBER = "identity.id_number"
SMS_CODE = "auth.sms_code"

SETTLE_PURPOSE = "payment.settle"
BINDING_PURPOSE = "payment.card_binding"
INSTITUTION = "partner.payment_institution"


class Channel(StrEnum):
    """How a buyer pays: the notice's three payment SDKs, or a card bound with a bank."""

    ALIPAY = "alipay"
    WECHAT_PAY = "wechat_pay"
    UNIONPAY = "unionpay"
    BANK_CARD = "bank_card"


# The data-map recipient each channel's request goes to.
CHANNEL_RECIPIENTS: dict[Channel, str] = {
    Channel.ALIPAY: "sdk.alipay",
    Channel.WECHAT_PAY: "sdk.wechat_pay",
    Channel.UNIONPAY: "sdk.unionpay",
    Channel.BANK_CARD: INSTITUTION,
}

CHANNEL_LABELS: dict[Channel, str] = {
    Channel.ALIPAY: "支付宝",
    Channel.WECHAT_PAY: "微信支付",
    Channel.UNIONPAY: "银联云闪付",
    Channel.BANK_CARD: "银行卡",
}


class PaymentStatus(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class ProviderRefused(Exception):
    """The request could not be taken at all (wrong recipient, wrong purpose, missing fields)."""


class BindingCodeRejected(Exception):
    """The institution did not accept the SMS code for a card binding."""


class BindingUnknown(Exception):
    """The institution knows no such binding (expired, finished, or never started)."""


@dataclass(frozen=True, slots=True)
class PaymentResult:
    """What the institution reports about one payment attempt (an inflow, P34)."""

    recipient: str
    channel: Channel
    status: PaymentStatus
    amount_fen: int
    reference: str
    at: datetime
    message: str = ""  # the institution's reason for a failure, in Chinese


@dataclass(frozen=True, slots=True)
class BindingChallenge:
    """The institution accepted a card and sent an SMS code to the reserved phone."""

    recipient: str
    binding_ref: str
    bank_name: str
    sent_at: datetime


@dataclass(frozen=True, slots=True)
class BindingConfirmed:
    """The institution confirmed the binding: ``agreement_ref`` pays with the card from now on."""

    recipient: str
    agreement_ref: str
    bank_name: str
    at: datetime


class PaymentProvider(Protocol):
    """Payment institutions as the platform calls them."""

    def charge(self, disclosure: Disclosure, *, channel: Channel, agreement_ref: str | None = None) -> PaymentResult:
        """Take the payment for the order number and amount in ``disclosure``."""
        ...

    def start_card_binding(self, disclosure: Disclosure) -> BindingChallenge:
        """Check the card in ``disclosure`` and send an SMS code to its reserved phone."""
        ...

    def confirm_card_binding(self, disclosure: Disclosure, *, binding_ref: str) -> BindingConfirmed:
        """Confirm a binding with the SMS code in ``disclosure``."""
        ...


def require_disclosure(disclosure: object, *, recipient: str, purpose: str) -> Disclosure:
    """The disclosure if it was made for ``recipient`` and ``purpose``; anything else is refused."""
    if not isinstance(disclosure, Disclosure):
        raise TypeError("a payment provider accepts only a Disclosure made by the disclosure gateway")
    if disclosure.recipient != recipient or disclosure.purpose != purpose:
        raise ProviderRefused(f"disclosure for {disclosure.recipient}/{disclosure.purpose}, not {recipient}/{purpose}")
    return disclosure


def field(disclosure: Disclosure, category: str) -> str:
    """One category of ``disclosure``; a missing one is a refused request."""
    try:
        return disclosure[category]
    except KeyError:
        raise ProviderRefused(f"the disclosure does not carry {category}") from None
