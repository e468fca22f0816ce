"""What a product's fields may hold. Checked in one place for the API and the pages, so an absurd
value gets the same Chinese message (422) wherever it comes from."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from shouyue.commerce.catalog.exceptions import InvalidProduct

TITLE_MAX = 60
DESCRIPTION_MAX = 2000
PRICE_MAX_FEN = 1_000_000 * 100  # 1,000,000 yuan
STOCK_MAX = 100_000


@dataclass(frozen=True, slots=True)
class ProductDraft:
    title: str
    price_fen: int
    stock: int
    category_id: int
    description: str = ""
    cross_border: bool = False
    on_sale: bool = True


@dataclass(frozen=True, slots=True)
class ProductChanges:
    """Fields to change; None leaves a field as it is."""

    title: str | None = None
    description: str | None = None
    price_fen: int | None = None
    stock: int | None = None
    category_id: int | None = None
    cross_border: bool | None = None
    on_sale: bool | None = None


def check_title(title: str) -> str:
    text = title.strip()
    if not 1 <= len(text) <= TITLE_MAX or not text.isprintable():
        raise InvalidProduct(f"商品标题须为1到{TITLE_MAX}个字符，且不含换行等控制字符")
    return text


def check_description(description: str) -> str:
    text = description.strip()
    if len(text) > DESCRIPTION_MAX:
        raise InvalidProduct(f"商品描述不能超过{DESCRIPTION_MAX}个字符")
    return text


def check_price(price_fen: int) -> int:
    if not 0 < price_fen <= PRICE_MAX_FEN:
        raise InvalidProduct("价格须大于0元且不超过1,000,000元")
    return price_fen


def check_stock(stock: int) -> int:
    if not 0 <= stock <= STOCK_MAX:
        raise InvalidProduct(f"库存须为0到{STOCK_MAX:,}之间的整数")
    return stock


def check_draft(draft: ProductDraft) -> ProductDraft:
    return replace(
        draft,
        title=check_title(draft.title),
        description=check_description(draft.description),
        price_fen=check_price(draft.price_fen),
        stock=check_stock(draft.stock),
    )


def check_changes(changes: ProductChanges) -> ProductChanges:
    return replace(
        changes,
        title=None if changes.title is None else check_title(changes.title),
        description=None if changes.description is None else check_description(changes.description),
        price_fen=None if changes.price_fen is None else check_price(changes.price_fen),
        stock=None if changes.stock is None else check_stock(changes.stock),
    )


def yuan_to_fen(text: str) -> int:
    """A price typed in yuan (``12.3``, ``12.30``) as fen; refuses more than two decimals."""
    try:
        value = Decimal(text.strip().replace(",", "").removeprefix("¥"))
    except (InvalidOperation, ValueError):
        raise InvalidProduct("价格格式不正确，请填写以元为单位的数字，例如 19.90") from None
    if not value.is_finite():
        raise InvalidProduct("价格格式不正确，请填写以元为单位的数字，例如 19.90")
    fen = value * 100
    if fen != fen.to_integral_value():
        raise InvalidProduct("价格最多精确到分（两位小数），例如 19.90")
    return check_price(int(fen))


def fen_to_yuan_text(fen: int) -> str:
    """A price in fen as a form field shows it (``19.90``)."""
    whole, cents = divmod(fen, 100)
    return f"{whole}.{cents:02d}"
