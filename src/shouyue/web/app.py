"""The FastAPI application: JSON API under ``/api/v1``, server-rendered pages, static files."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from shouyue.commerce.accounts import pages as accounts_pages
from shouyue.commerce.accounts import router as accounts_api
from shouyue.commerce.addresses import pages as addresses_pages
from shouyue.commerce.addresses import router as addresses_api
from shouyue.commerce.cart import pages as cart_pages
from shouyue.commerce.cart import router as cart_api
from shouyue.commerce.catalog import pages as catalog_pages
from shouyue.commerce.catalog import router as catalog_api
from shouyue.commerce.history import pages as history_pages
from shouyue.commerce.history import router as history_api
from shouyue.commerce.identity import pages as identity_pages
from shouyue.commerce.identity import router as identity_api
from shouyue.commerce.notifications import pages as notifications_pages
from shouyue.commerce.notifications import router as notifications_api
from shouyue.commerce.orders import pages as orders_pages
from shouyue.commerce.orders import router as orders_api
from shouyue.commerce.payments import pages as payments_pages
from shouyue.commerce.payments import router as payments_api
from shouyue.commerce.privacy_center import pages as privacy_center_pages
from shouyue.commerce.privacy_center import router as privacy_center_api
from shouyue.commerce.reviews import pages as reviews_pages
from shouyue.commerce.reviews import router as reviews_api
from shouyue.commerce.seller_console import pages as seller_console_pages
from shouyue.commerce.seller_console import router as seller_console_api
from shouyue.commerce.shipping import pages as shipping_pages
from shouyue.commerce.shipping import router as shipping_api
from shouyue.commerce.shops import pages as shops_pages
from shouyue.commerce.shops import router as shops_api
from shouyue.commerce.staff import pages as staff_pages
from shouyue.commerce.staff import router as staff_api
from shouyue.engine import get_datamap, startup_checks
from shouyue.settings import get_settings
from shouyue.web import errors
from shouyue.web.public import pages as public_pages
from shouyue.web.public import router as public_api
from shouyue.web.public.service import notice_document
from shouyue.web.security import SecurityHeadersMiddleware
from shouyue.web.system import pages as system_pages
from shouyue.web.system import router as system_api
from shouyue.web.templating import STATIC_DIR

API_PREFIX = "/api/v1"

# The commerce slice: each domain owns its API router and its pages.
COMMERCE_APIS = (
    shops_api,
    catalog_api,
    history_api,
    addresses_api,
    cart_api,
    orders_api,
    payments_api,
    shipping_api,
    reviews_api,
    seller_console_api,
)
COMMERCE_PAGES = (
    shops_pages,
    catalog_pages,
    history_pages,
    addresses_pages,
    cart_pages,
    orders_pages,
    payments_pages,
    shipping_pages,
    reviews_pages,
    seller_console_pages,
)

DESCRIPTION = (
    "守约（Shouyue）的接口。守约是一个开源的社交电商平台，其《隐私声明》中的每一项承诺都由代码执行。"
    '所有错误都以 `{"detail": "……"}` 的形式返回中文说明。'
)


def create_app() -> FastAPI:
    """Build the application. Runs the engine's start-up checks (data map, key store) and
    renders the notice once first, so a bad declaration stops start-up instead of serving a
    wrong notice."""
    settings = get_settings()
    startup_checks()
    notice_document(datamap=get_datamap())

    app = FastAPI(
        title="守约 API",
        description=DESCRIPTION,
        version=_version(),
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served by system.pages without inline scripts
        redoc_url=None,
        debug=False,
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.is_production)
    errors.install(app)

    api = APIRouter(prefix=API_PREFIX, responses=errors.ERROR_RESPONSES)
    api.include_router(system_api.router)
    api.include_router(public_api.router)
    api.include_router(accounts_api.router)
    api.include_router(accounts_api.dev_router)
    api.include_router(staff_api.router)
    api.include_router(identity_api.router)
    api.include_router(identity_api.staff_router)
    api.include_router(privacy_center_api.router)
    api.include_router(privacy_center_api.public_router)
    api.include_router(notifications_api.router)
    for domain_api in COMMERCE_APIS:
        api.include_router(domain_api.router)
    app.include_router(api)
    app.include_router(system_pages.router)
    app.include_router(public_pages.router)
    app.include_router(accounts_pages.router)
    app.include_router(staff_pages.router)
    app.include_router(identity_pages.router)
    app.include_router(privacy_center_pages.router)
    app.include_router(notifications_pages.router)
    for domain_pages in COMMERCE_PAGES:
        app.include_router(domain_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _version() -> str:
    try:
        return version("shouyue")
    except PackageNotFoundError:
        return "0.0.0"
