"""The catalogue's API shapes. Nothing here names a person: a shop shows its public name and
description, never its owner (P83/P86 fields: ``targeted``, ``sponsored``, ``label``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from shouyue.commerce.catalog.cards import ProductCard
from shouyue.commerce.catalog.images import image_url
from shouyue.commerce.catalog.models import Placement, Product, ProductImage, ProductStatus
from shouyue.commerce.catalog.search import SearchResult
from shouyue.commerce.catalog.service import ProductDetail, ShopPage


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CategoryRead(_Out):
    id: int
    slug: str
    name: str


class ProductCardRead(_Out):
    id: int
    title: str
    price_fen: int = Field(description="价格（分），对所有人相同")
    stock: int
    sales_count: int
    cross_border: bool
    category_id: int
    shop_id: int
    shop_name: str
    cover_url: str | None
    url: str = Field(description="商品页面地址")
    sponsored: bool = Field(description="是否为付费推广（广告）")
    label: str | None = Field(description="付费推广时为“广告”")

    @classmethod
    def of(cls, card: ProductCard) -> ProductCardRead:
        return cls(
            id=card.id,
            title=card.title,
            price_fen=card.price_fen,
            stock=card.stock,
            sales_count=card.sales_count,
            cross_border=card.cross_border,
            category_id=card.category_id,
            shop_id=card.shop_id,
            shop_name=card.shop_name,
            cover_url=card.cover_url,
            url=card.url,
            sponsored=card.sponsored,
            label=card.label,
        )


class ShopRef(_Out):
    id: int
    name: str


class ProductRead(_Out):
    id: int
    title: str
    description: str
    price_fen: int = Field(description="价格（分），对所有人相同")
    stock: int
    sales_count: int
    cross_border: bool = Field(description="跨境商品：下单时须提供身份证号码用于清关")
    category: CategoryRead
    shop: ShopRef
    image_urls: list[str] = Field(description="商品图片，第一张为封面")
    created_at: datetime

    @classmethod
    def of(cls, detail: ProductDetail) -> ProductRead:
        product = detail.product
        return cls(
            id=product.id,
            title=product.title,
            description=product.description,
            price_fen=product.price_fen,
            stock=product.stock,
            sales_count=product.sales_count,
            cross_border=product.cross_border,
            category=CategoryRead.model_validate(detail.category),
            shop=ShopRef(id=detail.shop_id, name=detail.shop_name),
            image_urls=detail.image_urls,
            created_at=product.created_at,
        )


class ProductPage(_Out):
    items: list[ProductCardRead]
    total: int
    page: int
    per_page: int


class ShopRead(_Out):
    """A shop's public information: no owner, no contact details."""

    id: int
    name: str
    description: str
    products: ProductPage

    @classmethod
    def of(cls, shop: ShopPage) -> ShopRead:
        return cls(
            id=shop.id,
            name=shop.name,
            description=shop.description,
            products=ProductPage(
                items=[ProductCardRead.of(c) for c in shop.products],
                total=shop.total,
                page=shop.page,
                per_page=shop.per_page,
            ),
        )


class SearchRead(_Out):
    q: str
    category: str | None
    sort: str
    targeted: bool = Field(description="结果是否基于个人特征；守约的搜索结果不基于个人特征（false）")
    targeted_label: str | None = Field(description="非个性化结果的说明文字")
    sponsored: list[ProductCardRead] = Field(description="付费推广（广告），仅在第一页、置于结果之前")
    items: list[ProductCardRead]
    total: int
    page: int
    per_page: int
    pages: int

    @classmethod
    def of(cls, result: SearchResult) -> SearchRead:
        query = result.query
        return cls(
            q=query.q,
            category=query.category,
            sort=query.sort.value,
            targeted=result.targeted,
            targeted_label=None if result.targeted else NON_TARGETED_LABEL,
            sponsored=[ProductCardRead.of(c) for c in result.sponsored],
            items=[ProductCardRead.of(c) for c in result.items],
            total=result.total,
            page=query.page,
            per_page=query.per_page,
            pages=result.pages,
        )


NON_TARGETED_LABEL = "不基于个人特征的搜索结果"


# --- the seller's products ------------------------------------------------------------------------


class ProductCreate(_In):
    title: str = Field(max_length=200, description="1到60个字符")
    description: str = Field(default="", max_length=5000)
    price_fen: int = Field(description="价格（分），大于0且不超过1,000,000元")
    stock: int = Field(description="0到100000")
    category_id: int
    cross_border: bool = False
    on_sale: bool = True


class ProductUpdate(_In):
    title: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    price_fen: int | None = None
    stock: int | None = None
    category_id: int | None = None
    cross_border: bool | None = None
    on_sale: bool | None = Field(default=None, description="true 上架，false 下架")


class ProductImageRead(_Out):
    id: int
    url: str
    position: int

    @classmethod
    def of(cls, image: ProductImage) -> ProductImageRead:
        return cls(id=image.id, url=image_url(image.file_name), position=image.position)


class SellerProductRead(_Out):
    id: int
    title: str
    description: str
    price_fen: int
    stock: int
    category_id: int
    cross_border: bool
    on_sale: bool
    sales_count: int
    created_at: datetime
    images: list[ProductImageRead]

    @classmethod
    def of(cls, product: Product, images: list[ProductImage]) -> SellerProductRead:
        return cls(
            id=product.id,
            title=product.title,
            description=product.description,
            price_fen=product.price_fen,
            stock=product.stock,
            category_id=product.category_id,
            cross_border=product.cross_border,
            on_sale=product.status == ProductStatus.ON_SALE.value,
            sales_count=product.sales_count,
            created_at=product.created_at,
            images=[ProductImageRead.of(i) for i in images],
        )


class PlacementCreate(_In):
    product_id: int
    slot: str = Field(max_length=16, description="home（首页）或 search（搜索结果）")
    starts_at: datetime
    ends_at: datetime


class PlacementRead(_Out):
    id: int
    product_id: int
    slot: str
    starts_at: datetime
    ends_at: datetime
    label: str = "广告"

    @classmethod
    def of(cls, placement: Placement) -> PlacementRead:
        return cls(
            id=placement.id,
            product_id=placement.product_id,
            slot=placement.slot,
            starts_at=placement.starts_at,
            ends_at=placement.ends_at,
        )
