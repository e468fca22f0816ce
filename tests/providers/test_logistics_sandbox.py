"""The sandbox carrier and Kuaidi100 tracker: take only a gateway Disclosure and hold no more than
it; the tracker works with the phone's last four digits and refuses a full number."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

import pytest
from sqlalchemy.orm import Session

from shouyue.engine import get_datamap
from shouyue.privacy.actors import Actor
from shouyue.privacy.gateway import Disclosure, disclose
from shouyue.providers.logistics import LogisticsRefused, SandboxCarrier, SandboxKuaidi100, read_journal

PHONE = "13912345678"
FULL = {
    "recipient.name": "张三丰",
    "recipient.phone": PHONE,
    "recipient.address": "北京市朝阳区示范路1号院2号楼301室",
    "recipient.postcode": "100020",
}


def _disclosure(recipient: str, fields: dict[str, str]) -> Disclosure:
    return Disclosure(
        id=1, recipient=recipient, purpose="order.fulfilment", subject_id="s1", fields=MappingProxyType(fields)
    )


@pytest.mark.promise("P41")
def test_only_a_disclosure_for_the_right_recipient_is_accepted(tmp_path: Path) -> None:
    journal = tmp_path / "log.jsonl"
    with pytest.raises(TypeError):
        SandboxCarrier(journal=journal).hand_over(FULL, carrier="SF", tracking_number="SF12345678")  # type: ignore[arg-type]
    with pytest.raises(LogisticsRefused):
        SandboxKuaidi100(journal=journal).track(
            _disclosure("partner.logistics", {"recipient.phone": "5678"}),
            carrier="SF",
            tracking_number="SF12345678",
            now=datetime.now(UTC),
        )
    with pytest.raises(LogisticsRefused):  # a full number is not what the tracker takes
        SandboxKuaidi100(journal=journal).track(
            _disclosure("sdk.kuaidi100", {"recipient.phone": PHONE}),
            carrier="SF",
            tracking_number="SF12345678",
            now=datetime.now(UTC),
        )
    assert list(read_journal(journal)) == []


@pytest.mark.promise("P41")
def test_through_the_gateway_the_tracker_holds_four_digits_and_nothing_else(
    tmp_path: Path, db_session: Session
) -> None:
    # given the whole recipient offered to Kuaidi100 through the gateway
    disclosure = disclose(
        session=db_session,
        datamap=get_datamap(),
        recipient="sdk.kuaidi100",
        purpose="order.fulfilment",
        subject_id="s1",
        fields=FULL,
        actor=Actor.system(),
    )
    # when the tracker is asked, then again a day later
    tracker = SandboxKuaidi100(journal=tmp_path / "log.jsonl")
    now = datetime.now(UTC)
    first = tracker.track(disclosure, carrier="ZTO", tracking_number="ZT12345678", now=now)
    later = tracker.track(disclosure, carrier="ZTO", tracking_number="ZT12345678", now=now + timedelta(days=2))
    # then it received the last four digits only, and reports the journey naming itself
    assert dict(disclosure.fields) == {"recipient.phone": "5678"}
    assert all(e["fields"] == {"recipient.phone": "5678"} for e in read_journal(tmp_path / "log.jsonl"))
    text = (tmp_path / "log.jsonl").read_text()
    assert PHONE not in text and "张三丰" not in text and "示范路" not in text
    assert [e.status for e in first.events] == ["已揽收"] and first.recipient == "sdk.kuaidi100"
    assert [e.status for e in later.events] == ["已揽收", "运输中", "派送中", "已签收"]


def test_the_carrier_needs_the_delivery_details_and_an_known_carrier(tmp_path: Path) -> None:
    carrier = SandboxCarrier(journal=tmp_path / "log.jsonl")
    receipt = carrier.hand_over(_disclosure("partner.logistics", FULL), carrier="SF", tracking_number="SF12345678")
    assert receipt.recipient == "partner.logistics"
    [entry] = read_journal(tmp_path / "log.jsonl")
    assert entry["fields"] == FULL
    with pytest.raises(LogisticsRefused):
        carrier.hand_over(_disclosure("partner.logistics", FULL), carrier="DHL", tracking_number="SF12345678")
    with pytest.raises(LogisticsRefused):
        carrier.hand_over(
            _disclosure("partner.logistics", {"recipient.phone": PHONE}), carrier="SF", tracking_number="SF12345678"
        )
