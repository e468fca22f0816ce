"""QQ numbers and WeChat ids: found after a cue, never by their shape alone.

A QQ number is just 5 to 12 digits and a WeChat id just a handle, so only what is written before
them makes them PI. Three kinds of cue:

* the cue lexicon below - the names themselves and the slang people use to slip past filters:
  homophones (扣扣/抠抠/蔻蔻, and 秋秋/球球 as "QQ" is said aloud, for QQ; 薇信, 威信, 维信,
  V信, 微❤ for 微信), nicknames (企鹅 for QQ's mascot, 绿泡泡 for WeChat's green bubble, 卫星号),
  Latin shorthands (qq, Q号, vx, wx) and "add me" forms (加V, +v, v我); a cue may carry up to
  two trailers (Q号 id:, 微信账号ID：);
* any field key whose tokens name the kind (``qq_account=``, ``buyerWxNo:``, ``"koukou": "``),
  read by :func:`~shouyue.privacy.detect.keys.key_before`;
* the ``wxid_`` prefix WeChat gives generated ids.

The cue shapes are pieces of the one scan regex in :mod:`~shouyue.privacy.detect.structured`:
each is (first characters, rest of the pattern after the first character).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from shouyue.privacy.detect.keys import key_before, stems_of
from shouyue.privacy.detect.spans import Candidate

Handler = Callable[[str, re.Match[str], AbstractSet[str], list[Candidate]], None]
Shape = tuple[str, str, str, Handler]

# (first characters, rest): the cue words of each kind.
_KOU = "扣抠蔻寇叩"
_QIU = "秋球丘求"  # the syllable qiu, as "Q" is said aloud; doubled like the letters
_WEI = "微薇威维徽巍唯"
QQ_CUES: tuple[tuple[str, str], ...] = (
    ("Qq", "(?<=[Qq])[Qq]"),  # QQ, qq, Qq
    ("Qq", "(?<=[Qq])(?=号|[ \t]*[:：])"),  # Q号, and a bare Q only before a colon (Q：12345678)
    (_KOU, f"(?<=[{_KOU}])[{_KOU}]"),  # 扣扣 and its homophones
    (_QIU, f"(?<=[{_QIU}])[{_QIU}]"),  # QQ read aloud (kiu kiu): 秋秋, 球球
    ("企", "(?<=企)鹅"),  # the penguin
)
WECHAT_CUES: tuple[tuple[str, str], ...] = (
    (_WEI + "Vv", f"(?<=[{_WEI}Vv])[信芯❤♥]"),  # 微信, 薇信, V信, 微❤
    ("vVwW", "(?<=[vVwW])[xX]"),  # vx, wx
    ("Vv", "(?<=[Vv])(?=号|[ \t]*[:：])"),  # V号, and a bare V only before a colon (我的V：xxx)
    ("wW", "(?<=[wW])(?:ei[xX]in|e[cC]hat|EIXIN|ECHAT)"),
    ("绿", "(?<=绿)色?泡泡"),  # the green bubble
    ("卫", "(?<=卫)星(?=号)"),  # 卫星号
    ("加+", "(?<=[加+])(?:我|他|她|一下|个)?[Vv](?![A-Za-z])"),  # 加V, +v, 加我V
)
# Up to two trailers: Q号 id:…, 微信账号ID：…
_TRAILER = r"(?!群)(?:号码|号|账号|帐号|[_ ]?(?:ID|id|Id)){0,2}"
_GLUE = r"[ \t]*[:：=]?[ \t]*(?:是|为|搜)?[ \t]*"
QQ_VALUE = r"[1-9][0-9]{4,11}(?![0-9])"
WECHAT_VALUE = r"[A-Za-z][-_A-Za-z0-9]{5,19}(?![-_A-Za-z0-9])|[0-9]{5,11}(?![-_A-Za-z0-9])"
_QQ_VALUE = re.compile(QQ_VALUE)
_WECHAT_VALUE = re.compile(WECHAT_VALUE)
_MOBILE = re.compile("1[3-9][0-9]{9}")


def _glued(text: str, start: int) -> bool:
    """A Latin cue that is the tail of a longer word (``userQQ``, ``ivx``)."""
    ch = text[start - 1] if start > 0 else ""
    return bool(ch) and ch.isascii() and ch.isalnum()


def _qq(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if "qq" not in wanted or (m.group(0)[0] in "Qq" and _glued(text, m.start())):
        return
    out.append(Candidate("qq", m.start("qq_id"), m.end("qq_id"), 0.96, 8))


def _wechat_id(text: str, start: int, end: int, wanted: AbstractSet[str], out: list[Candidate], score: float) -> None:
    ident = text[start:end]
    if ident.lower().startswith("id_"):
        return
    if ident.isdigit() and _MOBILE.fullmatch(ident):
        # 微信同手机号: the digits are a phone number first (the phone scan cannot see them here).
        if "phone" in wanted:
            out.append(Candidate("phone", start, end, 0.95, 5))
        return
    if "wechat_id" in wanted:
        out.append(Candidate("wechat_id", start, end, min(score, 0.7) if ident.isdigit() else score, 1))


def _wechat(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if m.group(0)[0].isascii() and m.group(0)[0] not in "+" and _glued(text, m.start()):
        return
    start = m.start("wx_id")
    if text[start].isalpha() and _glued(text, start):
        return  # wxyz123: a Latin cue run into a Latin id cannot be told apart from a word
    _wechat_id(text, start, m.end("wx_id"), wanted, out, 0.9)


def _wxid(text: str, m: re.Match[str], wanted: AbstractSet[str], out: list[Candidate]) -> None:
    if "wechat_id" in wanted and not (_glued(text, m.start()) or text[m.start() - 1 : m.start()] == "_"):
        out.append(Candidate("wechat_id", m.start(), m.end(), 0.95, 8))


def keyed(text: str, wanted: AbstractSet[str], out: list[Candidate]) -> None:
    """QQ numbers and WeChat ids written as field values: ``buyerQqNo=…``, ``"wx_account": "…"``.

    A separate pass, run only when the text holds one of the key stems of these kinds at all
    (:data:`KEY_HINT`, a C-speed search): every log line has separators, few name QQ or WeChat.
    """
    # A key is read only where a stem lies within reach before the separator: a log line has
    # many fields and names QQ or WeChat in one or two. A stem found by key_before inside the key
    # starts in, or is overlapped by, a match of this whole-text search.
    # Separators are only looked for from the first stem on (a separator holds no letter, so none
    # straddles it) and up to the reach of the last.
    hints = [(h.start(), h.end()) for h in KEY_HINT.finditer(text)]
    if not hints:
        return
    last_reach = hints[-1][1] + _KEY_REACH
    for m in _KEYED_VALUE.finditer(text, hints[0][0]):
        pos = m.end()
        if pos >= last_reach:
            break
        reach = pos - _KEY_REACH
        if not any(h_start < pos and h_end > reach for h_start, h_end in hints):
            continue
        kind = key_before(text, pos, KEY_HINT)
        if kind == "qq" and "qq" in wanted:
            v = _QQ_VALUE.match(text, pos)
            if v is not None:
                out.append(Candidate("qq", pos, v.end(), 0.95, 8))
        elif kind == "wechat_id":
            v = _WECHAT_VALUE.match(text, pos)
            if v is not None:
                _wechat_id(text, pos, v.end(), wanted, out, 0.9)


def _alternatives(cues: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    firsts = "".join(dict.fromkeys(ch for first, _ in cues for ch in first))
    return firsts, "(?:" + "|".join(rest for _, rest in cues) + ")"


_QQ_FIRSTS, _QQ_REST = _alternatives(QQ_CUES)
_WX_FIRSTS, _WX_REST = _alternatives(WECHAT_CUES)

SHAPES: list[Shape] = [
    ("wxid", "w", r"(?<=w)xid_[a-z0-9]{6,22}(?![A-Za-z0-9_])", _wxid),
    ("qq", _QQ_FIRSTS, f"{_QQ_REST}{_TRAILER}{_GLUE}(?P<qq_id>{QQ_VALUE})", _qq),
    ("wechat", _WX_FIRSTS, f"{_WX_REST}{_TRAILER}{_GLUE}(?P<wx_id>{WECHAT_VALUE})", _wechat),
]
KINDS = frozenset({"qq", "wechat_id"})
_KEY_REACH = 64  # separator and quotes (up to 10 characters) plus the longest key key_before reads (40)
_KEYED_VALUE = re.compile(r"""(?<=[A-Za-z_"'=])[ \t]?["']?[ \t]?[=:>][ \t]?["']?[ \t]?(?=[1-9A-Za-z])""")
_STEMS = stems_of(KINDS)
# A class of first letters, then the rests case-blind: an IGNORECASE alternation would be tried at
# every position (30 times slower). A loose pre-filter (it also lets "qx" through) is enough here.
KEY_HINT = re.compile(
    "[" + "".join(sorted({c for stem in _STEMS for c in (stem[0], stem[0].upper())})) + "](?i:"
    + "|".join(sorted({stem[1:] for stem in _STEMS}, key=len, reverse=True)) + ")"
)  # fmt: skip
"""Any key stem naming QQ or WeChat (qq, wx, weixin, koukou …), anywhere in the text."""
