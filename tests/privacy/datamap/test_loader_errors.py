"""Every problem in a data map stops loading with a message that names the entry and its line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from shouyue.privacy.datamap import DataMap, load_datamap, parse_datamap
from shouyue.privacy.errors import DataMapError
from tests.privacy.datamap.samples import MINIMAL, broken, line_text, reported_lines


def _error(text: str) -> str:
    with pytest.raises(DataMapError) as caught:
        parse_datamap(text, source="datamap.yaml")
    return str(caught.value)


def _points_at(message: str, text: str, token: str) -> None:
    """The message gives exactly one line, and that line of ``text`` holds ``token``."""
    lines = reported_lines(message)
    assert len(lines) == 1, message
    assert token in line_text(text, lines[0]), f"{message!r} points at {line_text(text, lines[0])!r}"


def test_the_minimal_sample_is_valid() -> None:
    # given / when
    datamap = parse_datamap(MINIMAL)

    # then
    assert isinstance(datamap, DataMap)
    assert datamap.may_use("order.fulfilment", "recipient.phone")


def test_malformed_yaml_names_the_line() -> None:
    # given: a flow mapping left open
    text = broken(
        MINIMAL, "  - {id: recipient.name, label: 收货人姓名,", "  - {id: recipient.name, label: [收货人姓名,"
    )

    # when
    message = _error(text)

    # then
    assert message.startswith("datamap.yaml:")
    assert "not valid YAML" in message
    assert "[收货人姓名," in line_text(text, reported_lines(message)[0])


def test_a_key_given_twice_is_refused() -> None:
    # given: YAML itself would silently keep the second "basis"
    text = broken(
        MINIMAL,
        "    basis: contract\n    categories: [identity.id_number]",
        "    basis: contract\n    basis: consent\n    categories: [identity.id_number]",
    )

    # when
    message = _error(text)

    # then
    assert "key 'basis' given twice" in message
    _points_at(message, text, "basis: consent")


def test_unknown_category_in_a_purpose_names_purpose_category_and_line() -> None:
    # given
    text = broken(
        MINIMAL, "categories: [recipient.name, recipient.phone]", "categories: [recipient.nam, recipient.phone]"
    )

    # when
    message = _error(text)

    # then
    assert re.fullmatch(
        r"datamap\.yaml:\d+: purpose 'order\.fulfilment' uses unknown category 'recipient\.nam'", message
    )
    _points_at(message, text, "recipient.nam")


def test_unknown_retention_rule_in_a_purpose() -> None:
    # given
    text = broken(
        MINIMAL,
        "    categories: [identity.id_number]\n    retention: transaction.records",
        "    categories: [identity.id_number]\n    retention: transaction.record",
    )

    # when
    message = _error(text)

    # then
    assert "purpose 'order.customs_clearance' names unknown retention rule 'transaction.record'" in message
    _points_at(message, text, "retention: transaction.record")


def test_unknown_purpose_in_a_recipient_names_recipient_purpose_and_line() -> None:
    # given
    text = broken(MINIMAL, "purposes: [order.fulfilment]", "purposes: [order.fulfillment]")

    # when
    message = _error(text)

    # then: one problem, not a cascade about the fields the unknown purpose would have covered
    assert re.fullmatch(
        r"datamap\.yaml:\d+: recipient 'sdk\.kuaidi100' names unknown purpose 'order\.fulfillment'", message
    )
    _points_at(message, text, "order.fulfillment")


def test_recipient_receiving_a_category_none_of_its_purposes_uses() -> None:
    # given: the logistics tracker asks for the ID number as well
    text = broken(
        MINIMAL, "fields: {recipient.phone: last4}", "fields: {recipient.phone: last4, identity.id_number: full}"
    )

    # when
    message = _error(text)

    # then
    assert "recipient 'sdk.kuaidi100' receives category 'identity.id_number' that none of its purposes uses" in message
    _points_at(message, text, "identity.id_number: full")


def test_recipient_receiving_an_unknown_category() -> None:
    text = broken(MINIMAL, "fields: {identity.id_number: full}", "fields: {identity.id_numbr: full}")

    message = _error(text)

    assert "recipient 'partner.customs' receives unknown category 'identity.id_numbr'" in message
    _points_at(message, text, "identity.id_numbr")


@pytest.mark.parametrize(
    ("old", "new", "kind", "ident"),
    [
        (
            "  - {id: recipient.phone, label: 收货人联系电话",
            "  - {id: recipient.name, label: 收货人联系电话",
            "category",
            "recipient.name",
        ),
        ("  - id: order.customs_clearance\n", "  - id: order.fulfilment\n", "purpose", "order.fulfilment"),
        ("  - id: transaction.records\n", "  - id: account.lifetime\n", "retention rule", "account.lifetime"),
        ("  - id: partner.customs\n", "  - id: sdk.kuaidi100\n", "recipient", "sdk.kuaidi100"),
    ],
)
def test_duplicate_id_names_both_declarations(old: str, new: str, kind: str, ident: str) -> None:
    # given
    text = broken(MINIMAL, old, new)

    # when
    message = _error(text)

    # then: the message points at the second declaration and names the line of the first
    # (other problems may follow from the duplicate, e.g. the id it replaced is now unknown)
    match = re.search(
        rf"^\s*datamap\.yaml:(\d+): {kind} {re.escape(repr(ident))} is declared twice \(first on line (\d+)\)$",
        message,
        re.MULTILINE,
    )
    assert match, message
    second, first = int(match.group(1)), int(match.group(2))
    assert first < second
    assert ident in line_text(text, first)
    assert ident in line_text(text, second)


def test_sensitive_category_stored_plain_is_refused() -> None:
    # given
    text = broken(MINIMAL, "sensitive: true, protection: sealed", "sensitive: true, protection: plain")

    # when
    message = _error(text)

    # then
    assert "category 'identity.id_number' is sensitive and may not be stored plain" in message
    _points_at(message, text, "id: identity.id_number")


def test_sensitive_category_may_not_be_only_hashed() -> None:
    text = broken(MINIMAL, "sensitive: true, protection: sealed", "sensitive: true, protection: keyed_hash")

    assert "category 'identity.id_number' is sensitive and may not be stored keyed_hash" in _error(text)


def test_unknown_mask_rule_names_the_category_and_field() -> None:
    # given
    text = broken(MINIMAL, "mask: id_number", "mask: id_card")

    # when
    message = _error(text)

    # then
    assert message.startswith("datamap.yaml:")
    assert "category 'identity.id_number': mask: Input should be" in message
    _points_at(message, text, "mask: id_card")


def test_unknown_reduction_names_the_recipient_and_field() -> None:
    text = broken(MINIMAL, "{recipient.phone: last4}", "{recipient.phone: last5}")

    message = _error(text)

    assert "recipient 'sdk.kuaidi100': fields['recipient.phone']: Input should be" in message
    _points_at(message, text, "last5")


def test_missing_field_names_the_entry() -> None:
    text = broken(MINIMAL, "    description: 跨境商品清关\n", "")

    message = _error(text)

    assert "purpose 'order.customs_clearance': description: Field required" in message


def test_keyed_hash_category_can_only_leave_as_keyed_hash() -> None:
    # given: a device identifier exists only as a keyed hash, so "full" cannot be honoured
    text = broken(
        MINIMAL,
        "fields: {recipient.phone: last4}",
        "fields: {recipient.phone: last4}\n    # tracking\n",
    )
    text = broken(text, "purposes: [order.fulfilment]", "purposes: [order.fulfilment, account.register]")
    text = broken(text, "{recipient.phone: last4}", "{recipient.phone: last4, device.identifier: full}")

    message = _error(text)

    assert "recipient 'sdk.kuaidi100' receives 'device.identifier' full" in message
    _points_at(message, text, "device.identifier: full")


def test_core_purpose_may_not_rest_on_consent() -> None:
    # P07 at the data level: what the subject may refuse cannot be core
    text = broken(
        MINIMAL,
        "    basis: contract\n    categories: [identity.id_number]",
        "    basis: consent\n    categories: [identity.id_number]",
    )

    message = _error(text)

    assert "purpose 'order.customs_clearance' is core but rests on consent" in message
    _points_at(message, text, "id: order.customs_clearance")


def test_sdk_rows_must_be_numbered_once_each() -> None:
    # given: the customs partner pretends to be SDK row 1 too
    text = broken(
        MINIMAL,
        "  - id: partner.customs\n    kind: partner\n",
        "  - id: partner.customs\n    kind: sdk\n    order: 1\n    policy_url: https://example.invalid/\n",
    )
    text = broken(text, "    company: 海关\n    region: CN\n", "    company: 海关\n")
    text = broken(text, "    pi_types: 身份证号码\n", "    pi_types: 身份证号码\n    region: CN\n")

    message = _error(text)

    assert "recipient 'partner.customs' takes row 1 of the SDK table, already 'sdk.kuaidi100'" in message


def test_several_problems_are_reported_together() -> None:
    # given
    text = broken(
        MINIMAL, "categories: [recipient.name, recipient.phone]", "categories: [recipient.nam, recipient.phone]"
    )
    text = broken(text, "purposes: [order.customs_clearance]", "purposes: [order.customs]")

    # when
    message = _error(text)

    # then
    assert message.startswith("invalid data map (")
    assert "purpose 'order.fulfilment' uses unknown category 'recipient.nam'" in message
    assert "recipient 'partner.customs' names unknown purpose 'order.customs'" in message
    assert len(reported_lines(message)) >= 2


def test_load_datamap_names_the_file(write_map: Callable[[str], Path]) -> None:
    # given
    path = write_map(broken(MINIMAL, "purposes: [order.fulfilment]", "purposes: [order.fulfillment]"))

    # when
    with pytest.raises(DataMapError) as caught:
        load_datamap(path)

    # then
    assert str(caught.value).startswith(f"{path}:")


def test_missing_file_is_a_datamap_error(tmp_path: Path) -> None:
    with pytest.raises(DataMapError, match="cannot read the data map"):
        load_datamap(tmp_path / "absent.yaml")


def test_a_document_that_is_not_a_mapping() -> None:
    assert "must be a mapping" in _error("- just\n- a list\n")


def test_validating_the_model_directly_checks_references_too() -> None:
    # given: the same broken reference, bypassing the loader
    raw = yaml.safe_load(broken(MINIMAL, "purposes: [order.fulfilment]", "purposes: [order.fulfillment]"))

    # when / then
    with pytest.raises(
        ValueError, match=re.escape("recipient 'sdk.kuaidi100' names unknown purpose 'order.fulfillment'")
    ):
        DataMap.model_validate(raw)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_any_broken_category_reference_is_reported_at_its_own_line(data: st.DataObject, shipped_text: str) -> None:
    # given: the shipped map with one category reference of one purpose misspelled
    raw = yaml.load(shipped_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    purpose = data.draw(st.sampled_from(raw["purposes"]), label="purpose")
    index = data.draw(st.integers(min_value=0, max_value=len(purpose["categories"]) - 1), label="index")
    bad = purpose["categories"][index] + "_typo"
    purpose["categories"][index] = bad
    text = yaml.dump(raw, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False)

    # when
    message = _error(text)

    # then: the first problem is that reference, at the line that holds it
    first = message.splitlines()[0] if reported_lines(message.splitlines()[0]) else message.splitlines()[1]
    assert f"purpose {purpose['id']!r} uses unknown category {bad!r}" in first
    assert bad in line_text(text, reported_lines(first)[0])
