"""Sealing and opening: round trips, masks, the stored form, and refusal of anything tampered with."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shouyue.engine import get_datamap
from shouyue.privacy.errors import SealError, UnknownCategory
from shouyue.privacy.masking import mask
from shouyue.privacy.vault import Sealed, Vault
from tests.privacy.vault.support import ADDRESS, ID_NUMBER, NAME, PHONE

SAMPLES = {
    "contact.phone": PHONE,
    "identity.id_number": ID_NUMBER,
    "identity.real_name": NAME,
    "recipient.address": ADDRESS,
    "finance.bank_card": "6222021234567890",
}
reuse_vault = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


@pytest.mark.promise("P46")
@pytest.mark.parametrize(("category", "value"), sorted(SAMPLES.items()))
def test_round_trip_through_the_stored_form(vault: Vault, category: str, value: str) -> None:
    # given a value sealed for a subject
    sealed = vault.seal(value, category=category, subject_id="acct-1")
    # when stored and read back
    text = sealed.serialise()
    restored = Sealed.parse(text, category=category)
    # then it opens to the same value, and the stored text does not contain it
    assert restored == sealed
    assert vault.open(restored) == value
    assert value not in text


@reuse_vault
@given(value=st.text(max_size=200), held=st.booleans())
def test_any_text_round_trips(vault: Vault, value: str, held: bool) -> None:
    sealed = vault.seal(value, category="identity.real_name", subject_id="acct-2", held=held)
    assert vault.open(Sealed.parse(sealed.serialise(), category="identity.real_name")) == value


@pytest.mark.parametrize(("category", "value"), sorted(SAMPLES.items()))
def test_stored_mask_follows_the_category_rule(vault: Vault, category: str, value: str) -> None:
    sealed = vault.seal(value, category=category, subject_id="acct-1")
    assert sealed.mask == mask(get_datamap().category(category).mask, value)
    assert Sealed.parse(sealed.serialise()).mask == sealed.mask


def test_mask_only_in_repr_and_str(vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    assert str(sealed) == "138****5678"
    assert PHONE not in repr(sealed)


def test_same_value_seals_differently_each_time(vault: Vault) -> None:
    first = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    second = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    assert first.payload != second.payload
    assert first.key_id == second.key_id


def test_subjects_and_scopes_have_their_own_keys(vault: Vault) -> None:
    a = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    b = vault.seal(PHONE, category="contact.phone", subject_id="acct-2")
    held = vault.seal(PHONE, category="contact.phone", subject_id="acct-1", held=True)
    assert len({a.key_id, b.key_id, held.key_id}) == 3
    assert (a.scope, held.scope) == ("everyday", "held")


def test_integer_subject_ids_are_text(vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id=42)
    assert sealed.subject_id == "42"


def test_unknown_category_is_refused(vault: Vault) -> None:
    with pytest.raises(UnknownCategory, match=re.escape("contact.fax")):
        vault.seal(PHONE, category="contact.fax", subject_id="acct-1")


@pytest.mark.parametrize("subject", ["", "has space", "a:b", "x" * 65, "张三"])
def test_malformed_subject_ids_are_refused(vault: Vault, subject: str) -> None:
    with pytest.raises(SealError, match="subject id"):
        vault.seal(PHONE, category="contact.phone", subject_id=subject)


# --- tampering -------------------------------------------------------------------------------


@pytest.mark.promise("P46")
def test_flipped_ciphertext_bit_is_refused(vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    payload = bytearray(sealed.payload)
    payload[-1] ^= 0x01
    with pytest.raises(SealError, match=re.escape("sealed value for contact.phone is corrupted or forged")) as caught:
        vault.open(dataclasses.replace(sealed, payload=bytes(payload)))
    assert PHONE not in str(caught.value)


@pytest.mark.promise("P46")
def test_ciphertext_moved_to_another_subject_is_refused(vault: Vault) -> None:
    # given a value of subject 1, and subject 2's key existing
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    other = vault.seal(PHONE, category="contact.phone", subject_id="acct-2")
    # when its subject is rewritten, with or without also naming the other subject's key
    relabelled = dataclasses.replace(sealed, subject_id="acct-2")
    rekeyed = dataclasses.replace(sealed, subject_id="acct-2", key_id=other.key_id)
    # then neither opens
    for forged in (relabelled, rekeyed):
        with pytest.raises(SealError, match="corrupted or forged"):
            vault.open(forged)


@pytest.mark.promise("P46")
def test_ciphertext_moved_to_another_category_is_refused(vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    with pytest.raises(SealError, match=re.escape("sealed value for recipient.phone is corrupted or forged")):
        vault.open(dataclasses.replace(sealed, category="recipient.phone"))


def test_scope_relabelled_is_refused(vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    with pytest.raises(SealError, match="corrupted or forged"):
        vault.open(dataclasses.replace(sealed, scope="held"))


def test_a_column_refuses_a_value_of_another_category(vault: Vault) -> None:
    text = vault.seal(PHONE, category="contact.phone", subject_id="acct-1").serialise()
    with pytest.raises(
        SealError, match=re.escape("category contact.phone is stored in a column of category recipient.phone")
    ):
        Sealed.parse(text, category="recipient.phone")


def test_unknown_key_id_is_refused(vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1")
    with pytest.raises(SealError, match="does not hold"):
        vault.open(dataclasses.replace(sealed, key_id="0" * 16))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "13812345678",
        "sy2:e:0123456789abcdef:contact.phone:acct-1::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:138****5678",
        "sy1:x:0123456789abcdef:contact.phone:acct-1::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:138****5678",
        "sy1:e:short:contact.phone:acct-1::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:138****5678",
        "sy1:e:0123456789abcdef:contact.phone:acct-1::AAAA:138****5678",
        "sy1:e:0123456789abcdef:contact.phone:acct-1::not base64!:138****5678",
        "sy1:e:0123456789abcdef:contact.phone:acct-1:xyz:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:138****5678",
        "sy1:e:0123456789abcdef:contact.phone:acct-1::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_malformed_stored_forms_are_refused(text: str) -> None:
    with pytest.raises(SealError, match=re.escape("sealed value for contact.phone is corrupted or forged")):
        Sealed.parse(text, category="contact.phone")


@reuse_vault
@given(data=st.data())
def test_any_edit_of_the_stored_form_never_yields_another_value(vault: Vault, data: st.DataObject) -> None:
    # given a stored value
    text = vault.seal(PHONE, category="contact.phone", subject_id="acct-1", lookup=True).serialise()
    # when one character of the part before the mask is replaced
    head = text.rsplit(":", 1)[0]
    at = data.draw(st.integers(0, len(head) - 1))
    edited = text[:at] + data.draw(st.characters(codec="ascii").filter(lambda c: c != text[at])) + text[at + 1 :]
    # then it opens to the original value (base64 padding bits), or is refused without echoing it
    try:
        assert vault.open(Sealed.parse(edited)) == PHONE
    except SealError as exc:
        assert PHONE not in str(exc)


# --- blind indexes and keyed hashes ----------------------------------------------------------


def test_blind_index_is_stable_per_category(vault: Vault) -> None:
    sealed = vault.seal(PHONE, category="contact.phone", subject_id="acct-1", lookup=True)
    assert sealed.blind_index == vault.blind_index(PHONE, category="contact.phone")
    assert sealed.blind_index == vault.blind_index(f" {PHONE} ", category="contact.phone")
    assert sealed.blind_index != vault.blind_index(PHONE, category="recipient.phone")
    assert sealed.blind_index != vault.blind_index("13812345679", category="contact.phone")
    assert len(sealed.blind_index or "") == 32
    assert vault.seal(PHONE, category="contact.phone", subject_id="acct-1").blind_index is None


def test_blind_index_normalises_full_width_digits(vault: Vault) -> None:
    assert vault.blind_index("１３８１２３４５６７８", category="contact.phone") == vault.blind_index(
        PHONE, category="contact.phone"
    )


def test_blind_index_needs_a_declared_category(vault: Vault) -> None:
    with pytest.raises(UnknownCategory):
        vault.blind_index(PHONE, category="contact.fax")


def test_keyed_hash_differs_from_the_blind_index(vault: Vault) -> None:
    digest = vault.keyed_hash("860000000000001", category="device.identifier")
    assert len(digest) == 64
    assert digest == vault.keyed_hash("860000000000001", category="device.identifier")
    assert digest[:32] != vault.blind_index("860000000000001", category="device.identifier")


def test_blind_index_is_the_same_in_another_process(vault: Vault, make_vault: object) -> None:
    other = make_vault()  # type: ignore[operator]
    assert other.blind_index(PHONE, category="contact.phone") == vault.blind_index(PHONE, category="contact.phone")
