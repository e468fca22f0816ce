"""What every step of the demo seed shares: the session, the engine's vault and data map, the
notice in force, the upload directory and the sandbox providers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shouyue.commerce.accounts import service as accounts
from shouyue.commerce.accounts.models import Account, SessionKind
from shouyue.commerce.accounts.service import Client
from shouyue.privacy.datamap import DataMap
from shouyue.privacy.vault import Vault
from shouyue.providers.logistics import Carrier, Tracker
from shouyue.providers.payment import PaymentProvider

# The demo acts as people using the web pages would: consents and acceptances are recorded with
# the web channel, each through the same service call the page makes.
DEMO_CLIENT = Client(ip="127.0.0.1", kind=SessionKind.COOKIE)


@dataclass
class Seeding:
    session: Session
    vault: Vault
    datamap: DataMap
    notice_version: str
    now: datetime
    upload_dir: Path
    payments: PaymentProvider
    carrier: Carrier
    tracker: Tracker
    added: int = 0

    def account(self, *, phone: str) -> tuple[Account, bool]:
        """The account registered with ``phone``, made as registration makes it when missing
        (sealed phone with its blind index, the notice in force accepted). True when new."""
        found = accounts.get_by_phone(session=self.session, vault=self.vault, phone=phone)
        if found is not None:
            return found, False
        account = accounts.create_account(
            session=self.session,
            vault=self.vault,
            phone=phone,
            account_id=_fresh_id(self.session),
            notice_version=self.notice_version,
            client=DEMO_CLIENT,
            now=self.now,
        )
        self.added += 1
        return account, True


def _fresh_id(session: Session) -> str:
    from shouyue.commerce.accounts.models import new_account_id

    while True:
        candidate = new_account_id()
        if not session.scalar(select(func.count()).select_from(Account).where(Account.id == candidate)):
            return candidate
