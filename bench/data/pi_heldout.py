"""Compositional templates for the held-out PI corpus, drawn afresh from a seed at bench time.

The dev corpus (``make_pi_corpus.py`` without ``--heldout``) is a fixed list of sentences that the
detector has been tuned against. The held-out corpus must not be: besides a few fixed held-out
sentences it is made of templates *composed* here from parts - log keys built from tokens in a
random case style (``recvMobileNo``, ``contact-qq-num``, ``BUYER_WX_ACCOUNT``), JSON and
``key: value`` fields, QQ/WeChat slang cues, role words before names and titles after them, ID
numbers and order numbers in URL paths - so that a new seed gives sentences no one has read.

Nothing here is imported by the detector, and nothing in the detector may be written from this
file's lists or from a held-out run's error list: the point is to measure whether generic
mechanisms (key-token normalisation, a cue lexicon, role words) carry over to unseen wording.
The parts lists are deliberately wider than the detector's own lexicon where real usage is.

``compose(r, focus)`` returns a template with ``{slot}`` placeholders rendered by
``make_pi_corpus.render``; every slot it uses exists in ``make_pi_corpus.SLOTS``.
"""

from __future__ import annotations

import random

# ---------------------------------------------------------------------------------------------
# log keys: (prefix tokens) + kind tokens + (suffix tokens), joined in a random case style

KEY_PREFIXES = (
    "recv", "receiver", "buyer", "seller", "contact", "cust", "customer", "sender", "shipper", "payer",
    "holder", "owner", "member", "emergency", "guarantor", "applicant", "consignee", "agent", "user",
    "account", "kefu", "shop", "driver", "rider", "tenant", "patient", "student", "parent",
)  # fmt: skip
# per PI slot: token sequences naming the kind, and the suffixes that may follow
KEY_HEADS: dict[str, tuple[tuple[str, ...], ...]] = {
    "phone": (("mobile",), ("phone",), ("tel",), ("cell", "phone"), ("shouji",), ("mobile", "phone"), ("cellphone",),
              ("contact", "number"), ("sj", "hm"), ("msisdn",), ("dianhua",), ("telephone",)),
    "landline": (("landline",), ("tel",), ("office", "tel"), ("zuoji",), ("fixed", "phone"), ("work", "phone")),
    "idno": (("id", "card"), ("idcard",), ("id", "no"), ("sfz",), ("sfzh",), ("id", "number"), ("identity", "no"),
             ("cert", "no"), ("shenfenzheng",), ("resident", "id"), ("idcard", "num")),
    "bank": (("bank", "card"), ("card", "no"), ("bankcard",), ("card", "number"), ("bank", "account"),
             ("acct", "no"), ("yhk",), ("settle", "card"), ("debit", "card"), ("card",)),
    "email": (("email",), ("mail",), ("e", "mail"), ("email", "addr"), ("youxiang",), ("mail", "address")),
    "plate": (("plate",), ("plate", "no"), ("car", "plate"), ("license", "plate"), ("chepai",), ("car", "no"),
              ("vehicle", "plate"), ("plate", "number")),
    "passport": (("passport",), ("passport", "no"), ("huzhao",), ("passport", "number"), ("travel", "doc", "no")),
    "qq": (("qq",), ("qq", "no"), ("qq", "num"), ("qq", "account"), ("qq", "id"), ("qq", "hao"), ("qq", "number"),
           ("qqnum",), ("koukou",), ("qq", "acct")),
    "wechat": (("wx",), ("wechat",), ("weixin",), ("wx", "account"), ("wechat", "id"), ("wx", "no"), ("vx",),
               ("weixin", "hao"), ("wechat", "account"), ("wx", "num"), ("wxh",), ("wechat", "no")),
    "name": (("name",), ("real", "name"), ("full", "name"), ("xingming",), ("true", "name"), ("name", "cn"),
             ("realname",), ("contact", "name"), ("person", "name")),
    "addr": (("addr",), ("address",), ("dizhi",), ("detail", "address"), ("shipping", "addr"), ("full", "address"),
             ("home", "addr"), ("delivery", "address"), ("street", "addr")),
}  # fmt: skip
# look-alike keys: the value is not PI however long its digits
DECOY_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "order": (("order", "no"), ("order", "code"), ("trade", "no"), ("out", "biz", "no"), ("bill", "no"),
              ("parent", "order", "id"), ("sub", "order", "sn"), ("order", "sn"), ("refund", "id")),
    "tracking": (("waybill",), ("logistics", "no"), ("parcel", "id"), ("express", "code"), ("mail", "no"),
                 ("tracking", "number"), ("shipment", "id")),
    "txn": (("transaction", "id"), ("pay", "serial"), ("txn", "id"), ("channel", "trade", "no")),
    "uid": (("user", "id"), ("member", "id"), ("shop", "id"), ("account", "id"), ("cust", "id")),
    "sku": (("sku", "id"), ("item", "id"), ("goods", "code"), ("product", "no")),
    "ts": (("ts",), ("create", "time"), ("timestamp",), ("event", "time"), ("pay", "time")),
    "trace": (("trace", "id"), ("request", "id"), ("span", "id")),
}  # fmt: skip
SUFFIXES = ("", "", "", "no", "num")


