"""Generate the labelled Chinese PI corpus used by ``bench/pi_detection.py``.

The corpus is built from hand-written review-, chat- and log-style templates whose slots are
filled by small generators that write each kind the way Chinese users and systems actually write
it (phones with ``+86``/spaces/dashes, landlines with brackets, ID numbers with valid check digits,
bank cards that pass Luhn, grouped or not, Taobao-style space-separated addresses, ...).  Next to
the PI it puts look-alikes that are *not* PI (order and tracking numbers, timestamps, prices,
SKUs, barcodes, version numbers, already-masked numbers, brands named after people, bare place
names), some built on purpose to pass the Luhn or ID checksum.

The text is assembled piece by piece, so every span's offsets are exact by construction.  Only the
standard library is used and every random choice comes from one seeded ``random.Random``, so the
output is byte-for-byte reproducible::

    .venv/bin/python bench/data/make_pi_corpus.py            # writes bench/data/pi_corpus.jsonl
    .venv/bin/python bench/data/make_pi_corpus.py --check    # exits 1 if the file is stale
    .venv/bin/python bench/data/make_pi_corpus.py --heldout --seed 42   # bench/out/pi_corpus_heldout.jsonl

The held-out variant has its own templates and vocabulary, and most of its sentences are composed
afresh from parts (``pi_heldout.py``); ``bench/pi_detection.py`` draws a new seed for it on every
run, prints it, and never writes its error list unless asked, so it cannot be tuned against.

Each JSONL row: ``{"id", "style", "text", "spans": [{"kind", "start", "end", "text", "fmt"}],
"decoys": [{"kind", "start", "end", "text"}]}`` - ``start``/``end`` are Python ``str`` offsets,
end exclusive; ``fmt`` names the written variant (for error analysis); ``decoys`` are the
look-alikes, which a detector should leave alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import string
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

SEED = 20231128
N_SENTENCES = 3900
OUT = Path(__file__).with_name("pi_corpus.jsonl")

PI_KINDS = (
    "phone",
    "landline",
    "id_number",
    "bank_card",
    "email",
    "ipv4",
    "ipv6",
    "plate",
    "passport",
    "qq",
    "wechat_id",
    "person_name",
    "address",
)


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str | None = None  # a PI kind, or None
    decoy: str | None = None  # a look-alike type, or None
    fmt: str = ""


Gen = Callable[[random.Random], Piece]


def words(text: str) -> list[str]:
    return text.split()


def lit(text: str) -> Piece:
    return Piece(text)


def digits(r: random.Random, n: int, first: str = "0123456789") -> str:
    return r.choice(first) + "".join(r.choice(string.digits) for _ in range(n - 1))


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in s)


# ---------------------------------------------------------------------------------------------
# checksums


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_digit(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def ean13_check_digit(body12: str) -> str:
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body12))
    return str((10 - total % 10) % 10)


# ---------------------------------------------------------------------------------------------
# phones


MOBILE_PREFIXES = words(
    "130 131 132 133 134 135 136 137 138 139 145 147 149 150 151 152 153 155 156 157 158 159 162 165 166 "
    "167 170 171 172 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 190 191 192 193 195 196 "
    "197 198 199"
)
# prefixes that dominate real traffic are listed again to weight them
MOBILE_PREFIXES += words("135 136 137 138 139 150 151 152 158 159 186 187 188 189 131 132 155 156 177 180 181 199")


def mobile_digits(r: random.Random) -> str:
    return r.choice(MOBILE_PREFIXES) + digits(r, 8)


def g_phone(r: random.Random) -> Piece:
    n = mobile_digits(r)
    a, b, c = n[:3], n[3:7], n[7:]
    variants = [
        (40, "plain", n),
        (9, "space344", f"{a} {b} {c}"),
        (9, "dash344", f"{a}-{b}-{c}"),
        (7, "+86", f"+86{n}"),
        (9, "+86 space", f"+86 {n}"),
        (5, "+86 grouped", f"+86 {a} {b} {c}"),
        (4, "+86-dash", f"+86-{a}-{b}-{c}"),
        (3, "+86-", f"+86-{n}"),
        (2, "fullwidth", fullwidth(n)),
    ]
    fmt, text = pick(r, variants)
    return Piece(text, "phone", fmt=fmt)


def pick(r: random.Random, weighted: list[tuple[int, str, str]]) -> tuple[str, str]:
    total = sum(w for w, _, _ in weighted)
    x = r.uniform(0, total)
    for w, fmt, text in weighted:
        x -= w
        if x <= 0:
            return fmt, text
    return weighted[-1][1], weighted[-1][2]


AREA3 = ["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"]
AREA4 = words(
    "0311 0351 0371 0411 0431 0451 0471 0512 0510 0513 0531 0532 0551 0571 0574 0577 0579 0591 0592 0731 "
    "0751 0752 0754 0755 0756 0757 0760 0769 0771 0791 0851 0871 0898 0931 0951 0991"
)


def g_landline(r: random.Random) -> Piece:
    if r.random() < 0.45:
        area, local = r.choice(AREA3), digits(r, 8, "2345678")
    else:
        area = r.choice(AREA4)
        local = digits(r, 8 if r.random() < 0.75 else 7, "2345678")
    half = len(local) // 2
    variants = [
        (40, "dash", f"{area}-{local}"),
        (14, "brackets", f"({area}){local}"),
        (14, "fw-brackets", f"（{area}）{local}"),
        (10, "dash-grouped", f"{area}-{local[:half]} {local[half:]}"),
        (8, "space", f"{area} {local}"),
        (6, "plain", f"{area}{local}"),
        (4, "+86", f"+86-{area[1:]}-{local}"),
        (4, "brackets-space", f"({area}) {local}"),
    ]
    fmt, text = pick(r, variants)
    return Piece(text, "landline", fmt=fmt)


# ---------------------------------------------------------------------------------------------
# identity numbers

AREA_CODES = words(
    "110101 110102 110105 110108 110114 120101 120104 130102 130104 130602 140105 140106 150102 150105 "
    "210102 210202 220102 220104 230103 230104 310101 310104 310110 310112 310115 320102 320106 320211 "
    "320583 320506 330102 330106 330108 330382 330602 340104 340111 350102 350203 350582 360102 360111 "
    "370102 370202 370785 371302 410105 410305 411302 420106 420111 420602 422801 430104 430111 433101 "
    "440103 440106 440304 440305 440606 441900 445202 450103 450305 460105 500103 500112 500233 510104 "
    "510107 511102 520102 522601 530102 532901 540102 610113 610302 620102 630104 640104 650102 654002"
)


def birth_date(r: random.Random, y0: int, y1: int) -> tuple[int, int, int]:
    y = r.randint(y0, y1)
    m = r.randint(1, 12)
    dmax = [31, 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return y, m, r.randint(1, dmax[m - 1])


def id18(r: random.Random) -> str:
    y, m, d = birth_date(r, 1945, 2008)
    body = f"{r.choice(AREA_CODES)}{y:04d}{m:02d}{d:02d}{r.randint(1, 999):03d}"
    return body + id_check_digit(body)


def g_id(r: random.Random) -> Piece:
    n = id18(r)
    if r.random() < 0.22:  # make X-check-digit IDs common enough to measure
        while not n.endswith("X"):
            n = id18(r)
    fmt = "18"
    if n.endswith("X") and r.random() < 0.25:
        n, fmt = n[:-1] + "x", "18-lower-x"
    elif r.random() < 0.06:
        n, fmt = f"{n[:6]} {n[6:14]} {n[14:]}", "18-spaced"
    elif r.random() < 0.02:
        n, fmt = fullwidth(n), "18-fullwidth"
    return Piece(n, "id_number", fmt=fmt)


def g_id15(r: random.Random) -> Piece:
    y, m, d = birth_date(r, 1940, 1985)
    return Piece(f"{r.choice(AREA_CODES)}{y % 100:02d}{m:02d}{d:02d}{r.randint(1, 999):03d}", "id_number", fmt="15")


# bank identification numbers (first six digits) as printed on real Chinese cards, with card length
BINS = (
    ("622202", 19),  # ICBC debit
    ("621226", 19),  # ICBC
    ("622848", 19),  # ABC
    ("621700", 19),  # CCB
    ("622700", 19),  # CCB
    ("436742", 16),  # CCB Visa credit
    ("621661", 19),  # BOC
    ("601382", 19),  # BOC
    ("622262", 19),  # BOCOM
    ("621483", 16),  # CMB
    ("622588", 16),  # CMB
    ("623058", 19),  # Ping An
    ("622908", 19),  # Industrial Bank
    ("621799", 19),  # PSBC
    ("622150", 19),  # PSBC
    ("625965", 16),  # UnionPay credit
    ("628288", 16),  # UnionPay credit
    ("518710", 16),  # Mastercard credit
    ("552534", 16),  # Mastercard credit
    ("438088", 16),  # Visa credit
    ("356833", 16),  # JCB (BOC)
    ("621462", 18),  # rural credit union (18 digits)
    ("622126", 17),  # city commercial bank (17 digits)
)


def card_number(r: random.Random) -> str:
    bin_, length = r.choice(BINS)
    body = bin_ + digits(r, length - 7)
    return body + luhn_check_digit(body)


def group4(s: str, sep: str = " ") -> str:
    return sep.join(s[i : i + 4] for i in range(0, len(s), 4))


def g_bank(r: random.Random) -> Piece:
    n = card_number(r)
    x = r.random()
    if x < 0.55:
        return Piece(n, "bank_card", fmt=f"plain{len(n)}")
    if x < 0.93:
        return Piece(group4(n), "bank_card", fmt=f"grouped{len(n)}")
    return Piece(group4(n, "-"), "bank_card", fmt=f"dashed{len(n)}")


def g_passport(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.55:
        return Piece("E" + digits(r, 8), "passport", fmt="E8")
    if x < 0.85:
        letter = r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ")
        return Piece("E" + letter + digits(r, 7), "passport", fmt="EL7")
    return Piece("G" + digits(r, 8), "passport", fmt="G8")


# ---------------------------------------------------------------------------------------------
# online identifiers

PINYIN = words(
    "zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie "
    "song tang han feng deng cao peng zeng xiao tian dong yuan pan jiang cai yu du ye cheng su wei lv "
    "ding ren shen yao lu jin shi fang bai qin xia"
)
GIVEN_PINYIN = words(
    "wei fang na min jing li qiang lei jun yang yong yan jie juan tao ming chao xia ping gang hua jian "
    "xin hao yu xuan han yi tong zixuan haoran yuxuan xinyi ziyi jiahui mengyao tingting xiaoming "
    "dongdong"
)
ENGLISH = words("amy tony kevin lucy coco jack lily david sunny momo linda eric vivian leo candy alex")


def handle(r: random.Random) -> str:
    """A pinyin/English user handle as people pick them for mail and WeChat."""
    x = r.random()
    if x < 0.35:
        h = r.choice(PINYIN) + r.choice(GIVEN_PINYIN)
    elif x < 0.55:
        h = r.choice(PINYIN) + r.choice(["_", ".", ""]) + r.choice(GIVEN_PINYIN)
    elif x < 0.75:
        h = r.choice(ENGLISH) + r.choice(["", "_", ""]) + r.choice(PINYIN)
    else:
        h = r.choice(GIVEN_PINYIN) + r.choice(["", "_"]) + r.choice(ENGLISH)
    if r.random() < 0.6:
        h += r.choice(["", "_", ""]) + r.choice(
            ["88", "520", "666", "123", "2008", "1990", "1314", str(r.randint(1, 99))]
        )
    return h


MAIL_DOMAINS = words(
    "qq.com qq.com qq.com 163.com 163.com 126.com sina.com sina.cn foxmail.com gmail.com outlook.com "
    "hotmail.com yeah.net 139.com aliyun.com sohu.com"
)
ORG_DOMAINS = words("zju.edu.cn pku.edu.cn mails.tsinghua.edu.cn huawei.com alibaba-inc.com bytedance.com cmbchina.com")


def qq_number(r: random.Random) -> str:
    length = r.choice([5, 6, 7, 8, 8, 9, 9, 9, 10, 10, 10, 10, 11])
    if length == 11:
        return digits(r, 1, "2") + digits(r, 10)  # 11-digit QQ numbers start with 2 (1x would read as a phone)
    if length == 10:
        return r.choice("123") + digits(r, 9)
    return digits(r, length, "123456789")


def g_email(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.2:
        return Piece(f"{qq_number(r)}@qq.com", "email", fmt="qq-number")
    if x < 0.27:
        return Piece(f"{mobile_digits(r)}@{r.choice(['139.com', '163.com', '189.cn'])}", "email", fmt="phone-number")
    if x < 0.4:
        return Piece(f"{handle(r)}@{r.choice(ORG_DOMAINS)}", "email", fmt="org")
    local = handle(r)
    if r.random() < 0.15:
        local = local.capitalize()
    return Piece(f"{local}@{r.choice(MAIL_DOMAINS)}", "email", fmt="handle")


def g_qq(r: random.Random) -> Piece:
    n = qq_number(r)
    if r.random() < 0.03:
        return Piece(fullwidth(n), "qq", fmt="fullwidth")
    return Piece(n, "qq", fmt=f"len{len(n)}")


def g_wechat(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.15:
        alnum = string.ascii_lowercase + string.digits
        return Piece("wxid_" + "".join(r.choice(alnum) for _ in range(14)), "wechat_id", fmt="wxid")
    h = handle(r).replace(".", "_")
    if len(h) < 6:
        h += str(r.randint(1000, 9999))
    h = h[:20]
    if x < 0.3:
        h = h.replace("_", "-")
    if x > 0.9:
        h = h[0].upper() + h[1:]
    return Piece(h, "wechat_id", fmt="handle")


def g_ipv4(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.25:
        ip = f"192.168.{r.randint(0, 10)}.{r.randint(1, 254)}"
        fmt = "private"
    elif x < 0.4:
        ip = f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        fmt = "private"
    elif x < 0.48:
        ip = f"172.{r.randint(16, 31)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        fmt = "private"
    else:
        first = r.choice([1, 14, 27, 36, 39, 42, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 119])
        first = r.choice(
            [first, 120, 121, 122, 123, 124, 125, 171, 175, 180, 182, 183, 202, 210, 211, 218, 219, 220, 221, 222, 223]
        )
        ip = f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        fmt = "public"
    return Piece(ip, "ipv4", fmt=fmt)


def g_ipv6(r: random.Random) -> Piece:
    prefix = r.choice(["240e", "2408", "2409", "2400", "2001:da8", "fe80"])
    groups = prefix.split(":")
    while len(groups) < 8:
        groups.append(format(r.randint(0, 0xFFFF), "x"))
    if prefix == "fe80":
        groups[1:4] = ["0", "0", "0"]
    x = r.random()
    if prefix == "fe80":
        text, fmt = "fe80::" + ":".join(groups[4:]), "link-local"
    elif x < 0.45:
        text, fmt = ":".join(groups), "full"
    elif x < 0.8:
        i = r.randint(3, 6)
        j = r.randint(i + 1, 7)
        text, fmt = ":".join(groups[:i]) + "::" + ":".join(groups[j:]), "compressed"
    else:
        text, fmt = ":".join(groups[:4]) + "::" + format(r.randint(1, 0xFFF), "x"), "compressed-short"
    if r.random() < 0.1:
        text = text.upper()
    return Piece(text, "ipv6", fmt=fmt)


PROVINCE_ABBR = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def g_plate(r: random.Random) -> Piece:
    head = r.choice(PROVINCE_ABBR) + r.choice(PLATE_LETTERS[:12] if r.random() < 0.8 else PLATE_LETTERS)
    x = r.random()
    if x < 0.6:  # regular plates: five characters, at most two of them letters
        tail_list = [r.choice(string.digits) for _ in range(5)]
        for i in r.sample(range(5), r.choices([0, 1, 2], weights=[45, 40, 15])[0]):
            tail_list[i] = r.choice(PLATE_LETTERS)
        tail = "".join(tail_list)
        kind = "regular"
    elif x < 0.88:  # small new-energy plates: D (electric) or F (hybrid), then 5 more
        tail = r.choice("DF") + r.choice(string.digits + "ABCDEFGHJK") + digits(r, 4)
        kind = "ne-small"
    else:  # large new-energy plates: 5 digits then D/F
        tail = digits(r, 5) + r.choice("DF")
        kind = "ne-large"
    sep = r.choices(["", "·", " ", "•"], weights=[55, 30, 12, 3])[0]
    text = head + sep + tail
    fmt = kind + {"": "", "·": "-dot", " ": "-space", "•": "-bullet"}[sep]
    if r.random() < 0.04:
        text, fmt = text.lower(), fmt + "-lower"
    return Piece(text, "plate", fmt=fmt)


# ---------------------------------------------------------------------------------------------
# person names

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛樊葛邢安齐易乔伍庞颜倪庄聂"
    "章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
    "牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑"
    "郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
TOP_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
COMPOUND_SURNAMES = words(
    "欧阳 司马 上官 诸葛 东方 慕容 令狐 皇甫 尉迟 公孙 长孙 宇文 司徒 夏侯 端木 独孤 南宫 轩辕 呼延 澹台"
)
RARE_SURNAMES: list[str] = []  # only the held-out vocabulary has some
GIVEN_NAMES = words(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 辉 鹏 华 飞 鑫 "
    "波 斌 宇 浩 凯 健 琳 颖 倩 蕾 慧 琦 昕 彤 哲 帆 瑶 悦 婷 雪 晶 玲 薇 丹 萍 "
    "红 梅 燕 莉 兰 凤 宁 欣 睿 秀英 秀兰 桂英 建华 建国 志强 晓燕 海燕 欣怡 子涵 梓萱 "
    "浩然 宇轩 一诺 诗涵 雨桐 俊杰 思远 佳琪 婷婷 文博 嘉怡 晨曦 子墨 若汐 家豪 天佑 明轩 "
    "紫涵 铭泽 昊天 心怡 欣妍 国庆 建军 红梅 玉兰 淑珍 春梅 丽娟 德华 振宇 永红 亚男 凤英 "
    "金凤 晓东 卫东 海涛 鹏飞 雪梅 秋菊 冬梅 宏伟 立新 志刚 春燕 佳慧 梦瑶 雅婷 晓雯 雨萱 "
    "思彤 博文 子轩 晓明 小红 美玲 丽华 桂兰 玉梅 秀珍 建平 建伟 国强 海波 文静 雅琴 晓峰 "
    "振华 志明 少华 嘉欣 梓涵 沐阳 奕辰 语桐 一鸣 书瑶 安琪 亦菲 家乐 子豪 泽宇 浩宇 俊熙 "
    "芷若 可馨 思琪 馨怡 锦程 天宇 皓轩 晓光 红霞 丽萍 艳红 秀梅 春生 长江 连英 素芬 翠花 "
    "二妮 铁柱 大伟 小龙"
)


def name_text(r: random.Random) -> tuple[str, str]:
    if r.random() < 0.08:
        surname, fmt = r.choice(COMPOUND_SURNAMES), "compound"
    else:
        surname, fmt = r.choice(TOP_SURNAMES if r.random() < 0.5 else SURNAMES), "single"
    given = r.choice(GIVEN_NAMES)
    if RARE_SURNAMES and r.random() < 0.1:
        surname = r.choice(RARE_SURNAMES)
        fmt = "compound" if len(surname) == 2 else "single"
    return surname + given, f"{fmt}{len(surname + given)}"


def g_name(r: random.Random) -> Piece:
    text, fmt = name_text(r)
    return Piece(text, "person_name", fmt=fmt)


# ---------------------------------------------------------------------------------------------
# postal addresses

# province -> [(city, [districts])]; all real divisions
REGIONS: dict[str, list[tuple[str, list[str]]]] = {
    "北京市": [("", ["朝阳区", "海淀区", "东城区", "西城区", "丰台区", "昌平区", "通州区", "大兴区"])],
    "上海市": [("", ["浦东新区", "徐汇区", "静安区", "闵行区", "杨浦区", "宝山区", "松江区"])],
    "天津市": [("", ["南开区", "河西区", "滨海新区", "西青区"])],
    "重庆市": [("", ["渝中区", "江北区", "渝北区", "沙坪坝区", "九龙坡区", "万州区"])],
    "广东省": [
        ("深圳市", ["南山区", "福田区", "宝安区", "龙岗区", "罗湖区", "龙华区"]),
        ("广州市", ["天河区", "越秀区", "海珠区", "番禺区", "白云区"]),
        ("东莞市", ["南城街道", "东城街道"]),
        ("佛山市", ["顺德区", "南海区", "禅城区"]),
        ("汕头市", ["龙湖区", "金平区"]),
    ],
    "浙江省": [
        ("杭州市", ["西湖区", "滨江区", "余杭区", "拱墅区", "上城区", "萧山区"]),
        ("宁波市", ["鄞州区", "海曙区", "北仑区"]),
        ("温州市", ["鹿城区", "乐清市", "瑞安市"]),
        ("金华市", ["义乌市", "婺城区"]),
    ],
    "江苏省": [
        ("南京市", ["鼓楼区", "玄武区", "江宁区", "建邺区"]),
        ("苏州市", ["工业园区", "姑苏区", "昆山市", "吴中区"]),
        ("无锡市", ["滨湖区", "梁溪区"]),
    ],
    "四川省": [("成都市", ["武侯区", "锦江区", "高新区", "青羊区", "双流区"]), ("绵阳市", ["涪城区"])],
    "湖北省": [("武汉市", ["洪山区", "武昌区", "江汉区", "东湖高新区"]), ("宜昌市", ["西陵区"])],
    "湖南省": [("长沙市", ["岳麓区", "天心区", "开福区", "长沙县"]), ("株洲市", ["天元区"])],
    "河南省": [("郑州市", ["金水区", "中原区", "二七区"]), ("洛阳市", ["涧西区", "洛龙区"])],
    "河北省": [("石家庄市", ["长安区", "裕华区"]), ("保定市", ["竞秀区", "莲池区"])],
    "山东省": [
        ("济南市", ["历下区", "市中区"]),
        ("青岛市", ["市南区", "崂山区", "黄岛区"]),
        ("菏泽市", ["牡丹区", "曹县"]),
    ],
    "福建省": [("福州市", ["鼓楼区", "仓山区"]), ("厦门市", ["思明区", "湖里区"]), ("泉州市", ["晋江市", "丰泽区"])],
    "安徽省": [("合肥市", ["蜀山区", "包河区", "庐阳区"]), ("芜湖市", ["镜湖区"])],
    "江西省": [("南昌市", ["红谷滩区", "东湖区"]), ("赣州市", ["章贡区"])],
    "陕西省": [("西安市", ["雁塔区", "碑林区", "未央区", "长安区"])],
    "辽宁省": [("沈阳市", ["和平区", "浑南区"]), ("大连市", ["中山区", "甘井子区"])],
    "吉林省": [("长春市", ["朝阳区", "南关区"])],
    "黑龙江省": [("哈尔滨市", ["南岗区", "道里区", "香坊区"])],
    "山西省": [("太原市", ["小店区", "迎泽区"])],
    "云南省": [("昆明市", ["五华区", "盘龙区"]), ("大理白族自治州", ["大理市"])],
    "贵州省": [("贵阳市", ["观山湖区", "南明区"]), ("黔东南苗族侗族自治州", ["凯里市"])],
    "甘肃省": [("兰州市", ["城关区", "七里河区"])],
    "海南省": [("海口市", ["美兰区", "龙华区"]), ("三亚市", ["吉阳区"])],
    "广西壮族自治区": [("南宁市", ["青秀区", "西乡塘区"]), ("桂林市", ["七星区"])],
    "内蒙古自治区": [("呼和浩特市", ["赛罕区", "新城区"]), ("鄂尔多斯市", ["康巴什区"])],
    "新疆维吾尔自治区": [("乌鲁木齐市", ["天山区", "沙依巴克区"])],
    "宁夏回族自治区": [("银川市", ["金凤区", "兴庆区"])],
    "西藏自治区": [("拉萨市", ["城关区"])],
    "青海省": [("西宁市", ["城西区"])],
}
PROVINCES = list(REGIONS)
STREET_OFFICES = words("城关 新华 人民 城东 城西 南湖 北苑 滨江 东湖 长安 文化 中心 花园 沙河 桃源 太平 新城 城南")
ROADS = words(
    "人民路 解放路 中山路 建设路 和平路 新华路 科技路 长江路 黄河路 文化路 学府路 东风路 "
    "朝阳路 沿江大道 世纪大道 滨江路 青年路 光明路 幸福路 胜利路 工业园路 府前街 人民南路 "
    "建国路 五四路 八一路 友谊路 创业路 振兴路 团结巷 育才巷 桂花巷 复兴路 迎宾大道 环城北路 "
    "新村路 学院路 车站路 公园路 体育路 民主路 西大街 东大街 北环路 南环路 金沙路 红旗路 "
    "跃进路 前进路 新华北路 解放东路 中山西路 建设大道 发展大道 兴业路 富民路 健康路 长安路"
)
COMMUNITIES = words(
    "阳光花园 碧桂园 万科城 绿地小区 幸福家园 金色家园 翠苑一区 锦绣江南 华润城 恒大名都 "
    "保利花园 龙湖天街 世纪新城 东方明珠苑 丽景湾 紫荆苑 书香门第 和谐家园 凤凰城 水岸华庭 "
    "蓝湾国际 滨江花园 融创玖樟台 中海国际社区 桃源居 美林湖 春江花月 星河湾 御景华府 天安小区 "
    "教师新村 电力宿舍 棉纺厂家属院"
)
BUILDINGS = [
    "国贸大厦",
    "科技大厦",
    "创业大厦",
    "金融中心",
    "软件园",
    "世贸中心",
    "数码港",
    "腾讯大厦",
    "万达广场",
    "环球中心",
    "时代广场",
    "华润大厦",
]
# real campuses at their real address, with a dormitory area: (province, city, district, road, campus, dorms)
CAMPUS = (
    ("浙江省", "杭州市", "西湖区", "余杭塘路866号", "浙江大学紫金港校区", "蓝田"),
    ("湖北省", "武汉市", "洪山区", "珞喻路1037号", "华中科技大学", "韵苑"),
    ("四川省", "成都市", "双流区", "川大路二段2号", "四川大学江安校区", "西园"),
    ("广东省", "广州市", "海珠区", "新港西路135号", "中山大学南校园", "至善园"),
    ("江苏省", "南京市", "栖霞区", "仙林大道163号", "南京大学仙林校区", "二期"),
)
DORM = "舍"
VILLAGES = ["李家", "王庄", "张湾", "刘营", "陈家", "杨柳", "河西", "东坡", "后沟", "前进"]


def room_number(r: random.Random) -> str:
    floor = r.randint(1, 32)
    return f"{floor}{r.randint(1, 8):02d}"


def building_part(r: random.Random) -> str:
    x = r.random()
    if x < 0.5:
        unit = f"{r.randint(1, 6)}单元" if r.random() < 0.6 else ""
        room = room_number(r) + r.choice(["室", "室", "", "房"])
        blk = r.choice(
            [f"{r.randint(1, 30)}栋", f"{r.randint(1, 30)}号楼", f"{r.randint(1, 30)}幢", f"{r.choice('ABCDEFG')}座"]
        )
        return r.choice(COMMUNITIES) + blk + unit + room
    if x < 0.65:
        return f"{r.choice(COMMUNITIES)}{r.randint(1, 30)}-{r.randint(1, 6)}-{room_number(r)}"
    b = r.choice(BUILDINGS)
    if r.random() < 0.5:
        return f"{b}{r.choice('ABCD')}座{room_number(r)}"
    return f"{b}{r.randint(2, 40)}楼{room_number(r)}室"


def g_addr(r: random.Random) -> Piece:
    province = r.choice(PROVINCES)
    city, districts = r.choice(REGIONS[province])
    district = r.choice(districts)
    road = f"{r.choice(ROADS)}{r.randint(1, 999)}号"
    x = r.random()
    if x < 0.06:  # a student's dormitory
        province, city, district, road, campus, area = r.choice(CAMPUS)
        parts = [
            province,
            city,
            district,
            road,
            f"{campus}{area}{r.randint(1, 30)}{DORM}{r.randint(1, 6)}{r.randint(1, 30):02d}",
        ]
        fmt = "campus"
    elif x < 0.14 and city:  # rural address down to the house
        village = r.choice(VILLAGES)
        town = r.choice(STREET_OFFICES) + "镇"
        parts = [province, city, district, town, f"{village}村", f"{r.randint(1, 12)}组{r.randint(1, 99)}号"]
        fmt = "rural"
    else:
        parts = [province, city, district]
        if r.random() < 0.3 and not district.endswith("街道"):
            parts.append(r.choice(STREET_OFFICES) + "街道")
        parts.append(road)
        if r.random() < 0.9:
            parts.append(building_part(r))
            fmt = "full"
        else:
            fmt = "to-house-number"
    regions = 3 if city else 2
    parts = [p for p in parts if p]
    y = r.random()
    if y < 0.3:  # Taobao/JD show the region fields separated by spaces
        text = " ".join(parts[:regions]) + " " + "".join(parts[regions:])
        fmt += "-spaced"
    elif y < 0.38 and province.endswith("省"):
        parts[0] = province[:-1]  # "广东深圳市..."
        text = "".join(parts)
        fmt += "-no-sheng"
    else:
        text = "".join(parts)
    return Piece(text, "address", fmt=fmt)


# ---------------------------------------------------------------------------------------------
# look-alikes (not PI)


def g_order(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.3:  # Taobao-style 19 digits, constructed to pass Luhn like a UnionPay card
        body = r.choice("1234") + digits(r, 17)
        return Piece(body + luhn_check_digit(body), decoy="order_no_luhn")
    if x < 0.55:  # 18 digits whose last digit is a valid GB 11643 check digit
        while True:
            body = digits(r, 17, "123456789")
            check = id_check_digit(body)
            if check != "X":
                return Piece(body + check, decoy="order_no_id_checksum")
    if x < 0.72:
        return Piece(digits(r, r.choice([18, 19]), "123456789"), decoy="order_no")
    if x < 0.82:  # merchant order: timestamp + serial
        y, m, d = birth_date(r, 2021, 2024)
        return Piece(f"{y}{m:02d}{d:02d}{r.randint(0, 23):02d}{r.randint(0, 59):02d}{digits(r, 6)}", decoy="order_no")
    if x < 0.9:  # Pinduoduo: yymmdd-15 digits
        y, m, d = birth_date(r, 2021, 2024)
        return Piece(f"{y % 100:02d}{m:02d}{d:02d}-{digits(r, 15)}", decoy="order_no")
    return Piece(digits(r, r.choice([12, 13]), "23456789"), decoy="order_no_short")  # JD-style


def g_tracking(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.25:
        return Piece("SF" + digits(r, r.choice([12, 13]), "1234"), decoy="tracking_no")
    if x < 0.4:
        return Piece("YT" + digits(r, 13, "2345789"), decoy="tracking_no")
    if x < 0.48:
        return Piece(r.choice(["JT", "JDVA", "JDX"]) + digits(r, 13 if x < 0.44 else 11), decoy="tracking_no")
    if x < 0.55:
        return Piece(f"E{r.choice('ABCLMRSV')}{digits(r, 9)}CN", decoy="tracking_no_ems")
    return Piece(digits(r, r.choice([12, 13, 13, 14, 15]), "34567"), decoy="tracking_no_digits")


def g_ts(r: random.Random) -> Piece:
    x = r.random()
    y, m, d = birth_date(r, 2020, 2024)
    if x < 0.45:
        return Piece(
            f"{y}{m:02d}{d:02d}{r.randint(0, 23):02d}{r.randint(0, 59):02d}{r.randint(0, 59):02d}", decoy="timestamp"
        )
    if x < 0.75:
        return Piece(str(r.randint(1_600_000_000, 1_730_000_000)), decoy="unix_time")
    return Piece(str(r.randint(1_600_000_000_000, 1_730_000_000_000)), decoy="unix_time_ms")


def g_price(r: random.Random) -> Piece:
    amount = r.choice([r.randint(5, 300), r.randint(100, 9999), r.randint(1000, 29999)])
    cents = r.choice(["", ".00", ".90", ".99", f".{r.randint(10, 99)}"])
    v = f"{amount:,}" if amount >= 1000 and r.random() < 0.4 else str(amount)
    return Piece(r.choice([f"¥{v}{cents}", f"￥{v}{cents}", f"{v}{cents}元", f"{v}元", f"{v}{cents}"]), decoy="price")


def g_price_num(r: random.Random) -> Piece:
    return Piece(f"{r.randint(1, 29999)}.{r.randint(0, 99):02d}", decoy="price")


def g_sku(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.25:
        return Piece("1000" + digits(r, 8), decoy="sku")  # JD SKU ids: 100012043978
    if x < 0.35:
        return Piece(digits(r, r.choice([7, 8]), "123456789"), decoy="sku")  # older JD SKU ids
    if x < 0.55:
        return Piece(digits(r, 12, "5678"), decoy="sku")  # Taobao item id
    if x < 0.75:
        letters = "".join(r.choice(string.ascii_uppercase) for _ in range(r.randint(1, 3)))
        return Piece(f"{letters}{r.randint(1, 9999)}-{r.randint(1, 999):03d}", decoy="sku")
    if x < 0.9:
        return Piece(
            f"{r.choice(['RTX', 'XR', 'MX', 'K', 'HW', 'MI'])}{r.randint(10, 9999)}{r.choice(['', 'Pro', 'S', 'Max'])}",
            decoy="model",
        )
    return Piece(digits(r, 10, "12345678") + digits(r, 6), decoy="serial_no")


def g_ean(r: random.Random) -> Piece:
    body = r.choice(["690", "691", "692", "693", "694", "695", "697", "978"]) + digits(r, 9)
    return Piece(body + ean13_check_digit(body), decoy="barcode")


def g_version(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.35:
        return Piece(
            f"{r.choice(['v', 'V', ''])}{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 30)}", decoy="version"
        )
    if x < 0.7:  # four dotted parts, all <= 255: reads as an IPv4 out of context
        return Piece(
            f"{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 60)}.{r.randint(1, 255)}", decoy="version_4part"
        )
    if x < 0.85:
        return Piece(f"10.0.{r.randint(17000, 22631)}.{r.randint(100, 4000)}", decoy="version_4part")
    return Piece(
        f"{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 99)}.{r.randint(1000, 99999)}", decoy="version_4part"
    )


def g_masked(r: random.Random) -> Piece:
    x = r.random()
    if x < 0.5:
        n = mobile_digits(r)
        return Piece(n[:3] + "****" + n[7:], decoy="masked_phone")
    if x < 0.8:
        n = id18(r)
        return Piece(n[:3] + "*" * 11 + n[14:] if r.random() < 0.5 else n[:6] + "********" + n[14:], decoy="masked_id")
    n = card_number(r)
    return Piece(r.choice(["**** **** **** ", "尾号"]) + n[-4:], decoy="masked_card")


BRANDS = [
    "李宁",
    "王老吉",
    "张小泉",
    "周大福",
    "周生生",
    "杨国福",
    "张亮",
    "陈克明",
    "老干妈",
    "周黑鸭",
    "王守义",
    "谭木匠",
    "李锦记",
    "马应龙",
    "曹氏",
    "邓老凉茶",
]


def g_brand(r: random.Random) -> Piece:
    return Piece(r.choice(BRANDS), decoy="brand")


PLACES = words(
    "广东 浙江 江苏 福建 上海 北京 杭州 深圳 义乌 广州 成都 武汉 苏州 东莞 泉州 四川 湖南 "
    "云南 新疆 内蒙古 海南 重庆 山东 河北 东北 潮汕 珠三角 长三角"
)


def g_place(r: random.Random) -> Piece:
    return Piece(r.choice(PLACES), decoy="place")


def g_invoice(r: random.Random) -> Piece:
    return Piece(f"发票代码{digits(r, 12, '01')} 发票号码{digits(r, 8)}", decoy="invoice")


def g_uid(r: random.Random) -> Piece:
    return Piece(digits(r, r.choice([7, 8, 9, 10]), "123456789"), decoy="uid")


def g_code(r: random.Random) -> Piece:
    return Piece(digits(r, 6), decoy="verification_code")


def g_pickup(r: random.Random) -> Piece:
    return Piece(f"{r.randint(1, 20)}-{r.randint(1, 6)}-{r.randint(1000, 9999)}", decoy="pickup_code")


def g_txn(r: random.Random) -> Piece:
    y, m, d = birth_date(r, 2022, 2024)
    return Piece(f"4200{digits(r, 6)}{y}{m:02d}{d:02d}{digits(r, 10)}", decoy="transaction_id")


def g_trace(r: random.Random) -> Piece:
    return Piece("".join(r.choice("0123456789abcdef") for _ in range(32)), decoy="trace_id")


def g_openid(r: random.Random) -> Piece:
    alphabet = string.ascii_letters + string.digits + "_-"
    return Piece("o" + "".join(r.choice(alphabet) for _ in range(27)), decoy="openid")


# ---------------------------------------------------------------------------------------------
# fillers and cues (plain text)


def choice_of(*options: str) -> Gen:
    return lambda r: lit(r.choice(options))


def g_date(r: random.Random) -> Piece:
    y, m, d = birth_date(r, 2022, 2024)
    return lit(r.choice([f"{m}月{d}日", f"{m}.{d}", f"{y}年{m}月{d}日", f"{m}号", "昨天", "前天", "上周五"]))


def g_wx_cue(r: random.Random) -> Piece:
    # a Latin cue glued to a Latin ID ("vxabc123") cannot be split even by a person, so those get a separator
    cue = r.choice(["微信", "微信：", "微信号", "微信号：", "V信", "薇信", "威信", "vx", "VX", "wx", "V", "wechat"])
    if cue[-1].isascii():
        cue += r.choice(["：", ":", " ", "："])
    return lit(cue)


def g_dt(r: random.Random) -> Piece:
    y, m, d = birth_date(r, 2023, 2024)
    hh, mm, ss, ms = r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.randint(0, 999)
    return lit(
        r.choice(
            [
                f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}.{ms:03d}",
                f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
                f"{y}/{m:02d}/{d:02d} {hh:02d}:{mm:02d}:{ss:02d}",
                f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}+08:00",
            ]
        )
    )


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def g_nginx_dt(r: random.Random) -> Piece:
    y, m, d = birth_date(r, 2023, 2024)
    return lit(
        f"{d:02d}/{MONTHS[m - 1]}/{y}:{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} +0800"
    )


SLOTS: dict[str, Gen] = {
    # PI
    "phone": g_phone,
    "landline": g_landline,
    "idno": g_id,
    "idno15": g_id15,
    "bank": g_bank,
    "email": g_email,
    "ipv4": g_ipv4,
    "ipv6": g_ipv6,
    "plate": g_plate,
    "passport": g_passport,
    "qq": g_qq,
    "wechat": g_wechat,
    "name": g_name,
    "addr": g_addr,
    # look-alikes
    "order": g_order,
    "tracking": g_tracking,
    "ts": g_ts,
    "price": g_price,
    "price_num": g_price_num,
    "fee": lambda r: Piece(str(r.randint(2, 120)), decoy="price"),
    "sku": g_sku,
    "ean": g_ean,
    "version": g_version,
    "masked": g_masked,
    "brand": g_brand,
    "place": g_place,
    "invoice": g_invoice,
    "uid": g_uid,
    "code": g_code,
    "pickup": g_pickup,
    "txn": g_txn,
    "trace": g_trace,
    "openid": g_openid,
    # fillers and cues
    "date": g_date,
    "dt": g_dt,
    "nginx_dt": g_nginx_dt,
    "n": lambda r: lit(str(r.choice([r.randint(1, 9), r.randint(10, 99), r.randint(100, 2048)]))),
    "port": lambda r: lit(str(r.choice([80, 443, 8080, 8443, 3306, r.randint(1024, 65535)]))),
    "city": choice_of("北京", "上海", "广州", "深圳", "杭州", "成都", "重庆", "西安", "郑州", "长沙", "老家"),
    "product": choice_of(
        "空气炸锅",
        "蓝牙耳机",
        "羽绒服",
        "保温杯",
        "猫粮",
        "洗衣液",
        "行车记录仪",
        "充电宝",
        "四件套",
        "扫地机器人",
        "运动鞋",
        "面膜",
        "茶叶",
        "老人机",
        "路由器",
        "儿童座椅",
        "电饭煲",
        "机械键盘",
    ),
    "courier": choice_of("顺丰", "圆通", "中通", "韵达", "申通", "极兔", "京东快递", "邮政EMS", "德邦"),
    "bank_name": choice_of(
        "工商银行", "建设银行", "农业银行", "招商银行", "中国银行", "交通银行", "邮储银行", "平安银行", "兴业银行"
    ),
    "phone_cue": choice_of(
        "手机",
        "手机号",
        "电话",
        "手机：",
        "电话：",
        "手机号：",
        "联系电话：",
        "Tel:",
        "tel：",
        "电话号码是",
        "手机号码",
        "联系方式：",
    ),
    "qq_cue": choice_of(
        "QQ", "QQ：", "QQ:", "qq", "qq号", "QQ号：", "QQ号码", "扣扣", "扣扣：", "Q号：", "企鹅号", "QQ "
    ),
    "wx_cue": g_wx_cue,
    "bank_cue": choice_of("银行卡号", "卡号", "银行卡", "卡号：", "账号", "收款账号：", "尾号不对，完整卡号是"),
    "id_cue": choice_of("身份证号", "身份证", "身份证号码：", "身份证：", "证件号", "证件号码", "身份证号是"),
    "sep": choice_of("，", "，", " ", "、", "；", ","),
    "sku_cue": choice_of("货号", "货号：", "商品编号", "商品编号：", "SKU:", "SKU ", "商品ID ", "款号", "型号"),
    "tracking_cue": choice_of("运单号", "快递单号", "单号", "快递单号：", "运单号：", "物流单号"),
    "order_cue": choice_of("订单号", "订单号：", "订单编号", "订单编号：", "订单", "单号："),
}

# ---------------------------------------------------------------------------------------------
# templates

REVIEW = """
物流很快，{date}下单今天就到了，快递小哥{name}很负责，点赞！
东西收到了，质量不错，就是{order_cue}{order}的赠品没给，客服说补发。
差评！{tracking_cue}{tracking}显示已签收，可我根本没收到，打快递员电话{phone}也没人接。
衣服很合身，{price}这个价格值了，推荐给{name}了，她也下单了。
给我妈买的{product}，寄到{addr}，老人家很喜欢。
商家把我的地址写错了，正确的是{addr}，联系电话{phone}，麻烦改一下。
第二次回购了，{brand}的东西一直很放心，这款{price}性价比很高。
客服{name}态度很好，耐心帮我查了{tracking_cue}{tracking}，五星好评。
收到货发现少了一件，{order_cue}{order}，已经拍照，请尽快联系我{phone}。
发票开好了吗？抬头写个人，发到{email}就行。
路由器不错，固件升级到{version}之后信号稳定多了，后台地址{ipv4}也好记。
鞋子尺码偏大，换货寄回地址是{addr}吗？收件人写{name}？
物流太慢了，从{place}发货走了五天，{tracking_cue}{tracking}一直不更新。
这家店的{product}真心好用，已经推荐给同事{name}和{name}。
差评，卖家私下让我加{wx_cue}{wechat}返现，这种操作不推荐。
好评返现要加{qq_cue}{qq}，加了半天没通过，差评。
用我老公{name}的卡付的款，{bank_cue}{bank}，退款请原路退回。
买了挪车牌，把{phone}写上放在{plate}的挡风玻璃下面，很显眼。
帮朋友代购的奶粉，护照号{passport}已经发给商家报关了，希望顺利。
跨境商品需要实名，填了{name}和身份证{idno}，清关很快。
价格{price}，比实体店便宜不少，条码{ean}扫出来是正品。
包装破损，箱子上还贴着别人的面单：{name} {phone} {addr}，隐私泄露太严重了！
快递员{name}电话{phone}，送货上门很专业，还帮忙搬上楼。
店家回复：亲，您的{order_cue}{order}已发货，{courier}单号{tracking}，请注意查收~
发货地{place}，三天就到{city}了，速度可以。
为什么下单要身份证号？我填了{idno}，现在有点后悔。
充电宝容量足，用了一个月没问题，{brand}的品质靠谱。
给{name}买的生日礼物，她说喜欢，下次还来。
老人机很好用，帮我爸把{phone}和{landline}都存进去了，字也大。
卖家发货速度快，客服电话{landline}也能打通，点赞。
说是正品，查了{sku_cue}{sku}，官网能查到。
双十一{price}入手，{courier}的{tracking_cue}{tracking}，第二天就到了。
质量一般，还不如{brand}，{price}买贵了。
联系了安装师傅{name}（{phone}）说可以上门，结果等了三天。
装修师傅{name}手艺不错，需要的可以打他电话{phone}，也可以加他{wx_cue}{wechat}。
发票已收到，{invoice}，谢谢商家。
收货地址：{addr}，备注：放门卫处，谢谢。
{order_cue}{order}，{price}，用{bank_name}{bank}付的，扣款了订单还显示未支付？
{name}推荐的，确实好用，{product}已经回购三次了。
行车记录仪拍得很清楚，前车{plate}加塞都拍下来了。
{brand}旗舰店买的，{date}到货，包装完好。
新能源车主表示充电桩好用，我的{plate}在小区地库装的。
垃圾商家，收了钱不发货，老板叫{name}，{phone}，大家小心。
刚开始以为是假货，后来对比了{sku_cue}{sku}确实一样，好评。
帮同事{name}代收的快递，送到{addr}，她让我写个好评。
和描述一致，{date}下的单，秒发货，{order_cue}{order}。
店里的{product}不错，{place}产的，就是{price}有点贵。
宝贝到了，送货的是{courier}，快递员{name}，电话{phone}，服务态度好。
售后让我提供银行卡收退款，{bank_cue}{bank}，户名{name}，到现在没到账。
外贸原单，{sku_cue}{sku}，{price}，穿着舒服。
客服让我发邮件到{email}补开发票，已经发了。
车载支架装在{plate}上很稳，推荐。
用{version}版本的APP下单总是闪退，卸载重装才好。
买的是{place}的特产，{courier}冷链，{tracking_cue}{tracking}，到手还是冰的。
身份证{idno}是我本人的，商家为什么说实名不通过？
给宿舍买的，寄到{addr}，舍友{name}很喜欢。
邮件{email}已收到电子保修卡，赞一个。
已经是第三次在这家买了，{name}客服每次都很耐心。
"""

CHAT = """
收货人：{name}，电话：{phone}，地址：{addr}
{name} {phone} {addr}
{name}，{phone}，{addr}
{name}{sep}{phone}{sep}{addr}
地址改一下：{addr}，{name}收，{phone}
我{phone_cue}{phone}，到了打电话
打我座机{landline}，白天都在
加我{wx_cue}{wechat}，发你实拍图
{qq_cue}{qq}，有问题随时找我
退款打到我卡上吧，{bank_cue}{bank}，户名{name}
{id_cue}{idno}，名字{name}，麻烦帮我实名一下
我的护照号是{passport}，机票用这个订
护照号码：{passport}，姓名{name}，麻烦帮我办一下签证
发到我邮箱{email}吧，谢谢
车牌{plate}，{date}到店保养
你好，我的{order_cue}{order}，怎么还没发货？
{tracking_cue}{tracking}，帮我查下到哪了
这个{price}能便宜点吗，我买两件
好的亲，已为您备注，{courier}{tracking_cue}{tracking}
在吗？{name}让我来找你的，说你这有{product}
我老号码{phone}不用了，新号{phone}
@{name} 你的快递到了，放菜鸟驿站了，取件码{pickup}
老身份证号是{idno15}，系统提示格式不对
我爸叫{name}，{id_cue}{idno}，帮他也报个名
{name}的手机{phone}，他在{addr}上班
电话{phone}，微信同号
有事加我扣扣{qq}或者{wx_cue}{wechat}
外地的可以寄过来，{addr}，{name}收
我在{place}出差，下周回来再处理
快递给我寄到公司：{addr}，前台代收
打款账号：{bank}（{bank_name}），{name}
登录提示异地IP{ipv4}，不是我本人操作的
路由器后台{ipv4}打不开怎么办
IPv6地址显示{ipv6}，是不是已经开通了
麻烦把发票发到{email}，税号我稍后发你
加{wx_cue}{wechat}（备注买家）
亲，您的验证码是{code}，请勿泄露
你好{name}，你买的{product}已经发{courier}了，单号{tracking}
我是{name}，{date}订的房，护照{passport}
帮我看下{masked}这个号码是不是绑定了我的账号
{order_cue}{order}，退款{price}什么时候到账
新能源车{plate}可以免费停吗
你好我是{plate}的车主，你挡住我的车了，电话{phone}
地址：{addr}
紧急联系人：{name}，关系：母亲，电话：{phone}
{name}你好，面试地点在{addr}，有问题打{landline}
好的，{name}，我们会尽快处理
{name}说他明天去{city}，让你别等了
你把{qq_cue}{qq}发我，我拉你进群
亲，这边看到您的{order_cue}{order}已签收，有问题随时联系哦
宝贝{price}包邮，{place}发货
我的{wx_cue}{wechat}，手机{phone}
{id_cue}{idno}，{bank_cue}{bank}，开户行{bank_name}
收件人{name}，手机{phone}
收件地址{addr}，收件人{name}
请核对：姓名{name}，{id_cue}{idno}，手机{phone}
老婆的号{phone}，我的号{phone}，哪个都行
办公室电话{landline}，手机{phone}
{name}的{qq_cue}{qq}，你加一下
车是{plate}，我住{addr}，车就停楼下
我这边显示{masked}，是你的号吗
{sku_cue}{sku}还有货吗，{price}能发吗
拍下了，{order_cue}{order}，麻烦备注送{name}
{name}{phone}{addr}
你好我是快递员，你的件{tracking}放门口了
邮箱{email}，有问题邮件联系我
这个{version}的版本能用吗
{name}，{phone}
护照{passport}的那个订单是我的
我哥{name}，{id_cue}{idno15}，老身份证能用吗
卡号{bank}，{name}，{bank_name}，钱转过来就发货
微信支付的，{txn}是交易单号，你查一下
"""

LOG = """
{dt} INFO [order-service] create order_id={order} user_phone={phone} amount={price_num}
{dt} WARN login failed uid={uid} ip={ipv4} reason=wrong_password
{ipv4} - - [{nginx_dt}] "GET /api/v1/orders/{order} HTTP/1.1" 200 {n}
{ipv4} - - [{nginx_dt}] "POST /api/v1/address HTTP/1.1" 201 {n} "-" "okhttp/4.9.0"
{dt} ERROR 实名认证失败 name={name} id_card={idno} code=ID_MISMATCH
{dt} DEBUG payload={"receiverName":"{name}","receiverPhone":"{phone}","address":"{addr}"}
[{dt}] 用户{name}({phone})提交退款申请，订单{order}，金额{price}
{dt} INFO bind card card_no={bank} bank={bank_name} trace_id={trace}
{dt} INFO 短信发送成功 mobile={phone} template=SMS_{n} ts={ts}
{dt} INFO 邮件已发送至 {email} subject=订单确认
{dt} INFO client_ip={ipv6} app_version={version}
{dt} INFO 车辆入场 plate={plate} gate=B2 ts={ts}
{dt} INFO 车辆出场 车牌:{plate} 停车费:{fee}元 时长:{n}分钟
{dt} WARN 护照信息校验 passport_no={passport} name={name} nationality=CN
{dt} INFO 物流回传 waybill_no={tracking} status=SIGNED operator={name}
{dt} INFO sku={sku} stock={n} price={price_num}
{dt} INFO 收到QQ消息 qq={qq} msg_id={uid}
{dt} INFO wechat_id={wechat} openid={openid}
{dt} INFO 收货地址变更 old={addr} new={addr}
{dt} INFO app_version={version} device_ip={ipv4} build={ts}
{dt} INFO contact={name} landline={landline}
{"time":"{dt}","level":"info","msg":"address parsed","addr":"{addr}","phone":"{phone}"}
{dt} 支付回调 out_trade_no={order} transaction_id={txn} total_fee={n}
{dt} INFO 身份证OCR结果 姓名:{name} 号码:{idno} 住址:{addr}
{dt} INFO remote_addr={ipv4}:{port} upstream={ipv4}:{port}
{dt} INFO [{ipv6}]:{port} connected
{dt} INFO 发票开具成功 {invoice} buyer_email={email}
{dt} WARN 风控命中 user={uid} device_ip={ipv4} card={bank}
{dt} INFO 用户注册 phone={phone} email={email} ip={ipv4}
{"ts":{ts},"event":"checkout","order":"{order}","mobile":"{phone}","ip":"{ipv4}"}
{dt} INFO 订单{order}已出库，{courier}运单号{tracking}
{dt} DEBUG 查询用户 id={uid} name={name} qq={qq} wx={wechat}
{dt} INFO 发货 order={order} receiver={name} tel={phone} addr={addr}
{dt} ERROR 短信发送失败 mobile={phone} err=isv.MOBILE_NUMBER_ILLEGAL
{dt} INFO 退款成功 order={order} refund={price_num} card={masked}
{dt} INFO 版本检查 current={version} latest={version}
{dt} INFO 用户{uid}绑定手机{phone}，验证码{code}
{dt} WARN 异常登录 account={email} ip={ipv6}
{dt} INFO idcard_verify name={name} idcard={idno} result=PASS
{dt} INFO legacy_id={idno15} migrated=true
{dt} INFO 客服工单 {order} 联系人{name} 电话{landline}
{dt} INFO 停车缴费 plate_no={plate} amount={price_num} pay_time={ts}
{dt} INFO ip={ipv4} path=/item/{sku} ua=Mozilla/5.0
{dt} INFO 条码扫描 ean={ean} sku={sku} price={price_num}
[{dt}] [INFO] order {order} shipped via {courier}, waybill {tracking}
{dt} INFO profile_update wechat={wechat} qq={qq}
{dt} INFO kyc passport={passport} birth_country=CN
{dt} INFO withdraw to bank_card={bank} amount={price_num}
{dt} WARN 地址解析失败 raw="{addr}"
{dt} INFO 联系人 {name} {phone}
"""

TEMPLATES: dict[str, list[str]] = {
    style: [t for t in block.strip().splitlines() if t.strip()]
    for style, block in (("review", REVIEW), ("chat", CHAT), ("log", LOG))
}

SLOT_RE = re.compile(r"\{([a-z_0-9]+)\}")

# which slot each focus stands for; a sentence is drawn for each focus in turn
FOCUS_SLOTS: dict[str, tuple[str, ...]] = {
    "phone": ("phone",),
    "landline": ("landline",),
    "id_number": ("idno", "idno15"),
    "bank_card": ("bank",),
    "email": ("email",),
    "ipv4": ("ipv4",),
    "ipv6": ("ipv6",),
    "plate": ("plate",),
    "passport": ("passport",),
    "qq": ("qq",),
    "wechat_id": ("wechat",),
    "person_name": ("name",),
    "address": ("addr",),
    "order": ("order",),
    "tracking": ("tracking",),
    "timestamp": ("ts",),
    "price": ("price",),
    "sku": ("sku", "ean"),
    "version": ("version",),
    "lookalike-misc": ("masked", "brand", "place", "invoice", "code", "pickup", "txn", "uid"),
}


def parse(template: str) -> list[tuple[str, str]]:
    """Split a template into ("lit", text) and ("slot", name) parts."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in SLOT_RE.finditer(template):
        if m.group(1) not in SLOTS:  # e.g. a literal JSON brace in a log template
            continue
        if m.start() > pos:
            out.append(("lit", template[pos : m.start()]))
        out.append(("slot", m.group(1)))
        pos = m.end()
    if pos < len(template):
        out.append(("lit", template[pos:]))
    return out


