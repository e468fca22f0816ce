"""The shop's withdrawal card (P20): bound after the shop opened (which needed real-name
verification), replaced or removed by the seller. A personal shop gives the card number and bank;
an enterprise shop also the branch's full name.

Binding hands the card, bank, branch and the holder's real name to the payment institution
through the disclosure gateway (``partner.payment_institution``), and keeps the gateway's record
id on the card. No payment-institution provider exists in this checkout yet, so nothing is sent
over a wire: the returned ``Disclosure`` is what that provider will accept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from shouyue.commerce.identity import service as identity
from shouyue.commerce.shops import cards
from shouyue.commerce.shops.exceptions import RealNameRequired, WithdrawalCardNotBound
from shouyue.commerce.shops.models import Shop, ShopKind, WithdrawalCard
from shouyue.privacy import consent
from shouyue.privacy.actors import Actor
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.gateway import Disclosure, disclose
from shouyue.privacy.vault import Vault, reveal

PURPOSE = "seller.withdrawal_card"
RECIPIENT = "partner.payment_institution"


@dataclass(frozen=True, slots=True)
class CardBound:
    """A card bound (or replaced) and the disclosure a payment-institution provider accepts."""

    card: WithdrawalCard
    disclosure: Disclosure


def card_of(*, session: Session, shop: Shop) -> WithdrawalCard | None:
    """The shop's withdrawal card, or None."""
    return session.get(WithdrawalCard, shop.id)


def bind(
    *,
    session: Session,
    vault: Vault,
    datamap: DataMap,
    shop: Shop,
    card_number: str,
    bank_name: str,
    branch_name: str | None,
    now: datetime,
) -> CardBound:
    """Bind the shop's withdrawal card, replacing any earlier one; the branch is required for an
    enterprise shop. The card reaches the payment institution only through the gateway."""
    consent.require(session=session, subject_id=shop.owner_id, purpose=PURPOSE, datamap=datamap)
    details = cards.parse_card(
        card_number=card_number, bank_name=bank_name, branch_name=branch_name, kind=ShopKind(shop.kind)
    )
    verification = identity.get_real_name(session=session, account_id=shop.owner_id)
    if verification is None:
        raise RealNameRequired()
    holder = reveal(session, verification.real_name, purpose=PURPOSE, actor=Actor.system())
    fields = {
        "finance.bank_card": details.number,
        "finance.bank_name": details.bank_name,
        "identity.real_name": holder,
    }
    if details.branch_name is not None:
        fields["finance.bank_branch"] = details.branch_name
    disclosure = disclose(
        session=session,
        datamap=datamap,
        recipient=RECIPIENT,
        purpose=PURPOSE,
        subject_id=shop.owner_id,
        fields=fields,
        actor=Actor(kind="subject", id=shop.owner_id),
        now=now,
    )
    card = card_of(session=session, shop=shop)
    if card is None:
        card = WithdrawalCard(shop_id=shop.id, owner_id=shop.owner_id)
        session.add(card)
    card.card_number = vault.seal(details.number, category="finance.bank_card", subject_id=shop.owner_id)
    card.bank_name = details.bank_name
    card.branch_name = details.branch_name
    card.bound_at = now
    card.disclosure_id = disclosure.id
    session.flush()
    return CardBound(card=card, disclosure=disclosure)


def remove(*, session: Session, shop: Shop) -> None:
    """Unbind the shop's withdrawal card; the sealed number is deleted with the row."""
    card = card_of(session=session, shop=shop)
    if card is None:
        raise WithdrawalCardNotBound()
    session.delete(card)
    session.flush()