def case_style(r: random.Random, tokens: list[str]) -> str:
    tokens = [t for t in tokens if t]
    style = r.choice(("snake", "snake", "camel", "camel", "kebab", "pascal", "upper", "dotted", "flat"))
    if style == "snake":
        return "_".join(tokens)
    if style == "camel":
        return tokens[0] + "".join(t[:1].upper() + t[1:] for t in tokens[1:])
    if style == "kebab":
        return "-".join(tokens)
    if style == "pascal":
        return "".join(t[:1].upper() + t[1:] for t in tokens)
    if style == "upper":
        return "_".join(tokens).upper()
    if style == "dotted":
        return ".".join(tokens)
    return "".join(tokens)


def pi_key(r: random.Random, slot: str) -> str:
    tokens = list(r.choice(KEY_HEADS[slot]))
    if r.random() < 0.5:
        tokens.insert(0, r.choice(KEY_PREFIXES))
    suffix = r.choice(SUFFIXES)
    if suffix and slot in ("phone", "qq", "wechat", "bank", "plate", "passport") and tokens[-1] not in ("no", "num"):
        tokens.append(suffix)
    return case_style(r, tokens)


def decoy_key(r: random.Random, slot: str) -> str:
    return case_style(r, list(r.choice(DECOY_KEYS[slot])))


# ---------------------------------------------------------------------------------------------
# field syntax


def field(r: random.Random, key: str, slot: str) -> str:
    form = r.choice(("eq", "eq", "colon", "colon_space", "json", "json_space", "single", "arrow"))
    if form == "eq":
        return f"{key}={{{slot}}}"
    if form == "colon":
        return f"{key}:{{{slot}}}"
    if form == "colon_space":
        return f"{key}: {{{slot}}}"
    if form == "json":
        return f'"{key}":"{{{slot}}}"'
    if form == "json_space":
        return f'"{key}": "{{{slot}}}"'
    if form == "single":
        return f"'{key}': '{{{slot}}}'"
    return f"{key}=>{{{slot}}}"


LEVELS = ("INFO", "INFO", "DEBUG", "WARN", "ERROR", "info", "I")
SERVICES = ("crm", "ship", "kyc", "im", "member", "after-sale", "fulfil", "risk", "bff", "gateway", "cs-bot")
EVENTS = ("upsert", "sync", "bind", "verify", "notify", "dispatch", "audit", "callback", "merge", "export")
PI_SLOTS = tuple(KEY_HEADS)
DECOY_SLOTS = tuple(DECOY_KEYS)


