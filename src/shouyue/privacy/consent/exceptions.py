"""Why the engine refuses to process, or to record a consent. Messages are the Chinese text a
subject sees; they name functions by their notice label, never the subject's PI."""

from __future__ import annotations

from collections.abc import Sequence

from shouyue.privacy.errors import PrivacyError


def _quoted(labels: Sequence[str]) -> str:
    return "、".join(f"「{label}」" for label in labels)


class ConsentRequired(PrivacyError):
    """A consent-based purpose without a current grant (P35, P60)."""

    def __init__(self, purpose: str, label: str, message: str | None = None) -> None:
        super().__init__(message or f"您尚未同意「{label}」，此功能暂不可用")
        self.purpose = purpose
        self.label = label


class ConsentRenewalRequired(ConsentRequired):
    """The grant was given for the purpose as an older notice described it; it has changed since."""

    def __init__(self, purpose: str, label: str) -> None:
        super().__init__(purpose, label, f"「{label}」的处理规则已变更，请重新同意后使用此功能")


class SeparateConsentRequired(PrivacyError):
    """Separate-consent purposes offered in a bundle (P82): each needs its own act."""

    def __init__(self, purposes: Sequence[str], labels: Sequence[str]) -> None:
        super().__init__(f"{_quoted(labels)}需要您单独同意，不能与其他事项一并同意")
        self.purposes = tuple(purposes)
        self.labels = tuple(labels)


class ConsentNotApplicable(PrivacyError):
    """A grant or withdrawal asked for a purpose that rests on the contract or the law."""

    def __init__(self, purpose: str, label: str) -> None:
        super().__init__(f"「{label}」是提供服务或履行法定义务所必需的处理，不适用单独同意或撤回")
        self.purpose = purpose
        self.label = label


class NoticeAcceptanceRequired(PrivacyError):
    """The subject has not accepted the privacy notice (P01)."""

    def __init__(self, purpose: str | None = None, message: str | None = None) -> None:
        super().__init__(message or "请先阅读并同意隐私政策后继续使用此功能")
        self.purpose = purpose


class NoticeUpdateRequired(NoticeAcceptanceRequired):
    """The purpose is new or changed since the version the subject accepted (P72), or the
    subject answered an older version than the one now published."""

    def __init__(self, purpose: str | None, *, accepted_version: str | None, latest_version: str) -> None:
        super().__init__(purpose, "隐私政策已更新，请阅读并同意后继续使用此功能")
        self.accepted_version = accepted_version
        self.latest_version = latest_version


class PurposeNotInNotice(PrivacyError):
    """The live data map declares the purpose differently from every published notice: the
    operator must publish before anyone can be asked to agree to it."""

    def __init__(self, purpose: str, label: str) -> None:
        super().__init__(f"「{label}」尚未写入已发布的隐私政策，暂不可用")
        self.purpose = purpose
        self.label = label


class GuardianConsentRequired(PrivacyError):
    """A subject under 14 without a verified, unwithdrawn guardian consent (P65)."""

    def __init__(self) -> None:
        super().__init__("未满十四周岁的用户需经监护人同意后才能使用此服务")


class EvidenceRefused(PrivacyError, ValueError):
    """Evidence or a reference that is not a short id or code, or that looks like PI."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field} refused: {reason}; record ids and codes, never PI")
        self.field = field
        self.reason = reason


class UnknownChannel(PrivacyError, ValueError):
    """A channel outside web, api, app, sms and staff."""

    def __init__(self, channel: str, allowed: Sequence[str]) -> None:
        super().__init__(f"unknown consent channel {channel!r}: expected one of {', '.join(allowed)}")
        self.channel = channel


class UnknownLegalGround(PrivacyError, ValueError):
    """A legal exception ground that is not one of the notice's 二(六) list."""

    def __init__(self, ground: str, allowed: Sequence[str]) -> None:
        super().__init__(f"unknown legal ground {ground!r}: expected one of {', '.join(allowed)}")
        self.ground = ground
