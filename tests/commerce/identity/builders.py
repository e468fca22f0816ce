"""Small builders for identity tests: accounts with API and page sessions, valid ID numbers, and an
SMS carrier that keeps what it was handed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from shouyue.commerce.accounts import sessions
from shouyue.commerce.accounts.models import Account, Edition, SessionKind, new_account_id
from shouyue.commerce.identity.id_numbers import check_character
from shouyue.commerce.identity.service import china_today
from shouyue.engine import get_vault
from shouyue.privacy.gateway import Disclosure
from shouyue.providers.sms import SmsReceipt

CHILD_PHONE = "13800138000"
GUARDIAN_PHONE = "13900139000"


def id_number_for(born: date, *, region: str = "110101", sequence: str = "123") -> str:
    """A valid 18-character ID number (GB 11643 check character) for someone born on ``born``."""
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    return first17 + check_character(first17)


def years_ago(years: int, *, days: int = 0) -> date:
    """The date ``years`` years (and ``days`` more days) before today in China."""
    today = china_today(datetime.now(UTC))
    leap_day = (today.month, today.day) == (2, 29)
    born = date(today.year - years, 2, 28) if leap_day else today.replace(year=today.year - years)
    return date.fromordinal(born.toordinal() - days)


@dataclass
class Person:
    """An account with a bearer token (API) and a cookie session (pages)."""

    account: Account
    token: str
    cookie_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def id(self) -> str:
        return self.account.id


def make_person(session: Session, *, phone: str = CHILD_PHONE) -> Person:
    """A registered account with a sealed phone, logged in both for the API and for pages."""
    now = datetime.now(UTC)
    account_id = new_account_id()
    account = Account(
        id=account_id,
        phone=get_vault().seal(phone, category="contact.phone", subject_id=account_id, lookup=True),
        created_at=now,
    )
    session.add(account)
    session.flush()
    bearer = sessions.issue(session=session, account=account, kind=SessionKind.BEARER, edition=Edition.BUYER, now=now)
    cookie = sessions.issue(session=session, account=account, kind=SessionKind.COOKIE, edition=Edition.BUYER, now=now)
    session.commit()  # given state, like a real registration: a refused request's rollback keeps it
    return Person(account=account, token=bearer.token, cookie_token=cookie.token)


@dataclass
class RecordingSms:
    """An SMS carrier that keeps every disclosure it was handed (the network is never touched)."""

    sent: list[Disclosure] = field(default_factory=list)

    def send_verification_code(self, disclosure: Disclosure, *, valid_minutes: int) -> SmsReceipt:
        self.sent.append(disclosure)
        return SmsReceipt(message_id=f"test-{len(self.sent)}", accepted_at=datetime.now(UTC))

    def last_code_to(self, phone: str) -> str:
        for disclosure in reversed(self.sent):
            if disclosure["contact.phone"] == phone:
                return disclosure["auth.sms_code"]
        raise AssertionError(f"no code was sent to {phone}")
