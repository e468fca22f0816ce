"""What ``shouyue demo`` puts in a development database so a first look has something to show:
the notice published from the data map, and staff accounts for the console, each made through
the same service functions the product uses. Safe to run again; refused outside development."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from shouyue.commerce.staff import service as staff_service
from shouyue.demo_data import DemoSummary, seed_commerce
from shouyue.engine import get_datamap, get_notice_prose, get_vault
from shouyue.privacy.actors import Actor
from shouyue.privacy.notice import versions

# Demo-only credentials, printed on start; `seed` refuses to run outside development.
DEMO_STAFF = (
    ("demo-compliance", "compliance_officer", "Shouyue-Demo-2026!"),
    ("demo-service", "customer_service", "Shouyue-Demo-2026!"),
)


@dataclass(frozen=True, slots=True)
class DemoReport:
    notice: str
    staff: list[tuple[str, str, str]]
    commerce: DemoSummary


def seed(*, session: Session, now: datetime | None = None) -> DemoReport:
    """Publish the notice if the data map has none published or changed, add the demo staff, and
    seed the shops, products, buyers and orders (each step idempotent)."""
    now = now or datetime.now(UTC)
    actor = Actor.system("demo")
    datamap = get_datamap()
    prose = get_notice_prose()
    latest = versions.latest(session=session)
    if latest is not None and latest.text == versions.render_text(datamap=datamap, prose=prose, version=latest.version):
        notice = f"隐私政策无变化，沿用已发布的 {latest.version} 版"
    elif latest is not None and latest.version == datamap.version:
        notice = (
            f"数据地图已变化，但版本号 {datamap.version} 已被使用：请运行 shouyue notice publish --version <新版本号>"
        )
    else:
        row = versions.publish(
            session=session, datamap=datamap, prose=prose, version=datamap.version, actor=actor, now=now
        )
        notice = f"隐私政策 {row.version} 已发布"
    for username, role, password in DEMO_STAFF:
        if staff_service.get_by_username(session=session, username=username) is None:
            staff_service.create(session=session, username=username, role=role, password=password, actor=actor, now=now)
    session.flush()
    commerce = seed_commerce(session, vault=get_vault(), datamap=datamap, now=now)
    return DemoReport(notice=notice, staff=list(DEMO_STAFF), commerce=commerce)
