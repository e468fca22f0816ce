"""API shapes of orders. Responses show the recipient masked; the ID number never leaves."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.addresses.schemas import RecipientFields
from shouyue.commerce.orders import service
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.orders.placement import LineRequest, OrderRequest, RecipientDraft
from shouyue.commerce.orders.states import label


class OrderLineCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_id: int = Field(description="商品编号")
    quantity: int = Field(description="数量，1到999")
    unit_price_fen: int | None = Field(
        None,
        description="可选：页面上显示的单价（分）。价格一律以商品目录为准；与当前价格不一致时拒绝下单（409），绝不按此价格收费",
    )


class OrderCreate(BaseModel):
    """Lines (or ``from_cart`` with no lines: everything in the cart), and either ``address_id``
    or ``recipient``. ``customs_*`` only when the order has cross-border goods (refused otherwise)."""

    model_config = ConfigDict(extra="forbid")

    lines: list[OrderLineCreate] = Field(default_factory=list, max_length=200, description="商品和数量")
    from_cart: bool = Field(False, description="从购物车结算：下单后从购物车移除这些商品；lines 为空时结算整个购物车")
    address_id: int | None = Field(None, description="选择已保存的收货地址")
    recipient: RecipientFields | None = Field(None, description="或直接填写收货信息（二者选其一）")
    for_others: bool = Field(False, description="为他人订购")
    others_authorised: bool = Field(False, description="为他人订购时须确认已取得收货人授权")
    customs_name: str | None = Field(None, max_length=40, description="跨境商品：订购人真实姓名（仅提供给清关服务方）")
    customs_id_number: str | None = Field(
        None, max_length=32, description="跨境商品：订购人身份证号码（仅提供给清关服务方）"
    )
    remark: str = Field("", max_length=1000, description="订单备注，不超过200字")

    def to_request(self) -> OrderRequest:
        r = self.recipient
        return OrderRequest(
            lines=[LineRequest(line.product_id, line.quantity, line.unit_price_fen) for line in self.lines],
            address_id=self.address_id,
            recipient=None
            if r is None
            else RecipientDraft(
                name=r.recipient_name, phone=r.phone, region=r.region, detail=r.detail, postcode=r.postcode
            ),
            for_others=self.for_others,
            others_authorised=self.others_authorised,
            customs_name=self.customs_name,
            customs_id_number=self.customs_id_number,
            remark=self.remark,
            from_cart=self.from_cart,
        )


class OrderLineRead(BaseModel):
    product_id: int
    title: str
    unit_price_fen: int
    quantity: int
    subtotal_fen: int
    cross_border: bool


class RecipientRead(BaseModel):
    """Masked by default."""

    name: str
    phone: str
    address: str
    postcode: str


class OrderRead(BaseModel):
    id: int
    number: str = Field(description="订单号")
    shop_id: int
    state: OrderState
    state_label: str
    amount_fen: int = Field(description="应付金额（分），由服务器按商品目录计算")
    remark: str
    created_at: datetime
    lines: list[OrderLineRead]
    recipient: RecipientRead
    for_others: bool
    others_authorised_at: datetime | None
    cross_border: bool
    customs_declared: bool
    paid_at: datetime | None
    shipped_at: datetime | None
    received_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    can_cancel: bool
    can_confirm_receipt: bool
    can_delete: bool
    delete_warning: str | None = Field(description="删除订单前须告知的后果")

    @classmethod
    def of(cls, order: Order) -> OrderRead:
        recipient = service.masked_recipient(order)
        state = OrderState(order.state)
        deletable = order.state in service.DELETABLE
        return cls(
            id=order.id,
            number=order.number,
            shop_id=order.shop_id,
            state=state,
            state_label=label(order.state),
            amount_fen=order.amount_fen,
            remark=order.remark,
            created_at=order.created_at,
            lines=[
                OrderLineRead(
                    product_id=line.product_id,
                    title=line.title,
                    unit_price_fen=line.unit_price_fen,
                    quantity=line.quantity,
                    subtotal_fen=line.unit_price_fen * line.quantity,
                    cross_border=line.cross_border,
                )
                for line in order.lines
            ],
            recipient=RecipientRead(
                name=recipient.name, phone=recipient.phone, address=recipient.address, postcode=recipient.postcode
            ),
            for_others=order.for_others,
            others_authorised_at=order.others_authorised_at,
            cross_border=any(line.cross_border for line in order.lines),
            customs_declared=order.customs_reference is not None,
            paid_at=order.paid_at,
            shipped_at=order.shipped_at,
            received_at=order.received_at,
            completed_at=order.completed_at,
            cancelled_at=order.cancelled_at,
            can_cancel=order.state in service.CANCELLABLE,
            can_confirm_receipt=state is OrderState.AWAITING_RECEIPT,
            can_delete=deletable,
            delete_warning=service.DELETE_WARNING if deletable else None,
        )


class OrdersPlacedRead(BaseModel):
    orders: list[OrderRead] = Field(description="每个店铺一个订单")
    total_fen: int


class OrderPage(BaseModel):
    items: list[OrderRead]
    counts: dict[str, int] = Field(description="各状态的订单数")


class OrderDeletedRead(BaseModel):
    id: int
    deleted: bool
    warning: str
