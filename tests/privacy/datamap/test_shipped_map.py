"""The data map the platform ships: it loads, and it says what the notice and PIPL require."""

# Promise markers here are limited to what the declaration itself promises (P02, P06, P40); the
# behaviours the other checks prepare for are proven end to end by the flows that implement them.

from __future__ import annotations

import re

import pytest

from shouyue.privacy.datamap import (
    CONSENT_BASES,
    DataMap,
    LegalBasis,
    MaskRule,
    Protection,
    PurposeKind,
    Reduction,
)
from shouyue.privacy.masking import RULES

# Ids other parts of the platform code against; they must not disappear.
STARTER_CATEGORIES = (
    "contact.phone",
    "identity.real_name",
    "identity.id_number",
    "finance.bank_card",
    "profile.nickname",
    "recipient.name",
    "recipient.phone",
    "recipient.address",
    "device.identifier",
)
STARTER_PURPOSES = ("account.register", "order.fulfilment", "identity.real_name_verification")
STARTER_RETENTION = ("account.lifetime", "transaction.records")

# PIPL art. 28: biometrics, specific identity, financial accounts, whereabouts, and any PI of
# a child under 14. The face image is never stored (only the verification result is kept).
SENSITIVE_SEALED = (
    "identity.id_number",
    "identity.id_photo",
    "identity.id_photo_handheld",
    "finance.bank_card",
    "finance.card_expiry",
    "loan.application",
    "location.precise",
    "minor.age_flag",
    "deceased.kin_documents",
)
SENSITIVE_NEVER_STORED = ("biometric.face",)

# The notice's 二(三): each additional function behind a device permission.
PERMISSION_FEATURES = {
    "feature.location": "location",
    "feature.camera": "camera",
    "feature.photos": "photos",
    "feature.microphone": "microphone",
    "feature.contacts": "contacts",
    "feature.calendar": "calendar",
}

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_the_shipped_map_loads(datamap: DataMap) -> None:
    assert datamap.version
    assert len(datamap.categories) >= 60
    assert len(datamap.purposes) >= 40
    assert len(datamap.recipients) >= 15 + 6


def test_the_starter_ids_are_kept(datamap: DataMap) -> None:
    for category in STARTER_CATEGORIES:
        datamap.category(category)
    for purpose in STARTER_PURPOSES:
        datamap.purpose(purpose)
    for rule in STARTER_RETENTION:
        datamap.retention_rule(rule)
    assert datamap.recipient("sdk.kuaidi100").fields == {"recipient.phone": Reduction.LAST4}


def test_everything_shown_to_subjects_is_in_chinese(datamap: DataMap) -> None:
    for c in datamap.categories:
        assert HAN.search(c.label) and HAN.search(c.group), c.id
        assert c.notice, f"category {c.id} cites no clause of the notice"
    for p in datamap.purposes:
        assert HAN.search(p.label) and HAN.search(p.description), p.id
        assert p.notice, f"purpose {p.id} cites no clause of the notice"
    for r in datamap.retention:
        assert HAN.search(r.label), r.id
    for rec in datamap.recipients:
        assert HAN.search(rec.scenario) and HAN.search(rec.pi_types), rec.id


@pytest.mark.promise("P06")
def test_every_category_is_marked_sensitive_or_not(datamap: DataMap) -> None:
    assert all(isinstance(c.sensitive, bool) for c in datamap.categories)
    assert {c.id for c in datamap.categories if c.sensitive} == set(SENSITIVE_SEALED + SENSITIVE_NEVER_STORED)


@pytest.mark.promise("P06")
@pytest.mark.parametrize("category_id", SENSITIVE_SEALED)
def test_pipl_sensitive_kinds_are_sensitive_and_sealed(datamap: DataMap, category_id: str) -> None:
    category = datamap.category(category_id)
    assert category.sensitive
    assert category.protection is Protection.SEALED


@pytest.mark.promise("P06")
def test_the_face_image_is_sensitive_and_never_stored(datamap: DataMap) -> None:
    face = datamap.category("biometric.face")
    assert face.sensitive
    assert face.protection is Protection.TRANSIENT
    # What is kept is the result, which is not biometric data.
    result = datamap.category("identity.face_verification_result")
    assert not result.sensitive
    for purpose in datamap.purposes:
        if "biometric.face" in purpose.categories:
            assert "identity.face_verification_result" in purpose.categories, purpose.id
            assert purpose.basis is LegalBasis.SEPARATE_CONSENT, purpose.id


