"""The shared commerce builders work (so a failing domain test points at the domain, not here)."""

from tests.commerce.support.world import World


def test_world_builds_a_shop_with_a_product_and_a_signed_in_buyer(world: World) -> None:
    # given a shop with one product and a buyer
    _owner, shop = world.shop()
    product = world.product(shop, price_fen=1234, stock=3)
    buyer = world.person()
    # when the buyer asks who they are
    response = buyer.get("/accounts/me")
    # then the buyer is signed in and the product is stored as built
    assert response.status_code == 200, response.text
    assert response.json()["id"] == buyer.account_id
    assert (product.price_fen, product.stock, product.shop_id) == (1234, 3, shop.id)