def render(r: random.Random, template: str) -> tuple[str, list[dict[str, object]], list[dict[str, object]]]:
    text = ""
    spans: list[dict[str, object]] = []
    decoys: list[dict[str, object]] = []
    for part, value in parse(template):
        piece = lit(value) if part == "lit" else SLOTS[value](r)
        start = len(text)
        text += piece.text
        if piece.kind:
            spans.append({"kind": piece.kind, "start": start, "end": len(text), "text": piece.text, "fmt": piece.fmt})
        elif piece.decoy:
            decoys.append({"kind": piece.decoy, "start": start, "end": len(text), "text": piece.text})
    return text, spans, decoys


# ---------------------------------------------------------------------------------------------
# held-out variant: same kinds and written formats, but its own templates (other phrasings, cues
# and log keys) and its own names, brands, places, estates, roads and campuses.  A detector tuned
# on the committed corpus can be checked on it; it is written to bench/out/ (not committed).

HELDOUT_REVIEW = """
第一次在这家买{product}，包装很用心，客服{name}回复也快。
收货人{name}，电话{phone}，地址{addr}，这是我自己填的，结果快递送到隔壁小区去了。
卖家手写了一张卡片，署名{name}，还留了电话{phone}，说有问题随时联系。
本来想给差评的，店长{name}主动打电话{phone}道歉，改成好评吧。
我家地址{addr}，偏远地区也包邮，良心卖家。
退货地址给的是{addr}，收件人{name}，运费险赔了。
物流显示{courier}{tracking_cue}{tracking}到了{place}就不动了，等了一周。
加了客服绿泡泡{wechat}，拉我进了售后群，问题很快解决。
说是好评截图发到企鹅{qq}返五块，不知道真假。
发票联系人{name}，邮箱{email}，已经收到电子发票。
车贴很好看，贴在我那辆{plate}上回头率很高。
报关要身份证，填了{idno}，{name}，两天就清关了。
海淘需要护照，我填的{passport}，结果说要身份证，白折腾。
退款说打到{bank_name}卡{bank}，等了五个工作日才到。
{brand}的老字号，{price}买的，味道还是小时候那样。
不如去年在{brand}专柜买的好，{sku_cue}{sku}，做工差了点。
路由器默认管理地址是{ipv4}，说明书写得很清楚，固件版本{version}。
办公室座机{landline}，前台会代收，快递员每次都打这个。
配送员{name}很准时，{date}上午就送到了。
这个价格{price}真的划算，已经推荐给我表姐{name}。
{order_cue}{order}，漏发了一个配件，联系客服补发了。
手机号{phone}是我的，为什么收到别人的取件短信？
在{place}上学，寄到{addr}，宿舍楼下就能取。
全新未拆封，序列号可查，{sku_cue}{sku}。
商家电话{landline}打不通，微信{wechat}也不回，差评。
"""

