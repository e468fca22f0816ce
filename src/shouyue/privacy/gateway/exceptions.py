"""Why the gateway refuses a disclosure. Messages are for people; they never contain PI."""

from __future__ import annotations

from shouyue.privacy.errors import PrivacyError


class DisclosureRefused(PrivacyError):
    """Base: this PI may not go to this recipient."""


class PurposeNotDeclaredForRecipient(DisclosureRefused):
    """The recipient is not declared for this purpose (P39: a recipient's purposes are fixed)."""

    def __init__(self, recipient: str, purpose: str) -> None:
        super().__init__(f"第三方「{recipient}」未被声明用于「{purpose}」，拒绝共享")
        self.recipient = recipient
        self.purpose = purpose


class CrossBorderRefused(DisclosureRefused):
    """The recipient processes outside mainland China without separate consent and an assessment (P70)."""

    def __init__(self, recipient: str, region: str) -> None:
        super().__init__(
            f"第三方「{recipient}」位于境外（{region}），未取得单独同意并完成个人信息保护影响评估，拒绝出境传输"
        )
        self.recipient = recipient
        self.region = region


class AggregateOnly(DisclosureRefused):
    """The recipient may receive aggregates only, never a subject's rows (P42)."""

    def __init__(self, recipient: str) -> None:
        super().__init__(f"第三方「{recipient}」只能获得汇总统计信息，不能获得个人信息")
        self.recipient = recipient


class NothingDeclared(DisclosureRefused):
    """None of the offered fields is declared for the recipient: nothing would be sent."""

    def __init__(self, recipient: str) -> None:
        super().__init__(f"第三方「{recipient}」未被声明接收所提供的任何个人信息")
        self.recipient = recipient
