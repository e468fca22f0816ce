"""Reviews API (P21).

Writing a review is two kinds of call: photos first, one multipart upload each
(``POST /reviews/images`` → an upload id), then the review as JSON with those ids
(``POST /orders/{order_id}/reviews``). Both need the ``review.publish`` separate consent, given
on its own field ``agree_publish`` (or beforehand in the privacy center); without it, 403 and
nothing is stored. The response tells the author exactly what PI was masked before publication.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status
from fastapi.responses import FileResponse

from shouyue.commerce.accounts.dependencies import CurrentAccount, NowDep
from shouyue.commerce.orders.states import label
from shouyue.commerce.reviews import images, service
from shouyue.commerce.reviews.schemas import (
    ImageUploadRead,
    OrderCompletedRead,
    ReviewCreate,
    ReviewPageRead,
    ReviewPublishedRead,
    ReviewRead,
)
from shouyue.commerce.reviews.transactions import unit_of_work
from shouyue.privacy.consent import Channel
from shouyue.settings import get_settings
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(tags=["评价与晒单"])


def _upload_dir() -> Path:
    return get_settings().upload_dir


@router.post(
    "/orders/{order_id}/reviews",
    response_model=ReviewPublishedRead,
    status_code=status.HTTP_201_CREATED,
    summary="评价订单中的一件商品",
    description=(
        "仅订单的买家、在确认收货后（待评价）可评价，每件商品一次。评价文字发布前会识别并遮盖其中的手机号码、"
        "身份证号码、银行卡号、电子邮箱、地址、姓名等个人信息，只保存遮盖后的文字，并在响应中告知遮盖了什么。"
        "请勿在评价中填写您或他人的个人信息。"
    ),
)
def publish(
    order_id: int,
    review_in: ReviewCreate,
    account: CurrentAccount,
    session: SessionDep,
    datamap: DataMapDep,
    now: NowDep,
) -> ReviewPublishedRead:
    with unit_of_work(session):
        published = service.publish(
            session=session,
            datamap=datamap,
            author_id=account.id,
            order_id=order_id,
            product_id=review_in.product_id,
            rating=review_in.rating,
            text=review_in.text,
            image_ids=review_in.image_ids,
            agree=review_in.agree_publish,
            channel=Channel.API,
            now=now,
        )
    return ReviewPublishedRead.of(published)


@router.post(
    "/orders/{order_id}/reviews/skip",
    response_model=OrderCompletedRead,
    summary="跳过评价，确认订单完成",
)
def skip(order_id: int, account: CurrentAccount, session: SessionDep, now: NowDep) -> OrderCompletedRead:
    with unit_of_work(session):
        order = service.complete_without_review(session=session, buyer_id=account.id, order_id=order_id, now=now)
    return OrderCompletedRead(order_id=order.id, order_state=order.state, order_state_label=label(order.state))


@router.post(
    "/reviews/images",
    response_model=ImageUploadRead,
    status_code=status.HTTP_201_CREATED,
    summary="上传一张评价图片",
    description="PNG或JPEG（按文件内容识别），不超过2MB；每条评价最多6张。上传前请对图片中的个人信息打码。",
)
def upload_image(
    account: CurrentAccount,
    session: SessionDep,
    datamap: DataMapDep,
    now: NowDep,
    file: Annotated[UploadFile, File(description="PNG或JPEG，不超过2MB")],
    agree_publish: Annotated[bool, Form(description="单独同意「评价与晒单」；已同意过的无需再传")] = False,
) -> ImageUploadRead:
    data = file.file.read(images.MAX_IMAGE_BYTES + 1)
    written: list[str] = []
    with unit_of_work(session, upload_dir=_upload_dir(), written=written):
        image = service.upload_image(
            session=session,
            datamap=datamap,
            owner_id=account.id,
            data=data,
            upload_dir=_upload_dir(),
            agree=agree_publish,
            channel=Channel.API,
            now=now,
        )
        written.append(image.file_name)
    return ImageUploadRead.of(image)


@router.get("/reviews/mine", response_model=list[ReviewRead], summary="我的评价")
def mine(account: CurrentAccount, session: SessionDep) -> list[ReviewRead]:
    return [ReviewRead.of(r) for r in service.mine(session=session, author_id=account.id)]


@router.delete("/reviews/{review_id}", status_code=status.HTTP_204_NO_CONTENT, summary="删除我的评价")
def delete(review_id: int, account: CurrentAccount, session: SessionDep) -> Response:
    with unit_of_work(session):
        names = service.delete(session=session, author_id=account.id, review_id=review_id)
    images.remove_files(upload_dir=_upload_dir(), names=names)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/products/{product_id}/reviews", response_model=ReviewPageRead, summary="商品评价")
def for_product(
    product_id: int,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ReviewPageRead:
    return ReviewPageRead.of(service.for_product(session=session, product_id=product_id, limit=limit, offset=offset))


@router.get("/reviews/images/{image_id}", response_class=FileResponse, summary="评价图片")
def read_image(image_id: int, session: SessionDep) -> FileResponse:
    path, media_type = service.public_image(
        session=session, image_id=image_id, viewer_id=None, upload_dir=_upload_dir()
    )
    return FileResponse(path, media_type=media_type)


@router.get("/reviews/{review_id}/avatar", response_class=FileResponse, summary="评价者头像")
def read_avatar(review_id: int, session: SessionDep) -> FileResponse:
    name = service.public_avatar(session=session, review_id=review_id)
    path = _upload_dir() / Path(name).name
    if not path.is_file():
        raise service.ImageNotFound()
    return FileResponse(path)
