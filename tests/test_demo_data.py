"""The commerce demo data: enough of everything to look at (shops, ~200 products, orders in every
state), made through the services so that it is stored as real use stores it — valid ID numbers
and cards, sealed PI — and idempotent: a second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from shouyue.commerce.accounts.models import Account
from shouyue.commerce.catalog.models import Product
from shouyue.commerce.identity.id_numbers import parse_id_number
from shouyue.commerce.identity.models import RealNameVerification
from shouyue.commerce.orders.models import Order, OrderState
from shouyue.commerce.reviews.models import Review
from shouyue.commerce.shops import service as shops
from shouyue.commerce.shops.cards import parse_card_number
from shouyue.commerce.shops.models import SellerBankCard, Shop
from shouyue.db import Base
from shouyue.demo_data import DemoSummary, seed_commerce
from shouyue.demo_data.people import People, luhn_valid
from shouyue.demo_data.sellers import plan_sellers
from shouyue.engine import get_datamap, get_vault
from shouyue.privacy.actors import Actor
from shouyue.privacy.consent import accepted_version
from shouyue.privacy.vault import reveal
from shouyue.settings import get_settings
from tests.commerce.accounts.builders import publish_notice

NOW = datetime(2026, 11, 29, 4, 0, tzinfo=UTC)
CHECKER = Actor.system("demo-data-test")


@dataclass
class Seeded:
    session: Session
    first: DemoSummary
    second: DemoSummary
    rows_after_first: dict[str, int]
    rows_after_second: dict[str, int]
    notice_version: str


def _row_counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    }


@pytest.fixture(scope="module")
def seeded(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """The demo seeded twice into one transaction, rolled back after the module's tests."""
    root = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHOUYUE_SANDBOX_DIR", str(root / "sandbox"))
        patch.setenv("SHOUYUE_UPLOAD_DIR", str(root / "uploads"))
        get_settings.cache_clear()
        connection = engine.connect()
        driver = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
        saved = driver.isolation_level if driver is not None else None
        transaction = connection.begin()
        if driver is not None:
            driver.isolation_level = None
            connection.exec_driver_sql("BEGIN")
        session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            version = publish_notice(session)
            kwargs = {"vault": get_vault(), "datamap": get_datamap(), "now": NOW}
            first = seed_commerce(session, **kwargs)
            session.commit()
            after_first = _row_counts(session)
            second = seed_commerce(session, **kwargs)
            session.commit()
            yield Seeded(session, first, second, after_first, _row_counts(session), version)
        finally:
            session.close()
            transaction.rollback()
            if driver is not None:
                driver.isolation_level = saved
            connection.close()
            get_settings.cache_clear()


def test_there_are_enough_shops_products_and_orders_in_every_state(seeded: Seeded) -> None:
    summary, session = seeded.first, seeded.session
    # then the summary and the database agree: ≥ 5 shops, about 200 products, 8-10 categories
    assert summary.shops >= 5
    assert session.scalar(select(func.count()).select_from(Shop)) >= 5
    products = session.scalar(select(func.count()).select_from(Product)) or 0
    assert 180 <= summary.products == products <= 220
    assert 8 <= summary.categories <= 10
    assert summary.cross_border_products > 0
    # and every order state is present, for the demo buyer too
    states = set(session.scalars(select(Order.state).distinct()))
    assert states == {s.value for s in OrderState}
    assert all(summary.orders_by_state[s.value] > 0 for s in OrderState)
    demo_buyer = session.scalar(select(Account).where(Account.nickname == "守约体验官"))
    assert demo_buyer is not None
    own_states = set(session.scalars(select(Order.state).where(Order.buyer_id == demo_buyer.id)))
    assert own_states == {s.value for s in OrderState}
    assert summary.reviews > 0


def test_a_second_run_adds_nothing(seeded: Seeded) -> None:
    assert seeded.second.added == 0
    assert seeded.rows_after_second == seeded.rows_after_first
    assert seeded.second.orders_by_state == seeded.first.orders_by_state
    assert (seeded.second.buyer_phone, seeded.second.seller_phone) == (
        seeded.first.buyer_phone,
        seeded.first.seller_phone,
    )


def test_the_same_seed_draws_the_same_people() -> None:
    first = [(p.phone, p.id_number, p.card.number) for p in plan_sellers(People(2026))]
    again = [(p.phone, p.id_number, p.card.number) for p in plan_sellers(People(2026))]
    other = [(p.phone, p.id_number, p.card.number) for p in plan_sellers(People(7))]
    assert first == again != other


def test_every_seller_is_onboarded_with_a_valid_id_number_and_card(seeded: Seeded) -> None:
    session, vault = seeded.session, get_vault()
    verifications = list(session.scalars(select(RealNameVerification)))
    cards = list(session.scalars(select(SellerBankCard)))
    assert len(verifications) >= 5 and len(cards) >= 5
    for row in verifications:
        number = reveal(session, row.id_number, purpose="identity.real_name_verification", actor=CHECKER, vault=vault)
        # the GB 11643 check character is right (parse_id_number refuses it otherwise)
        assert parse_id_number(number, today=NOW.date()).value == number
    for card in cards:
        number = reveal(session, card.card_number, purpose="seller.shop_create", actor=CHECKER, vault=vault)
        assert luhn_valid(number) and parse_card_number(number) == number
    for shop in session.scalars(select(Shop)):
        owner = session.get(Account, shop.owner_id)
        assert owner is not None and owner.seller_enabled_at is not None
        assert (
            shops.onboarding(session=session, account=owner, kind=shops.parse_kind(shop.kind), name=shop.name).missing
            == []
        )


def test_buyers_accepted_the_published_notice(seeded: Seeded) -> None:
    session = seeded.session
    buyers = set(session.scalars(select(Order.buyer_id).distinct()))
    assert len(buyers) >= 10
    assert {accepted_version(session=session, subject_id=b) for b in buyers} == {seeded.notice_version}


def test_pi_is_sealed_and_no_seeded_number_is_stored_in_the_clear(seeded: Seeded) -> None:
    session, summary = seeded.session, seeded.first
    # given the raw content of every table, read without the models
    dump = []
    for table in Base.metadata.sorted_tables:
        for row in session.execute(text(f'SELECT * FROM "{table.name}"')):
            dump.append("|".join("" if v is None else str(v) for v in row))
    raw = "\n".join(dump)
    # then no seeded phone, ID number or card number appears in it
    assert len(summary.seeded_phones) >= 17
    for phone in summary.seeded_phones:
        assert phone not in raw, "a seeded phone number is stored in the clear"
    for sellers in plan_sellers(People(2026)):
        assert sellers.id_number not in raw and sellers.card.number not in raw
    # and every recipient snapshot is sealed under the buyer's held key
    for order in session.scalars(select(Order)):
        for sealed in (order.recipient_name, order.recipient_phone, order.recipient_address):
            assert sealed.scope == "held" and sealed.subject_id == order.buyer_id
    # and the phone number in a demo review was masked before it was stored
    texts = list(session.scalars(select(Review.text)))
    assert any("139****0000" in t for t in texts)
    assert not any("13912340000" in t for t in texts)


def test_the_summary_gives_the_login_hints(seeded: Seeded) -> None:
    hints = "\n".join(seeded.first.login_hints())
    assert seeded.first.buyer_phone in hints and seeded.first.seller_phone in hints
    assert "/dev/outbox" in hints
    assert "演示数据已存在" in "\n".join(seeded.second.login_hints())
