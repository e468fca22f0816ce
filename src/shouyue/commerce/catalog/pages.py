"""The catalogue's public pages: product, shop, category and search. They set no cookie and show
the same thing, at the same price, to everyone (P83); paid placements carry a 广告 badge (P86).
A consenting signed-in buyer's product view is kept in their browsing history (P56)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from shouyue.commerce.accounts.dependencies import NowDep, PageSessionDep
from shouyue.commerce.accounts.forms import csrf_token
from shouyue.commerce.catalog import images, seller_pages, service
from shouyue.commerce.catalog.schemas import NON_TARGETED_LABEL
from shouyue.commerce.catalog.search import SORT_LABELS, SearchQuery, SearchResult, Sort, search
from shouyue.commerce.catalog.transactions import unit_of_work
from shouyue.commerce.history import service as history
from shouyue.commerce.reviews.service import for_product
from shouyue.settings import get_settings
from shouyue.web.deps import DataMapDep, SessionDep
from shouyue.web.templating import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PageNumber = Annotated[int, Query(ge=1, le=500)]
REVIEWS_SHOWN = 5


@router.api_route("/products/{product_id}", methods=["GET", "HEAD"], name="catalog_product")
def product_page(
    request: Request,
    product_id: int,
    session: SessionDep,
    datamap: DataMapDep,
    now: NowDep,
    current: PageSessionDep,
) -> HTMLResponse:
    detail = service.get_detail(session=session, product_id=product_id)
    if current is not None and request.method == "GET":
        with unit_of_work(session):
            history.record_view(
                session=session, datamap=datamap, account_id=current[1].id, product_id=detail.product.id, now=now
            )
    # A signed-in visitor's form token derives from their session (no cookie is set); an
    # anonymous visitor gets a login link instead of a form.
    csrf = csrf_token(request)[0] if current is not None else None
    reviews = for_product(session=session, product_id=detail.product.id, limit=REVIEWS_SHOWN)
    return templates.TemplateResponse(
        request, "catalog/product.html", {"detail": detail, "csrf_token": csrf, "reviews": reviews}
    )


@router.api_route("/shops/{shop_id}", methods=["GET", "HEAD"], name="catalog_shop")
def shop_page(request: Request, shop_id: int, session: SessionDep, page: PageNumber = 1) -> HTMLResponse:
    shop = service.shop_page(session=session, shop_id=shop_id, page=page)
    pages = max(1, -(-shop.total // shop.per_page))
    return templates.TemplateResponse(
        request,
        "catalog/shop.html",
        {"shop": shop, "pager": _pager(f"/shops/{shop.id}", {}, shop.page, pages)},
    )


@router.api_route("/search", methods=["GET", "HEAD"], name="catalog_search")
def search_page(
    request: Request,
    session: SessionDep,
    now: NowDep,
    q: Annotated[str, Query(max_length=200)] = "",
    category: Annotated[str | None, Query(max_length=32)] = None,
    sort: Sort = Sort.RELEVANCE,
    page: PageNumber = 1,
) -> HTMLResponse:
    query = SearchQuery(q=q, category=category or None, sort=sort, page=page)
    result = search(session=session, query=query, now=now)
    return _results(request, session, result, heading="搜索", action="/search")


@router.api_route("/categories/{slug}", methods=["GET", "HEAD"], name="catalog_category")
def category_page(
    request: Request, slug: str, session: SessionDep, now: NowDep, sort: Sort = Sort.NEWEST, page: PageNumber = 1
) -> HTMLResponse:
    category = service.get_category(session=session, slug=slug)
    result = search(session=session, query=SearchQuery(category=category.slug, sort=sort, page=page), now=now)
    return _results(request, session, result, heading=category.name, action=f"/categories/{category.slug}")


@router.get("/images/products/{file_name}", name="catalog_image")
def product_image(file_name: str) -> FileResponse:
    path, media_type = images.image_file(upload_dir=get_settings().upload_dir, file_name=file_name)
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "public, max-age=86400"})


def _results(request: Request, session: SessionDep, result: SearchResult, *, heading: str, action: str) -> HTMLResponse:
    query = result.query
    params: dict[str, str] = {"q": query.q} if query.q else {}
    if query.category and action == "/search":
        params["category"] = query.category
    sorts = [
        {"value": s.value, "label": label, "url": f"{action}?{urlencode({**params, 'sort': s.value})}"}
        for s, label in SORT_LABELS.items()
    ]
    context: dict[str, Any] = {
        "heading": heading,
        "action": action,
        "result": result,
        "query": query,
        "categories": service.list_categories(session=session),
        "sorts": sorts,
        "non_targeted_label": NON_TARGETED_LABEL,
        "pager": _pager(action, {**params, "sort": query.sort.value}, query.page, result.pages),
    }
    return templates.TemplateResponse(request, "catalog/search.html", context)


def _pager(path: str, params: dict[str, str], page: int, pages: int) -> dict[str, Any]:
    def url(number: int) -> str:
        return f"{path}?{urlencode({**params, 'page': number})}"

    return {
        "page": page,
        "pages": pages,
        "previous": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if page < pages else None,
    }


router.include_router(seller_pages.router)
