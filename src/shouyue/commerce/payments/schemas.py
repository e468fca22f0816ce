"""API shapes of payments and bound cards. Responses carry masks only, never a card number."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.payments.cards import BindingStarted
from shouyue.commerce.payments.models import BankCard, Payment
from shouyue.providers.payment import CHANNEL_LABELS, Channel


class PaymentCreate(BaseModel):
    """Which channel pays. No amount: the server charges the order's own amount."""

    channel: Channel = Field(
        description="alipay（支付宝）、wechat_pay（微信支付）、unionpay（银联云闪付）或 bank_card（已绑定的银行卡）"
    )
    card_id: int | None = Field(None, description="channel 为 bank_card 时所用的已绑定银行卡")


class PaymentRead(BaseModel):
    """One payment attempt as the institution reported it, with its source (P34)."""

    id: int
    order_id: int
    channel: str
    channel_label: str
    status: str = Field(description="succeeded（成功）或 failed（失败）")
    amount_fen: int
    paid_at: datetime | None
    reference: str = Field(description="支付机构的交易流水号")
    failure_reason: str
    source_recipient: str = Field(description="该支付信息的来源（数据地图中的接收方）")
    created_at: datetime

    @classmethod
    def of(cls, payment: Payment) -> PaymentRead:
        return cls(
            id=payment.id,
            order_id=payment.order_id,
            channel=payment.channel,
            channel_label=CHANNEL_LABELS[Channel(payment.channel)],
            status=payment.status,
            amount_fen=payment.amount_fen,
            paid_at=payment.paid_at,
            reference=payment.reference,
            failure_reason=payment.failure_reason,
            source_recipient=payment.source_recipient,
            created_at=payment.created_at,
        )


class CardCreate(BaseModel):
    """A card to bind. ``separate_consent`` is the separate consent to share it with the bank (P19, P82)."""

    model_config = ConfigDict(extra="forbid")

    card_number: str = Field(min_length=1, max_length=32, description="银行卡号（16到19位，Luhn校验）")
    expiry: str = Field(min_length=1, max_length=8, description="有效期，月/年，如 08/29")
    holder_name: str = Field(min_length=1, max_length=40, description="持卡人姓名")
    id_number: str = Field(min_length=1, max_length=32, description="持卡人身份证号码")
    reserved_phone: str = Field(min_length=1, max_length=32, description="银行预留手机号码")
    separate_consent: bool = Field(False, description="单独同意将以上信息提供给所选银行以绑定银行卡")
    notice_version: str | None = Field(None, max_length=40, description="作出同意时阅读的隐私声明版本")
    replaces_card_id: int | None = Field(None, description="更换银行卡时被替换的卡；新卡绑定成功后旧卡即被删除")


class CardConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=12, description="银行发送到预留手机的6位验证码")


class CardRead(BaseModel):
    """A card as its owner sees it: masked."""

    id: int
    status: str = Field(description="pending（待输入验证码）或 active（已绑定）")
    bank_name: str
    card_number: str = Field(description="脱敏后的卡号")
    reserved_phone: str = Field(description="脱敏后的预留手机号码")
    bound_at: datetime | None

    @classmethod
    def of(cls, card: BankCard) -> CardRead:
        return cls(
            id=card.id,
            status=card.status,
            bank_name=card.bank_name,
            card_number=card.card_number.mask,
            reserved_phone=card.reserved_phone.mask,
            bound_at=card.bound_at,
        )


class CardBindingRead(BaseModel):
    """A binding waiting for the bank's SMS code."""

    card: CardRead
    code_sent_to: str = Field(description="验证码已由银行发送至该预留手机号码（脱敏）")
    expires_at: datetime

    @classmethod
    def of(cls, started: BindingStarted) -> CardBindingRead:
        return cls(card=CardRead.of(started.card), code_sent_to=started.sent_to, expires_at=started.expires_at)
