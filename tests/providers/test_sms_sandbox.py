"""The sandbox SMS carrier: takes only a Disclosure, writes the outbox, reads it newest first."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from shouyue.privacy.gateway import Disclosure
from shouyue.providers.sms import SandboxSms, SmsDeliveryFailed, read_outbox


def _disclosure(phone: str, code: str, n: int = 1) -> Disclosure:
    return Disclosure(
        id=n,
        recipient="partner.sms_carrier",
        purpose="account.sms_verification",
        subject_id="s1",
        fields=MappingProxyType({"contact.phone": phone, "auth.sms_code": code}),
    )


def test_messages_are_written_and_read_back_newest_first(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox.jsonl"
    sms = SandboxSms(outbox=outbox)
    for n in range(3):
        sms.send_verification_code(_disclosure(f"1380000000{n}", f"00000{n}", n), valid_minutes=5)
    messages = read_outbox(outbox)
    assert [m.phone for m in messages] == ["13800000002", "13800000001", "13800000000"]
    assert "000002" in messages[0].text and "5分钟内有效" in messages[0].text
    assert [m.code for m in read_outbox(outbox, phone="13800000001")] == ["000001"]
    assert len(read_outbox(outbox, limit=2)) == 2


def test_a_large_outbox_is_read_from_its_end(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox.jsonl"
    sms = SandboxSms(outbox=outbox)
    for n in range(2000):
        sms.send_verification_code(_disclosure(f"139{n:08d}", "123456", n), valid_minutes=5)
    assert read_outbox(outbox, limit=1)[0].phone == "13900001999"
    assert read_outbox(outbox, phone="13900000000")[0].disclosure_id == 0


def test_production_keeps_nothing_and_a_disclosure_without_the_code_is_refused(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox.jsonl"
    SandboxSms(outbox=outbox, keep=False).send_verification_code(_disclosure("13800000000", "123456"), valid_minutes=5)
    assert not outbox.exists()
    stripped = Disclosure(
        id=1, recipient="r", purpose="p", subject_id="s", fields=MappingProxyType({"contact.phone": "13800000000"})
    )
    with pytest.raises(SmsDeliveryFailed):
        SandboxSms(outbox=outbox).send_verification_code(stripped, valid_minutes=5)


def test_a_missing_outbox_reads_empty(tmp_path: Path) -> None:
    assert read_outbox(tmp_path / "none.jsonl") == []
