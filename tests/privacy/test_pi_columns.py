"""Where PI lives (P02) and that it is sealed at rest (P46).

``check_models`` walks every mapped model: it must find each kind of mistake (proved on
throw-away models below) and find none in the application's real models. Sealed columns are
then written to a real database and the raw rows searched for the plaintext.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from shouyue.db import make_engine
from shouyue.engine import get_datamap
from shouyue.privacy.columns import (
    blind_index_equals,
    blind_index_for,
    check_models,
    keyed_hash,
    looks_like_pi,
    not_pi,
    pi,
)
from shouyue.privacy.errors import SealError
from shouyue.privacy.vault import Sealed, Vault
from tests.privacy.vault.support import ID_NUMBER, PHONE, open_store


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault = Vault(keystore=open_store(tmp_path / "keys"), datamap=get_datamap())
    yield vault
    vault.close()


# --- deliberately bad models, each with the one problem the check must name ---------------------


class Bad(DeclarativeBase):
    pass


class UndeclaredCategory(Bad):
    __tablename__ = "undeclared_category"
    __pi_subject__ = "subject_id"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(36))
    fax: Mapped[Sealed | None] = pi("contact.fax")


class NoSubject(Bad):
    __tablename__ = "no_subject"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[Sealed | None] = pi("contact.phone")


class MissingSubjectColumn(Bad):
    __tablename__ = "missing_subject_column"
    __pi_subject__ = "owner"
    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[Sealed | None] = pi("contact.phone")


class SensitivePlain(Bad):
    __tablename__ = "sensitive_plain"
    __pi_subject__ = "subject_id"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(36))
    id_number: Mapped[str | None] = pi("identity.id_number", plain=True)


class SealedCategoryPlain(Bad):
    __tablename__ = "sealed_category_plain"
    __pi_subject__ = "subject_id"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(36))
    phone: Mapped[str | None] = pi("contact.phone", plain=True)


class HashedCategorySealed(Bad):
    __tablename__ = "hashed_category_sealed"
    __pi_subject__ = "subject_id"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(36))
    device: Mapped[Sealed | None] = pi("device.identifier")


class LookupWithoutIndex(Bad):
    __tablename__ = "lookup_without_index"
    __pi_subject__ = "subject_id"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(36))
    phone: Mapped[Sealed | None] = pi("contact.phone", lookup=True)


class IndexOfNothing(Bad):
    __tablename__ = "index_of_nothing"
    __pi_subject__ = "subject_id"
    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(36))
    phone: Mapped[Sealed | None] = pi("contact.phone")
    phone_index: Mapped[str | None] = blind_index_for("phone")


PI_LOOKING = [
    "phone", "mobile", "id_number", "id_card", "card_no", "address", "email", "real_name", "ip", "device_id",
    "gps", "lat", "lng", "wechat", "birthday", "recipient_name", "shipping_address", "login_ip",
]  # fmt: skip


class UndeclaredNames(Bad):
    __tablename__ = "undeclared_names"
    id: Mapped[int] = mapped_column(primary_key=True)


for _name in PI_LOOKING:
    setattr(UndeclaredNames, _name, mapped_column(String(64)))

EXPECTED = {
    "UndeclaredCategory": ["UndeclaredCategory.fax: category 'contact.fax' is not declared in the data map"],
    "NoSubject": ["NoSubject: holds PI (phone) but declares no __pi_subject__"],
    "MissingSubjectColumn": ["MissingSubjectColumn: __pi_subject__ names 'owner', which is not a column of the model"],
    "SensitivePlain": [
        "SensitivePlain.id_number: category 'identity.id_number' is sensitive and must be stored sealed, not plain"
    ],
    "SealedCategoryPlain": [
        "SealedCategoryPlain.phone: category 'contact.phone' must be stored sealed, not plain (stored unsealed)"
    ],
    "HashedCategorySealed": [
        "HashedCategorySealed.device: category 'device.identifier' must be stored keyed_hash, not sealed"
    ],
    "LookupWithoutIndex": ["LookupWithoutIndex.phone: pi(..., lookup=True) but no blind_index_for('phone') column"],
    "IndexOfNothing": [
        "IndexOfNothing.phone_index: blind index of 'phone', which is not a pi(..., lookup=True) column"
    ],
}


@pytest.mark.promise("P02")
@pytest.mark.parametrize("model", sorted(EXPECTED))
def test_the_check_names_each_mistake(model: str) -> None:
    problems = check_models(Bad.registry.mappers, get_datamap())
    assert [p for p in problems if p.startswith((f"{model}.", f"{model}:"))] == EXPECTED[model]


@pytest.mark.promise("P02")
@pytest.mark.parametrize("column", PI_LOOKING)
def test_the_check_names_pi_looking_columns_without_a_category(column: str) -> None:
    problems = check_models(Bad.registry.mappers, get_datamap())
    assert any(p.startswith(f"UndeclaredNames.{column}: the name suggests PI") for p in problems)


@pytest.mark.parametrize("name", ["created_at", "phone_verified_at", "shop_name", "name", "order_no", "status"])
def test_ordinary_names_do_not_look_like_pi(name: str) -> None:
    assert looks_like_pi(name) is None


# --- a well-declared model: the check is quiet, the columns seal, index and check -------------------


class Good(DeclarativeBase):
    pass


class Shop(Good):
    __tablename__ = "shop"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))


class Customer(Good):
    __tablename__ = "customer"
    __pi_subject__ = "subject_id"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(36))
    phone: Mapped[Sealed | None] = pi("contact.phone", lookup=True)
    phone_index: Mapped[str | None] = blind_index_for("phone")
    id_number: Mapped[Sealed | None] = pi("identity.id_number", held=True)
    nickname: Mapped[str | None] = pi("profile.nickname", plain=True, type_=String(64))
    device: Mapped[str | None] = keyed_hash("device.identifier")
    order_no: Mapped[str | None] = not_pi("an order number names an order, not a person", String(32))
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id"))
    phone_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    phone_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@pytest.mark.promise("P02")
def test_a_well_declared_model_passes() -> None:
    assert check_models(Good.registry.mappers, get_datamap()) == []


@pytest.mark.promise("P02")
@pytest.mark.promise("P46")
def test_the_application_models_declare_their_pi() -> None:
    # given every model the application migrates
    import shouyue.models  # noqa: F401 - imports every models module
    from shouyue.db import Base
    from shouyue.privacy.storage import PrivacyBase

    mappers = [*Base.registry.mappers, *PrivacyBase.registry.mappers]
    # then none stores PI undeclared, unsealed, or without its subject
    assert mappers
    assert check_models(mappers, get_datamap()) == []


@pytest.fixture
def customers(fresh_database: Callable[[], str]) -> Iterator[Session]:
    """A session on a fresh database holding the ``Good`` tables."""
    engine = make_engine(fresh_database())
    Good.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


def _customer(vault: Vault, subject: str = "acct-1", **overrides: Any) -> Customer:
    values: dict[str, Any] = {
        "subject_id": subject,
        "phone": vault.seal(PHONE, category="contact.phone", subject_id=subject, lookup=True),
        "id_number": vault.seal(ID_NUMBER, category="identity.id_number", subject_id=subject, held=True),
        "nickname": "小明",
        "device": vault.keyed_hash("860000000000001", category="device.identifier"),
    }
    return Customer(**(values | overrides))


@pytest.mark.promise("P46")
def test_the_database_holds_no_plaintext(customers: Session, vault: Vault) -> None:
    # given a customer written through the model
    customers.add(_customer(vault))
    customers.commit()
    # when the table is read raw, as a dump would
    rows = customers.execute(text("SELECT * FROM customer")).mappings().all()
    dump = repr([dict(row) for row in rows])
    # then neither the sealed values nor the device identifier appear; the masks do
    for secret in (PHONE, ID_NUMBER, "860000000000001"):
        assert secret not in dump
    assert "138****5678" in dump
    # and on SQLite not even the database files' bytes hold them (free pages, write-ahead log)
    url = customers.get_bind().engine.url
    if url.get_backend_name() == "sqlite":
        files = [Path(f"{url.database}{suffix}") for suffix in ("", "-wal")]
        raw = b"".join(f.read_bytes() for f in files if f.exists())
        assert raw
        for secret in (PHONE, ID_NUMBER, "860000000000001"):
            assert secret.encode() not in raw
    # and read back through the model, the values open
    customers.expunge_all()
    customer = customers.scalars(select(Customer)).one()
    assert vault.open(customer.phone) == PHONE  # type: ignore[arg-type]
    assert vault.open(customer.id_number) == ID_NUMBER  # type: ignore[arg-type]


def test_the_blind_index_is_filled_at_flush_and_finds_the_row(customers: Session, vault: Vault) -> None:
    customer = _customer(vault)
    customers.add(customer)
    customers.flush()
    assert customer.phone_index == vault.blind_index(PHONE, category="contact.phone")
    found = customers.scalars(select(Customer).where(blind_index_equals(Customer.phone, PHONE, vault=vault))).all()
    assert found == [customer]
    # and clearing the value clears its index
    customer.phone = None
    customers.flush()
    assert customer.phone_index is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"phone": PHONE}, "Customer.phone holds contact.phone, which is stored sealed"),
        ({"device": "860000000000001"}, "Customer.device holds device.identifier as a keyed hash"),
        ({"subject_id": "acct-2"}, "Customer.phone holds a value sealed for another subject"),
        ({"subject_id": None}, "Customer.subject_id is empty"),
    ],
)
def test_flush_refuses_what_would_store_pi_wrongly(
    customers: Session, vault: Vault, change: dict[str, Any], message: str
) -> None:
    customer = _customer(vault)
    for name, value in change.items():
        setattr(customer, name, value)
    customers.add(customer)
    with pytest.raises(SealError, match=message):
        customers.flush()


def test_flush_refuses_the_wrong_key_scope_or_a_missing_index(customers: Session, vault: Vault) -> None:
    customers.add(_customer(vault, id_number=vault.seal(ID_NUMBER, category="identity.id_number", subject_id="acct-1")))
    with pytest.raises(SealError, match=r"Customer\.id_number must be sealed with held=True"):
        customers.flush()
    customers.rollback()
    customers.add(_customer(vault, phone=vault.seal(PHONE, category="contact.phone", subject_id="acct-1")))
    with pytest.raises(SealError, match=r"Customer\.phone is looked up: seal it with lookup=True"):
        customers.flush()


@pytest.mark.promise("P46")
def test_a_ciphertext_moved_to_another_row_is_refused_on_load(customers: Session, vault: Vault) -> None:
    # given two customers
    customers.add_all([_customer(vault, "acct-1"), _customer(vault, "acct-2")])
    customers.commit()
    # when someone copies acct-1's sealed phone into acct-2's row in the database
    stolen = customers.execute(text("SELECT phone FROM customer WHERE subject_id = 'acct-1'")).scalar_one()
    customers.execute(text("UPDATE customer SET phone = :p WHERE subject_id = 'acct-2'"), {"p": stolen})
    customers.commit()
    customers.expunge_all()
    # then loading that row is refused instead of showing acct-1's number on acct-2's page
    with pytest.raises(SealError, match="sealed for another subject"):
        customers.scalars(select(Customer).where(Customer.subject_id == "acct-2")).one()
