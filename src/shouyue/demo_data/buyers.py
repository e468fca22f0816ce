"""Demo buyers, registered as registration registers them (sealed phone, the notice in force
accepted), some with a nickname, each with one or two sealed addresses from the address book."""

from __future__ import annotations

from dataclasses import dataclass

from shouyue.commerce.accounts import profile
from shouyue.commerce.accounts.models import Account
from shouyue.commerce.addresses import service as addresses
from shouyue.commerce.addresses.models import Address
from shouyue.commerce.addresses.recipients import parse_recipient
from shouyue.demo_data.context import Seeding
from shouyue.demo_data.people import People, Place
from shouyue.privacy.consent import Channel

BUYER_COUNT = 12
DEMO_NICKNAME = "守约体验官"
NICKNAMES = ("爱喝茶的猫", "周末去爬山", "小鹿快跑", "清风徐来", "读书的橙子", "早睡早起")


@dataclass(frozen=True, slots=True)
class AddressPlan:
    name: str
    phone: str
    place: Place

    def __repr__(self) -> str:
        return "AddressPlan(***)"


@dataclass(frozen=True, slots=True)
class BuyerPlan:
    phone: str
    nickname: str | None
    addresses: tuple[AddressPlan, ...]

    def __repr__(self) -> str:
        return f"BuyerPlan(nickname={self.nickname!r}, ...)"


def plan_buyers(people: People) -> list[BuyerPlan]:
    """The demo buyers; the first is the one whose login the demo prints."""
    plans = []
    for i in range(BUYER_COUNT):
        phone = people.phone()
        own_name = people.name()
        book = [AddressPlan(name=own_name, phone=phone, place=people.place())]
        if people.rng.random() < 0.5:  # a second address: someone they send gifts to
            book.append(AddressPlan(name=people.name(), phone=people.phone(), place=people.place()))
        nickname = DEMO_NICKNAME if i == 0 else (NICKNAMES[i % len(NICKNAMES)] if i % 2 else None)
        plans.append(BuyerPlan(phone=phone, nickname=nickname, addresses=tuple(book)))
    return plans


def register(ctx: Seeding, plan: BuyerPlan) -> tuple[Account, list[Address]]:
    """The buyer's account (nickname set through the profile) and address book, made when missing."""
    account, _new = ctx.account(phone=plan.phone)
    if plan.nickname and account.nickname is None:
        profile.update(
            session=ctx.session,
            datamap=ctx.datamap,
            account=account,
            changes={"nickname": plan.nickname},
            agree=True,
            channel=Channel.WEB,
            now=ctx.now,
        )
    book = addresses.list_addresses(session=ctx.session, account_id=account.id)
    if not book:
        for i, entry in enumerate(plan.addresses):
            recipient = parse_recipient(
                name=entry.name,
                phone=entry.phone,
                region=entry.place.district,
                detail=entry.place.detail,
                postcode=entry.place.postcode,
            )
            book.append(
                addresses.create_address(
                    session=ctx.session,
                    vault=ctx.vault,
                    account_id=account.id,
                    recipient=recipient,
                    make_default=i == 0,
                    now=ctx.now,
                )
            )
            ctx.added += 1
    return account, book
