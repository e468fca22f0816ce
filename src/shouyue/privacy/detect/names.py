"""Chinese person names: a surname, one or two given-name characters, and the context around them.

Evidence, strongest first: a cue before the name (收件人, 联系人, 我叫, 姓名 …) or a title after it
(先生, 女士, 老师 …); jieba's dictionary tagging the whole string as a person name (``nr``); and,
for a bare name in running text, given-name characters from our list with a clean boundary on
both sides, provided jieba's dictionary does not know the string (or its first two characters) as
an ordinary word (高兴, 方便, 马上). The span is the name only, never the cue or the title.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from shouyue.privacy.detect.gazetteer import gazetteer
from shouyue.privacy.detect.spans import Candidate

_STRONG_CUES = (
    "收件人", "收货人", "联系人", "寄件人", "发件人", "签收人", "取件人", "持卡人", "开户名", "户名", "姓名",
    "名字", "真实姓名", "我叫", "我是", "本人", "叫做", "名叫", "客户", "顾客", "买家", "卖家", "店主", "掌柜",
    "快递员", "配送员", "骑手", "司机", "师傅", "业主", "房东", "租客", "患者", "经办人", "负责人", "法人",
    "申请人", "投诉人", "被投诉人", "用户", "会员", "学生", "家长", "老板", "同事", "朋友", "客服", "导购",
    "收款人", "付款人", "担保人", "紧急联系人", "监护人", "配偶", "name",
)  # fmt: skip
_WEAK_CUES = ("和", "跟", "与", "给", "找", "问", "请", "感谢", "谢谢", "联系", "通知", "转告", "转交", "叫")
_TITLES = (
    "先生", "女士", "小姐", "老师", "同学", "师傅", "经理", "总监", "主任", "医生", "大夫", "律师", "教授",
    "博士", "阿姨", "叔叔", "大哥", "大姐", "姐姐", "哥哥", "老板", "同志", "警官", "工程师", "主管", "店长",
    "掌柜", "总", "姐", "哥", "伯", "叔", "婶", "妈", "爸",
)  # fmt: skip
_CUE_TAIL = re.compile(r"[\s:：,，=]*$")
_COPULA_TAIL = re.compile(r"[是为][\s:：,，=]*$")
# Characters that end a name: particles, verbs and the first characters of words that follow
# names in practice (电话, 手机, 地址, 先生 …).
_NAME_STOP = set(
    "的了是在和与及或也就都还很又要会能可把被让给对从向到去来说着过这那个些啊吗呢吧呀哦嗯么什为因所但而如请谢您你我他她它们"
    "不没已将其并则即便买卖用寄收发送货电手地址先女等家今昨前后上下里外年月日时分号"
)
_BREAK_AFTER = ("电话", "手机", "地址", "收货", "收件", "身份", "联系", "先生", "女士", "小姐", "微信", "邮箱", "同学")
_HAN = re.compile("[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    surnames: frozenset[str]
    compound: frozenset[str]
    given: frozenset[str]
    finder: re.Pattern[str]


def _lines(name: str) -> list[str]:
    raw = (files("shouyue.privacy.detect") / "data" / name).read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _lexicon() -> _Lexicon:
    compound = {w for w in _lines("surnames.txt") if len(w) == 2}
    single = {ch for w in _lines("surnames.txt") if len(w) != 2 for ch in w}
    given = {ch for w in _lines("given_chars.txt") for ch in w}
    pattern = "|".join(sorted(compound)) + "|[" + "".join(sorted(single)) + "]"
    return _Lexicon(frozenset(single), frozenset(compound), frozenset(given), re.compile(pattern))


@dataclass(frozen=True, slots=True)
class _Dictionary:
    tags: dict[str, str]
    freq: dict[str, int]


@cache
def _dictionary() -> _Dictionary:
    """jieba's dictionary with part-of-speech tags, loaded once (about a second, then cached)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return _Dictionary(tags=jieba.posseg.dt.word_tag_tab, freq=jieba.dt.FREQ)


def warm_up() -> None:
    """Load the lexicon and jieba's dictionary now rather than on the first call."""
    _lexicon()
    _dictionary()


def _is_name_tag(tag: str | None) -> bool:
    return tag is not None and tag.startswith("nr")


def _common_word(word: str, d: _Dictionary, min_freq: int = 20) -> bool:
    """A word jieba knows as something other than a person name, and not a rare one."""
    tag = d.tags.get(word)
    return tag is not None and not _is_name_tag(tag) and d.freq.get(word, 0) >= min_freq


