"""What kind of value a field key names: ``recvMobileNo``, ``qq_account``, ``"id_no"``, ``收件人电话``.

Logs and JSON carry PI as ``key=value``, ``key: value`` or ``"key": "value"``. Instead of a list of
exact keys, a key is split into tokens (snake_case, camelCase, kebab-case, dotted, or run together:
``idcard``, ``userphone``), each token is segmented into known stems (English, pinyin and pinyin
initials: ``shouji``, ``sfzh``, ``wxh``), and the stems decide:

* a *kind* stem names the value (``mobile`` → phone, ``qq`` → qq, ``wx`` → wechat_id, ``sfz`` →
  id_number); the last one wins (``contact_tel`` → phone, ``email_addr`` → email);
* *weak heads* name it only without a stronger stem: ``name`` → person_name unless it is the name
  of a thing (``shop_name``), ``addr`` → address unless network (``remote_addr``) or mail, ``card``
  → bank_card, ``account`` → nothing alone; ``id`` + ``card``/``no`` → id_number;
* a *role* alone (``receiver``, ``consignee``, ``contact``) names a person;
* a *record* stem (``order``, ``trade``, ``waybill``, ``sku``, ``trace``, ``ts`` …), or an ``…_id``
  key without a kind stem, says the value is an identifier that is not PI (``"not_pi"``).

Chinese keys are read from their last word: ``寄件人手机`` → phone, ``企鹅号`` → qq.
Results are cached per key string, so a log format costs one analysis per distinct key.
"""

from __future__ import annotations

import re
from functools import lru_cache

