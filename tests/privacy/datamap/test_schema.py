"""The schema's own rules and lookups, entry by entry."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from shouyue.privacy.datamap import Category, DataMap, Purpose, Recipient, Retention, parse_datamap
from shouyue.privacy.errors import UnknownCategory, UnknownPurpose, UnknownRecipient
from tests.privacy.datamap.samples import MINIMAL


def _retention(**overrides: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": "x.rule",
        "label": "测试",
        "days": None,
        "starts": "collection",
        "action": "delete",
        "legal_hold": False,
    }
    return rule | overrides


def test_period_in_days_minutes_or_until_the_event() -> None:
    assert Retention.model_validate(_retention(days=180)).period == timedelta(days=180)
    assert Retention.model_validate(_retention(minutes=10)).period == timedelta(minutes=10)
    assert Retention.model_validate(_retention(minutes=0)).period == timedelta(0)
    lifetime = Retention.model_validate(_retention(starts="account_closed"))
    assert lifetime.period is None
    assert lifetime.until_event


def test_days_must_be_given_even_when_null() -> None:
    rule = _retention()
    del rule["days"]
    with pytest.raises(ValidationError, match="days"):
        Retention.model_validate(rule)


def test_days_and_minutes_exclude_each_other() -> None:
    with pytest.raises(ValidationError, match="both days and minutes"):
        Retention.model_validate(_retention(days=1, minutes=5))


@pytest.mark.parametrize("protection", ["plain", "keyed_hash", "slow_hash"])
def test_sensitive_category_must_be_sealed_or_never_stored(protection: str) -> None:
    category = {
        "id": "x.c",
        "label": "测试",
        "sensitive": True,
        "protection": protection,
        "mask": "redact",
        "group": "测试",
    }
    with pytest.raises(ValidationError, match="is sensitive and may not be stored"):
        Category.model_validate(category)
    assert Category.model_validate(category | {"protection": "transient"}).sensitive


def _purpose(**overrides: Any) -> dict[str, Any]:
    purpose: dict[str, Any] = {
        "id": "x.p",
        "label": "测试",
        "description": "测试",
        "kind": "additional",
        "basis": "consent",
        "categories": ["x.c"],
        "retention": "x.rule",
    }
    return purpose | overrides


def test_a_device_permission_makes_a_purpose_additional() -> None:
    assert Purpose.model_validate(_purpose(permission="camera")).permission == "camera"
    with pytest.raises(ValidationError, match="needs the camera permission"):
        Purpose.model_validate(_purpose(kind="core", basis="contract", permission="camera"))
    with pytest.raises(ValidationError, match="permission"):
        Purpose.model_validate(_purpose(permission="telepathy"))


def _recipient(**overrides: Any) -> dict[str, Any]:
    recipient: dict[str, Any] = {
        "id": "partner.x",
        "kind": "partner",
        "name": "测试",
        "scenario": "测试",
        "pi_types": "测试",
        "company": "测试",
        "region": "CN",
        "purposes": ["x.p"],
        "fields": {},
    }
    return recipient | overrides


def test_recipient_kind_rules() -> None:
    assert Recipient.model_validate(_recipient()).order == 0
    with pytest.raises(ValidationError, match="is an SDK"):
        Recipient.model_validate(_recipient(kind="sdk"))
    with pytest.raises(ValidationError, match="is not an SDK"):
        Recipient.model_validate(_recipient(order=3))
    with pytest.raises(ValidationError, match="aggregate_only"):
        Recipient.model_validate(_recipient(kind="promotion"))
    with pytest.raises(ValidationError, match="aggregate_only"):
        Recipient.model_validate(_recipient(aggregate_only=True))


def test_lookups() -> None:
    # given
    datamap = parse_datamap(MINIMAL)

    # then
    assert datamap.category("contact.phone").label == "手机号码"
    assert datamap.purpose("order.fulfilment").retention == "transaction.records"
    assert datamap.recipient("sdk.kuaidi100").order == 1
    assert datamap.retention_rule("transaction.records").days == 1095
    assert [r.id for r in datamap.sdks()] == ["sdk.kuaidi100"]
    assert datamap.may_use("order.fulfilment", "recipient.phone")
    assert not datamap.may_use("order.fulfilment", "identity.id_number")


def test_unknown_ids_raise_the_engine_s_errors() -> None:
    datamap = parse_datamap(MINIMAL)
    with pytest.raises(UnknownCategory):
        datamap.category("nope.nothing")
    with pytest.raises(UnknownPurpose):
        datamap.purpose("nope.nothing")
    with pytest.raises(UnknownRecipient):
        datamap.recipient("nope.nothing")
    with pytest.raises(UnknownCategory):
        datamap.may_use("order.fulfilment", "nope.nothing")


def test_the_model_is_frozen() -> None:
    datamap = parse_datamap(MINIMAL)
    with pytest.raises(ValidationError):
        datamap.version = "tampered"  # type: ignore[misc]
    assert isinstance(datamap, DataMap)
