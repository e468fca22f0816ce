"""Placing orders (P15-P18): one order per shop, from the cart or "buy now".

Everything a buyer could get wrong is checked before anything is written, and the whole placement
is one transaction: a refusal (a missing recipient field, the last item gone) leaves no order, no
line and no stock change behind. Prices come from the catalogue only; a price the client sends is
compared and, when it differs, the order is refused (never charged at the client's price).

Stock is taken with one conditional ``UPDATE ... WHERE stock >= :q`` per product, in product-id
order (two buyers taking the same products never deadlock); zero rows updated means someone else
took the last items, and the order is refused with 409 naming the product.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.models import Account
from shouyue.commerce.addresses import service as addresses
from shouyue.commerce.addresses.recipients import Recipient, parse_recipient
from shouyue.commerce.cart import service as cart
from shouyue.commerce.cart.exceptions import ProductUnavailable
from shouyue.commerce.catalog.models import Product, ProductStatus
from shouyue.commerce.identity import id_numbers
from shouyue.commerce.identity import service as identity
from shouyue.commerce.identity.exceptions import InvalidIdNumber, InvalidRealName
from shouyue.commerce.orders.exceptions import (
    AuthorisationRequired,
    CustomsInfoNotNeeded,
    CustomsInfoRequired,
    NoLines,
    OutOfStock,
    PriceChanged,
    RecipientChoiceAmbiguous,
    RemarkTooLong,
    StoreBusy,
    TooManyLines,
)
from shouyue.commerce.orders.models import ORDER_NUMBER_LENGTH, Order, OrderLine, OrderState
from shouyue.privacy import audit
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.gateway import Disclosure, disclose
from shouyue.privacy.vault import Sealed, Vault

MAX_LINES = 50
REMARK_MAX = 200
FULFILMENT = "order.fulfilment"
FOR_OTHERS = "order.for_others"
CUSTOMS_PURPOSE = "order.customs_clearance"
CUSTOMS_RECIPIENT = "partner.customs"
RECIPIENT_CATEGORIES = ("recipient.name", "recipient.phone", "recipient.address", "recipient.postcode")


@dataclass(frozen=True, slots=True)
class LineRequest:
    """One product and quantity asked for; ``unit_price_fen`` is what the client showed, if sent."""

    product_id: int
    quantity: int
    unit_price_fen: int | None = None


@dataclass(frozen=True, slots=True)
class RecipientDraft:
    """Recipient fields typed inline (instead of choosing an address)."""

    name: str | None = None
    phone: str | None = None
    region: str | None = None
    detail: str | None = None
    postcode: str | None = None

    def __repr__(self) -> str:
        return "RecipientDraft(***)"


@dataclass(frozen=True, slots=True)
class OrderRequest:
    """Everything the buyer submits at checkout."""

    lines: Sequence[LineRequest]
    address_id: int | None = None
    recipient: RecipientDraft | None = None
    for_others: bool = False
    others_authorised: bool = False
    customs_name: str | None = None
    customs_id_number: str | None = None
    remark: str = ""
    from_cart: bool = False

    def __repr__(self) -> str:
        return f"OrderRequest(lines={list(self.lines)!r}, address_id={self.address_id!r}, ...)"


@dataclass(frozen=True, slots=True)
class Placed:
    """The orders just placed, and the customs disclosures to hand to the clearance service after
    the commit (one per cross-border order, keyed by order id)."""

    orders: list[Order]
    customs: dict[int, Disclosure] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Customs:
    name: str
    id_number: str

    def __repr__(self) -> str:
        return "_Customs(***)"


def new_order_number(now: datetime) -> str:
    """Date in China (8 digits) and 12 random digits: unique in practice and not guessable."""
    number = f"{identity.china_today(now):%Y%m%d}{secrets.randbelow(10**12):012d}"
    return number[:ORDER_NUMBER_LENGTH]


def _merge_lines(lines: Sequence[LineRequest]) -> dict[int, LineRequest]:
    if not lines:
        raise NoLines()
    merged: dict[int, LineRequest] = {}
    for line in lines:
        cart.check_quantity(line.quantity)
        earlier = merged.get(line.product_id)
        if earlier is None:
            merged[line.product_id] = line
        else:
            quantity = cart.check_quantity(earlier.quantity + line.quantity)
            merged[line.product_id] = LineRequest(
                line.product_id, quantity, earlier.unit_price_fen or line.unit_price_fen
            )
    if len(merged) > MAX_LINES:
        raise TooManyLines(MAX_LINES)
    return merged


def _recipient(session: Session, vault: Vault, buyer_id: str, request: OrderRequest) -> Recipient:
    draft = request.recipient
    typed = draft is not None and any((draft.name, draft.phone, draft.region, draft.detail, draft.postcode))
    if request.address_id is not None and typed:
        raise RecipientChoiceAmbiguous()
    if request.address_id is not None:
        address = addresses.get_address_or_raise(session=session, account_id=buyer_id, address_id=request.address_id)
        return addresses.reveal_recipient(session=session, address=address, vault=vault)
    draft = draft or RecipientDraft()
    return parse_recipient(
        name=draft.name, phone=draft.phone, region=draft.region, detail=draft.detail, postcode=draft.postcode
    )


def _products(session: Session, ids: Sequence[int]) -> dict[int, Product]:
    found = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
    for product_id in ids:
        product = found.get(product_id)
        if product is None or product.status != ProductStatus.ON_SALE.value:
            raise ProductUnavailable()
    return found


def _customs(request: OrderRequest, *, cross_border: bool, now: datetime) -> _Customs | None:
    given = bool((request.customs_name or "").strip() or (request.customs_id_number or "").strip())
    if not cross_border:
        if given:
            raise CustomsInfoNotNeeded()
        return None
    problems: list[str] = []
    name = number = ""
    try:
        name = id_numbers.parse_real_name(request.customs_name or "")
    except InvalidRealName as exc:
        problems.append(f"订购人姓名：{exc.message}")
    try:
        number = id_numbers.parse_id_number(request.customs_id_number or "", today=identity.china_today(now)).value
    except InvalidIdNumber as exc:
        problems.append(f"身份证号码：{exc.message}")
    if problems:
        raise CustomsInfoRequired(problems)
    return _Customs(name=name, id_number=number)


def _waited_too_long(exc: OperationalError) -> bool:
    """Whether the database gave up waiting for a lock: SQLite's single writer past its busy
    timeout ("database is locked"), or PostgreSQL's ``lock_timeout`` (SQLSTATE 55P03)."""
    if getattr(exc.orig, "sqlstate", None) == "55P03":
        return True
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text or "lock timeout" in text


