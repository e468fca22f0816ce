"""Sellers' shops: opening one (P12), the optional shop-management extras (P13) and the
withdrawal card (P20).

Hooks for the rest of the platform (``service``, all keyword-only): ``shop_of(session=,
owner_id=)`` finds a seller's shop; ``require_feature(session=, shop=, feature=Feature.SHIP)``
refuses a feature whose extra the seller did not give, naming it; ``shipping_address_of(session=,
shop=)`` is the sealed ship-from address or None; ``may_list_in`` / ``ensure_may_list_in(session=,
shop=, category_slug=)`` answer whether a shop may list in a category that needs a licence and an
industry qualification (``REGULATED_CATEGORIES``).
"""
