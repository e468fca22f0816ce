"""The digit checks agree with python-stdnum's reference implementations."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric

from shouyue.privacy.detect.numbers import id_check_digit, luhn_ok, plausible_birth_date, valid_id18

pytestmark = pytest.mark.promise("P21")
digit_strings = st.text(alphabet="0123456789", min_size=12, max_size=20)


@given(digit_strings)
def test_luhn_matches_stdnum(digits: str) -> None:
    assert luhn_ok(digits) == luhn.is_valid(digits)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_id_check_digit_matches_stdnum(first17: str) -> None:
    assert id_check_digit(first17) == ric.calc_check_digit(first17 + "0")


def test_birth_dates_are_between_1900_and_today() -> None:
    today = date(2026, 11, 28)
    assert plausible_birth_date(1949, 12, 31, today)
    assert not plausible_birth_date(1899, 12, 31, today)
    assert not plausible_birth_date(2026, 11, 29, today)
    assert not plausible_birth_date(2023, 2, 29, today)
    assert valid_id18("11010519491231002X", today)
    assert not valid_id18("11010519491231002X", date(1949, 12, 30))
