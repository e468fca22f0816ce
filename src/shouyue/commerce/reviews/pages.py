"""Review pages (P21): the review form of an order (one form per product, the separate consent
on its own checkbox, the notice's warning about PI in reviews), what was masked after
publishing, and the author's own reviews. Same service functions as the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep
from shouyue.commerce.accounts.forms import CsrfField, account_of, check_csrf, login_redirect, render
from shouyue.commerce.errors import CommerceError
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.orders.states import label
from shouyue.commerce.reviews import images, service
from shouyue.commerce.reviews.service import NewPhotos
from shouyue.commerce.reviews.text import summary
from shouyue.commerce.reviews.transactions import unit_of_work
from shouyue.commerce.reviews.urls import image_url
from shouyue.privacy.consent import Channel
from shouyue.privacy.errors import PrivacyError
from shouyue.settings import get_settings
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

MY_REVIEWS = "/me/reviews"
# The notice's own warning (二(一)4), shown above every review form.
PI_WARNING = (
    "请注意，您公开发布的评价信息中可能会涉及您或他人的个人信息甚至敏感信息，建议您在发布前仔细检查，"
    "将个人信息或敏感信息进行模糊处理，例如上传包含个人信息的图片时，对图片中的个人信息进行打码。"
    "若评价中涉及儿童的个人信息，您需在发布前征得其监护人的同意。"
)


def _review_page(order_id: int) -> str:
    return f"/orders/{order_id}/review"


def _context(session: Session, order: Order, account_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "order": order,
        "state_label": label(order.state),
        "reviewable": order.state == OrderState.AWAITING_REVIEW.value,
        "lines": service.order_lines(session=session, order=order),
        "consented": service.has_publish_consent(session=session, account_id=account_id),
        "pi_warning": PI_WARNING,
        "max_text": service.MAX_TEXT,
        "max_images": images.MAX_IMAGES,
        "image_url": image_url,
        "published": None,
        "form": {},
        **extra,
    }


@router.get("/orders/{order_id}/review", name="reviews_order")
def review_page(
    order_id: int,
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    published: Annotated[int | None, Query()] = None,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(_review_page(order_id))
    order = service.own_order_or_raise(session=session, order_id=order_id, buyer_id=account.id)
    shown = None
    if published is not None:
        try:
            own = service.own_review_or_raise(session=session, author_id=account.id, review_id=published)
        except CommerceError:
            own = None
        if own is not None:
            shown = {"review": own.review, "masked": own.masked, "summary": summary(own.masked)}
    return render(request, "reviews/review.html", _context(session, order, account.id, published=shown))


async def _read_photos(uploads: list[UploadFile] | None) -> list[bytes]:
    photos = []
    for upload in uploads or []:
        data = await upload.read(images.MAX_IMAGE_BYTES + 1)
        if upload.filename or data:  # an empty file input still sends one empty part
            photos.append(data)
    return photos


@router.post("/orders/{order_id}/review")
async def review_submit(
    order_id: int,
    request: Request,
    session: SessionDep,
    current: PageSessionDep,
    datamap: DataMapDep,
    now: NowDep,
    csrf: CsrfField,
    product_id: Annotated[int, Form()],
    rating: Annotated[int, Form()] = 0,
    text: Annotated[str, Form(max_length=2000)] = "",
    agree_publish: Annotated[bool, Form()] = False,
    photos: Annotated[list[UploadFile] | None, File()] = None,
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(_review_page(order_id))
    check_csrf(request, csrf)
    data = await _read_photos(photos)
    batch = NewPhotos(data=data, upload_dir=get_settings().upload_dir, written=[])
    try:
        with unit_of_work(session, upload_dir=batch.upload_dir, written=batch.written):
            done = service.publish(
                session=session,
                datamap=datamap,
                author_id=account.id,
                order_id=order_id,
                product_id=product_id,
                rating=rating,
                text=text,
                image_ids=[],
                agree=agree_publish,
                channel=Channel.WEB,
                now=now,
                new_photos=batch,
            )
    except (CommerceError, PrivacyError) as exc:
        order = service.own_order_or_raise(session=session, order_id=order_id, buyer_id=account.id)
        message = getattr(exc, "message", None) or str(exc)
        status = getattr(exc, "status_code", 403)
        # The text is given back to the form so nothing typed is lost; it was not stored.
        context = _context(session, order, account.id, form={"product_id": product_id, "rating": rating, "text": text})
        return render(request, "reviews/review.html", context, status_code=status, error=message)
    return RedirectResponse(f"{_review_page(order_id)}?published={done.review.id}", status_code=303)


@router.post("/orders/{order_id}/review/skip")
def review_skip(
    order_id: int, request: Request, session: SessionDep, current: PageSessionDep, now: NowDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(_review_page(order_id))
    check_csrf(request, csrf)
    with unit_of_work(session):
        service.complete_without_review(session=session, buyer_id=account.id, order_id=order_id, now=now)
    return RedirectResponse(_review_page(order_id), status_code=303)


@router.get(MY_REVIEWS, name="reviews_mine")
def mine_page(request: Request, session: SessionDep, current: PageSessionDep) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(MY_REVIEWS)
    context = {
        "reviews": service.mine(session=session, author_id=account.id),
        "image_url": _own_image_url,
        "consented": service.has_publish_consent(session=session, account_id=account.id),
    }
    return render(request, "reviews/mine.html", context)


def _own_image_url(image_id: int) -> str:
    return f"{MY_REVIEWS}/images/{image_id}"


@router.get(MY_REVIEWS + "/images/{image_id}", response_class=FileResponse)
def own_image(image_id: int, session: SessionDep, current: PageSessionDep) -> Response:
    """The author's own photo, shown on 我的评价 even after a withdrawal stopped its publication."""
    account = account_of(current)
    if account is None:
        return login_redirect(MY_REVIEWS)
    path, media_type = service.public_image(
        session=session, image_id=image_id, viewer_id=account.id, upload_dir=get_settings().upload_dir
    )
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "private, no-store"})


@router.post("/me/reviews/{review_id}/delete")
def delete_submit(
    review_id: int, request: Request, session: SessionDep, current: PageSessionDep, csrf: CsrfField
) -> Response:
    account = account_of(current)
    if account is None:
        return login_redirect(MY_REVIEWS)
    check_csrf(request, csrf)
    with unit_of_work(session):
        names = service.delete(session=session, author_id=account.id, review_id=review_id)
    images.remove_files(upload_dir=get_settings().upload_dir, names=names)
    return RedirectResponse(MY_REVIEWS, status_code=303)
