"""Detectors for PI with a fixed shape: numbers, e-mail, IP addresses, plates, passports, QQ and WeChat.

Each detector is a compiled regular expression that starts with a literal or a small character
class (so the C scanner skips most of the text), followed by checks in Python on each match:
digit boundaries, checksums, dates and the cue word before the number. The Python work is
proportional to the number of matches, never to the length of the text.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator
from datetime import date

from shouyue.privacy.detect.context import cue_before
from shouyue.privacy.detect.numbers import luhn_ok, valid_area_code, valid_id15, valid_id18
from shouyue.privacy.detect.spans import Candidate

NUMERIC_KINDS = frozenset({"phone", "landline", "id_number", "bank_card", "passport"})
STRUCTURED_KINDS = frozenset(
    {"phone", "landline", "id_number", "bank_card", "email", "ipv4", "ipv6", "plate", "passport", "qq", "wechat_id"}
)

# A number followed by a unit or a decimal part is an amount, a size or a duration.
_AMOUNT_AFTER = re.compile(r"\.[0-9]|[ ]?(?:元|块钱|块|圆|毛|角|分钟|秒|ms|kb|KB|MB|GB|万|亿|%|件|个|次|笔)")
_PHONE = re.compile(r"1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])")
_PHONE_PREFIX = re.compile(r"(?:\((?:\+|00)?86\)|(?:\+|00)?86)[ -]?$")
_AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"
_LANDLINE = re.compile(
    rf"(?:(?:\+|00)86[ -]?\(?(?P<intl>{_AREA})\)?"
    rf"|(?:\(|（)?(?P<area>0{_AREA})(?:\)|）)?)"
    r"[ -]?[2-9][0-9]{2,3}[ -]?[0-9]{4}(?![0-9])"
)
_ID18 = re.compile(r"[1-9][0-9]{5} ?(?:18|19|20)[0-9]{6} ?[0-9]{3}[0-9Xx](?![0-9A-Za-z])")
_ID15 = re.compile(r"[1-9][0-9]{14}(?![0-9A-Za-z])")
_CARD = re.compile(r"[0-9]{4}(?:[0-9]{12,15}|(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?)(?![0-9])")
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?){0,8}"
    r"\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)
_IPV4 = re.compile(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9]|\.[0-9])")
_IPV6_SEED = re.compile(r"::|:[0-9A-Fa-f]{1,4}:")
_HEXCOLON = frozenset("0123456789abcdefABCDEF:")
_VERSION_BEFORE = re.compile(
    r"(?:版本号?|固件|升级到|更新到|[Vv]ersion|[Vv]er\.?|[Vv]|build|release|latest|current|firmware)[\s:：=_\"']*$",
    re.IGNORECASE,
)
_VERSION_AFTER = re.compile(r"[\s\"']*(?:的)?(?:版本|版)")
_VERSION_KEY = re.compile(
    r"[A-Za-z_]*(?:version|ver|latest|current|build|release|firmware)[A-Za-z_]*[=:]\s*[\"']?$", re.IGNORECASE
)
_IP_GLUE = re.compile(r"(?:ip|IP|Ip|ipv4|IPv4|IPV4)$")
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"[{_PLATE_PROVINCES}][A-HJ-NP-Za-hj-np-z][·•・.\- ]?[A-HJ-NP-Za-hj-np-z0-9]{{5,6}}"
    r"(?:[挂学警港澳领试超](?![\u4e00-\u9fff]))?(?![A-Za-z0-9])"
)
_PLATE_NEV = re.compile(r"[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]")
_PASSPORT = re.compile(r"(?:E[0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|G[0-9]{8}|[DSP]E?[0-9]{7,8})(?![0-9A-Za-z])")
# Both cue patterns open with a character class: the C scanner then skips most of the text.
_QQ = re.compile(
    r"[Qq扣企](?:[Qq号扣]|鹅号?)(?!群)(?:号码|号|账号)?[ \t]*[:：=]?[ \t]*(?:是|为)?[ \t]*"
    r"(?P<id>[1-9][0-9]{4,11})(?![0-9])"
)
_WECHAT = re.compile(
    r"[微vVwW薇威徽](?:信|[xX]|ei[xX]in|e[cC]hat|ECHAT)"
    r"(?:号码|号|账号|[_ ]?ID|[_ ]?id|Id)?[ \t]*[:：=]?[ \t]*(?:是|为)?[ \t]*"
    r"(?P<id>[A-Za-z][-_A-Za-z0-9]{5,19}|[0-9]{5,11})(?![-_A-Za-z0-9])"
)
# "加V：xxx", "加我V xxx": V alone is a WeChat cue only after 加.
_WECHAT_V = re.compile(
    r"加(?:我|他|她|一下)?[Vv](?![A-Za-z])[ \t]*[:：]?[ \t]*(?P<id>[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])"
)
_WXID = re.compile(r"wxid_[a-z0-9]{6,22}(?![A-Za-z0-9_])")
_CARD_PREFIXES = ("62", "60", "4", "5", "9", "35", "37")


def _char_before(text: str, start: int) -> str:
    return text[start - 1] if start > 0 else ""


def _glued(ch: str, extra: str = "") -> bool:
    """``ch`` (the character before a match) makes the match part of a longer token."""
    return bool(ch) and (("0" <= ch <= "9") or (ch.isascii() and ch.isalpha()) or ch in extra)


def _scored(kind: str, text: str, start: int, end: int, base: float, rank: int) -> Candidate | None:
    """Apply the cue nearest before the number: drop order/tracking numbers, trust named kinds."""
    cue = cue_before(text, start)
    if cue == "not_pi":
        return None
    score = base
    if cue == kind or (cue == "phone" and kind == "landline"):
        score = max(base, 0.99)
    elif cue is not None and cue in NUMERIC_KINDS:
        score = base - 0.15
    return Candidate(kind, start, end, score, rank)


def phones(text: str) -> Iterator[Candidate]:
    for m in _PHONE.finditer(text):
        start, end = m.span()
        if _AMOUNT_AFTER.match(text, end):
            continue
        prefix = _PHONE_PREFIX.search(text, max(0, start - 7), start)
        if prefix:
            start = prefix.start()
        before = _char_before(text, start)
        # Glued to a longer token (SF1381234..., x_138...) unless the glue is a cue: tel138...
        if _glued(before, "_.+") and not (before.isalpha() and cue_before(text, start) == "phone"):
            continue
        cand = _scored("phone", text, start, end, 0.95, 5)
        if cand:
            yield cand


def landlines(text: str) -> Iterator[Candidate]:
    for m in _LANDLINE.finditer(text):
        start, end = m.span()
        raw = m.group(0)
        opened = raw[0] in "(（" or "(" in raw[:6]
        closed = any(ch in raw for ch in ")）")
        if opened != closed:
            if raw[0] in "(（" and not closed:
                start += 1  # a bracket that opens nothing of ours
            else:
                continue
        if _AMOUNT_AFTER.match(text, end) or _glued(_char_before(text, start), "_.+"):
            continue
        if m.group("area") and not valid_area_code(m.group("area")):
            continue
        cand = _scored("landline", text, start, end, 0.9, 4)
        if cand:
            yield cand


def id_numbers(text: str, today: date) -> Iterator[Candidate]:
    for m in _ID18.finditer(text):
        raw = m.group(0)
        if _glued(_char_before(text, m.start())):
            continue
        if " " in raw and raw.count(" ") != 2:
            continue  # spaces only as 6-8-4 groups
        if valid_id18(raw.replace(" ", ""), today):
            cand = _scored("id_number", text, m.start(), m.end(), 0.97, 6)
            if cand:
                yield cand
    for m in _ID15.finditer(text):
        if _glued(_char_before(text, m.start())) or not valid_id15(m.group(0), today):
            continue
        cue = cue_before(text, m.start())
        if cue == "id_number":
            yield Candidate("id_number", m.start(), m.end(), 0.95, 6)
        elif cue is None:
            yield Candidate("id_number", m.start(), m.end(), 0.6, 6)


def bank_cards(text: str) -> Iterator[Candidate]:
    for m in _CARD.finditer(text):
        start, end = m.span()
        raw = m.group(0)
        digits = raw.replace(" ", "").replace("-", "")
        if not 16 <= len(digits) <= 19 or _glued(_char_before(text, start), "_."):
            continue
        if not luhn_ok(digits) or _AMOUNT_AFTER.match(text, end):
            continue
        cue = cue_before(text, start)
        if cue == "not_pi":
            continue
        if cue == "bank_card":
            yield Candidate("bank_card", start, end, 0.99, 5)
        elif digits.startswith(_CARD_PREFIXES):
            yield Candidate("bank_card", start, end, 0.9 if cue is None else 0.75, 5)


def emails(text: str) -> Iterator[Candidate]:
    at = text.find("@")
    last_end = 0
    while at != -1:
        lo = at
        floor = max(last_end, at - 64)
        while lo > floor and text[lo - 1] in _EMAIL_LOCAL:
            lo -= 1
        while lo < at and text[lo] in ".-+%_":
            lo += 1
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if lo < at and domain:
            last_end = domain.end()
            yield Candidate("email", lo, last_end, 0.99, 7)
        at = text.find("@", at + 1)


def ipv4s(text: str) -> Iterator[Candidate]:
    for m in _IPV4.finditer(text):
        start, end = m.span()
        before = _char_before(text, start)
        if _glued(before, ".") and not (before.isalpha() and _IP_GLUE.search(text, max(0, start - 4), start)):
            continue
        if any((len(o) > 1 and o[0] == "0") or int(o) > 255 for o in m.group(0).split(".")):
            continue
        if _is_version(text, start, end) or cue_before(text, start) == "not_pi":
            continue
        yield Candidate("ipv4", start, end, 0.95, 3)


def _is_version(text: str, start: int, end: int) -> bool:
    """A dotted quad written as a software version (app_version=7.8.7.38, 固件升级到4.1.14.187)."""
    lo = max(0, start - 24)
    return bool(
        _VERSION_BEFORE.search(text, max(0, start - 12), start)
        or _VERSION_KEY.search(text, lo, start)
        or _VERSION_AFTER.match(text, end)
    )


def ipv6s(text: str) -> Iterator[Candidate]:
    if ":" not in text:
        return
    last_end = 0
    for m in _IPV6_SEED.finditer(text):
        if m.start() < last_end:
            continue
        lo = m.start()
        floor = max(last_end, lo - 45)
        while lo > floor and text[lo - 1] in _HEXCOLON:
            lo -= 1
        hi = m.end()
        ceiling = min(len(text), lo + 45)
        while hi < ceiling and (
            text[hi] in _HEXCOLON or (text[hi] == "." and hi + 1 < len(text) and text[hi + 1].isdigit())
        ):
            hi += 1
        raw = text[lo:hi]
        if raw.startswith(":") and not raw.startswith("::"):
            raw, lo = raw[1:], lo + 1
        if raw.endswith(":") and not raw.endswith("::"):
            raw, hi = raw[:-1], hi - 1
        before = _char_before(text, lo)
        after = text[hi : hi + 1]
        if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
            continue
        if raw.count(":") < 2 or raw == "::":
            continue
        try:
            ipaddress.IPv6Address(raw)
        except ValueError:
            continue
        last_end = hi
        yield Candidate("ipv6", lo, hi, 0.97, 3)


def plates(text: str) -> Iterator[Candidate]:
    for m in _PLATE.finditer(text):
        raw = m.group(0)
        body = raw[2:].lstrip("·•・.- ")
        if body and not body[-1].isascii():
            body = body[:-1]
        body = body.upper()  # typed in lower case more often than one would think
        if len(body) == 6:
            ok = _PLATE_NEV.fullmatch(body) is not None
        else:
            ok = len(body) == 5 and sum(ch.isdigit() for ch in body) >= 3
        if ok:
            yield Candidate("plate", m.start(), m.end(), 0.9, 2)


def passports(text: str) -> Iterator[Candidate]:
    for m in _PASSPORT.finditer(text):
        if _glued(_char_before(text, m.start())):
            continue
        cue = cue_before(text, m.start())
        if cue == "passport":
            yield Candidate("passport", m.start(), m.end(), 0.97, 4)
        elif cue is None and m.group(0)[0] in "EG":
            yield Candidate("passport", m.start(), m.end(), 0.85 if m.group(0)[0] == "E" else 0.75, 4)


def qqs(text: str) -> Iterator[Candidate]:
    for m in _QQ.finditer(text):
        if m.group(0)[0] in "Qq" and _glued(_char_before(text, m.start())):
            continue
        yield Candidate("qq", m.start("id"), m.end("id"), 0.96, 8)


def wechats(text: str) -> Iterator[Candidate]:
    for m in _WECHAT.finditer(text):
        ident = m.group("id")
        if m.group(0)[0].isascii() and _glued(_char_before(text, m.start())):
            continue
        if ident.lower().startswith("id_"):
            continue
        yield Candidate("wechat_id", m.start("id"), m.end("id"), 0.7 if ident.isdigit() else 0.9, 1)
    if "加" in text:
        for m in _WECHAT_V.finditer(text):
            yield Candidate("wechat_id", m.start("id"), m.end("id"), 0.85, 1)
    if "wxid_" in text:
        for m in _WXID.finditer(text):
            if not _glued(_char_before(text, m.start()), "_"):
                yield Candidate("wechat_id", m.start(), m.end(), 0.95, 8)


def find_structured(text: str, kinds: Iterable[str], today: date) -> list[Candidate]:
    """All candidates of the asked structured kinds in the folded ``text``."""
    wanted = set(kinds)
    out: list[Candidate] = []
    if _ANY_DIGIT.search(text) is not None:
        if "phone" in wanted:
            out.extend(phones(text))
        if "landline" in wanted:
            out.extend(landlines(text))
        if "id_number" in wanted:
            out.extend(id_numbers(text, today))
        if "bank_card" in wanted:
            out.extend(bank_cards(text))
        if "ipv4" in wanted:
            out.extend(ipv4s(text))
        if "plate" in wanted:
            out.extend(plates(text))
        if "passport" in wanted:
            out.extend(passports(text))
        if "qq" in wanted:
            out.extend(qqs(text))
        if "ipv6" in wanted:
            out.extend(ipv6s(text))
    if "email" in wanted:
        out.extend(emails(text))
    if "wechat_id" in wanted:
        out.extend(wechats(text))
    return out


_ANY_DIGIT = re.compile("[0-9]")
