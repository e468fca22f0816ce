"""Names of administrative divisions: provinces, prefecture-level cities, counties and districts.

The county-level list is read once, lazily, from the division-code table that python-stdnum
ships for checking resident ID numbers (``stdnum/cn/loc.dat``); it includes former names, which
still appear in addresses people write. We depend on python-stdnum for it and copy nothing.
Province names and their short forms are written out here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

PROVINCES: dict[str, str] = {
    "北京市": "北京", "天津市": "天津", "上海市": "上海", "重庆市": "重庆", "河北省": "河北",
    "山西省": "山西", "辽宁省": "辽宁", "吉林省": "吉林", "黑龙江省": "黑龙江", "江苏省": "江苏",
    "浙江省": "浙江", "安徽省": "安徽", "福建省": "福建", "江西省": "江西", "山东省": "山东",
    "河南省": "河南", "湖北省": "湖北", "湖南省": "湖南", "广东省": "广东", "海南省": "海南",
    "四川省": "四川", "贵州省": "贵州", "云南省": "云南", "陕西省": "陕西", "甘肃省": "甘肃",
    "青海省": "青海", "台湾省": "台湾", "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西",
    "西藏自治区": "西藏", "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}  # fmt: skip
PROVINCE = 1
PREFECTURE = 2
COUNTY = 3

# Placeholder rows of the code table, not names anyone writes in an address.
_GENERIC = frozenset(
    {"市辖区", "市区", "郊区", "矿区", "城区", "新区", "东区", "西区", "南区", "北区", "县", "市", "区", "办事处"}
)
_ETHNIC = re.compile(
    "(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|"
    "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|鄂温克|德昂|保安|裕固|京|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族"
)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Division names by level, their short forms, and the 6-digit codes seen in ID numbers."""

    levels: dict[str, int]
    """Full name -> level (1 province, 2 prefecture, 3 county)."""
    short: dict[str, int]
    """Short form (广东, 深圳, 延边) -> level; only used next to another division name."""
    codes: frozenset[str]
    max_len: int
    by_first: dict[str, tuple[int, ...]]
    """First character -> lengths of full names starting with it, longest first."""
    by_last: dict[str, tuple[int, ...]]
    """Last character -> lengths of full or short names ending with it, longest first."""


def _short_form(name: str) -> str | None:
    for suffix in ("自治州", "地区", "自治县", "自治旗", "盟", "市"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            while True:
                m = _ETHNIC.search(stem)
                if m is None or m.end() != len(stem):
                    break
                stem = stem[: m.start()]
            return stem if len(stem) >= 2 else None
    return None


@cache
def gazetteer() -> Gazetteer:
    """Load (once) the division names; a missing table leaves the province list only."""
    levels: dict[str, int] = dict.fromkeys(PROVINCES, PROVINCE)
    short: dict[str, int] = {s: PROVINCE for s in PROVINCES.values()}
    codes: set[str] = set()
    try:
        raw = (files("stdnum.cn") / "loc.dat").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        raw = ""
    province = ""
    for line in raw.splitlines():
        if line[:1].isdigit():
            province = line[:2]
            continue
        m = re.match(r'^\s+(\d{4}) county="(.*)"$', line)
        if m is None:
            continue
        code, value = m.groups()
        codes.add(province + code)
        level = PREFECTURE if code.endswith("00") else COUNTY
        for part in value.split(","):
            name = re.sub(r"^\[[^\]]*\]", "", part).strip()
            if len(name) < 2 or name in _GENERIC or not re.fullmatch("[\u4e00-\u9fff]+", name):
                continue
            if name.endswith(("单位", "办事处")):
                continue
            if name in levels:
                levels[name] = min(levels[name], level)
            else:
                levels[name] = level
            if level == PREFECTURE:
                stem = _short_form(name)
                if stem and stem not in levels:
                    short.setdefault(stem, PREFECTURE)
    by_first: dict[str, set[int]] = {}
    by_last: dict[str, set[int]] = {}
    for name in levels:
        by_first.setdefault(name[0], set()).add(len(name))
    for name in (*levels, *short):
        by_last.setdefault(name[-1], set()).add(len(name))
    return Gazetteer(
        levels=levels,
        short=short,
        codes=frozenset(codes),
        max_len=max(map(len, levels)),
        by_first={k: tuple(sorted(v, reverse=True)) for k, v in by_first.items()},
        by_last={k: tuple(sorted(v, reverse=True)) for k, v in by_last.items()},
    )
