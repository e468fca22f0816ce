"""The catalogue API: categories, products, shops and search for everyone (the same answer and
price whoever asks, P83; paid placements labelled 广告, P86), and a seller's own products,
photos and placements."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile, status

from shouyue.commerce.accounts.dependencies import NowDep
from shouyue.commerce.catalog import images, placements, service
from shouyue.commerce.catalog.dependencies import OptionalViewer, SellerShop
from shouyue.commerce.catalog.rules import ProductChanges, ProductDraft
from shouyue.commerce.catalog.schemas import (
    CategoryRead,
    PlacementCreate,
    PlacementRead,
    ProductCardRead,
    ProductCreate,
    ProductImageRead,
    ProductPage,
    ProductRead,
    ProductUpdate,
    SearchRead,
    SellerProductRead,
    ShopRead,
)
from shouyue.commerce.catalog.search import MAX_PER_PAGE, PER_PAGE, SearchQuery, Sort, search
from shouyue.commerce.catalog.transactions import unit_of_work
from shouyue.commerce.history import service as history
from shouyue.settings import get_settings
from shouyue.web.deps import DataMapDep, SessionDep

router = APIRouter(tags=["商品与搜索"])
seller_router = APIRouter(prefix="/seller", tags=["卖家商品"])

PageNumber = Annotated[int, Query(ge=1, le=500, description="页码，从1开始")]


# --- everyone ------------------------------------------------------------------------------------


@router.get("/categories", response_model=list[CategoryRead], summary="商品分类")
def list_categories(session: SessionDep) -> list[CategoryRead]:
    return [CategoryRead.model_validate(c) for c in service.list_categories(session=session)]


@router.get("/categories/{slug}/products", response_model=ProductPage, summary="分类下的商品（最新上架在前）")
def category_products(slug: str, session: SessionDep, now: NowDep, page: PageNumber = 1) -> ProductPage:
    category = service.get_category(session=session, slug=slug)
    result = search(session=session, query=SearchQuery(category=category.slug, sort=Sort.NEWEST, page=page), now=now)
    return ProductPage(
        items=[ProductCardRead.of(c) for c in result.items],
        total=result.total,
        page=page,
        per_page=result.query.per_page,
    )


@router.get("/products/{product_id}", response_model=ProductRead, summary="商品详情")
def get_product(
    product_id: int, session: SessionDep, datamap: DataMapDep, now: NowDep, viewer: OptionalViewer
) -> ProductRead:
    detail = service.get_detail(session=session, product_id=product_id)
    if viewer is not None:
        # Kept only if the buyer consents to browsing history (P56); never changes the answer.
        with unit_of_work(session):
            history.record_view(
                session=session, datamap=datamap, account_id=viewer.id, product_id=detail.product.id, now=now
            )
    return ProductRead.of(detail)


@router.get("/shops/{shop_id}", response_model=ShopRead, summary="店铺（公开信息与在售商品）")
def get_shop(shop_id: int, session: SessionDep, page: PageNumber = 1) -> ShopRead:
    return ShopRead.of(service.shop_page(session=session, shop_id=shop_id, page=page))


@router.get("/search", response_model=SearchRead, summary="搜索商品（不基于个人特征）")
def search_products(
    session: SessionDep,
    now: NowDep,
    q: Annotated[str, Query(max_length=200, description="搜索词，空格分隔多个词")] = "",
    category: Annotated[str | None, Query(max_length=32, description="分类标识")] = None,
    sort: Annotated[Sort, Query(description="relevance 综合、newest 最新、price_asc、price_desc、sales 销量")] = (
        Sort.RELEVANCE
    ),
    page: PageNumber = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = PER_PAGE,
    targeted: Annotated[
        bool, Query(description="是否个性化。守约不提供基于个人特征的排序，结果始终不基于个人特征")
    ] = False,
) -> SearchRead:
    # ``targeted`` is accepted so a client can ask, but no personalised ranking exists: the
    # answer is always the non-targeted one and says so (targeted=false).
    query = SearchQuery(q=q, category=category or None, sort=sort, page=page, per_page=per_page)
    return SearchRead.of(search(session=session, query=query, now=now))


# --- the seller's own products -------------------------------------------------------------------


@seller_router.get("/products", response_model=list[SellerProductRead], summary="我的商品")
def my_products(session: SessionDep, shop: SellerShop) -> list[SellerProductRead]:
    products = service.seller_products(session=session, shop=shop)
    return [SellerProductRead.of(p, service.own_images(session=session, product=p)) for p in products]


@seller_router.post(
    "/products", response_model=SellerProductRead, status_code=status.HTTP_201_CREATED, summary="发布商品"
)
def create_product(product_in: ProductCreate, session: SessionDep, shop: SellerShop, now: NowDep) -> SellerProductRead:
    with unit_of_work(session):
        product = service.create_product(
            session=session, shop=shop, draft=ProductDraft(**product_in.model_dump()), now=now
        )
    return SellerProductRead.of(product, [])


@seller_router.get("/products/{product_id}", response_model=SellerProductRead, summary="我的一件商品")
def my_product(product_id: int, session: SessionDep, shop: SellerShop) -> SellerProductRead:
    product = service.get_own_product(session=session, shop=shop, product_id=product_id)
    return SellerProductRead.of(product, service.own_images(session=session, product=product))


@seller_router.patch("/products/{product_id}", response_model=SellerProductRead, summary="修改商品或上下架")
def update_product(
    product_id: int, product_in: ProductUpdate, session: SessionDep, shop: SellerShop
) -> SellerProductRead:
    with unit_of_work(session):
        product = service.get_own_product(session=session, shop=shop, product_id=product_id)
        service.update_product(
            session=session, product=product, changes=ProductChanges(**product_in.model_dump(exclude_unset=True))
        )
    return SellerProductRead.of(product, service.own_images(session=session, product=product))


@seller_router.post(
    "/products/{product_id}/images",
    response_model=ProductImageRead,
    status_code=status.HTTP_201_CREATED,
    summary="上传商品图片（PNG或JPEG，不超过2MB）",
)
def upload_image(
    product_id: int,
    session: SessionDep,
    shop: SellerShop,
    now: NowDep,
    file: Annotated[UploadFile, File(description="PNG或JPEG，不超过2MB；第一张为封面")],
) -> ProductImageRead:
    data = file.file.read(images.MAX_IMAGE_BYTES + 1)
    upload_dir = get_settings().upload_dir
    stored: list[str] = []
    try:
        with unit_of_work(session):
            product = service.get_own_product(session=session, shop=shop, product_id=product_id)
            image = images.add_image(session=session, product=product, data=data, upload_dir=upload_dir, now=now)
            stored.append(image.file_name)
    except Exception:
        for name in stored:  # the row was not kept (a failed commit): neither is its file
            images.discard(upload_dir=upload_dir, file_name=name)
        raise
    return ProductImageRead.of(image)


@seller_router.delete(
    "/products/{product_id}/images/{image_id}", status_code=status.HTTP_204_NO_CONTENT, summary="删除商品图片"
)
def delete_image(product_id: int, image_id: int, session: SessionDep, shop: SellerShop) -> None:
    with unit_of_work(session):
        product = service.get_own_product(session=session, shop=shop, product_id=product_id)
        file_name = images.remove_image(session=session, product=product, image_id=image_id)
    images.discard(upload_dir=get_settings().upload_dir, file_name=file_name)


@seller_router.get("/placements", response_model=list[PlacementRead], summary="我的广告投放")
def my_placements(session: SessionDep, shop: SellerShop) -> list[PlacementRead]:
    return [PlacementRead.of(p) for p in placements.of_shop(session=session, shop=shop)]


@seller_router.post(
    "/placements",
    response_model=PlacementRead,
    status_code=status.HTTP_201_CREATED,
    summary="为自己的商品购买推广位（展示时标注“广告”）",
)
def buy_placement(placement_in: PlacementCreate, session: SessionDep, shop: SellerShop, now: NowDep) -> PlacementRead:
    with unit_of_work(session):
        placement = placements.buy(session=session, shop=shop, now=now, **placement_in.model_dump())
    return PlacementRead.of(placement)


router.include_router(seller_router)
