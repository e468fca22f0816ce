"""Why a real-name, age or guardian step was refused. Each message is the Chinese sentence the
person sees; none repeats the name, number or phone that was refused."""

from __future__ import annotations


class IdentityError(Exception):
    """Base of the identity domain's refusals; ``status_code`` is the HTTP status the web layer uses."""

    status_code = 400

    def __init__(self, message: str, *, keep_changes: bool = False) -> None:
        super().__init__(message)
        self.message = message
        # The service recorded something on purpose before refusing (a failed code try, a child's
        # age flag): the caller commits before answering.
        self.keep_changes = keep_changes


class InvalidIdNumber(IdentityError):
    status_code = 422


class InvalidRealName(IdentityError):
    status_code = 422


class InvalidBirthDate(IdentityError):
    status_code = 422

    def __init__(self) -> None:
        super().__init__("出生日期不在合理范围内，请核对后重新填写")


class IdPhotoNotAccepted(IdentityError):
    status_code = 422

    def __init__(self) -> None:
        super().__init__("实名认证只需要姓名和身份证号码，不收集身份证照片；需要证件照片的活动会单独征求您的同意")


class AlreadyVerified(IdentityError):
    status_code = 409

    def __init__(self) -> None:
        super().__init__("您已完成实名认证；如需更正，请联系客服")


class IdNumberInUse(IdentityError):
    status_code = 409

    def __init__(self) -> None:
        super().__init__("该身份证号码已用于其他账户的实名认证")


class AccountNotFound(IdentityError):
    status_code = 404

    def __init__(self) -> None:
        super().__init__("未找到该账户")


class NotVerified(IdentityError):
    status_code = 404

    def __init__(self) -> None:
        super().__init__("该账户尚未完成实名认证")


class GuardianConsentPending(IdentityError):
    """An under-14 without a verified guardian consent (P65)."""

    status_code = 403

    def __init__(self, *, keep_changes: bool = False) -> None:
        super().__init__(
            "未满十四周岁的用户需经监护人同意后才能使用此功能，请先完成监护人验证", keep_changes=keep_changes
        )


class GuardianNotRequired(IdentityError):
    status_code = 409

    def __init__(self) -> None:
        super().__init__("您的账户无需监护人同意")


class GuardianAlreadyVerified(IdentityError):
    status_code = 409

    def __init__(self) -> None:
        super().__init__("监护人已经同意，无需再次验证")


class InvalidPhone(IdentityError):
    status_code = 422

    def __init__(self) -> None:
        super().__init__("请填写正确的11位中国大陆手机号码")


class GuardianPhoneIsChilds(IdentityError):
    status_code = 422

    def __init__(self) -> None:
        super().__init__("请填写监护人本人的手机号码，不能与您自己的手机号码相同")


class GuardianCodeTooSoon(IdentityError):
    status_code = 429

    def __init__(self, seconds: int) -> None:
        super().__init__(f"验证码发送过于频繁，请{seconds}秒后再试")


class GuardianCodeMissing(IdentityError):
    status_code = 400

    def __init__(self) -> None:
        super().__init__("请先获取监护人手机验证码")


class GuardianCodeExpired(IdentityError):
    status_code = 400

    def __init__(self) -> None:
        super().__init__("验证码已失效，请重新获取")


class WrongGuardianCode(IdentityError):
    status_code = 400

    def __init__(self, remaining: int) -> None:
        if remaining > 0:
            super().__init__(f"验证码不正确，还可以再试{remaining}次", keep_changes=True)
        else:
            super().__init__("验证码错误次数过多，请重新获取验证码", keep_changes=True)


class ChildProtectionRefused(IdentityError):
    """Marketing or personalisation asked for a child (P66)."""

    status_code = 403

    def __init__(self) -> None:
        super().__init__("为保护未成年人，不满十四周岁的用户不提供个性化推荐和营销服务")


class GuardianCodeNotSent(IdentityError):
    status_code = 503

    def __init__(self) -> None:
        super().__init__("短信发送失败，请稍后重试")