HELDOUT_CHAT = """
亲，收件信息麻烦核对下：{name}／{phone}／{addr}
寄件人{name}，{phone}；收件人{name}，{phone}，{addr}
你好，我想改下收货人，改成{name}，电话{phone}
好的，地址我记下了：{addr}
我换手机号了，现在是{phone}，以前那个别打了
有事打我单位电话{landline}，找{name}就行
扫不了码的话直接搜绿泡泡号{wechat}
企鹅号{qq}，晚上在线
账号{bank}，开户行{bank_name}，收款人{name}，麻烦尽快
实名信息：{name}，{idno}
麻烦用我的护照{passport}订两张票，名字拼音按护照上的
邮件发我{email}，附件别超过20M
我车是{plate}，几点可以去提车
{name}刚给我打电话了，说东西放{place}的朋友那了
单号给你了{tracking}，自己查一下吧
您好，{order_cue}{order}的退款已原路退回{price}
这款{sku_cue}{sku}还有现货吗
登录的时候提示IP地址{ipv4}异常是怎么回事
后台看到的地址是{ipv6}，是我家宽带吗
下周我去{city}，东西寄到{addr}吧，{name}收
你问{name}要一下，他手机{phone}
老人的身份证是以前那种15位的：{idno15}
取件码{pickup}，帮我拿一下谢谢
我的微信号是{wechat}，备注一下{order_cue}{order}
{name}：到了吗？我在{addr}门口
"""