_KIND_STEMS: dict[str, str] = {
    **dict.fromkeys(("qq", "koukou", "qqh", "qqhao"), "qq"),
    **dict.fromkeys(("wx", "wechat", "weixin", "vx", "wxh", "weixinhao", "wxhao", "vchat"), "wechat_id"),
    **dict.fromkeys(
        (
            "phone",
            "mobile",
            "tel",
            "telephone",
            "cellphone",
            "shouji",
            "sjh",
            "sjhm",
            "msisdn",
            "dianhua",
            "landline",
            "zuoji",
            "telno",
            "mobileno",
            "phoneno",
            "fixedphone",
        ),
        "phone",
    ),
    **dict.fromkeys(
        (
            "idcard",
            "sfz",
            "sfzh",
            "sfzhm",
            "shenfenzheng",
            "shenfen",
            "identity",
            "idno",
            "idnum",
            "citizen",
            "resident",
        ),
        "id_number",
    ),
    **dict.fromkeys(("bank", "bankcard", "yhk", "yhkh", "iban", "debit", "credit"), "bank_card"),
    **dict.fromkeys(("email", "mail", "youxiang", "mailbox", "emailaddr"), "email"),
    **dict.fromkeys(("plate", "chepai", "cph", "chepaihao"), "plate"),
    **dict.fromkeys(("passport", "huzhao", "hzh"), "passport"),
    # not PI kinds of their own here, but they keep device_ip or client_ip from reading as a record
    **dict.fromkeys(("ip", "ipv4", "ipv6", "ipaddr"), "ip"),
}
_WEAK_HEADS: dict[str, str] = {
    **dict.fromkeys(("name", "xingming", "realname", "fullname", "truename", "xm"), "person_name"),
    **dict.fromkeys(("addr", "address", "dizhi", "adress", "zhuzhi"), "address"),
    "card": "bank_card",
    "cert": "document",
    "certificate": "document",
}
_ROLES = frozenset(
    ("receiver", "consignee", "contact", "sender", "shipper", "buyer", "seller", "holder", "owner", "customer",
     "operator", "courier", "driver", "rider", "recipient", "addressee", "applicant", "guarantor", "payer", "payee",
     "signer", "handler", "staff", "tenant", "landlord", "patient", "guardian", "person", "cust", "recv", "kefu",
     "student", "parent", "teacher", "employee", "worker", "partner", "friend", "spouse", "wife", "husband",
     "father", "mother", "child", "guest", "visitor", "manager", "leader", "boss", "supplier", "vendor", "dealer",
     "referrer", "inviter", "delegate", "legal", "emergency", "beneficiary", "insured", "debtor", "borrower")
)  # fmt: skip
_RECORDS = frozenset(
    ("order", "orders", "trade", "txn", "transaction", "trace", "request", "req", "span", "session", "waybill",
     "express", "tracking", "logistics", "parcel", "package", "shipment", "sku", "spu", "item", "goods", "product",
     "serial", "sn", "invoice", "ticket", "biz", "bill", "pay", "payment", "refund", "batch", "version", "ver",
     "build", "ts", "timestamp", "time", "date", "seq", "amount", "price", "fee", "total", "count", "qty", "uid",
     "openid", "unionid", "appid", "device", "imei", "mch", "msg", "coupon", "voucher", "pickup", "task", "job",
     "ean", "barcode", "isbn", "model", "code", "postcode", "zip", "zipcode", "nonce", "token", "hash", "trade_no",
     "out", "channel", "merchant", "store", "shop", "event", "sms", "template", "tpl", "err", "error", "status")
)  # fmt: skip
# Modifiers that make ``name`` the name of a thing and ``addr`` a network or mail address.
_THING = frozenset(
    ("shop", "store", "product", "goods", "item", "sku", "file", "brand", "company", "org", "bank", "city",
     "province", "district", "app", "host", "hostname", "device", "model", "category", "tag", "channel", "event",
     "service", "template", "tpl", "field", "table", "column", "class", "method", "func", "module", "queue",
     "topic", "group", "role", "nick", "nickname", "display", "screen", "login", "wechat", "wx", "qq", "bucket",
     "key", "domain", "server")
)  # fmt: skip
_PERSON_QUALIFIERS = frozenset(("real", "true", "full", "legal", "given", "family", "sur", "first", "last", "person"))
_NETWORK = frozenset(
    ("ip", "remote", "client", "server", "host", "mac", "peer", "local", "upstream", "downstream", "proxy", "bind",
     "listen", "socket", "url", "uri", "web", "callback", "notify", "redirect", "wallet", "contract", "ipv4",
     "ipv6", "gateway", "node", "dns", "src", "dst", "source", "dest", "forwarded", "real", "origin", "lan", "wan",
     "email", "mail")
)  # fmt: skip
# Whose internal identifier an ``…_id`` key names: not PI however its digits look.
_ACCOUNT_OWNERS = frozenset(
    ("user", "member", "account", "cust", "customer", "shop", "store", "merchant", "seller", "buyer", "app",
     "client", "tenant", "staff", "agent", "kefu", "open", "union")
)  # fmt: skip
_NUMBERISH = frozenset(("no", "num", "number", "nbr", "hao", "haoma", "hm", "id", "code", "value", "val", "str"))
_STEMS = frozenset(
    (*_KIND_STEMS, *_WEAK_HEADS, *_ROLES, *_RECORDS, *_THING, *_NETWORK, *_NUMBERISH, *_ACCOUNT_OWNERS,
     "user", "account", "acct", "member", "emergency", "cell", "contact", "office", "work", "home", "fixed", "true",
     "full",
     "real", "detail", "certificate", "shipping", "delivery", "street", "travel", "doc", "car", "vehicle",
     "license", "settle",
     "e", "old", "new", "cn", "en", "last", "first", "given", "family", "sur", "nick", "raw", "masked", "legal",
     "login", "bind", "primary", "backup", "alt", "my", "his", "her", "id")
)  # fmt: skip
# Stems that end no ordinary English word, so an unknown short head before them is still a head
# (kfqq), unlike tel in hotel.
_DISTINCTIVE = frozenset(
    (*(stem for stem, kind in _KIND_STEMS.items() if kind in ("qq", "wechat_id")),
     "sfz", "sfzh", "sfzhm", "idcard", "shouji", "huzhao", "chepai", "youxiang", "dianhua")
)  # fmt: skip
_PREFIXES = frozenset(stem[:i] for stem in _STEMS for i in range(1, len(stem) + 1))
# Two stems that together name what neither names alone: id + card, car + no, travel doc + no.
_PAIRS: dict[tuple[str, str], str] = {
    **{("id", tail): "idcard" for tail in ("card", "no", "num", "number", "nbr")},
    **{(head, tail): "plate" for head in ("car", "vehicle") for tail in ("no", "num", "number", "nbr", "hao")},
    ("doc", "no"): "cert",
    ("doc", "number"): "cert",
}
_LATIN_TOKENS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

