"""A recipient as the buyer types it: parsed once, for the address book and for an order alike.

Every field is checked before any is refused, so the refusal names each missing or malformed
field in one message (P15). Messages name the field, never repeat the value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from shouyue.commerce.accounts.exceptions import InvalidPhone
from shouyue.commerce.accounts.phones import parse_mainland_mobile
from shouyue.commerce.addresses.exceptions import RecipientInvalid
from shouyue.privacy.masking.rules import address_prefix_length

NAME_MAX = 20
REGION_MAX = 40
DETAIL_MIN = 2
DETAIL_MAX = 120
_POSTCODE = re.compile(r"[0-9]{6}")
# Area code (3-4 digits with the trunk 0), 7-8 digit number, optional extension.
_LANDLINE = re.compile(r"(0[1-9][0-9]{1,2})-?([2-9][0-9]{6,7})(?:-([0-9]{1,6}))?")
_SPACES = re.compile(r"\s+")

FIELD_LABELS = {
    "recipient_name": "收货人姓名",
    "phone": "联系电话",
    "region": "所在地区",
    "detail": "详细地址",
    "postcode": "邮政编码",
}


@dataclass(frozen=True, slots=True)
class Recipient:
    """Plaintext recipient fields, valid; held in memory only long enough to seal them."""

    name: str
    phone: str
    region: str
    detail: str
    postcode: str

    @property
    def address(self) -> str:
        """The full address as one line (region first, so its mask keeps the district)."""
        return f"{self.region}{self.detail}"

    def __repr__(self) -> str:
        return "Recipient(***)"  # never the values in logs or tracebacks


def _clean(value: str | None) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value or "")).strip()


def parse_phone(value: str) -> str | None:
    """A mainland mobile (11 digits) or landline (区号-号码[-分机]) in a canonical form, or None."""
    text = value.replace(" ", "")
    try:
        return parse_mainland_mobile(text)
    except InvalidPhone:
        pass
    match = _LANDLINE.fullmatch(text)
    if match is None:
        return None
    area, number, extension = match.groups()
    return f"{area}-{number}" + (f"-{extension}" if extension else "")


def parse_recipient(
    *, name: str | None, phone: str | None, region: str | None, detail: str | None, postcode: str | None
) -> Recipient:
    """The recipient, or :class:`RecipientInvalid` naming every missing or malformed field."""
    problems: list[str] = []
    name_v, phone_raw, region_v = _clean(name), _clean(phone), _clean(region).replace(" ", "")
    detail_v, postcode_v = _clean(detail), _clean(postcode)
    missing = [
        label
        for label, v in zip(FIELD_LABELS.values(), (name_v, phone_raw, region_v, detail_v, postcode_v), strict=True)
        if not v
    ]
    if missing:
        problems.append("请填写" + "、".join(missing))
    if name_v and len(name_v) > NAME_MAX:
        problems.append(f"收货人姓名不能超过{NAME_MAX}个字")
    phone_v = parse_phone(phone_raw) if phone_raw else ""
    if phone_raw and phone_v is None:
        problems.append("联系电话须为11位中国大陆手机号码或带区号的固定电话（如 010-12345678）")
    if region_v and (len(region_v) > REGION_MAX or address_prefix_length(region_v) == 0):
        problems.append("所在地区须写明省、市、区（县），如 广东省深圳市南山区")
    if detail_v and not DETAIL_MIN <= len(detail_v) <= DETAIL_MAX:
        problems.append(f"详细地址须为{DETAIL_MIN}到{DETAIL_MAX}个字")
    if postcode_v and not _POSTCODE.fullmatch(postcode_v):
        problems.append("邮政编码须为6位数字")
    if problems:
        raise RecipientInvalid(problems)
    return Recipient(name=name_v, phone=phone_v or "", region=region_v, detail=detail_v, postcode=postcode_v)
