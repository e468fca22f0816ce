"""A purchase in a real browser, from the product page to receipt, with the seller's side in a
second browser: the seller sees the buyer's phone masked, opens it only to ship (P05, P15, P18)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from shouyue.commerce.accounts import service as accounts
from shouyue.commerce.catalog.models import Product, ProductCategory
from shouyue.commerce.shops.models import Shop
from shouyue.engine import get_vault
from tests.browser.conftest import TIMEOUT_MS, Live
from tests.browser.people import register

# One worker runs the browser tests: one live server and one Chromium.
pytestmark = pytest.mark.xdist_group("browser")

RECIPIENT_PHONE = "13912345678"


def _shop_with_product(live: Live, owner_phone: str) -> int:
    """A shop for the registered seller and one product in it (setup rows; onboarding has its own
    browser test); returns the product id."""
    now = datetime.now(UTC)
    with live.sessions() as db:
        owner = accounts.get_by_phone(session=db, vault=get_vault(), phone=owner_phone)
        assert owner is not None
        category = ProductCategory(slug=f"b{owner.id[:8]}", name="浏览器测试分类")
        db.add(category)
        db.flush()
        shop = Shop(owner_id=owner.id, name=f"浏览器小店{owner.id[:6]}", created_at=now)
        db.add(shop)
        db.flush()
        product = Product(
            shop_id=shop.id,
            category_id=category.id,
            title="五常大米 5kg",
            description="当季新米",
            price_fen=5990,
            stock=5,
            created_at=now,
        )
        db.add(product)
        db.commit()
        return product.id


@pytest.mark.promise("P05", "P15", "P18")
def test_a_buyer_buys_and_the_seller_ships_seeing_the_phone_masked(page: Page, browser: Browser, live: Live) -> None:
    # given a seller with a product, signed in in their own browser
    seller_context = browser.new_context(base_url=live.url, locale="zh-CN")
    seller_context.set_default_timeout(TIMEOUT_MS)
    seller = seller_context.new_page()
    product_id = _shop_with_product(live, register(seller).phone)

    # when a buyer registers, puts the product in the cart and checks out without a recipient phone
    register(page)
    page.goto(f"/products/{product_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("五常大米")
    page.get_by_role("button", name="加入购物车").click()
    page.goto("/cart")
    page.get_by_role("link", name="去结算").click()
    page.locator("#address-new").check()
    page.get_by_label("收货人姓名", exact=True).fill("王小明")
    page.get_by_label("所在地区", exact=True).fill("广东省深圳市南山区")
    page.get_by_label("详细地址", exact=True).fill("科技园科苑路15号2栋301")
    page.get_by_label("邮政编码", exact=True).fill("518057")
    page.get_by_role("button", name="提交订单").click()
    # then the order is refused naming the missing phone (P15)
    expect(page.get_by_role("alert")).to_contain_text("联系电话")

    # when the phone is given too
    page.get_by_label("联系电话", exact=True).fill(RECIPIENT_PHONE)
    page.get_by_role("button", name="提交订单").click()
    # then the order page shows its number, amount and state (P18), and the buyer pays it
    page.wait_for_url(re.compile(r"/orders/\d+$"))
    order_path = page.url.split(live.url, 1)[1]
    expect(page.locator("main")).to_contain_text("¥59.90")
    expect(page.locator("main")).to_contain_text("待付款")
    page.get_by_role("link", name="去付款").click()
    page.get_by_label("支付宝").check()
    page.get_by_role("button", name=re.compile("确认支付")).click()
    page.goto(order_path)
    expect(page.locator("main")).to_contain_text("待发货")

    # when the seller opens the order
    seller.goto(f"/seller{order_path}")
    # then the buyer's phone is masked, with the statement of what merchants see (P05)
    masked = seller.locator("#recipient-masked")
    expect(masked).to_contain_text("139****5678")
    expect(seller.locator("main")).not_to_contain_text(RECIPIENT_PHONE)
    # when the seller asks for the full details to ship
    seller.get_by_role("button", name="查看完整收货信息（留痕）").click()
    # then the full phone is shown (the view is audited), and the seller ships
    expect(seller.locator("#recipient-full")).to_contain_text(RECIPIENT_PHONE)
    seller.get_by_label("物流公司").select_option("SF")
    seller.get_by_label("快递单号").fill("SF1234567890123")
    seller.get_by_role("button", name="确认发货").click()
    expect(seller.locator("#order-state")).to_have_text("待收货")
    # and the seller can no longer open the recipient's details
    expect(seller.locator("main")).not_to_contain_text(RECIPIENT_PHONE)
    seller_context.close()

    # when the buyer confirms receipt
    page.goto(order_path)
    page.get_by_role("button", name="确认收货").click()
    # then the order awaits the buyer's review
    expect(page.locator("main")).to_contain_text("待评价")