HELDOUT_LOG = """
{dt} INFO [trade] submit order_no={order} consignee={name} mobile_no={phone}
{dt} INFO [user] login ok user_id={uid} login_ip={ipv4}
{dt} WARN [risk] ip={ipv6} hits=5 window=60s
{dt} INFO [kyc] cert_type=ID cert_no={idno} real_name={name} result=MATCH
{dt} INFO [kyc] cert_type=PASSPORT cert_no={passport} real_name={name}
{dt} INFO [pay] card_number={bank} channel=unionpay amount={price_num}
{dt} INFO [notify] mail to={email} tpl=refund_success
{dt} INFO [parking] in car_no={plate} lane=3 ts={ts}
{dt} INFO [im] bind wx_account={wechat} qq_account={qq}
{dt} INFO [address] recv_addr="{addr}" recv_name={name} recv_tel={phone}
{dt} INFO [crm] contact_tel={landline} contact_name={name}
{dt} ERROR [sms] send fail phone_no={phone} code=LIMIT
{dt} INFO [logistics] express_no={tracking} carrier={courier}
{dt} DEBUG [app] client_version={version} device_ip={ipv4}
{ipv4} - - [{nginx_dt}] "GET /api/v2/sku/{sku}?v={version} HTTP/2.0" 200 {n}
{"level":"warn","ts":{ts},"msg":"id verify","name":"{name}","id_no":"{idno}"}
{"level":"info","ts":{ts},"msg":"ship","order":"{order}","consignee":"{name}","tel":"{phone}","addr":"{addr}"}
{dt} INFO [legacy] old_cert={idno15} upgraded=false
{dt} INFO 用户 {name} 修改收货地址为 {addr}
{dt} INFO 短信验证码 {code} 已发送至 {phone}
{dt} INFO 提现到 {bank_name}({bank}) 金额 {price}
{dt} INFO 客户{name}来电{landline}，咨询订单{order}
{dt} INFO qq_login openid={openid} qq={qq}
{dt} INFO 车牌识别 {plate} 置信度0.98
{dt} INFO 会员{uid}邮箱变更为{email}，品牌偏好{brand}，常住{place}
"""

