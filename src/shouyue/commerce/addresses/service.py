"""The address book (P54): add, change, delete, choose a default; purpose ``order.fulfilment``.

The caller owns the transaction: these functions flush, the route commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shouyue.commerce.addresses.exceptions import AddressNotFound, TooManyAddresses
from shouyue.commerce.addresses.models import MAX_ADDRESSES, Address
from shouyue.commerce.addresses.recipients import Recipient
from shouyue.privacy.actors import Actor
from shouyue.privacy.masking.rules import mask_postcode
from shouyue.privacy.vault import Sealed, Vault, reveal

PURPOSE = "order.fulfilment"


@dataclass(frozen=True, slots=True)
class MaskedAddress:
    """An address as lists show it: every field masked."""

    id: int
    recipient_name: str
    phone: str
    address: str
    postcode: str
    is_default: bool


def masked(address: Address) -> MaskedAddress:
    """The masked form of ``address`` (lists and the checkout page show only this)."""
    return MaskedAddress(
        id=address.id,
        recipient_name=address.recipient_name.mask,
        phone=address.phone.mask,
        address=address.region.mask,
        postcode=mask_postcode(address.postcode),
        is_default=address.is_default,
    )


def list_addresses(*, session: Session, account_id: str) -> list[Address]:
    """The account's addresses, the default first, then the newest."""
    stmt = (
        select(Address).where(Address.account_id == account_id).order_by(Address.is_default.desc(), Address.id.desc())
    )
    return list(session.scalars(stmt))


def get_address_or_raise(*, session: Session, account_id: str, address_id: int) -> Address:
    """The account's own address ``address_id``; another's or a missing one raises ``AddressNotFound``."""
    address = session.scalar(select(Address).where(Address.id == address_id, Address.account_id == account_id))
    if address is None:
        raise AddressNotFound()
    return address


def _seal_into(address: Address, *, vault: Vault, recipient: Recipient) -> None:
    subject = address.account_id
    address.recipient_name = vault.seal(recipient.name, category="recipient.name", subject_id=subject)
    address.phone = vault.seal(recipient.phone, category="recipient.phone", subject_id=subject)
    address.region = vault.seal(recipient.region, category="recipient.address", subject_id=subject)
    address.detail = vault.seal(recipient.detail, category="recipient.address", subject_id=subject)
    address.postcode = recipient.postcode


def _clear_default(session: Session, account_id: str) -> None:
    session.execute(
        update(Address).where(Address.account_id == account_id, Address.is_default.is_(True)).values(is_default=False)
    )


def create_address(
    *, session: Session, vault: Vault, account_id: str, recipient: Recipient, make_default: bool, now: datetime
) -> Address:
    """Add an address; the first one, or one asked for, becomes the default."""
    count = session.scalar(select(func.count()).select_from(Address).where(Address.account_id == account_id)) or 0
    if count >= MAX_ADDRESSES:
        raise TooManyAddresses(MAX_ADDRESSES)
    is_default = make_default or count == 0
    if is_default:
        _clear_default(session, account_id)
    address = Address(account_id=account_id, is_default=is_default, created_at=now, updated_at=now)
    _seal_into(address, vault=vault, recipient=recipient)
    session.add(address)
    session.flush()
    return address


def update_address(*, session: Session, vault: Vault, address: Address, recipient: Recipient, now: datetime) -> Address:
    """Replace the address's fields (orders already placed keep their own snapshot)."""
    _seal_into(address, vault=vault, recipient=recipient)
    address.updated_at = now
    session.flush()
    return address


def set_default(*, session: Session, address: Address) -> Address:
    """Make ``address`` the account's default (and no other)."""
    _clear_default(session, address.account_id)
    address.is_default = True
    session.flush()
    return address


def delete_address(*, session: Session, address: Address) -> None:
    """Delete the address; if it was the default, the newest remaining one becomes the default."""
    was_default, account_id = address.is_default, address.account_id
    session.delete(address)
    session.flush()
    if was_default:
        newest = session.scalar(
            select(Address).where(Address.account_id == account_id).order_by(Address.id.desc()).limit(1)
        )
        if newest is not None:
            newest.is_default = True
            session.flush()


def reveal_recipient(*, session: Session, address: Address, vault: Vault | None = None) -> Recipient:
    """The address in plaintext for its owner (editing it, or copying it into an order)."""
    actor = Actor(kind="subject", id=address.account_id)

    def open_(value: Sealed) -> str:
        return reveal(session, value, purpose=PURPOSE, actor=actor, vault=vault)

    return Recipient(
        name=open_(address.recipient_name),
        phone=open_(address.phone),
        region=open_(address.region),
        detail=open_(address.detail),
        postcode=address.postcode,
    )
