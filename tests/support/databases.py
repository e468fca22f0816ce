"""Create and drop throw-away databases for tests: a SQLite file or a PostgreSQL database.

The suite runs against ``SHOUYUE_TEST_DATABASE_URL`` when it is set (CI sets a PostgreSQL
URL), otherwise against SQLite files in a temporary directory. Nothing is skipped: a
PostgreSQL URL that does not answer fails the run.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

TMP = Path(tempfile.mkdtemp(prefix="shouyue-test-"))


def base_url() -> str:
    """The URL the suite was asked to run against ('' means SQLite files)."""
    return os.environ.get("SHOUYUE_TEST_DATABASE_URL", "")


def is_postgres() -> bool:
    return base_url().startswith("postgresql")


def new_database(label: str = "t") -> str:
    """A new empty database; returns its URL."""
    name = f"shouyue_{label}_{uuid.uuid4().hex[:10]}"
    if not is_postgres():
        return f"sqlite:///{TMP / (name + '.db')}"
    url = make_url(base_url())
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop a database made by :func:`new_database` (closing stray connections first)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database or "").unlink(missing_ok=True)
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"
            ),
            {"d": parsed.database},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}"'))
    admin.dispose()
