"""Chinese person names: a surname, one or two given-name characters, and the context around them.

Candidates start at a surname from ``data/surnames.txt`` (compound ones first: 欧阳, 司马 …).
Evidence, strongest first:

1. a cue just before the name — 收件人, 联系人, 我叫, 姓名, 我老公, 同事, ``receiver=`` … — or a
   title or role just after it (先生, 女士, 老师, 客服, 你好, 收, 的手机 …);
2. jieba's dictionary tagging the whole three-character string as a person name (``nr``);
3. for a bare name, given-name characters from ``data/given_chars.txt`` and either a clean clause
   boundary on both sides (黎凤，+86 …), a weak cue (和, 给, 送 …) or a verb after it (说, 推荐 …).

jieba's dictionary rules candidates out: the string (or the surname with the next character) is
an ordinary word (高兴, 方便, 高中生), a longer word starts after the surname (连+班主任), or the
surname character ends the word before it (老公+孙悦). Surname characters that are mostly
function words (和, 都, 但 …) need stronger evidence. The span is the name only, never the cue or
the title; the length of the given name follows the word boundaries jieba's dictionary implies.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from shouyue.privacy.detect.gazetteer import gazetteer
from shouyue.privacy.detect.keys import key_before
from shouyue.privacy.detect.spans import Candidate

_STRONG_CUES = (
    "收件人", "收货人", "联系人", "寄件人", "发件人", "签收人", "取件人", "持卡人", "开户名", "户名", "姓名",
    "名字", "真实姓名", "我叫", "我是", "本人", "叫做", "名叫", "客户", "顾客", "买家", "卖家", "店主", "掌柜",
    "快递员", "配送员", "骑手", "司机", "师傅", "业主", "房东", "租客", "患者", "经办人", "负责人", "法人",
    "申请人", "投诉人", "用户", "会员", "学生", "家长", "老板", "同事", "朋友", "客服", "导购", "面单",
    "收款人", "付款人", "担保人", "监护人", "配偶", "签名", "署名", "落款", "你好", "您好", "亲爱的", "尊敬的",
    "我哥", "我姐", "我弟", "我妹", "我爸", "我妈", "老公", "老婆", "丈夫", "妻子", "爱人", "媳妇", "儿子", "女儿",
    "舍友", "室友", "同学", "表哥", "表姐", "堂哥", "堂姐", "闺蜜", "邻居", "前台", "小哥", "宝宝", "孩子",
    "name", "username", "user_name", "realname", "real_name", "nickname", "receiver", "consignee", "contact",
    "sender", "operator", "buyer", "seller", "holder", "owner", "customer", "courier", "rider", "driver",
)  # fmt: skip
_WEAK_CUES = (
    "和", "跟", "与", "给", "找", "问", "请", "感谢", "谢谢", "联系", "通知", "转告", "转交", "叫", "写", "填了",
    "填写", "填的", "写的", "写了", "帮", "送", "备注", "寄给", "转给", "交给", "推荐给", "发给",
)  # fmt: skip
# Verbs after a name at the start of a clause: 安国强说…, 饶明推荐的… (weak evidence, like a weak cue).
_WEAK_AFTER = (
    "说", "推荐", "告诉", "让", "叫", "帮", "打", "发", "送", "买", "下单", "代收", "签收", "收到", "讲", "觉得",
)  # fmt: skip
_TITLES = (
    "先生", "女士", "小姐", "老师", "同学", "师傅", "经理", "总监", "主任", "医生", "大夫", "律师", "教授",
    "博士", "阿姨", "叔叔", "大哥", "大姐", "姐姐", "哥哥", "老板", "同志", "警官", "工程师", "主管", "店长",
    "掌柜", "你好", "您好", "客服", "店员", "店主", "快递员", "骑手", "司机", "小哥", "总", "姐", "哥", "伯", "叔",
    "婶",
)  # fmt: skip
_LONG_TITLES = tuple(t for t in _TITLES if len(t) >= 2)
_NOT_PERSON_AFTER = ("旗舰店", "专卖店", "专营店", "品牌", "牌子", "官方", "集团", "公司", "门店", "直营")
# "<name>的手机", "<name>收": what follows says the string before it is a person.
_OWNER_NOUNS = (
    "手机", "电话", "号码", "扣扣", "QQ", "qq", "微信", "身份证", "证件", "银行卡", "卡号", "卡", "地址", "住址",
    "邮箱", "车", "快递", "包裹", "订单", "账号", "护照",
)  # fmt: skip
_KEY_GLUE = frozenset("=:：\"' \t>")
_CUE_TAIL = re.compile(r"[\s:：,，=\"']*$")
_COPULA_TAIL = re.compile(r"(?:[是为写填叫]|写的是|填的是)[\s:：,，=\"']*$")
# Surname characters that are far more often ordinary words (和, 都, 但, 由, 那 …): a name with one
# of them needs a cue or a title, or a clean clause boundary on both sides.
_AMBIGUOUS_SURNAMES = frozenset(
    "和都但由那越成连公于时全相来门信原利於干居展幸向万常方包甘关单区解查印战危衣束易上斯普敬富强花文智南"
)
# Characters that end a name: particles, verbs and the first characters of words that follow
# names in practice (电话, 手机, 地址, 先生 …).
_NAME_STOP = set(
    "的了是在和与及或也就都还很又要会能把被让给对从向到去来说着过这那个些啊吗呢吧呀哦嗯么什为因所但而如请谢您你我他她它们"
    "不没已将其并则即便买卖用寄收发送货电手地址先女等今昨前后上下里外年月日时分号得地着"
)
_BREAK_AFTER = ("电话", "手机", "地址", "收货", "收件", "身份", "联系", "先生", "女士", "小姐", "微信", "邮箱", "同学")
_HAN = re.compile("[\u4e00-\u9fff]")
_HAN_WORD = re.compile("[\u4e00-\u9fff]+")
_ROLE_ENDS = frozenset("人员长主东师客户家")
# Words with a role ending that name no one in particular.
_NOT_ROLES = frozenset(
    ("大家", "国家", "人家", "全家", "老家", "自家", "个人", "家人", "女人", "男人", "别人", "他人", "有人", "没人",
     "人员", "成员", "工人", "商人", "老人", "好人", "新人", "前人", "路人", "熟人", "主人", "敌人", "情人",
     "每人", "某人", "众人", "世人", "账户", "户主家", "住户", "大户", "散户", "商户", "农户", "门户", "窗户", "开户",
     "用户名", "专家", "作家", "画家", "东家", "厂家", "店家", "独家", "玩家", "赢家", "行家", "亲家", "娘家", "婆家")
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Lexicon:
    surnames: frozenset[str]
    compound: frozenset[str]
    given: frozenset[str]
    brands: frozenset[str]
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
    brands = frozenset(_lines("brands.txt"))
    return _Lexicon(frozenset(single), frozenset(compound), frozenset(given), brands, re.compile(pattern))


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
    """A word jieba knows as something other than a person name, and not a rare one.

    jieba tags some frequent ordinary words as names (公正, 智慧, 高峰); a word tagged ``nr`` that
    is that frequent is treated as an ordinary word.
    """
    tag = d.tags.get(word)
    if tag is None:
        return False
    freq = d.freq.get(word, 0)
    return freq >= min_freq and (not _is_name_tag(tag) or freq >= _FREQUENT_NR)


_FREQUENT_NR = 1000


def _cue_before(text: str, start: int, d: _Dictionary) -> str:
    """'strong', 'weak' or '' for the words just before ``start``."""
    if start and text[start - 1] in _KEY_GLUE and key_before(text, start) == "person_name":
        return "key"  # real_name=, "consignee": ", 经办人：
    window = text[max(0, start - 12) : start]
    weak = False
    for tail in (_CUE_TAIL, _COPULA_TAIL):
        found = tail.search(window)
        stripped = window[: found.start()] if found else window
        if stripped.lower().endswith(_STRONG_CUES) or _role_word_at_end(stripped, d):
            return "strong"  # 我爸叫 reads 我爸 (strong), not 叫 (weak)
        weak = weak or stripped.endswith(_WEAK_CUES)
    return "weak" if weak else ""


def _role_word_at_end(window: str, d: _Dictionary) -> bool:
    """``window`` ends with a word for a person's role: 签收人, 配送员, 店长, 车主, 房东, 买家 …

    Read from the word's shape rather than a list: a noun in jieba's dictionary ending in a role
    character, or an agent noun made of a two-character verb or noun and 人/员 (代收人, 对接人,
    审核员), which the dictionary often lacks.
    """
    for length in (3, 2, 4):
        word = window[-length:]
        if len(word) < length or word[-1] not in _ROLE_ENDS or word in _NOT_ROLES or not _HAN_WORD.fullmatch(word):
            continue
        tag = d.tags.get(word)
        if tag is not None and tag[0] == "n":
            return True
        if (
            length == 3
            and word[-1] in "人员"
            and d.freq.get(word[:2], 0) >= 5
            and (d.tags.get(word[:2]) or "x")[0] in "vn"
        ):
            return True
    return False


def _title_at(text: str, pos: int) -> bool:
    return text.startswith(_TITLES, pos)


def _person_after(text: str, pos: int) -> bool:
    """What follows ``pos`` marks the string before it as a person: a title, 收 (addressee), 的+手机 …"""
    if text.startswith(_TITLES, pos):
        return True
    if text.startswith("收", pos) and _hard_boundary(text[pos + 1 : pos + 2]):
        return True
    return text.startswith("的", pos) and text.startswith(_OWNER_NOUNS, pos + 1)


def _hard_boundary(ch: str) -> bool:
    """Start or end of text, punctuation, space, digit or Latin letter: a clause boundary."""
    return not ch or not _HAN.match(ch)


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
    return _common_word(text[pos : pos + 2], d, 30) or (
        pos + 3 <= len(text) and _common_word(text[pos : pos + 3], d, 30)
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
    for length in (3, 4):
        if pos + length <= len(text) and _common_word(text[pos : pos + length], d, 20):
            return 0  # 连 + 班主任: a longer word starts right after the surname character
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
    at = 0
    while (m := lex.finder.search(text, at)) is not None:
        # A rejected match is retried one character on (老公孙悦: not 公孙 but 孙悦).
        at = m.start() + 1
        found = _judge(text, m.start(), m.end(), lex, d)
        if found is not None:
            yield found
            at = found.end


def _judge(text: str, start: int, pos: int, lex: _Lexicon, d: _Dictionary) -> Candidate | None:
    """Decide on the candidate whose surname is ``text[start:pos]``."""
    cue = _cue_before(text, start, d)
    if cue == "key":
        # The field is named for a person's name: its whole value is the name, even one that is
        # also a word ("receiverName":"陆军"), if it has the length of one.
        end = pos
        while end < len(text) and end - pos < 3 and _HAN.match(text[end]) is not None:
            end += 1
        if 1 <= end - pos <= 2 and _hard_boundary(text[end : end + 1]):
            return Candidate("person_name", start, end, 0.93, 0)
        cue = "strong"
    strong = cue == "strong"
    if not strong and start and d.freq.get(text[start - 1 : start + 1], 0) >= 50:
        return None  # the surname character ends a word (any tag: jieba tags 老公 as nr): 老公, 公安, 地方 …
    given = _given_length(text, pos, lex, strong, d)
    if given == 0:
        return None
    end = pos + given
    name = text[start:end]
    if name in lex.brands or text.startswith(_NOT_PERSON_AFTER, end):
        return None
    marked = _person_after(text, end)
    if name[0] in _AMBIGUOUS_SURNAMES and pos - start == 1:
        # 和, 都, 斯 …: the given name must not be a word (和+广大), a title must be a real one,
        # and a cue needs a clean boundary after the name (客服万雪态度很好, not 用户都懵了).
        if given == 2 and _common_word(text[pos:end], d, 20):
            return None
        marked = marked and text.startswith(_LONG_TITLES, end)
        clean_after = (
            _hard_boundary(text[end : end + 1]) or text.startswith(_BREAK_AFTER, end) or _word_starts(text, end, d)
        )
        strong = strong and (marked or clean_after)
    if not _boundary_after(text, end, d) and (given == 2 or not (strong or marked)):
        return None
    common = _common_word(name, d)
    hard_after = _hard_boundary(text[end : end + 1])
    if strong or marked:
        if common and not (strong and hard_after and d.freq.get(name, 0) < 1000):
            return None
        prefix_is_word = pos - start == 1 and _common_word(text[start : pos + 1], d, 200)
        if given == 2 and prefix_is_word and text[pos + 1] not in lex.given:
            return None  # 客服解释得很清楚: 解释 is a word, not 解 + given name
        return Candidate("person_name", start, end, 0.92 if strong else 0.88, 0)
    # Without a cue or title, the dictionary has the last word.
    if common or _inside_longer_word(text, start, end, d):
        return None
    hard_before = _hard_boundary(text[start - 1 : start] if start else "")
    clean = hard_before and hard_after  # 黎凤，+86 …: a name standing alone between separators
    if name[0] in _AMBIGUOUS_SURNAMES and pos - start == 1 and not (clean and given == 2):
        return None
    if not clean and _common_word(text[start : pos + 1], d, 200) and pos - start == 1:
        return None  # 高中生: 高中 is a word, not 高 + given name
    if _is_name_tag(d.tags.get(name)) and len(name) >= 3 and (_boundary_before(text, start) or cue):
        return Candidate("person_name", start, end, 0.8, 0)
    if not all(ch in lex.given for ch in text[pos:end]):
        return None
    if clean:
        return Candidate("person_name", start, end, 0.75, 0)
    if given == 1 and _common_word(text[start : pos + 1], d, 50):
        return None  # 高兴, 方便: a word, not surname + given name
    if cue == "weak" or (hard_before and text.startswith(_WEAK_AFTER, end)):
        return Candidate("person_name", start, end, 0.7, 0)
    if _boundary_before(text, start) and len(name) >= 3 and d.tags.get(name) is None:
        return Candidate("person_name", start, end, 0.6, 0)
    return None
