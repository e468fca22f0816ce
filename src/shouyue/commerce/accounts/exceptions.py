"""What can go wrong with accounts, sessions, SMS codes and third-party logins. Each error's
text is the Chinese sentence users see and its ``status_code`` the HTTP status; the web
layer's one handler answers with both."""

from __future__ import annotations

from typing import ClassVar


class AccountsError(Exception):
    """Base of the accounts domain's errors. ``keep_changes``: the service recorded something
    before refusing (a failed code try counts), so the caller commits before answering."""

    status_code: ClassVar[int] = 400
    message: ClassVar[str] = "请求未能完成"
    keep_changes: ClassVar[bool] = False

    def __init__(self, note: str = "") -> None:
        # The text is the sentence users see; ``note`` says more for logs (English, never PI).
        super().__init__(self.message)
        self.note = note


# --- the notice (P01, P82) ---------------------------------------------------------------------


class NoticeNotAccepted(AccountsError):
    message = "请先阅读并勾选同意《隐私声明》"


class NoticeVersionOutdated(AccountsError):
    status_code = 409
    message = "《隐私声明》已更新，请阅读最新版本后再同意"


class NoticeUnavailable(AccountsError):
    status_code = 503
    message = "《隐私声明》尚未发布，暂时无法注册"


# --- phone numbers and SMS codes (P08) ---------------------------------------------------------


class InvalidPhone(AccountsError):
    status_code = 422
    message = "请输入正确的中国大陆手机号码（11位，以1开头）"


class PhoneAlreadyRegistered(AccountsError):
    status_code = 409
    message = "该手机号已注册，请直接登录"


class PhoneNotRegistered(AccountsError):
    status_code = 404
    message = "该手机号尚未注册，请先注册"


class CodeMalformed(AccountsError):
    status_code = 422
    message = "验证码为6位数字"


class CodeNotRequested(AccountsError):
    message = "请先获取短信验证码"


class CodeInvalid(AccountsError):
    message = "验证码不正确，请重新输入（连续输错5次后该验证码将失效）"
    keep_changes = True


class CodeLocked(AccountsError):
    message = "验证码输错次数过多，已失效，请重新获取"
    keep_changes = True


class CodeExpired(AccountsError):
    message = "验证码已过期（有效期5分钟），请重新获取"


class CodeUsed(AccountsError):
    message = "该验证码已使用过，请重新获取"


class SmsTooFrequent(AccountsError):
    status_code = 429
    message = "获取验证码过于频繁，请1分钟后再试"


class SmsDailyLimit(AccountsError):
    status_code = 429
    message = "该手机号今日获取验证码的次数已达上限（10次），请明天再试"


class IpRateLimited(AccountsError):
    status_code = 429
    message = "当前网络的请求过于频繁，请稍后再试"


class SmsNotSent(AccountsError):
    status_code = 503
    message = "短信发送失败，请稍后重试"


# --- sessions ----------------------------------------------------------------------------------


class NotAuthenticated(AccountsError):
    status_code = 401
    message = "请先登录"


class SessionInvalid(AccountsError):
    status_code = 401
    message = "登录已失效，请重新登录"


class AccountUnavailable(AccountsError):
    status_code = 403
    message = "该账户已停用或已注销，无法登录"


class SellerEditionRequired(AccountsError):
    status_code = 403
    message = "此功能仅在店长版中提供，请从店长版登录"


class CsrfRejected(AccountsError):
    status_code = 403
    message = "页面已过期或来源无法确认，请刷新页面后重新提交"


# --- third-party login (P09) -------------------------------------------------------------------


class UnknownProvider(AccountsError):
    status_code = 404
    message = "暂不支持使用该第三方账户登录"


class OAuthRefused(AccountsError):
    message = "第三方账户授权失败，请重新授权"


class OAuthTicketInvalid(AccountsError):
    message = "第三方账户授权已超时，请重新授权"


class ExternalAccountTaken(AccountsError):
    status_code = 409
    message = "该第三方账户已绑定其他守约账户"


class ProviderAlreadyLinked(AccountsError):
    status_code = 409
    message = "您已绑定过该第三方的账户，如需更换请先解除绑定"


class ProviderNotLinked(AccountsError):
    status_code = 404
    message = "您尚未绑定该第三方账户"


# --- step-up verification (P26) ----------------------------------------------------------------


class ChallengeInvalid(AccountsError):
    message = "安全验证已失效，请重新登录"


# --- profile (P10) -----------------------------------------------------------------------------


class ProfileConsentRequired(AccountsError):
    status_code = 403
    message = "保存个人资料前，请勾选同意平台为“完善个人资料”处理您填写的信息；不填写不影响任何基本功能"


class InvalidAvatar(AccountsError):
    status_code = 422
    message = "头像须为不超过1MB的JPEG、PNG或WebP图片"


class InvalidProfile(AccountsError):
    status_code = 422
    message = "个人资料填写有误：昵称不超过32个字，签名不超过80个字，生日不能晚于今天"


class AvatarNotSet(AccountsError):
    status_code = 404
    message = "您尚未设置头像"