@pytest.mark.promise("P06")
def test_sensitive_pi_is_never_plain_or_merely_hashed(datamap: DataMap) -> None:
    for c in datamap.categories:
        if c.sensitive:
            assert c.protection in (Protection.SEALED, Protection.TRANSIENT), c.id
            assert c.mask is not MaskRule.NONE, f"{c.id} would be displayed in full"


@pytest.mark.promise("P06")
def test_device_identifiers_are_de_identified_and_leave_only_as_keyed_hashes(datamap: DataMap) -> None:
    assert datamap.category("device.identifier").protection is Protection.KEYED_HASH
    for r in datamap.recipients:
        if "device.identifier" in r.fields:
            assert r.fields["device.identifier"] is Reduction.KEYED_HASH, r.id


def test_every_purpose_is_core_or_additional(datamap: DataMap) -> None:
    kinds = {p.kind for p in datamap.purposes}
    assert kinds == {PurposeKind.CORE, PurposeKind.ADDITIONAL}


def test_what_the_subject_may_refuse_is_never_core(datamap: DataMap) -> None:
    for p in datamap.purposes:
        if p.basis in CONSENT_BASES:
            assert p.kind is PurposeKind.ADDITIONAL, p.id
        if p.kind is PurposeKind.CORE:
            assert p.basis in (LegalBasis.CONTRACT, LegalBasis.LEGAL_OBLIGATION), p.id
            assert p.permission is None, p.id


def test_each_device_permission_feature_is_additional_and_consented(datamap: DataMap) -> None:
    for purpose_id, permission in PERMISSION_FEATURES.items():
        p = datamap.purpose(purpose_id)
        assert p.permission == permission
        assert p.kind is PurposeKind.ADDITIONAL
        assert p.basis in CONSENT_BASES
    for p in datamap.purposes:
        if p.permission is not None:
            assert p.kind is PurposeKind.ADDITIONAL and p.basis in CONSENT_BASES, p.id


def test_the_notice_s_separate_consents(datamap: DataMap) -> None:
    # Face recognition (二(一)7), certificate photos (二(一)1), and sensitive PI under consent.
    for purpose_id in (
        "identity.face_verification_loan",
        "identity.face_verification_seller_recovery",
        "identity.certificate_verification",
    ):
        assert datamap.purpose(purpose_id).basis is LegalBasis.SEPARATE_CONSENT
    for p in datamap.purposes:
        if p.basis is LegalBasis.CONSENT:
            assert not any(datamap.category(c).sensitive for c in p.categories), p.id


def test_the_core_shopping_functions_need_no_consent(datamap: DataMap) -> None:
    # 二(一): register, order, pay; 五(二)/网络安全法: records the law requires.
    core = {
        "account.register": LegalBasis.CONTRACT,
        "account.sms_verification": LegalBasis.CONTRACT,
        "order.fulfilment": LegalBasis.CONTRACT,
        "payment.settle": LegalBasis.CONTRACT,
        "legal.transaction_records": LegalBasis.LEGAL_OBLIGATION,
        "logs.network": LegalBasis.LEGAL_OBLIGATION,
    }
    for purpose_id, basis in core.items():
        p = datamap.purpose(purpose_id)
        assert (p.kind, p.basis) == (PurposeKind.CORE, basis), purpose_id


@pytest.mark.promise("P02")
def test_every_category_is_used_by_some_purpose(datamap: DataMap) -> None:
    used = {c for p in datamap.purposes for c in p.categories}
    unused = [c.id for c in datamap.categories if c.id not in used]
    assert unused == [], f"collected without a purpose: {unused}"


@pytest.mark.promise("P02")
def test_every_retention_rule_is_referenced(datamap: DataMap) -> None:
    referenced = {p.retention for p in datamap.purposes}
    assert [r.id for r in datamap.retention if r.id not in referenced] == []


@pytest.mark.promise("P02")
def test_may_use_answers_from_the_declared_pairs(datamap: DataMap) -> None:
    for p in datamap.purposes:
        for c in datamap.categories:
            assert datamap.may_use(p.id, c.id) is (c.id in p.categories)


