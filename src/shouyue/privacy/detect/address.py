"""Postal addresses: from the first division name (or a street after an address cue) to the room.

An address is found from an *anchor* — a division name from the gazetteer, ending in 省/市/区/县/
州/旗/盟, or a street with a house number (科苑路15号), or an address cue (收货地址：) — and then
extended component by component: more divisions (known names or the generic suffixes, since names
change), towns and villages, roads, house numbers, estates and buildings, units, floors and rooms.
Each component is an anchored regular expression of bounded length, so the scan stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from shouyue.privacy.detect.gazetteer import Gazetteer, gazetteer
from shouyue.privacy.detect.keys import key_before
from shouyue.privacy.detect.spans import Candidate

# Characters that do not occur inside a place name but do in the words around one.
_STOP = (
    "的了是在我你他她它们与及或也就还很又要可把被让给对从到去说着过这那哪个些"
    "啊吗呢吧呀哦嗯么什怎为因但而如虽请谢您不没已将其且并则即便买卖用寄收送货"
)
_BREAK = "(?!电话|手机|联系|收件|收货|寄件|邮编|姓名|先生|女士|小姐)"
_H = f"(?:{_BREAK}[\u4e00-\u9fff](?<![{_STOP}]))"
_HA = f"(?:{_BREAK}[\u4e00-\u9fffA-Za-z0-9](?<![{_STOP}]))"
_HA_RE = re.compile(_HA)
_CN_NUM = "[一二三四五六七八九十百零〇两]"

_COMPONENTS: list[tuple[str, re.Pattern[str]]] = [
    ("town", re.compile(f"{_H}{{1,8}}?(?:街道办事处|街道|镇|乡|苏木|村委会|村|社区|居委会|嘎查)(?![路街巷弄道])")),
    ("group", re.compile(f"(?:[0-9]+|{_CN_NUM}+)组")),
    (
        "road",
        re.compile(
            f"{_HA}{{0,9}}?{_H}(?:大道|大街|路|街|巷|弄|胡同|道)(?:[东西南北中]{_CN_NUM}?段|(?:[0-9]+|{_CN_NUM}+)段)?"
        ),
    ),
    ("lane", re.compile(f"(?:[0-9]+|{_CN_NUM}+)(?:支弄|弄|巷)")),
    ("building", re.compile(f"(?:[0-9]+|[A-Za-z]|{_CN_NUM}+)(?:号楼|号院|栋|幢|座|期|排|楼|层|区|舍)")),
    ("number", re.compile(f"(?:[0-9]+|{_CN_NUM}+)(?:[-之][0-9]+)? ?号(?:院|馆)?")),
    ("triple", re.compile("[0-9]{1,3}-[0-9]{1,3}-[0-9]{2,4}(?:室|房|号)?")),
    ("unit", re.compile(f"(?:[0-9]+|{_CN_NUM}+)单元")),
    ("room", re.compile("[A-Za-z]?[0-9]+(?:-[0-9]+)?(?:室|房|户)")),
    (
        "estate",
        re.compile(
            f"{_HA}{{0,11}}?{_H}(?:小区|花园|大厦|广场|中心|公寓|家园|新村|大楼|山庄|公馆|宿舍|写字楼|商厦|大院|"
            "科技园|工业园|产业园|园区|校区|国际|中学|小学|大学|学院|医院|酒店|宾馆)"
            # one-character suffixes end ordinary words too (法庭, 出庭): short names only
            f"|{_HA}{{0,4}}?{_H}[苑园城府湾院阁庭居坊轩邸墅里]"
        ),
    ),
]
# An estate or building whose name has no telling suffix (锦绣江南, 恒大名都): accepted after a
# street number when a building, unit or room follows it.
_ESTATE_FREE = re.compile(
    f"{_HA}{{1,12}}?(?=(?:[0-9]+|[A-Za-z]|{_CN_NUM}+)(?:号楼|栋|幢|座|期|排|楼|区|单元|舍)"
    "|[0-9]{1,3}-[0-9]{1,3}-[0-9]{2,4}|[A-Za-z]?[0-9]+(?:室|房))"
)
_AFTER_UNIT_ROOM = re.compile("[A-Za-z]?[0-9]{3,4}(?![0-9])")
_GENERIC_DIVISION = re.compile(
    f"{_H}{{1,7}}?(?:自治州|自治县|自治旗|地区|新区|开发区|高新区|[省市州盟区县旗])(?![\u4e00-\u9fff]*?[路街])"
)
_SUFFIX = re.compile("[省市区县州旗盟]")
_STREET_NUMBER = re.compile(f"(?:大道|大街|路|街|巷|弄|胡同)(?:[0-9]+|{_CN_NUM}+)(?:[-之][0-9]+)?号")
_ADDRESS_CUE = re.compile(
    r"(?:收货地址|收件地址|寄件地址|送货地址|配送地址|详细地址|家庭住址|现住址|住址|地址|住在|家住|送到|寄到|发到|位于)"
    r"[\s:：是为在]{0,3}"
)
# A Latin field key before a value written in Chinese (recv_addr=, "shippingAddress": "): the key
# is read by its tokens (keys.key_before), Chinese cues by _ADDRESS_CUE.
_KEYED_VALUE = re.compile("[=:>][ \t]?[\"']?[ \t]?(?=[\u4e00-\u9fff])")
_SPACE = re.compile("[ \u3000]")
_SPECIFIC = frozenset({"number", "lane", "building", "unit", "room", "triple", "group"})
_MAX_LENGTH = 160
"""No address runs longer than this many characters after its anchor."""
_MAX_BACK = 24
"""Division names written before an anchor are looked for this far back at most."""


def _known_division_at(text: str, pos: int, gaz: Gazetteer) -> int:
    """Length of the longest gazetteer name starting at ``pos`` (0 if none)."""
    for length in gaz.by_first.get(text[pos : pos + 1], ()):
        if text[pos : pos + length] in gaz.levels:
            return length
    return 0


def _short_division_at(text: str, pos: int, gaz: Gazetteer) -> int:
    """Length of a short division name at ``pos`` that is followed by a full division name."""
    for length in (4, 3, 2):
        stem = text[pos : pos + length]
        if stem in gaz.short and _known_division_at(text, pos + length, gaz):
            return length
    return 0


def _extend(text: str, pos: int, gaz: Gazetteer, divisions: int) -> tuple[int, int, int, int]:
    """Walk components from ``pos``; return (end, divisions, components below the district, and of
    those the specific ones: numbers, buildings, units, rooms)."""
    end = pos
    fine = 0
    specific = 0
    last = ""
    limit = min(len(text), pos + _MAX_LENGTH)  # bounded walk: the whole scan stays linear
    while end < limit:
        at = end
        if _SPACE.match(text, at) and at + 1 < len(text):
            at += 1  # one space between components, as in 广东省 深圳市
        kind = ""
        step = 0
        if fine == 0:
            step = _known_division_at(text, at, gaz) or _short_division_at(text, at, gaz)
            if step:
                kind = "division"
            else:
                m = _GENERIC_DIVISION.match(text, at)
                if m and divisions:
                    kind, step = "division", m.end() - at
        if not kind:
            # The longest component wins (中关村大厦 over 中关村); ties go to the earlier one.
            for name, pattern in _COMPONENTS:
                m3 = pattern.match(text, at)
                if m3 and m3.end() - at > step and (name != "estate" or m3.end() - at >= 3):
                    kind, step = name, m3.end() - at
            if not kind and last in ("unit", "building") and (m2 := _AFTER_UNIT_ROOM.match(text, at)):
                kind, step = "room", m2.end() - at
            if not kind and last in ("number", "road", "lane", "estate") and (m4 := _ESTATE_FREE.match(text, at)):
                kind, step = "estate", m4.end() - at
        if not kind or step <= 0:
            break
        if kind == "division":
            divisions += 1
        else:
            fine += 1
            specific += kind in _SPECIFIC
        last = kind
        end = at + step
        if last == "room":
            break
    return end, divisions, fine, specific


def _back(text: str, start: int, gaz: Gazetteer, covered: int) -> int:
    """Extend ``start`` back over division names written before it (广东深圳 + 南山区), never into
    the address reported before it (which ends at ``covered``)."""
    moved = True
    floor = max(covered, start - _MAX_BACK)
    while moved and start > floor:
        moved = False
        for length in gaz.by_last.get(text[start - 1 : start], ()):
            if length > start - floor:
                continue
            piece = text[start - length : start]
            if piece in gaz.levels or piece in gaz.short:
                start -= length
                moved = True
                break
    return start


def addresses(text: str) -> Iterator[Candidate]:
    """Address candidates in the folded ``text``."""
    gaz = gazetteer()
    anchors: list[tuple[int, int, int]] = []  # (start, end, divisions)
    for m in _SUFFIX.finditer(text):
        end = m.end()
        for length in gaz.by_last.get(m.group(0), ()):
            if length <= end and text[end - length : end] in gaz.levels:
                anchors.append((end - length, end, 1))
                break
    for m in _STREET_NUMBER.finditer(text):
        anchors.append((m.start(), m.start(), 0))
    for m in _ADDRESS_CUE.finditer(text):
        anchors.append((m.end(), m.end(), -1))
    for m in _KEYED_VALUE.finditer(text):
        if key_before(text, m.end()) == "address":
            anchors.append((m.end(), m.end(), -1))
    anchors.sort()
    covered = 0  # end of the last address reported
    walked = 0  # end of the last walk that found no address: anchors inside it would find none either
    for start, end, divisions in anchors:
        cue = divisions < 0
        if start < covered or (start < walked and not cue):
            continue
        if divisions == 0:
            # Walk back from the street suffix over the street name itself.
            start = _street_start(text, start)
            if start < covered:
                continue
            end = start
        elif cue:
            divisions = 0
            step = _known_division_at(text, start, gaz) or _short_division_at(text, start, gaz)
            if step:
                end, divisions = start + step, 1
        stop, divisions, fine, specific = _extend(text, end, gaz, max(divisions, 0))
        if divisions:
            start = _back(text, start, gaz, covered)
        # A postal address names something below the district: a house number, a building, a room,
        # or at least two lower components (a town and a road); a hospital in a city is no address.
        if divisions and (specific or fine >= 2 or (fine and divisions >= 2)):
            score = round(min(0.97, 0.8 + 0.03 * (divisions + fine)), 2)
        elif specific and (fine >= 2 or cue):
            score = 0.75 if cue else 0.7
        elif divisions >= 2 and cue:
            score = 0.7
        else:
            walked = max(walked, stop)
            continue
        covered = stop
        yield Candidate("address", start, stop, score, 1)


def _street_start(text: str, suffix_pos: int) -> int:
    """Start of the street name whose suffix (路/街...) begins at ``suffix_pos``."""
    start = suffix_pos
    limit = max(0, suffix_pos - 8)
    while start > limit and _HA_RE.match(text, start - 1):
        start -= 1
    return start
