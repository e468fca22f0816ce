"""The seller's product pages: list, publish, edit, photos, put on or off sale, buy a placement.
Only the shop's owner reaches its products; another shop's product reads as missing. Forms carry
the CSRF token and call the same service functions as the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep, SessionDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.catalog import images, placements, service
from shouyue.commerce.catalog.exceptions import InvalidProduct
from shouyue.commerce.catalog.models import Product, ProductStatus
from shouyue.commerce.catalog.rules import ProductChanges, ProductDraft, fen_to_yuan_text, yuan_to_fen
from shouyue.commerce.catalog.transactions import unit_of_work
from shouyue.commerce.errors import CommerceError
from shouyue.commerce.shops.models import Shop
from shouyue.settings import get_settings

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

T = TypeVar("T")
LIST_PAGE = "/seller/products"
CHINA = timedelta(hours=8)
SLOT_LABELS = {"home": "首页", "search": "搜索结果"}


def _attempt(session: Session, action: Callable[[], T]) -> T | CommerceError:
    try:
        with unit_of_work(session):
            return action()
    except CommerceError as exc:
        return exc


def _shop(session: Session, current: Any) -> Shop | None:
    account = account_of(current)
    return None if account is None else service.shop_of_owner(session=session, account_id=account.id)


def _form_values(product: Product | None) -> dict[str, Any]:
    if product is None:
        return {"title": "", "description": "", "price": "", "stock": "", "category_id": None, "cross_border": False}
    return {
        "title": product.title,
        "description": product.description,
        "price": fen_to_yuan_text(product.price_fen),
        "stock": str(product.stock),
        "category_id": product.category_id,
        "cross_border": product.cross_border,
    }


def _form_context(session: Session, shop: Shop, product: Product | None, values: dict[str, Any]) -> dict[str, Any]:
    context: dict[str, Any] = {
        "product": product,
        "values": values,
        "categories": service.list_categories(session=session),
        "images": [],
        "placements": [],
        "on_sale": product is not None and product.status == ProductStatus.ON_SALE.value,
        "max_images": images.MAX_IMAGES,
        "max_days": placements.MAX_DAYS,
        "saved": False,
    }
    if product is not None:
        photos = service.own_images(session=session, product=product)
        context["images"] = [{"id": i.id, "url": images.image_url(i.file_name)} for i in photos]
        context["placements"] = [
            {"slot": SLOT_LABELS.get(p.slot, p.slot), "starts": china_time(p.starts_at), "ends": china_time(p.ends_at)}
            for p in placements.of_shop(session=session, shop=shop)
            if p.product_id == product.id
        ]
    return context


def _stock(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidProduct("库存须为0到100,000之间的整数") from None


def _category(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidProduct("请选择商品分类") from None


# --- list ----------------------------------------------------------------------------------------


@router.get(LIST_PAGE, name="seller_products")
def product_list(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(LIST_PAGE)
    products = service.seller_products(session=session, shop=shop)
    covers = service.seller_covers(session=session, products=products)
    return render(request, "catalog/seller_products.html", {"shop": shop, "products": products, "covers": covers})


# --- publish -------------------------------------------------------------------------------------


@router.get(f"{LIST_PAGE}/new", name="seller_product_new")
def new_product_form(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(f"{LIST_PAGE}/new")
    return render(request, "catalog/seller_product_form.html", _form_context(session, shop, None, _form_values(None)))


@router.post(f"{LIST_PAGE}/new")
def new_product_submit(
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    now: NowDep,
    csrf: CsrfField,
    title: Annotated[str, Form(max_length=200)] = "",
    description: Annotated[str, Form(max_length=5000)] = "",
    price: Annotated[str, Form(max_length=32)] = "",
    stock: Annotated[str, Form(max_length=16)] = "",
    category_id: Annotated[str, Form(max_length=16)] = "",
    cross_border: Annotated[bool, Form()] = False,
) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(f"{LIST_PAGE}/new")
    check_csrf(request, csrf)
    outcome = _attempt(
        session,
        lambda: service.create_product(
            session=session,
            shop=shop,
            draft=ProductDraft(
                title=title,
                description=description,
                price_fen=yuan_to_fen(price),
                stock=_stock(stock),
                category_id=_category(category_id),
                cross_border=cross_border,
            ),
            now=now,
        ),
    )
    if isinstance(outcome, CommerceError):
        values = {
            "title": title,
            "description": description,
            "price": price,
            "stock": stock,
            "category_id": int(category_id) if category_id.isdigit() else None,
            "cross_border": cross_border,
        }
        return render(
            request,
            "catalog/seller_product_form.html",
            _form_context(session, shop, None, values),
            status_code=outcome.status_code,
            error=outcome.message,
        )
    return RedirectResponse(f"{LIST_PAGE}/{outcome.id}/edit?saved=1", status_code=303)


# --- edit ----------------------------------------------------------------------------------------


@router.get(f"{LIST_PAGE}/{{product_id}}/edit", name="seller_product_edit")
def edit_product_form(
    request: Request, product_id: int, session: SessionDep, current: PageSessionDep, saved: int = 0
) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(f"{LIST_PAGE}/{product_id}/edit")
    product = service.get_own_product(session=session, shop=shop, product_id=product_id)
    context = _form_context(session, shop, product, _form_values(product))
    return render(request, "catalog/seller_product_form.html", {**context, "saved": bool(saved)})


@router.post(f"{LIST_PAGE}/{{product_id}}/edit")
def edit_product_submit(
    request: Request,
    product_id: int,
    session: SessionDep,
    current: PageSessionDep,
    csrf: CsrfField,
    title: Annotated[str, Form(max_length=200)] = "",
    description: Annotated[str, Form(max_length=5000)] = "",
    price: Annotated[str, Form(max_length=32)] = "",
    stock: Annotated[str, Form(max_length=16)] = "",
    category_id: Annotated[str, Form(max_length=16)] = "",
    cross_border: Annotated[bool, Form()] = False,
) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(f"{LIST_PAGE}/{product_id}/edit")
    check_csrf(request, csrf)
    product = service.get_own_product(session=session, shop=shop, product_id=product_id)
    outcome = _attempt(
        session,
        lambda: service.update_product(
            session=session,
            product=product,
            changes=ProductChanges(
                title=title,
                description=description,
                price_fen=yuan_to_fen(price),
                stock=_stock(stock),
                category_id=_category(category_id),
                cross_border=cross_border,
            ),
        ),
    )
    if isinstance(outcome, CommerceError):
        session.refresh(product)
        values = {
            "title": title,
            "description": description,
            "price": price,
            "stock": stock,
            "category_id": int(category_id) if category_id.isdigit() else None,
            "cross_border": cross_border,
        }
        return render(
            request,
            "catalog/seller_product_form.html",
            _form_context(session, shop, product, values),
            status_code=outcome.status_code,
            error=outcome.message,
        )
    return RedirectResponse(f"{LIST_PAGE}/{product.id}/edit?saved=1", status_code=303)


@router.post(f"{LIST_PAGE}/{{product_id}}/sale")
def set_on_sale(
    request: Request,
    product_id: int,
    session: SessionDep,
    current: PageSessionDep,
    csrf: CsrfField,
    on_sale: Annotated[bool, Form()] = False,
) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(f"{LIST_PAGE}/{product_id}/edit")
    check_csrf(request, csrf)
    with unit_of_work(session):
        product = service.get_own_product(session=session, shop=shop, product_id=product_id)
        service.update_product(session=session, product=product, changes=ProductChanges(on_sale=on_sale))
    return RedirectResponse(f"{LIST_PAGE}/{product_id}/edit?saved=1", status_code=303)


# --- photos --------------------------------------------------------------------------------------


@router.post(f"{LIST_PAGE}/{{product_id}}/images")
def upload_image(
    request: Request,
    product_id: int,
    session: SessionDep,
    current: PageSessionDep,
    now: NowDep,
    csrf: CsrfField,
    file: Annotated[UploadFile, File()],
) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(f"{LIST_PAGE}/{product_id}/edit")
    check_csrf(request, csrf)
    product = service.get_own_product(session=session, shop=shop, product_id=product_id)
    data = file.file.read(images.MAX_IMAGE_BYTES + 1)
    upload_dir = get_settings().upload_dir
    outcome = _attempt(
        session, lambda: images.add_image(session=session, product=product, data=data, upload_dir=upload_dir, now=now)
    )
    if isinstance(outcome, CommerceError):
        session.refresh(product)
        context = _form_context(session, shop, product, _form_values(product))
        return render(
            request,
            "catalog/seller_product_form.html",
            context,
            status_code=outcome.status_code,
            error=outcome.message,
        )
    return RedirectResponse(f"{LIST_PAGE}/{product_id}/edit?saved=1", status_code=303)


@router.post(f"{LIST_PAGE}/{{product_id}}/images/{{image_id}}/delete")
def delete_image(
    request: Request, product_id: int, image_id: int, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(f"{LIST_PAGE}/{product_id}/edit")
    check_csrf(request, csrf)
    with unit_of_work(session):
        product = service.get_own_product(session=session, shop=shop, product_id=product_id)
        file_name = images.remove_image(session=session, product=product, image_id=image_id)
    images.discard(upload_dir=get_settings().upload_dir, file_name=file_name)
    return RedirectResponse(f"{LIST_PAGE}/{product_id}/edit?saved=1", status_code=303)


# --- paid placement ------------------------------------------------------------------------------


@router.post(f"{LIST_PAGE}/{{product_id}}/placements")
def buy_placement(
    request: Request,
    product_id: int,
    session: SessionDep,
    current: PageSessionDep,
    now: NowDep,
    csrf: CsrfField,
    slot: Annotated[str, Form(max_length=16)] = "",
    days: Annotated[int, Form(ge=1, le=placements.MAX_DAYS)] = 7,
) -> Response:
    shop = _shop(session, current)
    if shop is None:
        return login_redirect(f"{LIST_PAGE}/{product_id}/edit")
    check_csrf(request, csrf)
    product = service.get_own_product(session=session, shop=shop, product_id=product_id)
    outcome = _attempt(
        session,
        lambda: placements.buy(
            session=session,
            shop=shop,
            product_id=product.id,
            slot=slot,
            starts_at=now,
            ends_at=now + timedelta(days=days),
            now=now,
        ),
    )
    if isinstance(outcome, CommerceError):
        session.refresh(product)
        return render(
            request,
            "catalog/seller_product_form.html",
            _form_context(session, shop, product, _form_values(product)),
            status_code=outcome.status_code,
            error=outcome.message,
        )
    return RedirectResponse(f"{LIST_PAGE}/{product_id}/edit?saved=1", status_code=303)


def china_time(moment: datetime) -> str:
    """A time as the seller reads it (Beijing time)."""
    return (moment.astimezone(UTC) + CHINA).strftime("%Y-%m-%d %H:%M")
