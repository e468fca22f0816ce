"""The sandbox payment institutions: Alipay, WeChat Pay, UnionPay and the card-issuing bank as
one local stand-in that keeps a journal instead of moving money.

The journal (JSON lines under ``SHOUYUE_SANDBOX_DIR``) holds exactly what each request carried,
i.e. the disclosure's fields and nothing else, and the references the sandbox issued. The SMS
code of a card binding is "sent by the bank": it lands in the sandbox SMS outbox (the same file
``/dev/outbox`` reads), addressed to the reserved phone.

Documented sandbox triggers:
- an amount whose last three fen digits are ``404`` (4.04 元, 14.04 元, 104.04 元 ...) is
  declined with "余额不足" (:data:`DECLINE_SUFFIX_FEN`);
- a bound-card payment with an agreement reference the sandbox never issued is declined.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shouyue.privacy.gateway import Disclosure
from shouyue.providers.journal import append as _append
from shouyue.providers.journal import read as read_journal
from shouyue.providers.payment.protocol import (
    BINDING_PURPOSE,
    CARD_NUMBER,
    CHANNEL_RECIPIENTS,
    INSTITUTION,
    ORDER_AMOUNT,
    ORDER_NUMBER,
    RESERVED_PHONE,
    SETTLE_PURPOSE,
    SMS_CODE,
    BindingChallenge,
    BindingCodeRejected,
    BindingConfirmed,
    BindingUnknown,
    Channel,
    PaymentResult,
    PaymentStatus,
    ProviderRefused,
    field,
    require_disclosure,
)

JOURNAL_FILE = "payment-sandbox.jsonl"
DECLINE_SUFFIX_FEN = 404
CODE_DIGITS = 6
CODE_MINUTES = 5
# A few issuer identification numbers, so the sandbox can name the bank as a real one would.
BANKS_BY_BIN: dict[str, str] = {
    "622202": "中国工商银行",
    "621700": "中国建设银行",
    "622848": "中国农业银行",
    "621661": "中国银行",
    "622588": "招商银行",
    "622260": "交通银行",
}
DEFAULT_BANK = "银联卡发卡银行"


def bank_for(card_number: str) -> str:
    """The issuing bank the sandbox names for a card number."""
    return BANKS_BY_BIN.get(card_number[:6], DEFAULT_BANK)


class SandboxPayments:
    """A :class:`~shouyue.providers.payment.protocol.PaymentProvider` backed by a local journal."""

    def __init__(self, *, journal: Path, sms_outbox: Path, keep: bool = True) -> None:
        self.journal = journal
        self.sms_outbox = sms_outbox
        self.keep = keep

    # --- payments --------------------------------------------------------------------------

    def charge(self, disclosure: Disclosure, *, channel: Channel, agreement_ref: str | None = None) -> PaymentResult:
        recipient = CHANNEL_RECIPIENTS[Channel(channel)]
        require_disclosure(disclosure, recipient=recipient, purpose=SETTLE_PURPOSE)
        field(disclosure, ORDER_NUMBER)
        try:
            amount = int(field(disclosure, ORDER_AMOUNT))
        except ValueError:
            raise ProviderRefused("the amount is not a whole number of fen") from None
        if amount <= 0:
            raise ProviderRefused("the amount must be positive")
        now = datetime.now(UTC)
        reference = f"SBX{now:%Y%m%d}{uuid.uuid4().hex[:20].upper()}"
        status, message = PaymentStatus.SUCCEEDED, ""
        if amount % 1000 == DECLINE_SUFFIX_FEN:
            status, message = PaymentStatus.FAILED, "余额不足"
        elif channel is Channel.BANK_CARD and (agreement_ref is None or not self._bound(agreement_ref)):
            status, message = PaymentStatus.FAILED, "该银行卡未在本机构绑定"
        self._write(
            {
                "kind": "charge",
                "recipient": recipient,
                "purpose": disclosure.purpose,
                "disclosure_id": disclosure.id,
                "fields": dict(disclosure.fields),
                "channel": channel.value,
                "agreement_ref": agreement_ref,
                "reference": reference,
                "status": status.value,
                "at": now.isoformat(),
            }
        )
        return PaymentResult(
            recipient=recipient,
            channel=channel,
            status=status,
            amount_fen=amount,
            reference=reference,
            at=now,
            message=message,
        )

    # --- card binding ----------------------------------------------------------------------

    def start_card_binding(self, disclosure: Disclosure) -> BindingChallenge:
        require_disclosure(disclosure, recipient=INSTITUTION, purpose=BINDING_PURPOSE)
        card = field(disclosure, CARD_NUMBER)
        phone = field(disclosure, RESERVED_PHONE)
        now = datetime.now(UTC)
        binding_ref = f"BIND{uuid.uuid4().hex.upper()}"
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        bank = bank_for(card)
        self._write(
            {
                "kind": "bind_start",
                "recipient": INSTITUTION,
                "purpose": disclosure.purpose,
                "disclosure_id": disclosure.id,
                "fields": dict(disclosure.fields),
                "binding_ref": binding_ref,
                "code_hash": _code_hash(binding_ref, code),
                "at": now.isoformat(),
            }
        )
        self._send_sms(
            phone=phone,
            code=code,
            text=f"【{bank}】您正在绑定尾号{card[-4:]}的银行卡，验证码{code}，{CODE_MINUTES}分钟内有效，请勿告诉他人。",
            disclosure_id=disclosure.id,
            at=now,
        )
        return BindingChallenge(recipient=INSTITUTION, binding_ref=binding_ref, bank_name=bank, sent_at=now)

    def confirm_card_binding(self, disclosure: Disclosure, *, binding_ref: str) -> BindingConfirmed:
        require_disclosure(disclosure, recipient=INSTITUTION, purpose=BINDING_PURPOSE)
        code = field(disclosure, SMS_CODE).strip()
        started = next((e for e in self._entries() if e.get("binding_ref") == binding_ref), None)
        if started is None or started.get("kind") != "bind_start":
            raise BindingUnknown(binding_ref)
        if any(e.get("kind") == "bind_confirm" and e.get("binding_ref") == binding_ref for e in self._entries()):
            raise BindingUnknown(binding_ref)
        now = datetime.now(UTC)
        accepted = secrets.compare_digest(_code_hash(binding_ref, code), str(started["code_hash"]))
        agreement_ref = f"AGR{uuid.uuid4().hex.upper()}" if accepted else None
        self._write(
            {
                "kind": "bind_confirm" if accepted else "bind_code_rejected",
                "recipient": INSTITUTION,
                "purpose": disclosure.purpose,
                "disclosure_id": disclosure.id,
                "fields": {SMS_CODE: "******"},  # the code is checked, not kept
                "binding_ref": binding_ref,
                "agreement_ref": agreement_ref,
                "at": now.isoformat(),
            }
        )
        if agreement_ref is None:
            raise BindingCodeRejected(binding_ref)
        bank = bank_for(str(started["fields"].get(CARD_NUMBER, "")))
        return BindingConfirmed(recipient=INSTITUTION, agreement_ref=agreement_ref, bank_name=bank, at=now)

    # --- the journal -----------------------------------------------------------------------

    def _bound(self, agreement_ref: str) -> bool:
        return any(e.get("kind") == "bind_confirm" and e.get("agreement_ref") == agreement_ref for e in self._entries())

    def _entries(self) -> Iterator[dict[str, Any]]:
        return read_journal(self.journal)

    def _write(self, entry: dict[str, Any]) -> None:
        if not self.keep:
            return
        _append(self.journal, entry)

    def _send_sms(self, *, phone: str, code: str, text: str, disclosure_id: int, at: datetime) -> None:
        if not self.keep:
            return
        message = {
            "message_id": uuid.uuid4().hex,
            "phone": phone,
            "text": text,
            "code": code,
            "disclosure_id": disclosure_id,
            "at": at.isoformat(),
        }
        _append(self.sms_outbox, message)


def _code_hash(binding_ref: str, code: str) -> str:
    return hashlib.sha256(f"{binding_ref}:{code}".encode()).hexdigest()
