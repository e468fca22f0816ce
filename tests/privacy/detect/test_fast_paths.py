"""The shortcuts taken for speed give the answers of the plain forms they replace."""

from __future__ import annotations

import ipaddress
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shouyue.privacy.detect import structured
from shouyue.privacy.detect.keys import key_before, key_kind

pytestmark = pytest.mark.promise("P21")

_HEX_TEXT = st.text(alphabet="0123456789abcdefABCDEF:.", min_size=1, max_size=45)
_DIGIT_TEXT = st.text(alphabet="0123456789" * 3 + "186+()（）.- :QE扣微", max_size=40)
_KEY_TEXT = st.text(alphabet="aZq_.-09 :=\"'\n收件人手机>", max_size=60)


@given(_HEX_TEXT)
@settings(max_examples=500)
def test_ipv6_check_agrees_with_ipaddress(raw: str) -> None:
    try:
        ipaddress.IPv6Address(raw)
        expected = True
    except ValueError:
        expected = False
    assert structured._valid_ipv6(raw) == expected


@given(_DIGIT_TEXT)
@settings(max_examples=500)
def test_digit_guard_turns_away_only_what_no_shape_matches(text: str) -> None:
    # given: the scan without the look-ahead that skips short digit runs
    plain = structured._scanner(
        [(structured._CUE_SHAPES, "(?<![0-9(（])"), (structured._DIGIT_SHAPES, "(?<![0-9][0-9])")]
    )
    # when / then: both find the same shapes at the same places
    assert [(m.span(), m.lastgroup) for m in structured._SCAN.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)
    ]


_KEY_REGEX = re.compile(r"(?<![A-Za-z0-9_.\-])[A-Za-z][A-Za-z0-9_.\-]{0,39}$")
_CN_KEY_REGEX = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,8}$")


def _key_before_by_regex(text: str, pos: int) -> str | None:
    """key_before as first written: a "$"-anchored search over the 40 characters before."""
    i = pos
    floor = max(0, pos - 4)
    while i > floor and text[i - 1] in " \t\"'":
        i -= 1
    if i == 0:
        return None
    if text[i - 1] == ">" and i >= 2 and text[i - 2] == "=":
        i -= 1
    elif text[i - 1] not in "=:：":
        return None
    i -= 1
    floor = max(0, i - 3)
    while i > floor and text[i - 1] in " \t\"'":
        i -= 1
    m = _KEY_REGEX.search(text, max(0, i - 40), i) or _CN_KEY_REGEX.search(text, max(0, i - 8), i)
    return None if m is None else key_kind(m.group(0))


@given(_KEY_TEXT)
@settings(max_examples=300)
def test_key_before_finds_the_key_the_anchored_regex_finds(text: str) -> None:
    for pos in range(len(text) + 1):
        assert key_before(text, pos) == _key_before_by_regex(text, pos)


@pytest.mark.parametrize("text", ["x" * 45 + "qq=12345", "abc " + "x" * 30 + "qq=12345", "_" * 39 + "qq: 12345"])
def test_key_before_at_the_edge_of_its_window(text: str) -> None:
    pos = text.index("12345")
    assert key_before(text, pos) == _key_before_by_regex(text, pos)


def _ipv6_spans_char_by_char(text: str) -> list[tuple[int, int]]:
    """IPv6 spans as first written: every seed widened one character at a time, ipaddress checks."""
    colons = text.count(":")
    if colons < 2 or ("::" not in text and colons < 7):
        return []
    seeds = [(m.start(), m.end()) for m in re.finditer("::", text)]
    if colons >= 7:
        seeds = sorted(seeds + [(m.start(), m.end()) for m in structured._IPV6_FULL.finditer(text)])
    found: list[tuple[int, int]] = []
    last_end = 0
    hexcolon = set(structured._HEXCOLON_CHARS)
    for seed_start, seed_end in seeds:
        if seed_start < last_end:
            continue
        lo = seed_start
        floor = max(last_end, lo - 45)
        while lo > floor and text[lo - 1] in hexcolon:
            lo -= 1
        hi = seed_end
        ceiling = min(len(text), lo + 45)
        while hi < ceiling and (
            text[hi] in hexcolon or (text[hi] == "." and hi + 1 < len(text) and text[hi + 1].isdigit())
        ):
            hi += 1
        last_end = hi
        raw = text[lo:hi]
        if raw.startswith(":") and not raw.startswith("::"):
            raw, lo = raw[1:], lo + 1
        if raw.endswith(":") and not raw.endswith("::"):
            raw, hi = raw[:-1], hi - 1
        before, after = text[lo - 1 : lo] if lo else "", text[hi : hi + 1]
        if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
            continue
        if raw.count(":") < 2 or raw == "::":
            continue
        try:
            ipaddress.IPv6Address(raw)
        except ValueError:
            continue
        found.append((lo, hi))
    return found


_IPV6_PARTS = st.sampled_from(["::", ":", "ffff", "db8", "2001", "1.2.3.4", ".", "fe80", "0", "x", " ", "12:30:45"])


@given(st.lists(_IPV6_PARTS, max_size=20).map("".join))
@settings(max_examples=500)
def test_ipv6_widening_by_runs_finds_what_char_by_char_finds(text: str) -> None:
    assert [(c.start, c.end) for c in structured.ipv6s(text)] == _ipv6_spans_char_by_char(text)
