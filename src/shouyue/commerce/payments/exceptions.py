"""Why a payment or a card binding was refused. Each message is the Chinese sentence the person
reads; none repeats a card number, phone or ID number."""

from __future__ import annotations

from shouyue.commerce.errors import CommerceError, Conflict, Invalid, NotFound


class PaymentsError(CommerceError):
    """Base of the payments domain's refusals."""

    def __init__(self, message: str, *, keep_changes: bool = False) -> None:
        super().__init__(message)
        # The service recorded something on purpose before refusing (a declined attempt, a wrong
        # code try): the caller commits before answering.
        self.keep_changes = keep_changes


class AlreadyPaid(PaymentsError, Conflict):
    def __init__(self) -> None:
        super().__init__("该订单已支付成功，请勿重复付款；可在订单详情中查看支付记录")


class OrderNotPayable(PaymentsError, Conflict):
    def __init__(self, state_label: str) -> None:
        super().__init__(f"订单当前为「{state_label}」，不能付款")


class UnknownChannel(PaymentsError, Invalid):
    def __init__(self) -> None:
        super().__init__("请选择支付方式：支付宝、微信支付、银联云闪付或已绑定的银行卡")


class CardRequired(PaymentsError, Invalid):
    def __init__(self) -> None:
        super().__init__("使用银行卡付款时，请选择一张已绑定的银行卡")


class PaymentDeclined(PaymentsError):
    """The institution declined: the attempt is recorded, the order still awaits payment."""

    status_code = 402

    def __init__(self, reason: str) -> None:
        super().__init__(f"支付未成功：{reason}。订单仍为待付款，您可以换一种支付方式重试", keep_changes=True)


class PaymentBusy(PaymentsError, Conflict):
    def __init__(self) -> None:
        super().__init__("该订单正在支付中，请稍后刷新订单查看支付结果，请勿重复付款")


class PaymentUnavailable(PaymentsError):
    status_code = 503

    def __init__(self) -> None:
        super().__init__("支付机构暂时无法处理，请稍后重试；本次未扣款")


# --- card binding --------------------------------------------------------------------------------


class CardNotFound(PaymentsError, NotFound):
    def __init__(self) -> None:
        super().__init__("未找到该银行卡")


class InvalidCard(PaymentsError, Invalid):
    pass


class CardExpired(PaymentsError, Invalid):
    def __init__(self) -> None:
        super().__init__("该银行卡已过有效期，请使用其他银行卡")


class CardAlreadyBound(PaymentsError, Conflict):
    def __init__(self) -> None:
        super().__init__("该银行卡已绑定，无需重复绑定")


class SeparateConsentNeeded(PaymentsError):
    status_code = 403

    def __init__(self) -> None:
        super().__init__(
            "绑定银行卡需要您单独同意将银行卡信息提供给所选金融机构；您也可以不绑卡，直接使用支付宝、微信支付或银联云闪付付款"
        )


class NoticeVersionNeeded(PaymentsError, Invalid):
    def __init__(self) -> None:
        super().__init__("请注明您阅读的隐私声明版本后再同意")


class BindingCodeExpired(PaymentsError):
    status_code = 400

    def __init__(self) -> None:
        super().__init__("验证码已失效，请重新提交银行卡信息以获取新的验证码")


class WrongBindingCode(PaymentsError):
    status_code = 400

    def __init__(self, remaining: int) -> None:
        if remaining > 0:
            super().__init__(f"验证码不正确，还可以再试{remaining}次", keep_changes=True)
        else:
            super().__init__("验证码错误次数过多，本次绑卡已取消，请重新提交银行卡信息", keep_changes=True)


class CardNotPending(PaymentsError, Conflict):
    def __init__(self) -> None:
        super().__init__("该银行卡已完成绑定，无需再次输入验证码")


class BindingUnavailable(PaymentsError):
    status_code = 503

    def __init__(self) -> None:
        super().__init__("银行暂时无法处理绑卡请求，请稍后重试")
