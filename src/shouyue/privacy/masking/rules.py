"""Display masks, one pure function per rule.

Each rule reveals at most what its docstring says; ``tests/privacy/masking`` checks that
with Hypothesis. Masks are computed once, when a value is sealed, and stored beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

STAR = "*"
# Precompiled: masks run on every seal, so a per-call pattern lookup is measurable (bench/vault.py).
_NOT_DIGIT = re.compile(r"\D")
_SEPARATORS = re.compile(r"[\s-]")
_ADDRESS_HEAD = re.compile(
    r"^(?P<province>.{2,7}?(?:省|自治区|特别行政区|市))?"
    r"(?P<city>.{1,12}?(?:市|自治州|地区|盟))?"
    r"(?P<district>.{1,10}?(?:区|县|旗|市))?"
)
_MUNICIPALITY = ("北京市", "上海市", "天津市", "重庆市")


def mask_phone(value: str) -> str:
    """Keep the first three and last four digits of an 11-digit number (138****5678);
    of other lengths keep only the last four digits. Separators are dropped."""
    digits = _NOT_DIGIT.sub("", value)
    if len(digits) >= 11:
        digits = digits[-11:]
        return digits[:3] + STAR * 4 + digits[-4:]
    if len(digits) > 4:
        return STAR * (len(digits) - 4) + digits[-4:]
    return STAR * max(len(digits), 4)


def mask_id_number(value: str) -> str:
    """Keep the first and the last character only (1****************X)."""
    value = value.strip()
    if len(value) <= 2:
        return STAR * len(value) or STAR
    return value[0] + STAR * (len(value) - 2) + value[-1]


def mask_last4(value: str) -> str:
    """Keep the last four characters of the value, without separators."""
    compact = _SEPARATORS.sub("", value)
    if len(compact) <= 4:
        return STAR * 4
    return STAR * 4 + compact[-4:]


def mask_bank_card(value: str) -> str:
    """Keep the last four digits (****1234)."""
    return mask_last4(value)


def mask_name(value: str) -> str:
    """Keep the first character (张*; 欧阳锋 -> 欧**)."""
    value = value.strip()
    if not value:
        return STAR
    return value[0] + STAR * max(len(value) - 1, 1)


def address_prefix_length(value: str) -> int:
    """How many leading characters of an address name its province, city and district."""
    match = _ADDRESS_HEAD.match(value)
    if not match:
        return 0
    province, city, district = match.group("province"), match.group("city"), match.group("district")
    if district:
        return match.end("district")
    if province in _MUNICIPALITY and city is None:
        return 0
    if city:
        return match.end("city")
    return 0


def mask_address(value: str) -> str:
    """Keep the address down to the district (广东省深圳市南山区****); if no district is
    recognised keep the province and city at most; otherwise hide everything."""
    value = value.strip()
    keep = address_prefix_length(value)
    return value[:keep] + STAR * 4


def mask_email(value: str) -> str:
    """Keep the first character of the local part and the domain (z***@qq.com)."""
    local, at, domain = value.strip().rpartition("@")
    if not at or not local:
        return STAR * 4
    return local[0] + STAR * 3 + "@" + domain


def mask_postcode(value: str) -> str:
    """Keep the first two digits, which name the province (51****)."""
    value = value.strip()
    return value[:2] + STAR * max(len(value) - 2, 4)


def mask_ip(value: str) -> str:
    """IPv4: keep the first two octets (10.1.*.*); IPv6: keep the first two groups."""
    value = value.strip()
    if "." in value and ":" not in value:
        parts = value.split(".")
        return ".".join(parts[:2] + [STAR] * max(len(parts) - 2, 2))
    groups = value.split(":")
    return ":".join(groups[:2]) + ":" + STAR


def mask_redact(value: str) -> str:
    """Reveal nothing, not even the length."""
    return STAR * 6


def mask_none(value: str) -> str:
    """Not identifying on its own (gender, order amount): shown as stored."""
    return value


def mask_plate(value: str) -> str:
    """Keep the province character and the issuing-office letter (粤B*****)."""
    compact = re.sub(r"[\s·•・.\-]", "", value.strip())
    if len(compact) <= 2:
        return STAR * 5
    return compact[:2] + STAR * 5


def mask_passport(value: str) -> str:
    """Keep the leading letter(s) of the series and the last two digits (E******78)."""
    value = value.strip()
    head = re.match(r"[A-Za-z]{0,2}", value)
    letters = head.group(0) if head else ""
    if len(value) - len(letters) <= 4:
        return letters + STAR * 6
    return letters + STAR * 6 + value[-2:]


def mask_qq(value: str) -> str:
    """Keep the first and last digits of a QQ number (1*****9)."""
    value = value.strip()
    if len(value) <= 4:
        return STAR * 5
    return value[0] + STAR * 5 + value[-1]


def mask_wechat_id(value: str) -> str:
    """Keep the first character of a WeChat ID (z*****)."""
    value = value.strip()
    if len(value) <= 2:
        return STAR * 5
    return value[0] + STAR * 5


def mask_landline(value: str) -> str:
    """Keep the area code and the last four digits of a fixed-line number (0755-****6666);
    +86/0086 is dropped and the trunk 0 restored. Without a recognisable area code, last four only."""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("0086"):
        digits = "0" + digits[4:]
    elif digits.startswith("86") and len(digits) >= 11:
        digits = "0" + digits[2:]
    if not digits.startswith("0") or len(digits) < 10:
        return mask_last4(digits)
    area = digits[:3] if digits[1] in "12" else digits[:4]
    return area + "-" + STAR * 4 + digits[-4:]


RULES: dict[str, Callable[[str], str]] = {
    "phone": mask_phone,
    "id_number": mask_id_number,
    "bank_card": mask_bank_card,
    "name": mask_name,
    "address": mask_address,
    "email": mask_email,
    "postcode": mask_postcode,
    "last4": mask_last4,
    "ip": mask_ip,
    "redact": mask_redact,
    "none": mask_none,
    "plate": mask_plate,
    "passport": mask_passport,
    "qq": mask_qq,
    "wechat_id": mask_wechat_id,
    "landline": mask_landline,
}
