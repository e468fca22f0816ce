"""The demo seed: the notice is published once, demo staff exist, a second run changes nothing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shouyue.commerce.staff import service as staff_service
from shouyue.demo import DEMO_STAFF, seed
from shouyue.engine import get_datamap
from shouyue.privacy.notice import versions


def test_seed_publishes_the_notice_and_creates_the_demo_staff_once(fresh_database: object) -> None:
    from shouyue.db import make_engine
    from shouyue.migrate import upgrade

    url = fresh_database()  # type: ignore[operator]
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            # when the demo is seeded twice
            first = seed(session=session)
            session.commit()
            second = seed(session=session)
            session.commit()
            # then the data map's version is published once and the staff exist once
            assert [v.version for v in versions.all_versions(session=session)] == [get_datamap().version]
            assert "已发布" in first.notice and "无变化" in second.notice
            # and the shops, products and orders are seeded once, with login hints to print
            assert first.commerce.products >= 180 and first.commerce.added > 0
            assert second.commerce.added == 0
            assert any("演示买家" in line for line in first.commerce.login_hints())
            for username, role, _ in DEMO_STAFF:
                member = staff_service.get_by_username(session=session, username=username)
                assert member is not None and member.role == role
    finally:
        engine.dispose()