HELDOUT: dict[str, object] = {
    "TEMPLATES": {
        style: [t for t in block.strip().splitlines() if t.strip()]
        for style, block in (("review", HELDOUT_REVIEW), ("chat", HELDOUT_CHAT), ("log", HELDOUT_LOG))
    },
    "GIVEN_NAMES": words(
        "晗 妤 珂 璇 骁 锐 峻 琰 朗 蔓 茹 岚 筠 瀚 珺 勋 湘 彦 婕 煊 骞 淼 卿 沁 澄 翊 晟 "
        "思妤 若琳 子萌 晓婉 雅萱 语嫣 佳音 俊辉 嘉豪 梓航 宇辰 浩轩 子健 启明 正阳 志远 少卿 "
        "伟民 秀芝 桂芳 凤兰 玉珍 素梅 淑华 宝山 德胜 福生 有才 金宝 春花 兰芳 秋月 冬青 "
        "若溪 雨涵 可心 乐瑶 欣然 一帆 梓睿 宥辰 锦熙 芊芊 朵朵 宁宁 乐乐"
    ),
    "RARE_SURNAMES": words("郁 晁 宓 谌 亢 禹 寿 訾 逯 雍 庹 钟离 司空 百里 东郭 第五"),
    "BRANDS": words(
        "王麻子 张飞牛肉 谭鸭血 刘一手 吴裕泰 张一元 汪裕泰 黄飞红 钟薛高 许留山 杨铭宇 马大姐 徐福记 "
        "陈麻婆 孔凤春 戴春林"
    ),
    "PLACES": words(
        "广西 贵州 甘肃 宁夏 青海 西藏 大理 丽江 景德镇 佛山 中山 温州 台州 绍兴 烟台 青岛 哈尔滨 江南 西北 华南 川渝"
    ),
    "REGIONS": {
        "北京市": [("", ["石景山区", "门头沟区", "房山区", "顺义区"])],
        "上海市": [("", ["黄浦区", "长宁区", "普陀区", "虹口区", "嘉定区", "青浦区"])],
        "天津市": [("", ["和平区", "河东区", "北辰区"])],
        "重庆市": [("", ["南岸区", "大渡口区", "北碚区"])],
        "广东省": [("珠海市", ["香洲区", "斗门区"]), ("惠州市", ["惠城区", "惠阳区"]), ("江门市", ["蓬江区"])],
        "江苏省": [("常州市", ["武进区", "天宁区"]), ("徐州市", ["云龙区", "鼓楼区"])],
        "浙江省": [("绍兴市", ["越城区", "柯桥区"]), ("嘉兴市", ["南湖区"]), ("台州市", ["椒江区", "温岭市"])],
        "山东省": [("烟台市", ["芝罘区", "莱山区"]), ("潍坊市", ["奎文区"]), ("临沂市", ["兰山区"])],
        "河南省": [("南阳市", ["卧龙区", "宛城区"]), ("新乡市", ["红旗区"])],
        "湖北省": [("襄阳市", ["樊城区", "襄城区"]), ("荆州市", ["沙市区"])],
        "湖南省": [("衡阳市", ["蒸湘区", "雁峰区"]), ("岳阳市", ["岳阳楼区"])],
        "四川省": [("宜宾市", ["翠屏区"]), ("南充市", ["顺庆区", "高坪区"])],
        "福建省": [("漳州市", ["芗城区"]), ("莆田市", ["城厢区", "荔城区"])],
        "江西省": [("九江市", ["浔阳区", "濂溪区"]), ("上饶市", ["信州区"])],
        "安徽省": [("安庆市", ["迎江区"]), ("阜阳市", ["颍州区"])],
        "河北省": [("唐山市", ["路北区", "路南区"]), ("邯郸市", ["丛台区"])],
        "辽宁省": [("鞍山市", ["铁东区"])],
        "黑龙江省": [("大庆市", ["萨尔图区", "让胡路区"])],
        "吉林省": [("吉林市", ["船营区"])],
        "陕西省": [("宝鸡市", ["渭滨区", "金台区"])],
        "广西壮族自治区": [("柳州市", ["城中区", "鱼峰区"])],
        "云南省": [("曲靖市", ["麒麟区"])],
        "贵州省": [("遵义市", ["红花岗区", "汇川区"])],
        "山西省": [("大同市", ["平城区"])],
        "甘肃省": [("天水市", ["秦州区"])],
        "内蒙古自治区": [("包头市", ["昆都仑区", "青山区"])],
        "新疆维吾尔自治区": [("克拉玛依市", ["克拉玛依区"])],
    },
    "STREET_OFFICES": words("东街 西街 北关 南关 中山 解放 红旗 向阳 东风 光华 秀水 金桥"),
    "ROADS": words(
        "迎春路 朝晖路 梅园路 翠微路 文昌路 望江路 临江大道 百花路 海棠路 石榴街 解放北路 建设南路 "
        "沿河路 劳动路 利民街 新兴街 工农路 红星路 公园北街 青云路 凤凰路 龙腾大道 锦江路 中山东一路"
    ),
    "COMMUNITIES": words(
        "龙湖春江郦城 绿城桂花园 中海寰宇天下 保利天悦 华侨城纯水岸 金地格林小镇 招商雍景湾 新城玺樾 "
        "阳光100 远洋万和城 世茂滨江花园 翡翠湾 枫林苑 梧桐苑 银杏苑 丁香小区 铁路新村 供电局宿舍 "
        "纺织厂小区 农机厂家属楼 香榭丽舍 海德公园 东方名城 帝景豪庭"
    ),
    "BUILDINGS": words(
        "中信大厦 汇金中心 创新科技园 国际商会中心 人才大厦 电子商务产业园 新世纪广场 银泰中心 天安数码城"
    ),
    "CAMPUS": (
        ("陕西省", "西安市", "碑林区", "咸宁西路28号", "西安交通大学兴庆校区", "东区"),
        ("湖南省", "长沙市", "岳麓区", "麓山南路932号", "中南大学校本部", "南校区"),
        ("山东省", "济南市", "历城区", "山大南路27号", "山东大学中心校区", "学生公寓"),
        ("福建省", "厦门市", "思明区", "思明南路422号", "厦门大学思明校区", "芙蓉"),
    ),
    "DORM": "号楼",
    "VILLAGES": words("赵家 孙庄 周湾 吴营 郑家 石桥 柳树 枣园 双河 高岭"),
}
HELDOUT["PROVINCES"] = list(HELDOUT["REGIONS"])  # type: ignore[call-overload]
HELDOUT_SEED = SEED + 1
"""The seed of the file ``--heldout`` writes by default; the bench draws a fresh one each run."""
HELDOUT_N = 2600
HELDOUT_COMPOSED = 0.7
"""Share of held-out sentences composed from parts (``pi_heldout.py``) rather than the fixed list."""
HELDOUT_OUT = Path(__file__).resolve().parents[1] / "out" / "pi_corpus_heldout.jsonl"


