"""Detectors for PI with a fixed shape: numbers, e-mail, IP addresses, plates, passports, QQ and WeChat.

All shapes are alternatives of one compiled regular expression that opens with a character class
of every shape's first characters, so a text is scanned once; each match is then checked in
Python by the handler of its alternative: digit boundaries, checksums, dates and the
cue word before the number. E-mail and IPv6 have their own cheap passes seeded by "@" and "::".
The Python work is proportional to the number of matches, never to the text length.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from datetime import date

from shouyue.privacy.detect import social
from shouyue.privacy.detect.context import cue_before, in_url_path
from shouyue.privacy.detect.gazetteer import gazetteer
from shouyue.privacy.detect.numbers import luhn_ok, valid_id15, valid_id18
from shouyue.privacy.detect.spans import Candidate

NUMERIC_KINDS = frozenset({"phone", "landline", "id_number", "bank_card", "passport"})
STRUCTURED_KINDS = frozenset(
    {"phone", "landline", "id_number", "bank_card", "email", "ipv4", "ipv6", "plate", "passport", "qq", "wechat_id"}
)

# A number followed by a unit or a decimal part is an amount, a size or a duration.
_AMOUNT_AFTER = re.compile(r"\.[0-9]|[ ]?(?:元|块钱|块|圆|毛|角|分钟|秒|ms|kb|KB|MB|GB|万|亿|%|件|个|次|笔)")
_AREA = r"(?:10|2[0-9]|[3-9][0-9]{2})"
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_EMAIL_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?){0,8}"
    r"\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)
# Seeds: a "::" or eight full groups; clock times (11:25:59) and MAC addresses never seed a look.
# Two patterns, each opening with a literal or a class, so the engine skips ahead at C speed.
_IPV6_DOUBLE_COLON = re.compile("::")
_IPV6_FULL = re.compile(r"[0-9A-Fa-f]{1,4}:(?:[0-9A-Fa-f]{1,4}:){5}(?:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}|[0-9]{1,3}\.)")
# Every full-form address holds ":h:h:h:"; a search that opens with the colon is nearly free,
# while _IPV6_FULL tries every hex digit of a JSON log line (which has seven colons easily).
_IPV6_RUN = re.compile(":[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")
_HEXCOLON_CHARS = "0123456789abcdefABCDEF:"
_HEXCOLON_RUN = re.compile("[0-9A-Fa-f:]*")
_VERSION_WORDS = ("版本号", "版本", "固件", "升级到", "更新到", "版本为", "版本是")
_VERSION_KEYS = ("version", "ver", "latest", "current", "build", "release", "firmware")
_VERSION_AFTER = re.compile(r"[ \"']*(?:的)?(?:版本|版)")
_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_OCTETS = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
_LATIN_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.-"
_IP_GLUE = re.compile(r"(?:ip|IP|Ip|ipv4|IPv4|IPV4)$")
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_NEV = re.compile(r"[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]")
_CARD_PREFIXES = ("62", "60", "4", "5", "9", "35", "37")


_today_cache: tuple[float, date] = (0.0, date.min)


def _today() -> date:
    """Today's date, read from the clock at most once a minute: date.today() costs more than a
    whole ID check. A birth date plausible for up to a minute after midnight changes nothing."""
    global _today_cache
    now = time.monotonic()
    if now >= _today_cache[0]:
        _today_cache = (now + 60.0, date.today())
    return _today_cache[1]


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


def _phone(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if "phone" not in wanted:
        return
    start, end = m.span()
    if _AMOUNT_AFTER.match(text, end):
        return
    if text[start] == "(" and ")" not in m.group(0):
        start += 1  # a bracket that opens nothing of ours
    before = _char_before(text, start)
    # Glued to a longer token (SF1381234..., x_138...) unless the glue is a cue: tel138...
    if _glued(before, "_.+") and not (before.isalpha() and cue_before(text, start) == "phone"):
        return
    cand = _scored("phone", text, start, end, 0.95, 5)
    if cand:
        out.append(cand)


def _landline(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if "landline" not in wanted:
        return
    start, end = m.span()
    if _AMOUNT_AFTER.match(text, end) or _glued(_char_before(text, start), "_.+"):
        return
    cand = _scored("landline", text, start, end, 0.9, 4)
    if cand:
        out.append(cand)


def _long_number(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    """15 to 19 digits in a row: a resident ID (15 or 18) and/or a bank card (16 to 19)."""
    start, end = m.span()
    raw = m.group(0)
    if _glued(_char_before(text, start), "_."):
        return
    after = text[end : end + 1]
    if "id_number" in wanted and len(raw) in (15, 18) and not (after.isascii() and after.isalpha()):
        if len(raw) == 18 and valid_id18(raw, _today()):
            cand = _scored("id_number", text, start, end, 0.97, 6)
            if cand:
                out.append(cand)
            elif in_url_path(text, start) and raw[:6] in gazetteer().codes:
                # /orders/<n>: the route's collection name is no cue. A number with a real division
                # code, a plausible birth date and the right check digit is an ID number (a random
                # 18-digit order number passes all three about once in 100,000); a key such as
                # order_no= or 订单号 before it still says otherwise.
                out.append(Candidate("id_number", start, end, 0.9, 6))
        elif len(raw) == 15 and valid_id15(raw, _today()):
            # Legacy numbers carry no check digit: without a cue, the 6-digit division code must
            # be a real one (the code table ships with python-stdnum).
            cue = cue_before(text, start)
            if cue in ("id_number", "document"):
                out.append(Candidate("id_number", start, end, 0.95, 6))
            elif cue is None and raw[:6] in gazetteer().codes:
                out.append(Candidate("id_number", start, end, 0.7, 6))
    if "bank_card" in wanted and raw.isdigit() and 16 <= len(raw) <= 19:
        _card(text, start, end, raw, out)


def _id_spaced(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    """An ID number written in 6-8-4 groups."""
    if "id_number" not in wanted or _glued(_char_before(text, m.start())):
        return
    if valid_id18(m.group(0).replace(" ", ""), _today()):
        cand = _scored("id_number", text, m.start(), m.end(), 0.97, 6)
        if cand:
            out.append(cand)


def _card_grouped(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if "bank_card" not in wanted or _glued(_char_before(text, m.start()), "_."):
        return
    digits = m.group(0).replace(" ", "").replace("-", "")
    if 16 <= len(digits) <= 19:
        _card(text, m.start(), m.end(), digits, out)


def _card(text: str, start: int, end: int, digits: str, out: list[Candidate]) -> None:
    if not luhn_ok(digits) or _AMOUNT_AFTER.match(text, end):
        return
    cue = cue_before(text, start)
    if cue == "not_pi":
        return
    if cue == "bank_card":
        out.append(Candidate("bank_card", start, end, 0.99, 5))
    elif digits.startswith(_CARD_PREFIXES):
        out.append(Candidate("bank_card", start, end, 0.9 if cue is None else 0.75, 5))


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


def _ipv4(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if "ipv4" not in wanted:
        return
    start, end = m.span()
    before = _char_before(text, start)
    if _glued(before, ".") and not (before.isalpha() and _IP_GLUE.search(text, max(0, start - 4), start)):
        return
    if _OCTETS.fullmatch(m.group(0)) is None:  # 0-255 each, no leading zero
        return
    if _is_version(text, start, end) or cue_before(text, start) == "not_pi":
        return
    out.append(Candidate("ipv4", start, end, 0.95, 3))


def _is_version(text: str, start: int, end: int) -> bool:
    """A dotted quad written as a software version (app_version=7.8.7.38, 固件升级到4.1.14.187)."""
    head = text[max(0, start - 36) : start].rstrip(" :：=\"'")
    if head.endswith(_VERSION_WORDS) or head[-1:] in ("v", "V"):
        return True
    key = head[len(head.rstrip(_LATIN_KEY)) :].lower()  # the Latin key right before, if any
    if key and any(word in key for word in _VERSION_KEYS):
        return True
    return _VERSION_AFTER.match(text, end) is not None


def _valid_ipv6(raw: str) -> bool:
    """What ``ipaddress.IPv6Address`` accepts, for the hex, colon and dot strings seen here, at C
    speed (a test holds the two to the same answers)."""
    try:
        socket.inet_pton(socket.AF_INET6, raw)
    except (OSError, ValueError):
        return False
    return True


def ipv6s(text: str) -> Iterator[Candidate]:
    colons = text.count(":")
    if colons < 2 or ("::" not in text and colons < 7):
        return
    seeds = [(m.start(), m.end()) for m in _IPV6_DOUBLE_COLON.finditer(text)]
    if colons >= 7 and _IPV6_RUN.search(text) is not None:
        seeds = sorted(seeds + [(m.start(), m.end()) for m in _IPV6_FULL.finditer(text)])
    last_end = 0
    for seed_start, seed_end in seeds:
        if seed_start < last_end:
            continue
        # widen the seed over hex digits and colons (and a dot before a digit: ::ffff:1.2.3.4),
        # a run at a time rather than a character at a time
        floor = max(last_end, seed_start - 45)
        lo = floor + len(text[floor:seed_start].rstrip(_HEXCOLON_CHARS))
        hi = seed_end
        ceiling = min(len(text), lo + 45)
        while hi < ceiling:
            run = _HEXCOLON_RUN.match(text, hi, ceiling)  # always matches, maybe empty
            hi = run.end() if run is not None else hi
            if hi < ceiling and text[hi] == "." and hi + 1 < len(text) and text[hi + 1].isdigit():
                hi += 1
            else:
                break
        last_end = hi  # examined: a seed inside it is not looked at again
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
        if not _valid_ipv6(raw):
            continue
        yield Candidate("ipv6", lo, hi, 0.97, 3)


def _plate(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if "plate" not in wanted:
        return
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
        out.append(Candidate("plate", m.start(), m.end(), 0.9, 2))


def _passport(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if "passport" not in wanted or _glued(_char_before(text, m.start())):
        return
    cue = cue_before(text, m.start())
    first = m.group(0)[0]
    if cue == "passport" or (cue == "document" and first in "EGDSP"):
        out.append(Candidate("passport", m.start(), m.end(), 0.97, 4))
    elif cue is None and first in "EG":
        out.append(Candidate("passport", m.start(), m.end(), 0.85 if first == "E" else 0.75, 4))


Handler = social.Handler
# Each shape is written as (first characters, rest of the pattern after the first character).
# The scan regex consumes one character from the union of first characters and then tries the
# rests, each guarded by a look-behind on that character: a pattern that opens with a character
# class lets the regex engine skip everything else at C speed (a plain alternation of named
# groups would be tried at every position). Order matters where two shapes can start at the same
# place: the first rest that matches wins, so a mobile number is tried before a landline, and
# both before a long number.
_DIGIT_SHAPES: list[tuple[str, str, str, Handler]] = [
    ("phone", "1", r"[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])", _phone),
    (
        "phone_intl",
        "+0(8",
        r"(?<=[+0(8])(?:(?<=\()(?:\+|00)?86\)|(?<=\+)86|(?<=0)086|(?<=8)6)[ -]?"
        r"1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])",
        _phone,
    ),
    (
        "landline_intl",
        "+08",
        rf"(?:(?<=\+)86|(?<=0)086|(?<=8)6)[ -]?(?:\({_AREA}\)|{_AREA})"
        rf"[ -]?[2-9][0-9]{{2,3}}[ -]?[0-9]{{4}}(?![0-9])",
        _landline,
    ),
    (
        "landline",
        "0(（",
        rf"(?:(?<=[(（])0{_AREA}[)）]|(?<=0){_AREA})[ -]?[2-9][0-9]{{2,3}}[ -]?[0-9]{{4}}(?![0-9])",
        _landline,
    ),
    ("long_number", "0123456789", r"[0-9]{14,18}(?:(?<=[0-9]{17})[Xx])?(?![0-9])", _long_number),
    ("id_spaced", "123456789", r"[0-9]{5} (?:18|19|20)[0-9]{6} [0-9]{3}[0-9Xx](?![0-9A-Za-z])", _id_spaced),
    ("card_grouped", "0123456789", r"[0-9]{3}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?(?![0-9])", _card_grouped),
    ("ipv4", "0123456789", r"[0-9]{0,2}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9]|\.[0-9])", _ipv4),
]
_CUE_SHAPES: list[tuple[str, str, str, Handler]] = [
    (
        "plate",
        _PLATE_PROVINCES,
        r"[A-HJ-NP-Za-hj-np-z][·•・.\- ]?[A-HJ-NP-Za-hj-np-z0-9]{5,6}"
        r"(?:[挂学警港澳领试超](?![\u4e00-\u9fff]))?(?![A-Za-z0-9])",
        _plate,
    ),
    (
        "passport",
        "EGDSP",
        r"(?:(?<=E)[0-9]{8}|(?<=E)[A-HJ-NP-Z][0-9]{7}|(?<=G)[0-9]{8}|(?<=[DSP])E?[0-9]{7,8})"
        r"(?![0-9A-Za-z])",
        _passport,
    ),
    *social.SHAPES,
]


def _scanner(groups: list[tuple[list[tuple[str, str, str, Handler]], str]], shared: str = "") -> re.Pattern[str]:
    """One regex for every shape: a class of all first characters, then each group's rests.

    Each rest is guarded by its own first characters (the consumed character may belong to
    another shape: a "Q" opens a QQ cue, never a plate); a group may add a guard of its own,
    and ``shared`` is a guard every group passes first.
    """
    firsts = "".join(dict.fromkeys(first for shapes, _ in groups for _, first, _, _ in shapes))
    alternatives = []
    for shapes, guard in groups:
        rests = "|".join(f"(?P<{name}>(?<=[{re.escape(first)}]){rest})" for name, first, rest, _ in shapes)
        alternatives.append(f"{guard}(?:{rests})")
    return re.compile(f"[{re.escape(firsts)}]{shared}(?:{'|'.join(alternatives)})")


# No shape starts inside a run of digits (every digit handler rejects a digit just before, and
# no cue shape starts with one), so the scan does not even try there: one shared look-behind,
# checked before anything else because nine candidate positions in ten are digits, and
# 20231128153000 costs one failed check per digit, not fourteen attempts.
# Cue shapes go first, behind a guard that fails at once on a digit or bracket: most candidate
# positions are letters and Chinese characters, which then skip the eight digit shapes' guards
# (a quarter of the scan's time). No cue shape starts with a digit or bracket.
# Every digit shape needs two more digits after its first character, or a dot within two (an
# IPv4 octet), or "6" after "8" (86-…), or opens with "+" or a bracket: one look-ahead turns
# away the short runs of dates, clock times and prices before the eight shapes are tried.
_NOT_IN_A_RUN = "(?<![0-9][0-9])"
_DIGIT_GUARD = r"(?=[0-9][0-9]|[0-9]?\.|(?<=8)6|(?<=[+(（]))"
_SCAN = _scanner([(_CUE_SHAPES, "(?<![0-9(（])"), (_DIGIT_SHAPES, _DIGIT_GUARD)], _NOT_IN_A_RUN)
_HANDLERS: dict[str, Handler] = {name: handler for name, _, _, handler in _DIGIT_SHAPES + _CUE_SHAPES}
_SCANNED_KINDS = frozenset(
    {"phone", "landline", "id_number", "bank_card", "ipv4", "plate", "passport", "qq", "wechat_id"}
)


def find_structured(text: str, wanted: AbstractSet[str]) -> list[Candidate]:
    """All candidates of the asked structured kinds in the folded ``text``."""
    out: list[Candidate] = []
    if not wanted:
        return out
    if not wanted.isdisjoint(_SCANNED_KINDS):
        # search() from the last end rather than finditer(): no iterator to build, and most texts
        # hold no match or one (no shape matches the empty string, so nothing is skipped)
        m = _SCAN.search(text)
        while m is not None:
            _HANDLERS[m.lastgroup](text, m, wanted, out)  # type: ignore[index]
            m = _SCAN.search(text, m.end())
    if not wanted.isdisjoint(social.KINDS) and social.KEY_HINT.search(text) is not None:
        social.keyed(text, wanted, out)
    if "@" in text and "email" in wanted:
        out.extend(emails(text))
    if ("::" in text or text.count(":") >= 7) and "ipv6" in wanted:
        out.extend(ipv6s(text))
    return out
