"""API shapes of the cart. Quantities are checked by the service so the refusal reads in Chinese."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.cart.service import CartLine


class CartItemCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_id: int = Field(description="商品编号")
    quantity: int = Field(1, description="数量，1到999")


class CartItemUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(description="新的数量，1到999")


class CartLineRead(BaseModel):
    product_id: int
    title: str
    shop_id: int
    unit_price_fen: int = Field(description="商品当前价格（分）")
    quantity: int
    subtotal_fen: int
    stock: int = Field(description="当前库存")
    cross_border: bool
    available: bool = Field(description="在售且库存足够")

    @classmethod
    def of(cls, line: CartLine) -> CartLineRead:
        return cls(
            product_id=line.product.id,
            title=line.product.title,
            shop_id=line.product.shop_id,
            unit_price_fen=line.product.price_fen,
            quantity=line.item.quantity,
            subtotal_fen=line.subtotal_fen,
            stock=line.product.stock,
            cross_border=line.product.cross_border,
            available=line.available,
        )


class CartRead(BaseModel):
    lines: list[CartLineRead]
    total_fen: int = Field(description="可结算商品的合计（分）")

    @classmethod
    def of(cls, lines: list[CartLine]) -> CartRead:
        return cls(
            lines=[CartLineRead.of(line) for line in lines],
            total_fen=sum(line.subtotal_fen for line in lines if line.available),
        )
