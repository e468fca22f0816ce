"""ID numbers (GB 11643) and real names: generated valid numbers pass, any single-character change
fails, impossible dates and legacy numbers are refused with a reason (P11)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shouyue.commerce.identity.exceptions import InvalidIdNumber, InvalidRealName
from shouyue.commerce.identity.id_numbers import (
    CHECK_CHARACTERS,
    PROVINCES,
    check_character,
    parse_id_number,
    parse_real_name,
)

TODAY = date(2026, 11, 29)

births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
regions = st.tuples(st.sampled_from(sorted(PROVINCES)), st.integers(0, 9999)).map(lambda r: f"{r[0]:02d}{r[1]:04d}")
sequences = st.integers(0, 999).map(lambda n: f"{n:03d}")


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    first17 = f"{draw(regions)}{draw(births):%Y%m%d}{draw(sequences)}"
    return first17 + check_character(first17)


@pytest.mark.promise("P11")
@given(valid_numbers())
def test_every_generated_valid_number_passes(number: str) -> None:
    parsed = parse_id_number(number, today=TODAY)
    assert parsed.value == number
    assert parsed.birth_date == date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    assert parsed.sex == ("male" if int(number[16]) % 2 else "female")


@pytest.mark.promise("P11")
@given(valid_numbers(), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_change_fails_the_check(number: str, position: int, replacement: str) -> None:
    if position < 17 and replacement == "X":
        replacement = "7"  # only the last place may hold X; a digit is the realistic slip elsewhere
    changed = number[:position] + replacement + number[position + 1 :]
    if changed == number:
        return
    # the check character alone catches it (ISO 7064 MOD 11-2 detects every single substitution) ...
    assert check_character(changed[:17]) != changed[17]
    # ... so the validator refuses it, whichever rule speaks first
    with pytest.raises(InvalidIdNumber):
        parse_id_number(changed, today=TODAY)


@pytest.mark.promise("P11")
@given(valid_numbers())
def test_swapping_two_different_neighbours_fails(number: str) -> None:
    for i in range(16):
        if number[i] != number[i + 1]:
            swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
            assert check_character(swapped[:17]) != swapped[17]


def _with_check(first17: str) -> str:
    return first17 + check_character(first17)


@pytest.mark.promise("P11")
@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("", "请填写身份证号码"),
        ("110101990101123", "暂不支持15位旧版身份证号码，请填写18位身份证号码"),
        ("11010119900101123", "身份证号码应为18位"),
        ("11010119900101123Y", "身份证号码应为18位"),
        (_with_check("99010119900101123"), "地区代码无效"),
        (_with_check("11010119990230123"), "出生日期不存在"),  # 30 February 1999
        (_with_check("11010119001301123"), "出生日期不存在"),
        (_with_check("11010118991231123"), "出生日期不在合理范围内"),  # before 1900
        (_with_check("11010120261130123"), "出生日期不在合理范围内"),  # tomorrow
        ("110101199001011230", "校验位不正确"),
    ],
)
def test_bad_numbers_are_refused_naming_what_is_wrong(number: str, reason: str) -> None:
    with pytest.raises(InvalidIdNumber) as refused:
        parse_id_number(number, today=TODAY)
    assert reason in refused.value.message
    assert number == "" or number not in refused.value.message  # never echoes the number


def test_input_is_normalised() -> None:
    number = _with_check("11010519491231002")
    assert number.endswith("X")
    typed = " " + number[:6] + " " + number[6:14] + "-" + number[14:17] + "ｘ"  # spaces, hyphen, full-width x
    assert parse_id_number(typed, today=TODAY).value == number


def test_the_check_characters_follow_the_standard() -> None:
    # the example number of GB 11643-1999
    assert check_character("11010519491231002") == "X"
    assert CHECK_CHARACTERS == "10X98765432"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("张三", "张三"), (" 欧阳锋 ", "欧阳锋"), ("阿沛•阿旺晋美", "阿沛·阿旺晋美"), ("买买提·艾力", "买买提·艾力")],
)
def test_real_names_of_chinese_characters_with_a_middle_dot(typed: str, stored: str) -> None:
    assert parse_real_name(typed) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("张", "2到20个字"),
        ("张" * 21, "2到20个字"),
        ("Zhang San", "须为中文汉字"),
        ("张三3", "须为中文汉字"),
        ("·张三", "须为中文汉字"),
        ("张三·", "须为中文汉字"),
        ("", "请填写真实姓名"),
    ],
)
def test_other_names_are_refused(typed: str, reason: str) -> None:
    with pytest.raises(InvalidRealName) as refused:
        parse_real_name(typed)
    assert reason in refused.value.message