def _take_stock(session: Session, products: dict[int, Product], lines: dict[int, LineRequest]) -> None:
    for product_id in sorted(lines):
        quantity = lines[product_id].quantity
        stmt = (
            update(Product)
            .where(Product.id == product_id, Product.stock >= quantity)
            .values(stock=Product.stock - quantity)
            .execution_options(synchronize_session=False)
        )
        try:
            result = session.execute(stmt)
        except OperationalError as exc:
            if _waited_too_long(exc):
                raise StoreBusy() from None
            raise
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise OutOfStock(products[product_id].title)
    for product in products.values():
        session.expire(product, ["stock"])


def place_orders(
    *, session: Session, vault: Vault, datamap: DataMap, buyer: Account, request: OrderRequest, now: datetime
) -> Placed:
    """Place one order per shop for ``request``; the caller commits, then files the customs
    declarations in :attr:`Placed.customs` (see ``orders.customs``)."""
    requested = list(request.lines)
    if not requested and request.from_cart:
        items = cart.list_cart(session=session, account_id=buyer.id)
        requested = [LineRequest(line.item.product_id, line.item.quantity) for line in items]
    lines = _merge_lines(requested)
    remark = (request.remark or "").strip()
    if len(remark) > REMARK_MAX:
        raise RemarkTooLong(REMARK_MAX)
    recipient = _recipient(session, vault, buyer.id, request)
    if request.for_others and not request.others_authorised:
        raise AuthorisationRequired()
    products = _products(session, sorted(lines))
    for product_id, line in lines.items():
        product = products[product_id]
        if line.unit_price_fen is not None and line.unit_price_fen != product.price_fen:
            raise PriceChanged(product.title)
    customs = _customs(request, cross_border=any(p.cross_border for p in products.values()), now=now)
    identity.ensure_can_transact(session=session, account_id=buyer.id, today=identity.china_today(now))
    _take_stock(session, products, lines)

    by_shop: dict[int, list[int]] = defaultdict(list)
    for product_id in sorted(lines):
        by_shop[products[product_id].shop_id].append(product_id)
    placed: list[Order] = []
    disclosures: dict[int, Disclosure] = {}
    for shop_id in sorted(by_shop):
        ids = by_shop[shop_id]
        order = _new_order(
            vault=vault,
            buyer_id=buyer.id,
            shop_id=shop_id,
            recipient=recipient,
            request=request,
            remark=remark,
            amount=sum(products[i].price_fen * lines[i].quantity for i in ids),
            customs=customs if any(products[i].cross_border for i in ids) else None,
            now=now,
        )
        order.lines = [
            OrderLine(
                buyer_id=buyer.id,
                product_id=i,
                title=products[i].title,
                unit_price_fen=products[i].price_fen,
                quantity=lines[i].quantity,
                cross_border=products[i].cross_border,
            )
            for i in ids
        ]
        session.add(order)
        session.flush()
        if request.for_others:
            audit.append(
                session,
                actor=Actor(kind="subject", id=buyer.id),
                action="order.others_authorisation_affirmed",
                subject_id=buyer.id,
                purpose=FOR_OTHERS,
                categories=list(RECIPIENT_CATEGORIES),
                refs={"order_id": order.id},
            )
        if order.customs_id_number is not None and customs is not None:
            disclosures[order.id] = _disclose_to_customs(
                session=session, datamap=datamap, order=order, customs=customs, now=now
            )
        placed.append(order)
    if request.from_cart:
        cart.remove_products(session=session, account_id=buyer.id, product_ids=lines)
    return Placed(orders=placed, customs=disclosures)


