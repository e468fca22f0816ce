"""Why a shop step was refused. Each message is the Chinese sentence the seller reads: it says
what is wrong and what to do, and never repeats a card number, phone or address."""

from __future__ import annotations

from collections.abc import Sequence

from shouyue.commerce.errors import CommerceError, Conflict, Invalid, NotFound


class OnboardingIncomplete(Conflict):
    """Shop creation before every requirement is met (P12); ``missing`` lists them all."""

    def __init__(self, missing: Sequence[str]) -> None:
        super().__init__(f"开店前还需完成以下事项：{'、'.join(missing)}。请在卖家中心逐项完成后再提交")
        self.missing = tuple(missing)


class ShopAlreadyOpen(Conflict):
    def __init__(self) -> None:
        super().__init__("您已开设店铺，每个账户只能开设一家店铺")


class ShopNameTaken(Conflict):
    def __init__(self) -> None:
        super().__init__("该店铺名称已被使用，请换一个名称")


class InvalidShopName(Invalid):
    def __init__(self) -> None:
        super().__init__("店铺名称应为2到30个字符，不能只含空格或特殊控制字符")


class InvalidShopKind(Invalid):
    def __init__(self) -> None:
        super().__init__("店铺类型只能是个人店铺或企业店铺")


class ShopNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("您还没有开设店铺，请先在卖家中心完成开店")


class InvalidCardNumber(Invalid):
    pass


class InvalidBankName(Invalid):
    def __init__(self) -> None:
        super().__init__("请填写开户银行名称，如“中国工商银行”（2到40个字）")


class BranchRequired(Invalid):
    def __init__(self) -> None:
        super().__init__("企业店铺须填写开户支行全称，如“中国工商银行股份有限公司北京朝阳支行”")


class InvalidBranchName(Invalid):
    def __init__(self) -> None:
        super().__init__(
            "开户支行全称应为6到80个字，并写明支行、分行或营业部，如“中国工商银行股份有限公司北京朝阳支行”"
        )


class CardInUse(Conflict):
    def __init__(self) -> None:
        super().__init__("该银行卡已用于其他账户的开店认证，请使用您本人的银行卡")


class RealNameRequired(Conflict):
    def __init__(self) -> None:
        super().__init__("请先完成实名认证后再绑定提现银行卡")


class WithdrawalCardNotBound(NotFound):
    def __init__(self) -> None:
        super().__init__("您尚未绑定提现银行卡")


class InvalidShopPhone(Invalid):
    def __init__(self) -> None:
        super().__init__("请填写正确的中国大陆手机号码或带区号的固定电话，如 010-12345678")


class InvalidAddress(Invalid):
    def __init__(self, label: str) -> None:
        super().__init__(f"{label}应为5到120个字，请写明省、市、区县和详细地址")


class InvalidDocument(Invalid):
    def __init__(self) -> None:
        super().__init__("证照文件须为不超过2MB的PNG、JPEG图片或PDF文件")


class ShopManagementConsentRequired(CommerceError):
    """An extra given without the seller's agreement to 店铺管理 (an additional purpose)."""

    status_code = 403

    def __init__(self) -> None:
        super().__init__("填写店铺管理信息前，请先勾选同意「店铺管理」处理您提交的信息（可随时撤回）")


class DocumentNotFound(NotFound):
    def __init__(self, label: str) -> None:
        super().__init__(f"您尚未上传{label}")


class FeatureUnavailable(Conflict):
    """A feature whose shop extra the seller has not given (P13): only this feature is off."""

    def __init__(self, feature_label: str, missing: Sequence[str]) -> None:
        super().__init__(
            f"「{feature_label}」需要先在店铺管理中提供{'、'.join(missing)}；"
            "您可以在卖家中心的“店铺管理”页面补充，其他功能不受影响"
        )
        self.missing = tuple(missing)


class QualificationRequired(Conflict):
    """Listing in a category that needs a licence and a qualification the shop has not uploaded."""

    def __init__(self, category_label: str, missing: Sequence[str]) -> None:
        super().__init__(f"在「{category_label}」类目发布商品需要先上传{'、'.join(missing)}；其他类目的商品不受影响")
        self.missing = tuple(missing)
