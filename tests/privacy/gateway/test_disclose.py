"""The disclosure gateway strips, reduces, refuses and logs (engine level; the HTTP flows that
use it — logistics tracking, payments — prove the promises end to end in the commerce tests)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shouyue.engine import get_datamap
from shouyue.privacy.actors import Actor
from shouyue.privacy.audit import AuditEntry
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.errors import UnknownRecipient
from shouyue.privacy.gateway import (
    AggregateOnly,
    CrossBorderRefused,
    DisclosureRecord,
    NothingDeclared,
    PurposeNotDeclaredForRecipient,
    disclose,
    shared_with,
)

SYSTEM = Actor.system()
ORDER_FIELDS = {
    "recipient.name": "张三",
    "recipient.phone": "13812345678",
    "recipient.address": "广东省深圳市南山区科技园科苑路15号",
}


@pytest.fixture
def datamap() -> DataMap:
    return get_datamap()


def test_logistics_tracker_gets_only_the_phones_last_four_digits(db_session: Session, datamap: DataMap) -> None:
    # when an order's recipient details are offered to the Kuaidi100 tracker
    sent = disclose(
        session=db_session,
        datamap=datamap,
        recipient="sdk.kuaidi100",
        purpose="order.fulfilment",
        subject_id="s1",
        fields=ORDER_FIELDS,
        actor=SYSTEM,
    )
    # then it receives the last four digits and nothing else
    assert dict(sent.fields) == {"recipient.phone": "5678"}
    record = db_session.get(DisclosureRecord, sent.id)
    assert record is not None
    assert record.sent == {"recipient.phone": "last4"}
    assert record.stripped == ["recipient.address", "recipient.name"]


def test_the_log_and_audit_name_categories_never_values(db_session: Session, datamap: DataMap) -> None:
    sent = disclose(
        session=db_session,
        datamap=datamap,
        recipient="partner.logistics",
        purpose="order.fulfilment",
        subject_id="s2",
        fields=ORDER_FIELDS,
        actor=SYSTEM,
    )
    assert sent["recipient.address"] == ORDER_FIELDS["recipient.address"]
    entry = db_session.scalars(select(AuditEntry).where(AuditEntry.subject_id == "s2")).one()
    assert entry.action == "pi.disclosed"
    assert entry.refs == {"recipient": "partner.logistics", "disclosure": sent.id}
    stored = repr(entry.refs) + repr(entry.categories) + repr(shared_with(session=db_session, subject_id="s2")[0].sent)
    for value in ORDER_FIELDS.values():
        assert value not in stored
    assert "13812345678" not in repr(sent)


def test_a_recipient_cannot_be_used_for_a_purpose_it_is_not_declared_for(db_session: Session, datamap: DataMap) -> None:
    with pytest.raises(PurposeNotDeclaredForRecipient):
        disclose(
            session=db_session,
            datamap=datamap,
            recipient="sdk.kuaidi100",
            purpose="marketing.push",
            subject_id="s3",
            fields=ORDER_FIELDS,
            actor=SYSTEM,
        )
    assert shared_with(session=db_session, subject_id="s3") == []


def test_aggregate_only_recipients_receive_no_rows(db_session: Session, datamap: DataMap) -> None:
    with pytest.raises(AggregateOnly):
        disclose(
            session=db_session,
            datamap=datamap,
            recipient="promotion.clients",
            purpose="marketing.promotion_report",
            subject_id="s4",
            fields={"behaviour.browsing": "x"},
            actor=SYSTEM,
        )


def test_transfers_abroad_are_refused(db_session: Session, datamap: DataMap) -> None:
    raw = datamap.model_dump(mode="json")
    abroad = {**datamap.recipient("partner.logistics").model_dump(mode="json"), "id": "partner.abroad", "region": "SG"}
    moved = DataMap.model_validate({**raw, "recipients": [*raw["recipients"], abroad]})
    with pytest.raises(CrossBorderRefused):
        disclose(
            session=db_session,
            datamap=moved,
            recipient="partner.abroad",
            purpose="order.fulfilment",
            subject_id="s5",
            fields=ORDER_FIELDS,
            actor=SYSTEM,
        )


def test_nothing_is_sent_when_no_offered_field_is_declared(db_session: Session, datamap: DataMap) -> None:
    with pytest.raises(NothingDeclared):
        disclose(
            session=db_session,
            datamap=datamap,
            recipient="sdk.kuaidi100",
            purpose="order.fulfilment",
            subject_id="s6",
            fields={"recipient.name": "张三"},
            actor=SYSTEM,
        )


def test_unknown_recipient_is_named(db_session: Session, datamap: DataMap) -> None:
    with pytest.raises(UnknownRecipient, match=r"sdk\.nobody"):
        disclose(
            session=db_session,
            datamap=datamap,
            recipient="sdk.nobody",
            purpose="order.fulfilment",
            subject_id="s7",
            fields=ORDER_FIELDS,
            actor=SYSTEM,
        )


def test_keyed_hash_reductions_use_the_vaults_keyed_hash(db_session: Session, datamap: DataMap) -> None:
    from shouyue.engine import get_vault

    vault = get_vault()
    receiving = [r for r in datamap.recipients if "device.identifier" in r.fields and not r.aggregate_only]
    recipient = receiving[0]
    purpose = next(p for p in recipient.purposes if datamap.may_use(p, "device.identifier"))
    sent = disclose(
        session=db_session,
        datamap=datamap,
        recipient=recipient.id,
        purpose=purpose,
        subject_id="s8",
        fields={"device.identifier": "IMEI-861234567890123"},
        actor=SYSTEM,
        keyed_hash=vault.keyed_hash,
    )
    assert sent["device.identifier"] == vault.keyed_hash("IMEI-861234567890123", category="device.identifier")