def _new_order(
    *,
    vault: Vault,
    buyer_id: str,
    shop_id: int,
    recipient: Recipient,
    request: OrderRequest,
    remark: str,
    amount: int,
    customs: _Customs | None,
    now: datetime,
) -> Order:
    def held(value: str, category: str) -> Sealed:
        return vault.seal(value, category=category, subject_id=buyer_id, held=True)

    return Order(
        number=new_order_number(now),
        buyer_id=buyer_id,
        shop_id=shop_id,
        state=OrderState.AWAITING_PAYMENT.value,
        amount_fen=amount,
        remark=remark,
        created_at=now,
        recipient_name=held(recipient.name, "recipient.name"),
        recipient_phone=held(recipient.phone, "recipient.phone"),
        recipient_address=held(recipient.address, "recipient.address"),
        recipient_postcode=recipient.postcode,
        for_others=request.for_others,
        others_authorised_at=now if request.for_others else None,
        customs_name=held(customs.name, "identity.real_name") if customs else None,
        customs_id_number=held(customs.id_number, "identity.id_number") if customs else None,
    )


def _disclose_to_customs(
    *, session: Session, datamap: DataMap, order: Order, customs: _Customs, now: datetime
) -> Disclosure:
    """The declaration's content, through the gateway to the customs recipient only (P17)."""
    goods = "；".join(f"{line.title}×{line.quantity}" for line in order.lines if line.cross_border)
    return disclose(
        session=session,
        datamap=datamap,
        recipient=CUSTOMS_RECIPIENT,
        purpose=CUSTOMS_PURPOSE,
        subject_id=order.buyer_id,
        fields={
            "identity.real_name": customs.name,
            "identity.id_number": customs.id_number,
            "order.number": order.number,
            "order.goods": goods,
            "order.amount": str(order.amount_fen),
        },
        actor=Actor(kind="subject", id=order.buyer_id),
        now=now,
    )
