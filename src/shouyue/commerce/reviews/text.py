"""The review text as it may be published: every piece of PI the detector finds is replaced by
its mask before the text is stored, and the author is told what was masked (P21)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from shouyue.privacy.detect import MASK_RULES, mask_text
from shouyue.privacy.detect.normalize import fold
from shouyue.privacy.masking import mask

KIND_LABELS: dict[str, str] = {
    "phone": "手机号码",
    "landline": "固定电话号码",
    "id_number": "身份证号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "ipv4": "IP地址",
    "ipv6": "IP地址",
    "plate": "车牌号码",
    "passport": "护照号码",
    "qq": "QQ号码",
    "wechat_id": "微信号",
    "person_name": "姓名",
    "address": "地址",
}


@dataclass(frozen=True, slots=True)
class MaskedItem:
    """One piece of PI masked in a review: its kind, the kind in Chinese, and the masked form."""

    kind: str
    masked: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, "个人信息")


@dataclass(frozen=True, slots=True)
class MaskedText:
    text: str
    items: tuple[MaskedItem, ...]


def mask_review(text: str) -> MaskedText:
    """``text`` with its PI masked, and what was masked (masked forms only, never the original)."""
    masked, spans = mask_text(text)
    items = tuple(MaskedItem(kind=s.kind, masked=mask(MASK_RULES[s.kind], fold(s.text))) for s in spans)
    return MaskedText(text=masked, items=items)


def dump_items(items: tuple[MaskedItem, ...]) -> str:
    return json.dumps([{"kind": i.kind, "masked": i.masked} for i in items], ensure_ascii=False)


def load_items(stored: str) -> tuple[MaskedItem, ...]:
    return tuple(MaskedItem(kind=str(i["kind"]), masked=str(i["masked"])) for i in json.loads(stored or "[]"))


def summary(items: tuple[MaskedItem, ...]) -> str:
    """One Chinese sentence telling the author what was masked."""
    if not items:
        return "未在评价中发现个人信息，评价已按原文发布。"
    parts = "；".join(f"{i.label}（已显示为 {i.masked}）" for i in items)
    return f"为保护个人信息，我们在发布前遮盖了评价中的{len(items)}处个人信息：{parts}。原文未被保存。"