def test_every_mask_rule_has_a_masking_function() -> None:
    assert {m.value for m in MaskRule} <= set(RULES)


def test_transaction_records_are_kept_three_years_under_legal_hold(datamap: DataMap) -> None:
    rule = datamap.retention_rule("transaction.records")
    assert (rule.days, rule.starts, rule.legal_hold) == (1095, "transaction_completed", True)
    assert "电子商务法" in rule.basis
    assert datamap.purpose("legal.transaction_records").retention == "transaction.records"
    assert datamap.purpose("order.fulfilment").retention == "transaction.records"


def test_network_logs_are_kept_six_months(datamap: DataMap) -> None:
    rule = datamap.retention_rule("logs.network")
    assert (rule.days, rule.starts, rule.legal_hold) == (180, "collection", True)
    assert "网络安全法" in rule.basis
    assert datamap.purpose("logs.network").basis is LegalBasis.LEGAL_OBLIGATION


def test_short_lived_stores(datamap: DataMap) -> None:
    sms = datamap.retention_rule("auth.sms_code")
    assert sms.days is None and sms.minutes is not None and 5 <= sms.minutes <= 60
    assert datamap.retention_rule("transient").minutes == 0
    for c in datamap.categories:
        if c.protection is Protection.TRANSIENT:
            # never stored, so nothing to keep: its plaintext is dropped after processing
            assert c.mask is not MaskRule.NONE or not c.sensitive, c.id


def test_every_retention_rule_says_why(datamap: DataMap) -> None:
    for r in datamap.retention:
        assert r.basis, r.id
        if r.legal_hold:
            assert r.days is not None, f"{r.id}: a legal hold needs an end"


def test_the_customs_purpose_shares_the_id_number_only_with_customs(datamap: DataMap) -> None:
    receivers = [r.id for r in datamap.recipients if "order.customs_clearance" in r.purposes]
    assert receivers == ["partner.customs"]
    assert "identity.id_number" in datamap.recipient("partner.customs").fields
    assert datamap.purpose("order.customs_clearance").edition == "buyer"


def test_promotion_clients_receive_no_rows_of_pi(datamap: DataMap) -> None:
    promotion = [r for r in datamap.recipients if r.kind == "promotion"]
    assert promotion
    for r in promotion:
        assert r.aggregate_only
        assert r.fields == {}


def test_the_face_image_goes_only_to_the_verification_provider(datamap: DataMap) -> None:
    receivers = [r.id for r in datamap.recipients if "biometric.face" in r.fields]
    assert receivers == ["sdk.megvii"]


def test_every_recipient_processes_in_mainland_china(datamap: DataMap) -> None:
    assert {r.region for r in datamap.recipients} == {"CN"}


def test_the_partners_the_notice_names(datamap: DataMap) -> None:
    kinds = {r.id: r.kind for r in datamap.recipients if r.kind != "sdk"}
    assert kinds == {
        "partner.payment_institution": "partner",
        "partner.logistics": "partner",
        "partner.sms_carrier": "partner",
        "partner.lender": "partner",
        "partner.customs": "partner",
        "affiliate.group": "affiliate",
        "promotion.clients": "promotion",
        "authority.lawful_request": "authority",
    }
    card = datamap.recipient("partner.payment_institution").fields
    assert card["finance.bank_card"] is Reduction.FULL and card["finance.card_expiry"] is Reduction.FULL
    logistics = datamap.recipient("partner.logistics").fields
    assert {"recipient.name", "recipient.phone", "recipient.address"} <= set(logistics)
    # The affiliate gets pseudonyms only, never a phone number it could call.
    assert datamap.recipient("affiliate.group").fields["contact.phone"] is Reduction.KEYED_HASH


def test_the_logistics_tracker_gets_only_the_last_four_digits(datamap: DataMap) -> None:
    assert datamap.recipient("sdk.kuaidi100").fields == {"recipient.phone": Reduction.LAST4}


def test_passwords_never_leave(datamap: DataMap) -> None:
    assert datamap.category("auth.password").protection is Protection.SLOW_HASH
    assert all("auth.password" not in r.fields for r in datamap.recipients)