def log_line(r: random.Random, focus: str) -> str:
    slots = [focus] if focus in PI_SLOTS or focus in DECOY_SLOTS else []
    for _ in range(r.randint(1, 3)):
        slots.append(r.choice(PI_SLOTS) if r.random() < 0.5 else r.choice(DECOY_SLOTS))
    r.shuffle(slots)
    keys = [(pi_key(r, slot) if slot in PI_SLOTS else decoy_key(r, slot), slot) for slot in slots]
    if r.random() < 0.35:  # a JSON object; numbers are sometimes written unquoted
        sep = r.choice((":", ": "))
        body = ",".join(
            f'"{key}"{sep}{{{slot}}}'
            if slot in ("qq", "uid", "ts") and r.random() < 0.5
            else f'"{key}"{sep}"{{{slot}}}"'
            for key, slot in keys
        )
        return '{"time":"{dt}","level":"' + r.choice(LEVELS).lower() + '",' + body + "}"
    joiner = r.choice((" ", " ", ", ", " | ", "&"))
    head = f"{{dt}} {r.choice(LEVELS)} [{r.choice(SERVICES)}] {r.choice(EVENTS)} "
    return head + joiner.join(field(r, key, slot) for key, slot in keys)


# ---------------------------------------------------------------------------------------------
# Chinese keys, slang cues, role words

CN_KEYS: dict[str, tuple[str, ...]] = {
    "phone": ("手机", "手机号", "联系电话", "收件人电话", "寄件人手机", "客户手机", "手机号码", "移动电话", "电话号码"),
    "landline": ("座机", "办公电话", "固定电话", "门店电话", "公司电话"),
    "idno": ("身份证号", "证件号码", "身份证号码", "公民身份号码", "身份证"),
    "bank": ("银行卡号", "收款卡号", "卡号", "结算账户", "退款账户"),
    "email": ("邮箱", "电子邮箱", "邮件地址", "Email"),
    "plate": ("车牌", "车牌号", "车牌号码", "号牌"),
    "passport": ("护照号", "护照号码", "护照"),
    "name": ("姓名", "收件人", "联系人", "寄件人", "客户姓名", "真实姓名", "持卡人", "经办人", "签收人", "提货人"),
    "addr": ("地址", "收货地址", "详细地址", "住址", "寄件地址", "配送地址"),
}
QQ_CUES = ("QQ", "qq", "Q号", "q号", "QQ号", "扣扣", "扣扣号", "企鹅", "企鹅号", "秋秋", "抠抠", "蔻蔻", "Qq")
WX_CUES = (
    "微信", "微信号", "V信", "v信", "VX", "vx", "Vx", "wx", "WX", "绿泡泡", "薇信", "威信", "徽信", "维信", "卫星号",
    "加V", "加v", "+V", "+v", "vx号", "wx号", "V❤", "微❤", "薇❤", "wechat", "WeChat",
)  # fmt: skip
CUE_GLUE = ("", "", "：", ":", " ", "是", "号：", "号是", "号码", " id:", "号码：")
CHAT_OPENERS = ("", "", "有事", "加我", "直接加", "麻烦加下", "私聊", "搜", "我的", "店主", "方便的话加", "客服")
CHAT_TAILS = ("", "", "，备注{product}", "，拉你进群", "，通过一下", "，晚上在线", "，备注下单", "。", "~", "哈")
ROLES = (
    "收件人", "联系人", "寄件人", "客户", "买家", "卖家", "店主", "经办人", "负责人", "签收人", "代收人", "提货人",
    "对接人", "业务员", "配送员", "快递员", "审核人", "值班员", "店长", "车主", "户主", "房东", "租客", "顾客",
    "患者", "家属", "担保人", "申请人", "委托人", "介绍人", "设计师", "安装师傅", "司机", "导购", "主管",
)  # fmt: skip
ROLE_GLUE = ("", "", "：", ":", " ", "是", "为", "叫", "，")
TITLES = ("先生", "女士", "小姐", "老师", "经理", "师傅", "阿姨", "主任", "医生", "律师", "总", "姐", "哥", "同学")


