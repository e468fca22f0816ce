"""The sandbox payment institutions: take only a gateway Disclosure, hold no more than it, and
answer with a result that names its source."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest
from sqlalchemy.orm import Session

from shouyue.engine import get_datamap
from shouyue.privacy.actors import Actor
from shouyue.privacy.gateway import Disclosure, disclose
from shouyue.providers.payment import (
    BindingCodeRejected,
    Channel,
    PaymentStatus,
    ProviderRefused,
    SandboxPayments,
    read_journal,
)
from shouyue.providers.sms import read_outbox


def _sandbox(tmp_path: Path) -> SandboxPayments:
    return SandboxPayments(journal=tmp_path / "pay.jsonl", sms_outbox=tmp_path / "sms.jsonl")


def _disclosure(recipient: str, purpose: str, fields: dict[str, str], n: int = 1) -> Disclosure:
    return Disclosure(id=n, recipient=recipient, purpose=purpose, subject_id="s1", fields=MappingProxyType(fields))


@pytest.mark.promise("P41")
def test_only_a_disclosure_is_accepted(tmp_path: Path) -> None:
    sandbox = _sandbox(tmp_path)
    with pytest.raises(TypeError):
        sandbox.charge({"order.number": "N1", "order.amount": "100"}, channel=Channel.ALIPAY)  # type: ignore[arg-type]
    with pytest.raises(ProviderRefused):  # made for another recipient
        sandbox.charge(
            _disclosure("sdk.wechat_pay", "payment.settle", {"order.number": "N1", "order.amount": "100"}),
            channel=Channel.ALIPAY,
        )
    with pytest.raises(ProviderRefused):  # no amount
        sandbox.charge(_disclosure("sdk.alipay", "payment.settle", {"order.number": "N1"}), channel=Channel.ALIPAY)
    assert list(read_journal(tmp_path / "pay.jsonl")) == []


@pytest.mark.promise("P41", "P34")
def test_a_gateway_disclosure_is_all_the_institution_holds(tmp_path: Path, db_session: Session) -> None:
    # given a disclosure to Alipay offered more than Alipay is declared for
    disclosure = disclose(
        session=db_session,
        datamap=get_datamap(),
        recipient="sdk.alipay",
        purpose="payment.settle",
        subject_id="s1",
        fields={"order.number": "N2", "order.amount": "2590", "recipient.phone": "13912345678"},
        actor=Actor.system(),
    )
    # when the sandbox takes the payment
    result = _sandbox(tmp_path).charge(disclosure, channel=Channel.ALIPAY)
    # then it succeeded, names its source, and the journal holds only the declared fields
    assert (result.status, result.amount_fen, result.recipient) == (PaymentStatus.SUCCEEDED, 2590, "sdk.alipay")
    [entry] = read_journal(tmp_path / "pay.jsonl")
    assert entry["fields"] == {"order.number": "N2", "order.amount": "2590"}
    assert "13912345678" not in (tmp_path / "pay.jsonl").read_text()


def test_the_documented_decline_trigger_and_an_unknown_card_agreement(tmp_path: Path) -> None:
    sandbox = _sandbox(tmp_path)
    declined = sandbox.charge(
        _disclosure("sdk.unionpay", "payment.settle", {"order.number": "N3", "order.amount": "1404"}),
        channel=Channel.UNIONPAY,
    )
    assert (declined.status, declined.message) == (PaymentStatus.FAILED, "余额不足")
    unbound = sandbox.charge(
        _disclosure("partner.payment_institution", "payment.settle", {"order.number": "N4", "order.amount": "100"}),
        channel=Channel.BANK_CARD,
        agreement_ref="AGR-NEVER-ISSUED",
    )
    assert unbound.status is PaymentStatus.FAILED


def test_the_bank_sends_its_own_code_and_checks_it(tmp_path: Path) -> None:
    sandbox = _sandbox(tmp_path)
    card = {
        "finance.bank_card": "6222020200112233446",
        "finance.card_expiry": "12/30",
        "finance.reserved_phone": "13698765432",
    }
    challenge = sandbox.start_card_binding(_disclosure("partner.payment_institution", "payment.card_binding", card))
    [sms] = read_outbox(tmp_path / "sms.jsonl")
    assert sms.phone == "13698765432" and "尾号3446" in sms.text and challenge.bank_name == "中国工商银行"
    wrong = "000000" if sms.code != "000000" else "111111"
    with pytest.raises(BindingCodeRejected):
        sandbox.confirm_card_binding(
            _disclosure("partner.payment_institution", "payment.card_binding", {"auth.sms_code": wrong}),
            binding_ref=challenge.binding_ref,
        )
    confirmed = sandbox.confirm_card_binding(
        _disclosure("partner.payment_institution", "payment.card_binding", {"auth.sms_code": str(sms.code)}),
        binding_ref=challenge.binding_ref,
    )
    paid = sandbox.charge(
        _disclosure("partner.payment_institution", "payment.settle", {"order.number": "N5", "order.amount": "100"}),
        channel=Channel.BANK_CARD,
        agreement_ref=confirmed.agreement_ref,
    )
    assert paid.status is PaymentStatus.SUCCEEDED
    # the code was checked, not kept
    assert str(sms.code) not in "".join(str(e.get("fields")) for e in read_journal(tmp_path / "pay.jsonl"))


def test_production_keeps_nothing(tmp_path: Path) -> None:
    sandbox = SandboxPayments(journal=tmp_path / "pay.jsonl", sms_outbox=tmp_path / "sms.jsonl", keep=False)
    sandbox.charge(
        _disclosure("sdk.alipay", "payment.settle", {"order.number": "N6", "order.amount": "100"}),
        channel=Channel.ALIPAY,
    )
    assert not (tmp_path / "pay.jsonl").exists()
