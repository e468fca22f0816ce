"""Orders per second placed through the HTTP API, and the share of request time in the privacy engine.

    python bench/orders.py [--orders 200] [--backends sqlite,postgresql] [--pg-url URL]

One order is what the buyer app does at checkout: ``POST /api/v1/orders`` with two lines from one
shop and the recipient typed in (the server recomputes prices, decrements stock with a
conditional UPDATE, seals the recipient snapshot under the buyer's held key), then
``POST /api/v1/orders/{id}/payments`` through a sandbox payment institution (the order number
and amount go out through the disclosure gateway; the result comes back with its source). The
figures are reported for placing alone and for placing + paying. Buyers are registered through
the API first (not timed) and each places two orders: a buyer's first order also creates the
buyer's *held* key in the key store (the sealed recipient snapshot is a transaction record), so
first and repeat orders are timed apart as well as together. One shop and its products are setup
rows. Each backend runs in its
own process on a fresh database (a SQLite file, or a throw-away PostgreSQL database). Requests
go through FastAPI's TestClient (in-process ASGI, no network), one after another.

The engine's share is measured as in ``bench/login.py`` (see ``harness.EngineClock``), in a
separate run from the orders/s figure. Target: engine share <= 15 %.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

TARGET_SHARE = 0.15

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import EngineClock, bench_arguments, child_run, on_fresh_database, published_app, register  # noqa: E402

RECIPIENT = {
    "recipient_name": "王小明",
    "phone": "13912345678",
    "region": "广东省深圳市南山区",
    "detail": "科技园科苑路15号2栋301",
    "postcode": "518057",
}


def _setup_shop(buyers: int) -> tuple[int, int]:
    """One shop owned by a seller account, with two products stocked for the whole run (setup rows)."""
    from datetime import UTC, datetime

    from shouyue.commerce.accounts.models import Account
    from shouyue.commerce.catalog.models import Product, ProductCategory
    from shouyue.commerce.shops.models import Shop
    from shouyue.db import session_scope

    now = datetime.now(UTC)
    with session_scope() as session:
        owner = Account(created_at=now, seller_enabled_at=now)
        category = ProductCategory(slug="bench", name="压测分类")
        session.add_all([owner, category])
        session.flush()
        shop = Shop(owner_id=owner.id, name="压测小店", created_at=now)
        session.add(shop)
        session.flush()
        made = [
            Product(
                shop_id=shop.id,
                category_id=category.id,
                title=title,
                description="",
                price_fen=price,
                stock=buyers * 10,
                created_at=now,
            )
            for title, price in (("压测商品甲", 1990), ("压测商品乙", 4500))
        ]
        session.add_all(made)
        session.flush()
        return made[0].id, made[1].id


def _run(backend: str, count: int, url: str, measure_engine: bool) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    app, notice = published_app(url)
    product_a, product_b = _setup_shop(count)
    clock = EngineClock()
    if measure_engine:
        clock.install()
    with TestClient(app) as client:
        tokens = [register(client, f"137{n:08d}", notice) for n in range((count + 1) // 2)]

        order_body = {
            "lines": [{"product_id": product_a, "quantity": 2}, {"product_id": product_b, "quantity": 1}],
            "recipient": RECIPIENT,
            "remark": "工作日送货",
        }
        engine_before = clock.total
        placed: list[tuple[str, int]] = []
        first: list[float] = []
        repeat: list[float] = []
        start = time.perf_counter()
        for turn in range(count):
            token = tokens[turn % len(tokens)]
            began = time.perf_counter()
            response = client.post("/api/v1/orders", json=order_body, headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 201, response.text
            (first if turn < len(tokens) else repeat).append(time.perf_counter() - began)
            placed.append((token, response.json()["orders"][0]["id"]))
        place_seconds = time.perf_counter() - start
        latencies = first + repeat
        engine_place = clock.total - engine_before

        engine_before = clock.total
        start = time.perf_counter()
        for token, order_id in placed:
            paid = client.post(
                f"/api/v1/orders/{order_id}/payments",
                json={"channel": "alipay"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert paid.status_code == 201, paid.text
        pay_seconds = time.perf_counter() - start
        engine_pay = clock.total - engine_before
    return {
        "backend": backend,
        "orders": count,
        "orders_per_second": count / place_seconds,
        "order_median_ms": statistics.median(latencies) * 1000,
        "order_p95_ms": sorted(latencies)[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
        "first_order_median_ms": statistics.median(first) * 1000,
        "repeat_order_median_ms": statistics.median(repeat) * 1000 if repeat else float("nan"),
        "place_and_pay_per_second": count / (place_seconds + pay_seconds),
        "engine_share_place": engine_place / place_seconds if measure_engine else None,
        "engine_share_place_and_pay": (engine_place + engine_pay) / (place_seconds + pay_seconds)
        if measure_engine
        else None,
    }


def main() -> None:
    args = bench_arguments(
        __doc__.split("\n\n")[0], count="orders", default=200, help="orders per backend (two per buyer)"
    )
    if args.child:
        print(
            json.dumps(
                on_fresh_database(
                    args.child, args.pg_url, lambda url: _run(args.child, args.orders, url, args.measure_engine)
                )
            )
        )
        return
    print(f"orders bench: {args.orders} orders per backend (two lines each, recipient typed in), then paid")
    failed = False
    for backend in args.backends.split(","):
        plain = child_run(__file__, backend, args, count="orders", measure=False)
        timed = child_run(__file__, backend, args, count="orders", measure=True)
        share = timed["engine_share_place"]
        failed |= share > TARGET_SHARE
        print(
            f"{backend:>10}: {plain['orders_per_second']:7.1f} orders/s "
            f"(median {plain['order_median_ms']:.1f} ms: first order {plain['first_order_median_ms']:.1f} ms, "
            f"repeat {plain['repeat_order_median_ms']:.1f} ms; p95 {plain['order_p95_ms']:.1f} ms), "
            f"{plain['place_and_pay_per_second']:6.1f} placed+paid/s; privacy engine "
            f"{share:.1%} of order request time, {timed['engine_share_place_and_pay']:.1%} with payment "
            f"[target <= {TARGET_SHARE:.0%}: {'ok' if share <= TARGET_SHARE else 'MISSED'}]"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
