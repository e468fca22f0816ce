"""The data map's codes in the notice's words."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from shouyue.privacy.datamap import ExpiryAction, LegalBasis, Purpose, Recipient, Retention
from shouyue.privacy.notice import PARTNER_KINDS
from shouyue.privacy.notice.words import (
    BASIS,
    PERMISSIONS,
    chinese_number,
    date_words,
    period_words,
    region_words,
    retention_words,
)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "零"),
        (3, "三"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (36, "三十六"),
        (105, "一百零五"),
        (1095, "一千零九十五"),
    ],
)
def test_chinese_numbers(n: int, words: str) -> None:
    assert chinese_number(n) == words


def test_chinese_numbers_refuse_what_they_cannot_say() -> None:
    with pytest.raises(ValueError):
        chinese_number(10000)


def test_periods_read_in_years_when_whole() -> None:
    assert period_words(1095) == "三年（1095天）"
    assert period_words(365) == "一年（365天）"
    assert period_words(180) == "180天"


def _rule(**fields: Any) -> Retention:
    base: dict[str, Any] = {"id": "r", "label": "规则", "days": None, "starts": "collection", "action": "delete"}
    return Retention.model_validate({"legal_hold": False, **base, **fields})


def test_retention_in_words() -> None:
    assert (
        retention_words(_rule(days=1095, starts="transaction_completed", action="anonymise"))
        == "自交易完成之日起三年（1095天），期满后匿名化处理"
    )
    assert retention_words(_rule(starts="account_closed")) == "您的账户存续期间，注销账户后删除"
    assert retention_words(_rule(starts="withdrawal")) == "至您撤回同意，此后删除"
    assert retention_words(_rule(minutes=0)) == "处理完成后立即删除，不予保存"
    assert retention_words(_rule(minutes=10)) == "自收集之日起10分钟，期满后删除"
    assert ExpiryAction.ANONYMISE.value == "anonymise"


def test_every_legal_basis_has_its_chinese_words() -> None:
    assert BASIS == {
        LegalBasis.CONTRACT: "履行合同所必需",
        LegalBasis.CONSENT: "征得同意",
        LegalBasis.SEPARATE_CONSENT: "单独同意",
        LegalBasis.LEGAL_OBLIGATION: "履行法定义务",
    }


def _literal_values(annotation: Any) -> set[str]:
    found: set[str] = set()
    for arg in get_args(annotation):
        if isinstance(arg, str):
            found.add(arg)
        else:
            found |= _literal_values(arg)
    return found


def test_every_device_permission_the_schema_allows_has_a_chinese_name() -> None:
    allowed = _literal_values(Purpose.model_fields["permission"].annotation)

    assert allowed, "the schema's permission field is no longer a Literal; update this test"
    assert allowed - set(PERMISSIONS) == set()


def test_every_kind_of_recipient_but_sdk_has_a_table_in_the_notice() -> None:
    kinds = _literal_values(Recipient.model_fields["kind"].annotation)

    assert kinds - {"sdk"} == set(PARTNER_KINDS)


def test_regions_and_dates() -> None:
    assert region_words("CN") == "中华人民共和国境内"
    assert region_words("US") == "境外（US）"
    assert date_words("2026-11-28") == "2026年11月28日"
    assert date_words("v3") == "v3"
