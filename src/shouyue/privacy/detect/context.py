"""Cue words just before a number: which kind of number the writer says it is.

A number after 订单号 or 运单号 is an order or tracking number even when it passes a checksum;
a number after 身份证 or 卡号 is what the cue says. Only the cue nearest to the number counts.
"""

from __future__ import annotations

from shouyue.privacy.detect.keys import key_before

WINDOW = 16
"""How many characters before a number are read for cues."""

# Each cue names what the number after it is. "not_pi" covers order, tracking, invoice and
# product numbers, amounts and timestamps.
_CUES: dict[str, str] = {
    "身份证": "id_number",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "证件号": "id_number",
    "证件号码": "id_number",
    "公民身份号码": "id_number",
    "身份号码": "id_number",
    "id_card": "id_number",
    "idcard": "id_number",
    "卡号": "bank_card",
    "银行卡": "bank_card",
    "银行卡号": "bank_card",
    "储蓄卡": "bank_card",
    "信用卡": "bank_card",
    "借记卡": "bank_card",
    "银行账号": "bank_card",
    "收款账号": "bank_card",
    "账号": "bank_card",
    "card": "bank_card",
    "手机": "phone",
    "手机号": "phone",
    "手机号码": "phone",
    "电话": "phone",
    "电话号码": "phone",
    "联系电话": "phone",
    "联系方式": "phone",
    "座机": "phone",
    "号码": "phone",
    "致电": "phone",
    "拨打": "phone",
    "tel": "phone",
    "phone": "phone",
    "mobile": "phone",
    "护照": "passport",
    "护照号": "passport",
    "护照号码": "passport",
    "passport": "passport",
    "订单": "not_pi",
    "订单号": "not_pi",
    "订单编号": "not_pi",
    "单号": "not_pi",
    "运单": "not_pi",
    "运单号": "not_pi",
    "快递": "not_pi",
    "快递单号": "not_pi",
    "物流": "not_pi",
    "物流单号": "not_pi",
    "包裹": "not_pi",
    "流水号": "not_pi",
    "交易号": "not_pi",
    "交易单号": "not_pi",
    "支付单号": "not_pi",
    "商户单号": "not_pi",
    "退款单号": "not_pi",
    "售后单号": "not_pi",
    "工单": "not_pi",
    "工单号": "not_pi",
    "发票": "not_pi",
    "发票号": "not_pi",
    "发票代码": "not_pi",
    "编号": "not_pi",
    "编码": "not_pi",
    "货号": "not_pi",
    "型号": "not_pi",
    "条码": "not_pi",
    "条形码": "not_pi",
    "批次": "not_pi",
    "批号": "not_pi",
    "序列号": "not_pi",
    "串号": "not_pi",
    "取件码": "not_pi",
    "提货码": "not_pi",
    "券码": "not_pi",
    "验证码": "not_pi",
    "追踪号": "not_pi",
    "跟踪号": "not_pi",
    "商品id": "not_pi",
    "商品编号": "not_pi",
    "sku": "not_pi",
    "spu": "not_pi",
    "order": "not_pi",
    "order_id": "not_pi",
    "orderid": "not_pi",
    "order_no": "not_pi",
    "tracking": "not_pi",
    "trace_id": "not_pi",
    "traceid": "not_pi",
    "request_id": "not_pi",
    "requestid": "not_pi",
    "txn": "not_pi",
    "orders": "not_pi",
    "out_trade_no": "not_pi",
    "trade_no": "not_pi",
    "out_refund_no": "not_pi",
    "refund_no": "not_pi",
    "transaction_id": "not_pi",
    "payment_id": "not_pi",
    "waybill": "not_pi",
    "waybill_no": "not_pi",
    "express_no": "not_pi",
    "tracking_no": "not_pi",
    "serial": "not_pi",
    "serial_no": "not_pi",
    "uid": "not_pi",
    "user_id": "not_pi",
    "userid": "not_pi",
    "openid": "not_pi",
    "unionid": "not_pi",
    "device_id": "not_pi",
    "imei": "not_pi",
    "sku_id": "not_pi",
    "item_id": "not_pi",
    "goods_id": "not_pi",
    "product_id": "not_pi",
    "build": "not_pi",
    "version": "not_pi",
    "app_version": "not_pi",
    "span_id": "not_pi",
    "biz_no": "not_pi",
    "pay_no": "not_pi",
    "mch_id": "not_pi",
    "appid": "not_pi",
    "时间戳": "not_pi",
    "timestamp": "not_pi",
    "ts": "not_pi",
    "价格": "not_pi",
    "金额": "not_pi",
    "售价": "not_pi",
    "¥": "not_pi",
    "￥": "not_pi",
    "$": "not_pi",
    "rmb": "not_pi",
}
# Express-company prefixes written before a tracking number (SF 1234..., 中通 7312...).
_CARRIERS = (
    "sf",
    "yt",
    "jd",
    "jt",
    "zto",
    "sto",
    "yd",
    "ems",
    "yto",
    "dpk",
    "顺丰",
    "圆通",
    "中通",
    "申通",
    "韵达",
    "京东",
    "极兔",
    "邮政",
)
for _carrier in _CARRIERS:
    _CUES[_carrier] = "not_pi"


