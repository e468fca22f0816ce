"""Each display mask reveals at most what its rule allows, for any input (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouyue.privacy.masking import mask
from shouyue.privacy.masking.rules import STAR, address_prefix_length

digits = st.text(alphabet="0123456789", min_size=0, max_size=24)
anything = st.text(max_size=40)
han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


def _visible(masked: str) -> str:
    return masked.replace(STAR, "")


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        ("phone", "13812345678", "138****5678"),
        ("phone", "+86 138-1234-5678", "138****5678"),
        ("id_number", "11010519491231002X", "1****************X"),
        ("bank_card", "6222 0212 3456 7890", "****7890"),
        ("name", "张三", "张*"),
        ("name", "欧阳锋", "欧**"),
        ("address", "广东省深圳市南山区科技园科苑路15号", "广东省深圳市南山区****"),
        ("address", "北京市朝阳区酒仙桥中路10号", "北京市朝阳区****"),
        ("address", "科技园科苑路15号", "****"),
        ("email", "zhang.san@qq.com", "z***@qq.com"),
        ("postcode", "518000", "51****"),
        ("ip", "192.168.1.20", "192.168.*.*"),
        ("redact", "anything at all", "******"),
        ("none", "女", "女"),
    ],
)
def test_documented_examples(rule: str, value: str, expected: str) -> None:
    assert mask(rule, value) == expected


@given(digits)
def test_phone_reveals_at_most_first_three_and_last_four_digits(value: str) -> None:
    shown = _visible(mask("phone", value))
    if len(value) >= 11:
        assert shown == value[-11:][:3] + value[-4:]
    else:
        assert len(shown) <= 4
        assert value.endswith(shown)


@given(anything)
def test_phone_never_shows_more_than_seven_digits_of_any_text(value: str) -> None:
    assert sum(ch.isdigit() for ch in mask("phone", value)) <= 7


@given(anything)
def test_id_number_reveals_only_first_and_last_character(value: str) -> None:
    out = mask("id_number", value)
    shown = _visible(out)
    stripped = value.strip()
    assert len(shown) <= 2
    if len(stripped) > 2:
        assert out[0] == stripped[0] and out[-1] == stripped[-1]
        assert len(out) == len(stripped)


@given(anything)
def test_bank_card_reveals_at_most_the_last_four(value: str) -> None:
    out = mask("bank_card", value)
    assert out.startswith(STAR * 4)
    assert len(out) <= 8
    tail = out[4:]
    assert "".join(value.split()).replace("-", "").endswith(tail)


@given(anything)
def test_name_reveals_at_most_the_first_character(value: str) -> None:
    shown = _visible(mask("name", value))
    assert len(shown) <= 1
    if shown:
        assert shown == value.strip()[0]


@given(st.text(alphabet=st.one_of(han, st.sampled_from("省市区县旗路号0123456789")), max_size=40))
def test_address_reveals_at_most_the_division_prefix(value: str) -> None:
    out = mask("address", value)
    stripped = value.strip()
    keep = address_prefix_length(stripped)
    assert out == stripped[:keep] + STAR * 4
    # the kept prefix ends on a division suffix or is empty
    assert keep == 0 or stripped[keep - 1] in "省市区县旗州盟"


@given(st.emails())
def test_email_reveals_first_letter_and_domain_only(value: str) -> None:
    local, _, domain = value.rpartition("@")
    out = mask("email", value)
    assert out == local[0] + STAR * 3 + "@" + domain


@given(anything)
def test_redact_reveals_nothing(value: str) -> None:
    assert mask("redact", value) == STAR * 6