def _cue_before(text: str, start: int) -> str:
    """'strong', 'weak' or '' for the words just before ``start``."""
    window = text[max(0, start - 12) : start]
    for tail in (_CUE_TAIL, _COPULA_TAIL):
        found = tail.search(window)
        stripped = window[: found.start()] if found else window
        if stripped.lower().endswith(_STRONG_CUES):
            return "strong"
        if stripped.endswith(_WEAK_CUES):
            return "weak"
    return ""


def _title_at(text: str, pos: int) -> bool:
    return text.startswith(_TITLES, pos)


def _boundary_before(text: str, start: int) -> bool:
    return start == 0 or not _HAN.match(text[start - 1]) or text[start - 1] in _NAME_STOP


def _boundary_after(text: str, end: int, d: _Dictionary) -> bool:
    if end >= len(text) or not _HAN.match(text[end]) or text[end] in _NAME_STOP:
        return True
    if text.startswith(_BREAK_AFTER, end) or _title_at(text, end):
        return True
    return _word_starts(text, end, d)


def _word_starts(text: str, pos: int, d: _Dictionary) -> bool:
    """An ordinary two- or three-character word starts at ``pos`` (一起, 明天, 下单)."""
    if pos + 2 > len(text):
        return False
    return _common_word(text[pos : pos + 2], d, 100) or (
        pos + 3 <= len(text) and _common_word(text[pos : pos + 3], d, 100)
    )


def _inside_longer_word(text: str, start: int, end: int, d: _Dictionary) -> bool:
    """The candidate is the head of a longer ordinary word (王府井, 王者荣耀) or its tail."""
    for length in (end - start + 1, end - start + 2):
        if start + length <= len(text) and _common_word(text[start : start + length], d, 5):
            return True
    return start >= 1 and _common_word(text[start - 1 : end], d, 5)


def _given_length(text: str, pos: int, lex: _Lexicon, strong: bool, d: _Dictionary) -> int:
    """How many given-name characters follow the surname ending at ``pos`` (0, 1 or 2)."""
    first = text[pos : pos + 1]
    if not first or not _HAN.match(first) or first in _NAME_STOP or text.startswith(_BREAK_AFTER, pos):
        return 0
    if _title_at(text, pos + 1) or text.startswith(_BREAK_AFTER, pos + 1):
        return 1
    second = text[pos + 1 : pos + 2]
    if not second or not _HAN.match(second) or second in _NAME_STOP:
        return 1
    if _starts_division(text, pos + 1) or _word_starts(text, pos + 1, d):
        return 1
    if second in lex.given:
        return 2
    if strong and _boundary_after(text, pos + 2, d):
        return 2
    return 1


def _starts_division(text: str, pos: int) -> bool:
    gaz = gazetteer()
    for length in (2, 3):
        piece = text[pos : pos + length]
        if piece in gaz.short or piece in gaz.levels:
            return True
    return False


def person_names(text: str) -> Iterator[Candidate]:
    """Person-name candidates in the folded ``text``."""
    lex = _lexicon()
    d = _dictionary()
    for m in lex.finder.finditer(text):
        start, pos = m.span()
        cue = _cue_before(text, start)
        strong = cue == "strong"
        given = _given_length(text, pos, lex, strong, d)
        if given == 0:
            continue
        end = pos + given
        titled = _title_at(text, end)
        if not _boundary_after(text, end, d) and (given == 2 or not (strong or titled)):
            continue
        name = text[start:end]
        tag = d.tags.get(name)
        if strong or titled:
            if _common_word(name, d) and not _boundary_before(text, start):
                continue
            yield Candidate("person_name", start, end, 0.9, 0)
            continue
        # Without a cue or title, the dictionary has the last word.
        if _inside_longer_word(text, start, end, d):
            continue
        if _is_name_tag(tag) and len(name) >= 3 and (_boundary_before(text, start) or cue):
            yield Candidate("person_name", start, end, 0.8, 0)
            continue
        if _common_word(name, d) or _common_word(text[start : pos + 1], d):
            continue
        if tag is not None:
            continue
        given_chars = text[pos:end]
        if not all(ch in lex.given for ch in given_chars):
            continue
        if cue == "weak" or (_boundary_before(text, start) and len(name) >= 3):
            yield Candidate("person_name", start, end, 0.7 if cue else 0.6, 0)