_CN_KINDS: tuple[tuple[str, str], ...] = (
    # longest first where one ends another (电子邮件地址 before 地址)
    ("电子邮件地址", "email"), ("邮件地址", "email"), ("邮箱地址", "email"), ("邮箱", "email"), ("电子邮件", "email"),
    ("身份证", "id_number"), ("身份号", "id_number"), ("证件", "document"), ("公民身份号", "id_number"),
    ("银行卡", "bank_card"), ("卡号", "bank_card"), ("账户", "bank_card"), ("收款卡", "bank_card"),
    ("手机", "phone"), ("电话", "phone"), ("座机", "phone"), ("固话", "phone"), ("联系方式", "phone"),
    ("车牌", "plate"), ("号牌", "plate"), ("护照", "passport"),
    ("QQ", "qq"), ("qq", "qq"), ("扣扣", "qq"), ("企鹅", "qq"),
    ("微信", "wechat_id"), ("薇信", "wechat_id"), ("威信", "wechat_id"), ("V信", "wechat_id"), ("v信", "wechat_id"),
    ("绿泡泡", "wechat_id"), ("vx", "wechat_id"), ("VX", "wechat_id"), ("wx", "wechat_id"),
    ("地址", "address"), ("住址", "address"), ("住所", "address"),
    ("姓名", "person_name"), ("名字", "person_name"),
    ("订单", "not_pi"), ("单号", "not_pi"), ("运单", "not_pi"), ("编号", "not_pi"), ("流水", "not_pi"),
)  # fmt: skip
_CN_TRAILERS = ("号码", "账号", "帐号", "号", "码", "ID", "id", "Id")


def stems_of(kinds: frozenset[str]) -> list[str]:
    """The Latin key stems that name one of ``kinds``."""
    return [stem for stem, kind in _KIND_STEMS.items() if kind in kinds]


def _segment(token: str) -> list[str]:
    """``token`` split into known stems (fewest pieces), or ``[token]`` if it cannot be.

    One right-to-left pass: ``tails[i]`` is the best split of ``token[i:]``. When the whole token
    cannot be split, an unknown word run into known stems (``studentqq``, ``shipperMobile`` written
    flat) still yields the stems at its end, if the unknown head is a word of its own (4+ letters:
    ``hotel`` is not ho + tel) and the tail holds a kind stem.
    """
    n = len(token)
    if token in _STEMS or n > 40:
        return [token]
    tails: list[list[str] | None] = [None] * (n + 1)
    tails[n] = []
    for i in range(n - 1, -1, -1):
        j = i + 1
        # walk the prefixes of known stems only: on a random token this stops after a letter or two
        while j <= n and token[i:j] in _PREFIXES:
            rest = tails[j]
            if rest is not None and token[i:j] in _STEMS:
                current = tails[i]
                if current is None or len(rest) + 1 < len(current):
                    tails[i] = [token[i:j], *rest]
            j += 1
    whole = tails[0]
    if whole is not None:
        return whole
    for i in range(2, n - 1):
        tail = tails[i]
        if tail is None or not any(p in _KIND_STEMS or p in _WEAK_HEADS for p in tail):
            continue
        # a short unknown head (kfqq, csWxNo written flat) only before a stem no English word ends in
        if i >= 4 or tail[0] in _DISTINCTIVE:
            return [token[:i], *tail]
    return [token]


def tokens(key: str) -> list[str]:
    """Lower-case stems of a Latin key: ``recvMobileNo`` → recv, mobile, no; ``idcard`` → idcard."""
    out: list[str] = []
    for raw in _LATIN_TOKENS.findall(key):
        if raw.isdigit():
            continue
        out.extend(_segment(raw.lower()))
    return out


