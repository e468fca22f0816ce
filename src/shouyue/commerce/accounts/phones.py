"""Mainland mobile numbers (P08): parsed with ``phonenumbers``, kept as 11 national digits."""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from shouyue.commerce.accounts.exceptions import InvalidPhone

PHONE_CATEGORY = "contact.phone"
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


def parse_mainland_mobile(raw: str) -> str:
    """The 11-digit national form of a mainland China mobile number (``+86 138-0013-8000`` and
    ``13800138000`` both give ``13800138000``); anything else raises :class:`InvalidPhone`."""
    text = raw.strip()
    if not text or len(text) > 32:
        raise InvalidPhone("empty or over-long phone number")
    try:
        number = phonenumbers.parse(text, "CN")
    except NumberParseException:
        raise InvalidPhone("unparseable phone number") from None
    national = str(number.national_number)
    if (
        number.country_code != 86
        or len(national) != 11
        or not national.startswith("1")
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) not in _MOBILE_TYPES
    ):
        raise InvalidPhone("not a valid mainland mobile number")
    return national
