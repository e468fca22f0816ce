"""Search and listings (P83). Results depend only on the query, the filters and the catalogue:
the function is not even told who is asking, so the non-targeted form is the only form there is
until personalised ranking exists, and prices are the product's own. Each page costs the same
few queries whatever its size (count, page, covers, placements)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, case, func, literal, or_, select
from sqlalchemy.orm import Session

from shouyue.commerce.catalog import placements
from shouyue.commerce.catalog.cards import ProductCard, card_select, to_cards
from shouyue.commerce.catalog.exceptions import InvalidSearch
from shouyue.commerce.catalog.models import PlacementSlot, Product, ProductCategory

PER_PAGE = 20
MAX_PER_PAGE = 60
MAX_TERMS = 5
MAX_QUERY = 60
MAX_PAGE = 500


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    SALES = "sales"


SORT_LABELS = {
    Sort.RELEVANCE: "综合",
    Sort.NEWEST: "最新上架",
    Sort.PRICE_ASC: "价格从低到高",
    Sort.PRICE_DESC: "价格从高到低",
    Sort.SALES: "销量",
}


@dataclass(frozen=True, slots=True)
class SearchQuery:
    q: str = ""
    category: str | None = None
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of results. ``targeted`` is always False: no result depends on the person."""

    query: SearchQuery
    items: list[ProductCard]
    sponsored: list[ProductCard]
    total: int
    targeted: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def terms_of(q: str) -> list[str]:
    """The words of a query (whitespace-separated), bounded."""
    text = q.strip()
    if len(text) > MAX_QUERY:
        raise InvalidSearch(f"搜索词不能超过{MAX_QUERY}个字符，请缩短后重试")
    return text.split()[:MAX_TERMS]


def search(*, session: Session, query: SearchQuery, now: datetime) -> SearchResult:
    """Products on sale matching every word of ``query.q`` (title or description) and its category,
    in the chosen order; on page 1 the matching paid placements come first, labelled 广告 (P86)."""
    if not 1 <= query.page <= MAX_PAGE:
        raise InvalidSearch(f"页码须在1到{MAX_PAGE}之间")
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        raise InvalidSearch(f"每页数量须在1到{MAX_PER_PAGE}之间")
    terms = terms_of(query.q)
    filters = _filters(session, terms, query.category)
    matching = card_select().where(*filters)
    total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    ordered = _ordered(matching, terms, query.sort)
    rows = session.execute(ordered.limit(query.per_page).offset((query.page - 1) * query.per_page)).all()
    sponsored = (
        placements.showing(session=session, slot=PlacementSlot.SEARCH, now=now, matching=filters)
        if query.page == 1
        else []
    )
    return SearchResult(
        query=query,
        items=to_cards(session=session, rows=[(p, n) for p, n in rows]),
        sponsored=sponsored,
        total=total,
    )


def newest(*, session: Session, limit: int) -> list[ProductCard]:
    """The newest products on sale (the same for everyone)."""
    rows = session.execute(card_select().order_by(Product.created_at.desc(), Product.id.desc()).limit(limit)).all()
    return to_cards(session=session, rows=[(p, n) for p, n in rows])


def best_selling(*, session: Session, limit: int) -> list[ProductCard]:
    """The best-selling products on sale (the same for everyone)."""
    rows = session.execute(card_select().order_by(Product.sales_count.desc(), Product.id.desc()).limit(limit)).all()
    return to_cards(session=session, rows=[(p, n) for p, n in rows])


def _filters(session: Session, terms: list[str], category: str | None) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = [
        or_(Product.title.icontains(term, autoescape=True), Product.description.icontains(term, autoescape=True))
        for term in terms
    ]
    if category:
        category_id = session.scalar(select(ProductCategory.id).where(ProductCategory.slug == category))
        # An unknown category matches nothing rather than everything.
        filters.append(Product.category_id == category_id if category_id is not None else literal(False))
    return filters


def _ordered(statement: Select[tuple[Product, str]], terms: list[str], sort: Sort) -> Select[tuple[Product, str]]:
    if sort is Sort.NEWEST:
        return statement.order_by(Product.created_at.desc(), Product.id.desc())
    if sort is Sort.PRICE_ASC:
        return statement.order_by(Product.price_fen.asc(), Product.id.asc())
    if sort is Sort.PRICE_DESC:
        return statement.order_by(Product.price_fen.desc(), Product.id.desc())
    if sort is Sort.SALES or not terms:
        return statement.order_by(Product.sales_count.desc(), Product.id.desc())
    # Relevance: a word in the title weighs more than one only in the description; ties go to
    # the better seller, then the newer listing (deterministic, and the same for everyone).
    score = sum(
        (case((Product.title.icontains(term, autoescape=True), 2), else_=0) for term in terms),
        start=literal(0),
    )
    return statement.order_by(score.desc(), Product.sales_count.desc(), Product.id.desc())