@lru_cache(maxsize=4096)
def key_kind(key: str) -> str | None:
    """The kind a field key names, or ``None``: a PI kind, ``"ip"``, ``"document"`` (an ID number
    or a passport: ``cert_no``) or ``"not_pi"`` (an order, trace or other record identifier)."""
    if not key:
        return None
    if not key.isascii():
        return _cn_kind(key)
    parts = tokens(key)
    if not parts:
        return None
    # id + card/no/number is the resident ID number, unless a record stem owns the id (order_id_no)
    # or a kind stem does (qq_id_no, wechat.id.num: the id of that account). Only an id + no read
    # that way is in doubt: idcard and id_card name the card whatever the record (shop.idcard).
    merged: list[str] = []
    id_no_pair = False
    for part in parts:
        pair = _PAIRS.get((merged[-1], part)) if merged else None
        if pair == "idcard" and len(merged) > 1 and merged[-2] in _KIND_STEMS:
            pair = None
        if pair is not None:
            id_no_pair = id_no_pair or (pair == "idcard" and part != "card")
            merged[-1] = pair
        else:
            merged.append(part)
    parts = merged
    records = any(p in _RECORDS for p in parts)
    strong = [_KIND_STEMS[p] for p in parts if p in _KIND_STEMS]
    if id_no_pair and records:
        strong = [k for k in strong if k != "id_number"]
    weak = [(i, p) for i, p in enumerate(parts) if p in _WEAK_HEADS]
    if weak:
        i, head = weak[-1]
        kind = _WEAK_HEADS[head]
        before = set(parts[:i])
        if kind == "address":
            if before & {"email", "mail", "emailaddr"}:
                return "email"
            if before & _NETWORK:
                return None
            return kind
        if kind == "person_name":
            # shop_real_name, seller_contact_name: the word right before name says whose name it is
            if i and (parts[i - 1] in _PERSON_QUALIFIERS or parts[i - 1] in _ROLES):
                return kind
            if before & _THING or records:
                return "not_pi" if records else None
            return kind
        if not strong:
            return kind
    if strong:
        return strong[-1]
    if records:
        return "not_pi"
    if any(p in _ROLES for p in parts) and not any(p in _NUMBERISH for p in parts):
        return "person_name"
    if parts[-1] == "id" and len(parts) > 1 and parts[-2] in _ACCOUNT_OWNERS:
        return "not_pi"  # user_id, member_id, shop_id: an internal identifier (legacy_id says nothing)
    return None


def _cn_kind(key: str) -> str | None:
    stem = key.strip()
    for trailer in _CN_TRAILERS:
        if stem.endswith(trailer) and len(stem) > len(trailer):
            stem = stem[: -len(trailer)]
            break
    for word, kind in _CN_KINDS:
        if stem.endswith(word):
            return kind
    # 收件人, 联系人, 经办人, 业务员: a role word names a person
    if len(stem) >= 2 and stem[-1] in "人员" and stem not in ("个人", "别人", "他人", "有人", "人员", "成员"):
        return "person_name"
    return None


_KEY_BEFORE = re.compile(r"(?<![A-Za-z0-9_.\-])[A-Za-z][A-Za-z0-9_.\-]{0,39}$")
_KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"
_CN_KEY_BEFORE = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,8}$")
_QUOTES = "\"'"


def key_before(text: str, pos: int, hint: re.Pattern[str] | None = None) -> str | None:
    """The kind named by a field key right before ``pos`` (``key=``, ``key: ``, ``"key":"``), if any.

    Only a separator (``=``, ``:``, ``：``, ``=>``) with at most two quotes or spaces on either
    side may stand between key and value; anything else means there is no key here. With
    ``hint``, a key that does not contain it is not analysed (``None``): a caller that wants one
    kind skips the rest cheaply.
    """
    i = pos
    floor = max(0, pos - 4)
    while i > floor and text[i - 1] in " \t\"'":
        i -= 1
    if i == 0:
        return None
    sep = text[i - 1]
    if sep == ">" and i >= 2 and text[i - 2] == "=":
        i -= 1
    elif sep not in "=:：":
        return None
    i -= 1
    floor = max(0, i - 3)
    while i > floor and text[i - 1] in " \t\"'":
        i -= 1
    lo = max(0, i - 40)
    # The Latin key is the run of key characters ending at i, found by one C-level rstrip (what
    # _KEY_BEFORE.search would find, without trying every start position in the window).
    head = text[lo:i]
    rest = head.rstrip(_KEY_CHARS)
    key: str | None = None
    if len(rest) < len(head):
        if "A" <= head[len(rest)].upper() <= "Z" and (rest or lo == 0 or text[lo - 1] not in _KEY_CHARS):
            key = head[len(rest) :]
    else:
        m = _KEY_BEFORE.search(text, lo, i)  # "$" also matches before a final newline
        key = m.group(0) if m is not None else None
    if key is None:
        m = _CN_KEY_BEFORE.search(text, max(0, i - 8), i)
        key = m.group(0) if m is not None else None
    if key is None or (hint is not None and hint.search(key) is None):
        return None
    return key_kind(key)
