"""Resident identity card numbers (GB 11643-1999) and real names: parsing with reasons.

An 18-character number is: a 6-digit address code, an 8-digit birth date (YYYYMMDD), a 3-digit
sequence (odd for men, even for women) and a check character computed with ISO 7064 MOD 11-2
over the first 17 digits. The check catches every single-character mistake and every swap of
two neighbours. We also require a real calendar date between 1900-01-01 and today and a
province-level prefix that exists; county codes change over time, so they are not checked
against a table. 15-digit numbers (issued before 1999) carry no check character and are refused
with a request for the 18-digit number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from shouyue.commerce.identity.exceptions import InvalidIdNumber, InvalidRealName

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
EARLIEST_BIRTH = date(1900, 1, 1)
# Province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao, 83 residence permits
# for Taiwan residents share the format).
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54}
    | {61, 62, 63, 64, 65, 71, 81, 82, 83}
)

_EIGHTEEN = re.compile(r"[0-9]{17}[0-9X]")
_FIFTEEN = re.compile(r"[0-9]{15}")
_SEPARATORS = re.compile(r"[\s\-]")

NAME_MIN = 2
NAME_MAX = 20
# CJK unified ideographs (basic, extension A, extensions B-F and the compatibility supplement).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef\U00030000-\U0003134f"
_NAME = re.compile(rf"[{_HAN}]+(?:·[{_HAN}]+)*")
# Look-alikes of the middle dot that people type for minority and transliterated names.
_DOTS = str.maketrans({"•": "·", "‧": "·", "・": "·", "･": "·", "．": "·", ".": "·", "∙": "·", "⋅": "·"})


@dataclass(frozen=True, slots=True)
class IdNumber:
    """A valid 18-character resident identity card number and what it says."""

    value: str
    birth_date: date
    sex: Literal["male", "female"]

    def __repr__(self) -> str:
        return "IdNumber(***)"  # never the number itself in logs or tracebacks


def check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("the check character is computed over exactly 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def normalise_id_number(value: str) -> str:
    """Full-width characters folded, spaces and hyphens removed, a trailing x upper-cased."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()


def parse_id_number(value: str, *, today: date) -> IdNumber:
    """The number, its birth date and sex; raises ``InvalidIdNumber`` naming what is wrong."""
    number = normalise_id_number(value)
    if not number:
        raise InvalidIdNumber("请填写身份证号码")
    if _FIFTEEN.fullmatch(number):
        raise InvalidIdNumber("暂不支持15位旧版身份证号码，请填写18位身份证号码")
    if not _EIGHTEEN.fullmatch(number):
        raise InvalidIdNumber("身份证号码应为18位：前17位为数字，最后一位为数字或字母X")
    if int(number[:2]) not in PROVINCES:
        raise InvalidIdNumber("身份证号码前两位的地区代码无效")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumber("身份证号码中的出生日期不存在，请核对后重新填写") from None
    if born < EARLIEST_BIRTH or born > today:
        raise InvalidIdNumber("身份证号码中的出生日期不在合理范围内，请核对后重新填写")
    if check_character(number[:17]) != number[17]:
        raise InvalidIdNumber("身份证号码校验位不正确，请核对后重新填写")
    return IdNumber(value=number, birth_date=born, sex="male" if int(number[16]) % 2 else "female")


def normalise_real_name(value: str) -> str:
    """The name with surrounding spaces removed and look-alike dots turned into the middle dot."""
    return unicodedata.normalize("NFC", value).strip().translate(_DOTS)


def parse_real_name(value: str) -> str:
    """A real name of 2-20 Chinese characters (a middle dot may join parts, as in 阿沛·阿旺晋美);
    raises ``InvalidRealName``."""
    name = normalise_real_name(value)
    if not name:
        raise InvalidRealName("请填写真实姓名")
    if not _NAME.fullmatch(name):
        raise InvalidRealName("真实姓名须为中文汉字，少数民族或译名中的间隔号请使用“·”")
    if not NAME_MIN <= len(name) <= NAME_MAX:
        raise InvalidRealName(f"真实姓名须为{NAME_MIN}到{NAME_MAX}个字")
    return name