_LENGTHS_BY_LAST: dict[str, tuple[int, ...]] = {}
for _cue in _CUES:
    _LENGTHS_BY_LAST[_cue[-1]] = tuple(sorted({*_LENGTHS_BY_LAST.get(_cue[-1], ()), len(_cue)}, reverse=True))
# Sets rather than str methods: the loop below runs for every number a detector looks at.
_DIGITS = frozenset("0123456789")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_FILLERS = frozenset(" \t:：=#是为号码-_/()（）[]【】\"'“”")
_MAX_GAP = 6


def cue_before(text: str, start: int) -> str | None:
    """The kind named by the cue nearest before ``start`` (``"not_pi"`` included), if any.

    Fillers (spaces, colons, 是/为) may stand between cue and number, and up to six other
    characters (身份证复印件上的号码 …); a digit may not: ``订单号 123，手机 138...`` reads 手机.
    A field key right before the number (``recvMobileNo=``, ``"id_no": "``) is read by its tokens
    (:func:`~shouyue.privacy.detect.keys.key_before`) and wins when it names a kind.
    Runs in a bounded number of dictionary look-ups, whatever the text.
    """
    if start and text[start - 1] in "=:：\"' \t>":
        keyed = key_before(text, start)
        if keyed is not None:
            return keyed
    pos = start
    floor = max(0, start - WINDOW)
    gap = 0
    n = len(text)
    while pos > floor:
        ch = text[pos - 1]
        if ch in _DIGITS:
            return None
        if ch in _LATIN:
            # A Latin cue must end a Latin word, so only the last letter of a word is looked up.
            if pos >= n or text[pos] not in _LATIN:
                for length in _LENGTHS_BY_LAST.get(ch.lower(), ()):
                    if length > pos:
                        continue
                    piece = text[pos - length : pos]
                    kind = _CUES.get(piece.lower())
                    if kind is not None:
                        if piece[0].isalpha() and _latin_glued(text, pos - length, pos):
                            continue
                        return kind
            gap += 1
        else:
            lengths = _LENGTHS_BY_LAST.get(ch)
            if lengths is not None:
                for length in lengths:
                    if length <= pos:
                        kind = _CUES.get(text[pos - length : pos])
                        if kind is not None:
                            return kind
            if ch not in _FILLERS:
                gap += 1
        if gap > _MAX_GAP:
            return None
        pos -= 1
    return None


def in_url_path(text: str, start: int) -> bool:
    """The number at ``start`` is a segment of a URL path (``/api/v1/orders/<n>``), not a ``key=`` value.

    A path segment such as ``orders`` says which collection a route serves, not what the number
    in the next segment is: a caller can put any identifier there.
    """
    if start < 2 or text[start - 1] != "/":
        return False
    lo = max(0, start - 40)
    slash = text.rfind("/", lo, start - 1)
    return slash != -1 and all(ch.isascii() and (ch.isalnum() or ch in "_-.") for ch in text[slash + 1 : start - 1])


def _latin_glued(text: str, lo: int, hi: int) -> bool:
    """A short Latin cue that is really part of a longer word (\"ts\" in \"points\")."""
    before = text[lo - 1] if lo > 0 else ""
    after = text[hi] if hi < len(text) else ""
    return bool(before.isascii() and before.isalpha()) or bool(after.isascii() and after.isalpha())
