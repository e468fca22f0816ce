"""Bank cards as sellers type them: the number (13 to 19 digits, Luhn-checked), the bank, and for
an enterprise shop the branch's full name. Parsing only; storing is the service's job."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from shouyue.commerce.shops.exceptions import (
    BranchRequired,
    InvalidBankName,
    InvalidBranchName,
    InvalidCardNumber,
)
from shouyue.commerce.shops.models import BANK_NAME_LENGTH, BRANCH_NAME_LENGTH, ShopKind
from shouyue.privacy.detect.numbers import luhn_ok

CARD_MIN_DIGITS = 13
CARD_MAX_DIGITS = 19
_SEPARATORS = re.compile(r"[\s\-]")
_DIGITS = re.compile(r"[0-9]+")
_BANK_WORDS = ("银行", "信用社", "信用合作")
_BRANCH_WORDS = ("支行", "分行", "营业部", "分理处", "信用社")
BRANCH_MIN = 6


@dataclass(frozen=True, slots=True)
class CardDetails:
    """A card number that passed the checks, its bank, and the branch (None for a personal shop
    that gave none)."""

    number: str
    bank_name: str
    branch_name: str | None

    def __repr__(self) -> str:
        return f"CardDetails(***, bank_name={self.bank_name!r})"  # never the number in logs


def _text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).split())


def parse_card_number(value: str) -> str:
    """The digits of a bank card number; raises ``InvalidCardNumber`` saying what is wrong."""
    number = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if not number:
        raise InvalidCardNumber("请填写银行卡号")
    if not _DIGITS.fullmatch(number) or not CARD_MIN_DIGITS <= len(number) <= CARD_MAX_DIGITS:
        raise InvalidCardNumber(f"银行卡号应为{CARD_MIN_DIGITS}到{CARD_MAX_DIGITS}位数字")
    if not luhn_ok(number):
        raise InvalidCardNumber("银行卡号校验未通过，请核对卡号后重新填写")
    return number


def parse_bank_name(value: str) -> str:
    """A bank's name as the seller wrote it, spaces tidied; it must name a bank or credit union."""
    name = _text(value)
    if not 2 <= len(name) <= BANK_NAME_LENGTH or not name.isprintable() or not any(w in name for w in _BANK_WORDS):
        raise InvalidBankName()
    return name


def parse_branch_name(value: str | None, *, kind: ShopKind) -> str | None:
    """The branch's full name: required for an enterprise shop (P20), optional otherwise."""
    name = _text(value or "")
    if not name:
        if kind is ShopKind.ENTERPRISE:
            raise BranchRequired()
        return None
    if (
        not BRANCH_MIN <= len(name) <= BRANCH_NAME_LENGTH
        or not name.isprintable()
        or not any(w in name for w in _BRANCH_WORDS)
    ):
        raise InvalidBranchName()
    return name


def parse_card(*, card_number: str, bank_name: str, branch_name: str | None, kind: ShopKind) -> CardDetails:
    """All three fields checked; the first problem found is raised."""
    return CardDetails(
        number=parse_card_number(card_number),
        bank_name=parse_bank_name(bank_name),
        branch_name=parse_branch_name(branch_name, kind=kind),
    )
