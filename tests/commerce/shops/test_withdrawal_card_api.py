"""The withdrawal card (P20): bound after the shop opened; a personal shop gives card number and
bank, an enterprise shop also the branch's full name. Luhn-checked, sealed, shown masked, and
handed to the payment institution only through the disclosure gateway."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from shouyue.commerce.shops.models import WithdrawalCard
from shouyue.privacy.gateway import DisclosureRecord
from tests.commerce.shops.builders import BANK, BRANCH, bad_luhn, card_number, open_shop
from tests.commerce.support.world import World


def _disclosures(session: Session, subject_id: str) -> list[DisclosureRecord]:
    return list(
        session.scalars(
            select(DisclosureRecord)
            .where(DisclosureRecord.subject_id == subject_id, DisclosureRecord.purpose == "seller.withdrawal_card")
            .order_by(DisclosureRecord.id)
        )
    )


@pytest.mark.promise("P20")
def test_a_personal_shop_binds_replaces_and_removes_its_card(world: World, db_session: Session) -> None:
    seller, shop = open_shop(world)
    assert seller.get("/seller/withdrawal-card").json()["bound"] is False
    number = card_number()
    # when the seller binds a card with its bank
    bound = seller.put("/seller/withdrawal-card", json={"card_number": number, "bank_name": BANK})
    # then it is shown masked only
    assert bound.status_code == 200, bound.text
    assert bound.json()["card_number"] == "****" + number[-4:] and bound.json()["bank_name"] == BANK
    assert number not in bound.text and bound.headers["cache-control"] == "no-store"
    assert seller.get("/seller/withdrawal-card").json()["card_number"] == "****" + number[-4:]
    # and it is stored sealed
    raw = db_session.execute(text("SELECT card_number FROM shop_withdrawal_card")).scalar_one()
    assert raw.startswith("sy1:") and number not in raw
    # and it went to the payment institution through the gateway, recorded on the card
    (first,) = _disclosures(db_session, seller.account_id)
    assert first.recipient == "partner.payment_institution"
    assert set(first.sent) == {"finance.bank_card", "finance.bank_name", "identity.real_name"}
    card = db_session.get(WithdrawalCard, shop["id"])
    assert card is not None and card.disclosure_id == first.id
    # when it is replaced by another card
    other = card_number()
    replaced = seller.put("/seller/withdrawal-card", json={"card_number": other, "bank_name": "中国建设银行"})
    assert replaced.status_code == 200 and replaced.json()["card_number"] == "****" + other[-4:]
    assert len(_disclosures(db_session, seller.account_id)) == 2
    # when it is removed, nothing of it stays
    assert seller.delete("/seller/withdrawal-card").status_code == 204
    assert seller.get("/seller/withdrawal-card").json() == {
        "bound": False,
        "card_number": None,
        "bank_name": None,
        "branch_name": None,
        "bound_at": None,
    }
    assert db_session.execute(text("SELECT count(*) FROM shop_withdrawal_card")).scalar_one() == 0
    assert seller.delete("/seller/withdrawal-card").json()["detail"] == "您尚未绑定提现银行卡"


@pytest.mark.promise("P20")
def test_bad_cards_are_refused_and_nothing_is_written(world: World, db_session: Session) -> None:
    seller, _ = open_shop(world)
    number = card_number()
    luhn = seller.put("/seller/withdrawal-card", json={"card_number": bad_luhn(number), "bank_name": BANK})
    letters = seller.put("/seller/withdrawal-card", json={"card_number": "6222abcd12345678", "bank_name": BANK})
    no_bank = seller.put("/seller/withdrawal-card", json={"card_number": number, "bank_name": "x"})
    assert (luhn.status_code, luhn.json()["detail"]) == (422, "银行卡号校验未通过，请核对卡号后重新填写")
    assert letters.status_code == 422 and no_bank.status_code == 422
    assert bad_luhn(number) not in luhn.text
    assert db_session.execute(text("SELECT count(*) FROM shop_withdrawal_card")).scalar_one() == 0
    assert _disclosures(db_session, seller.account_id) == []


@pytest.mark.promise("P20")
def test_an_enterprise_shop_must_give_the_branch_full_name(world: World, db_session: Session) -> None:
    seller, _ = open_shop(world, kind="enterprise")
    number = card_number()
    # when an enterprise shop binds a card without the branch
    refused = seller.put("/seller/withdrawal-card", json={"card_number": number, "bank_name": BANK})
    # then it is refused naming the branch, and nothing is disclosed or stored
    assert refused.status_code == 422
    assert refused.json()["detail"] == "企业店铺须填写开户支行全称，如“中国工商银行股份有限公司北京朝阳支行”"
    assert _disclosures(db_session, seller.account_id) == []
    # when the branch is given, the card binds and the branch goes to the payment institution too
    bound = seller.put(
        "/seller/withdrawal-card", json={"card_number": number, "bank_name": BANK, "branch_name": BRANCH}
    )
    assert bound.status_code == 200 and bound.json()["branch_name"] == BRANCH
    (disclosure,) = _disclosures(db_session, seller.account_id)
    assert "finance.bank_branch" in disclosure.sent


@pytest.mark.promise("P20")
def test_a_card_is_bound_only_after_the_shop_opened(world: World) -> None:
    seller = world.person(edition="seller")
    refused = seller.put("/seller/withdrawal-card", json={"card_number": card_number(), "bank_name": BANK})
    assert (refused.status_code, refused.json()["detail"]) == (404, "您还没有开设店铺，请先在卖家中心完成开店")
