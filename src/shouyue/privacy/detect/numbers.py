"""Checks on the digits of identifiers: GB 11643 check digit, Luhn, birth dates."""

from __future__ import annotations

from datetime import date
from operator import mul

# First two digits of a resident ID: the province-level division (GB/T 2260).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65", "71", "81", "82", "83",
    }
)  # fmt: skip
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# The sums below run over the ASCII codes of the digits (C-level loops, no int() per digit) and
# take away the code of "0" times the weights: four times faster than a generator of int()s.
_ID_ZERO = ord("0") * sum(_ID_WEIGHTS)


def id_check_digit(first17: str) -> str:
    """GB 11643-1999 check character of the first 17 digits."""
    if len(first17) != 17 or not first17.isascii():
        total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    else:
        total = sum(map(mul, first17.encode(), _ID_WEIGHTS)) - _ID_ZERO
    return "10X98765432"[total % 11]


def plausible_birth_date(year: int, month: int, day: int, today: date) -> bool:
    """A real calendar date between 1900-01-01 and today."""
    if year < 1900:
        return False
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return born <= today


def valid_id18(digits: str, today: date) -> bool:
    """18 characters: province code, plausible birth date, correct check character."""
    if len(digits) != 18 or digits[:2] not in PROVINCE_CODES:
        return False
    if not plausible_birth_date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]), today):
        return False
    return id_check_digit(digits[:17]) == digits[17].upper()


def valid_id15(digits: str, today: date) -> bool:
    """Legacy 15-digit number (issued before 1999): province code and a plausible 19YY birth date."""
    if len(digits) != 15 or digits[:2] not in PROVINCE_CODES:
        return False
    return plausible_birth_date(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]), today)


_DOUBLED = {str(d): (2 * d - 9 if d > 4 else 2 * d) for d in range(10)}
_DOUBLE_DIGIT = str.maketrans({ch: str(v) for ch, v in _DOUBLED.items()})  # digit -> digit sum of 2x


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) checksum, as used by bank cards."""
    if not digits.isascii():  # other Unicode decimal digits: int() reads them
        total = sum(int(ch) for ch in digits[-1::-2]) + sum(_DOUBLED[str(int(ch))] for ch in digits[-2::-2])
        return total % 10 == 0
    folded = digits[-1::-2] + digits[-2::-2].translate(_DOUBLE_DIGIT)
    return (sum(folded.encode()) - ord("0") * len(folded)) % 10 == 0