def _composer() -> ModuleType:
    """``pi_heldout`` next to this file (this script is also loaded by path, outside any package)."""
    spec = importlib.util.spec_from_file_location("pi_heldout", Path(__file__).with_name("pi_heldout.py"))
    if spec is None or spec.loader is None:
        raise ImportError("pi_heldout.py not found next to make_pi_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(n: int = N_SENTENCES, seed: int = SEED, heldout: bool = False) -> list[dict[str, object]]:
    """The corpus rows; ``heldout`` swaps in the held-out templates and vocabulary for the call,
    and composes most held-out sentences afresh from parts (see ``pi_heldout.py``)."""
    if not heldout:
        return _generate(n, seed, "pi")
    module = globals()
    saved = {name: module[name] for name in HELDOUT}
    module.update(HELDOUT)
    try:
        return _generate(n, seed, f"ho{seed}", _composer())
    finally:
        module.update(saved)


def _generate(n: int, seed: int, prefix: str, composer: ModuleType | None = None) -> list[dict[str, object]]:
    r = random.Random(seed)

    # focus -> style -> templates with a slot for that focus; styles are drawn evenly, then a template
    index: dict[str, dict[str, list[str]]] = {}
    for focus, slots in FOCUS_SLOTS.items():
        by_style = {
            style: [t for t in templates if any(kind == "slot" and slot in slots for kind, slot in parse(t))]
            for style, templates in TEMPLATES.items()
        }
        index[focus] = {style: ts for style, ts in by_style.items() if ts}
    focuses = list(FOCUS_SLOTS)
    rows: list[dict[str, object]] = []
    for i in range(n):
        focus = focuses[i % len(focuses)]
        by_style = index[focus]
        # the dev corpus draws nothing here, so it stays byte-for-byte what it was
        slot = r.choice(FOCUS_SLOTS[focus]) if composer is not None else ""
        if composer is not None and slot in composer.SUPPORTED and r.random() < HELDOUT_COMPOSED:
            template = composer.compose(r, slot)
            style = "log" if template.startswith(("{dt}", "{ipv4}", '{"')) else "chat"
        else:
            style = list(by_style)[r.randrange(len(by_style))]
            template = by_style[style][r.randrange(len(by_style[style]))]
        text, spans, decoys = render(r, template)
        rows.append({"id": f"{prefix}-{i:05d}", "style": style, "text": text, "spans": spans, "decoys": decoys})
    return rows


def dumps(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n" for row in rows)


def stats(rows: list[dict[str, object]]) -> dict[str, object]:
    kinds: Counter[str] = Counter()
    decoys: Counter[str] = Counter()
    styles: Counter[str] = Counter()
    for row in rows:
        styles[str(row["style"])] += 1
        for s in row["spans"]:  # type: ignore[attr-defined]
            kinds[s["kind"]] += 1
        for d in row["decoys"]:  # type: ignore[attr-defined]
            decoys[d["kind"]] += 1
    return {
        "sentences": len(rows),
        "characters": sum(len(str(row["text"])) for row in rows),
        "styles": dict(sorted(styles.items())),
        "spans": {k: kinds[k] for k in PI_KINDS},
        "decoys": dict(sorted(decoys.items())),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help=f"default {OUT}, or {HELDOUT_OUT} with --heldout")
    ap.add_argument("--heldout", action="store_true", help="write the held-out variant (own templates and vocabulary)")
    ap.add_argument(
        "--seed",
        type=int,
        default=None,
        help=f"held-out seed (default {HELDOUT_SEED}; pi_detection.py draws a fresh one); the dev corpus is fixed",
    )
    ap.add_argument("-n", type=int, default=None, help=f"held-out sentences (default {HELDOUT_N})")
    ap.add_argument("--check", action="store_true", help="exit 1 if the file differs from what the generator makes")
    args = ap.parse_args(argv)
    if args.out is None:
        args.out = HELDOUT_OUT if args.heldout else OUT
    if args.heldout:
        seed = HELDOUT_SEED if args.seed is None else args.seed
        print(f"held-out seed {seed}", file=sys.stderr)
        rows = generate(args.n or HELDOUT_N, seed=seed, heldout=True)
    else:
        if args.seed is not None or args.n is not None:
            ap.error("--seed and -n apply to --heldout only: the committed dev corpus has a fixed seed")
        rows = generate()
    data = dumps(rows)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != data:
            print(f"{args.out} is stale: run {Path(__file__).name}", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(data, encoding="utf-8")
    print(json.dumps(stats(rows), ensure_ascii=False, indent=1))
    print(f"wrote {args.out} ({len(data.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
