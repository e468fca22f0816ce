"""Fake people of valid form, drawn from one seeded generator: mainland mobile numbers, GB 11643
ID numbers with their check character, Luhn-valid bank cards, and real districts with their
postcodes. Nothing here is a real person's data."""

from __future__ import annotations

import random
import struct
import zlib
from dataclasses import dataclass
from datetime import date

from faker import Faker

from shouyue.commerce.accounts.phones import parse_mainland_mobile
from shouyue.commerce.identity.id_numbers import check_character

MOBILE_PREFIXES = ("134", "135", "136", "137", "138", "139", "150", "151", "157", "158", "159", "182", "187", "188")
MOBILE_PREFIXES += ("130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189", "177", "199")

# County-level division codes and the districts they name (ID numbers), with a postcode for addresses.
DISTRICTS: tuple[tuple[str, str, str], ...] = (
    ("110105", "北京市朝阳区", "100020"),
    ("110108", "北京市海淀区", "100080"),
    ("310104", "上海市徐汇区", "200030"),
    ("310115", "上海市浦东新区", "200120"),
    ("440305", "广东省深圳市南山区", "518052"),
    ("440106", "广东省广州市天河区", "510630"),
    ("330106", "浙江省杭州市西湖区", "310012"),
    ("320102", "江苏省南京市玄武区", "210018"),
    ("510107", "四川省成都市武侯区", "610041"),
    ("420106", "湖北省武汉市武昌区", "430061"),
    ("610113", "陕西省西安市雁塔区", "710061"),
    ("370202", "山东省青岛市市南区", "266001"),
)

BANKS = ("中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "招商银行", "交通银行")
CARD_PREFIXES = ("622202", "621700", "622848", "621661", "622588", "622262")


def luhn_digit(body: str) -> str:
    """The Luhn check digit to append to ``body``."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return number.isdigit() and luhn_digit(number[:-1]) == number[-1]


@dataclass(frozen=True, slots=True)
class Card:
    number: str
    bank: str

    def __repr__(self) -> str:
        return f"Card(***, bank={self.bank!r})"


@dataclass(frozen=True, slots=True)
class Place:
    district: str
    detail: str
    postcode: str


class People:
    """A deterministic source of fake people (same ``seed``, same people, in the same order)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(seed)
        self._phones: set[str] = set()
        self._ids: set[str] = set()
        self._cards: set[str] = set()

    def name(self) -> str:
        return self.faker.name()

    def phone(self) -> str:
        """A valid mainland mobile number not handed out before by this source."""
        while True:
            candidate = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if candidate in self._phones:
                continue
            try:
                national = parse_mainland_mobile(candidate)
            except Exception:
                continue
            self._phones.add(national)
            return national

    def id_number(self, *, born_after: int = 1965, born_before: int = 2000) -> str:
        """An 18-character ID number of an adult with a correct GB 11643 check character."""
        while True:
            code = self.rng.choice(DISTRICTS)[0]
            born = date(self.rng.randint(born_after, born_before), self.rng.randint(1, 12), self.rng.randint(1, 28))
            first17 = f"{code}{born:%Y%m%d}{self.rng.randrange(1000):03d}"
            number = first17 + check_character(first17)
            if number not in self._ids:
                self._ids.add(number)
                return number

    def bank_card(self) -> Card:
        """A 19-digit UnionPay-style card number that passes the Luhn check."""
        while True:
            index = self.rng.randrange(len(BANKS))
            body = CARD_PREFIXES[index] + f"{self.rng.randrange(10**12):012d}"
            number = body + luhn_digit(body)
            if number not in self._cards:
                self._cards.add(number)
                return Card(number=number, bank=BANKS[index])

    def place(self) -> Place:
        _code, district, postcode = self.rng.choice(DISTRICTS)
        street = self.faker.street_name()
        detail = f"{street}{self.rng.randint(1, 300)}号{self.rng.randint(1, 30)}栋{self.rng.randint(101, 2802)}室"
        return Place(district=district, detail=detail, postcode=postcode)


def avatar_png(seed: int) -> bytes:
    """A small solid-colour 8x8 PNG: a real image, different per ``seed``."""
    r, g, b = (seed * 67) % 256, (seed * 131) % 256, (seed * 197) % 256
    row = b"\x00" + bytes((r, g, b)) * 8
    raw = row * 8

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