def cn_key_line(r: random.Random, focus: str) -> str:
    slot = focus if focus in CN_KEYS else r.choice(tuple(CN_KEYS))
    parts = [f"{r.choice(CN_KEYS[slot])}{r.choice(('：', ':', '=', '：', ' '))}{{{slot}}}"]
    for _ in range(r.randint(0, 2)):
        other = r.choice(tuple(CN_KEYS))
        parts.append(f"{r.choice(CN_KEYS[other])}{r.choice(('：', ':', '：'))}{{{other}}}")
    r.shuffle(parts)
    return r.choice(("；", "，", " ", "\t", " | ")).join(parts)


def slang_line(r: random.Random, focus: str) -> str:
    slot = focus if focus in ("qq", "wechat") else r.choice(("qq", "wechat"))
    cue = r.choice(QQ_CUES if slot == "qq" else WX_CUES)
    glue = r.choice(CUE_GLUE)
    if cue.endswith("号") and glue.startswith("号"):
        glue = glue[1:]
    if cue[-1:].isascii() and cue[-1:].isalpha() and glue in ("", "是"):
        glue = r.choice(("：", ":", " "))  # a Latin cue glued to a Latin id cannot be split by anyone
    text = f"{r.choice(CHAT_OPENERS)}{cue}{glue}{{{slot}}}{r.choice(CHAT_TAILS)}"
    if focus == "name":
        text = f"{r.choice(ROLES)}{r.choice(ROLE_GLUE)}{{name}}，{text}"
    return text


def role_line(r: random.Random, focus: str) -> str:
    x = r.random()
    if x < 0.55:
        head = f"{r.choice(ROLES)}{r.choice(ROLE_GLUE)}{{name}}"
    elif x < 0.85:
        head = f"{{name}}{r.choice(TITLES)}"
    else:
        head = f"麻烦转交{{name}}{r.choice(TITLES)}"
    extra = {
        "phone": "，电话{phone}",
        "landline": "，座机{landline}",
        "addr": "，地址{addr}",
        "idno": "，身份证{idno}",
        "bank": "，卡号{bank}",
        "qq": "，扣扣{qq}",
        "wechat": "，绿泡泡{wechat}",
        "email": "，邮箱{email}",
        "plate": "，车牌{plate}",
    }
    tail = extra.get(focus, r.choice(("", "，谢谢", "，辛苦了", "，已联系", "，明天到")))
    return r.choice(("", "你好，", "备注：", "【售后】")) + head + tail


def url_line(r: random.Random, focus: str) -> str:
    """ID numbers and look-alikes in URL paths and query strings."""
    path_word = r.choice(("orders", "order", "users", "user", "members", "kyc", "verify", "profile", "cert", "trade"))
    if focus == "idno" or (focus not in ("order", "txn") and r.random() < 0.5):
        value = "{idno}"
    else:
        value = "{order}" if focus != "txn" else "{txn}"
    tail = r.choice(("", "/detail", "/invoice", "?from=app", "/refund?reason=1", ".json"))
    method = r.choice(("GET", "POST", "PUT"))
    return (
        f'{{ipv4}} - - [{{nginx_dt}}] "{method} /api/v{r.randint(1, 4)}/{path_word}/{value}{tail} HTTP/1.1" 200 {{n}}'
    )


SUPPORTED = frozenset((*PI_SLOTS, *DECOY_SLOTS))
"""The focus slots :func:`compose` can build a template around."""


def compose(r: random.Random, focus_slot: str) -> str:
    """One freshly composed template whose text has a ``{focus_slot}`` placeholder (or decoy)."""
    makers = [log_line, log_line, cn_key_line, role_line]
    if focus_slot in ("qq", "wechat"):
        makers += [slang_line, slang_line, slang_line]
    if focus_slot == "name":
        makers += [role_line, slang_line]
    if focus_slot in ("idno", "order", "txn"):
        makers.append(url_line)
    for _ in range(20):
        template = r.choice(makers)(r, focus_slot)
        if "{" + focus_slot + "}" in template:
            return template
    return log_line(r, focus_slot)
