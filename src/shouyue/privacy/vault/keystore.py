"""The key store: wrapped data keys, kept in a database of their own.

It is deliberately *not* part of the business database or its Alembic migrations: a dump or
backup of the business database must not carry the keys that open it, and destroying a
subject's key (crypto-shredding) must not depend on rewriting business backups. The key store
therefore creates its own two tables when it is first opened (``create=True``), and is backed
up, restored and retained on its own schedule.

Rows hold each data key wrapped (AES-256-GCM) under the master key and the id of the master key
that wraps it. Destroying a key overwrites the wrapped bytes with NULL; the row stays as a
tombstone so that opening an old value says "destroyed" rather than "unknown key". SQLite key
stores run with ``secure_delete`` so the freed bytes are zeroed in the file too.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    create_engine,
    event,
    func,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from shouyue.privacy.errors import DevelopmentKeyRefused, KeyStoreError
from shouyue.privacy.vault.crypto import UnwrapFailed, random_key, unwrap, wrap, wrap_aad
from shouyue.privacy.vault.master import MasterKey, refuse_development_key
from shouyue.privacy.vault.models import (
    INDEX_SCOPE,
    DataKey,
    DataKeyRecord,
    KeyStoreBase,
    KeyStoreStatus,
    MasterKeyRecord,
    Scope,
)

_ROTATION_BATCH = 1000


class MasterKeyMismatch(KeyStoreError):
    """The master key given is not the one that wraps the key store's data keys."""


def _now() -> datetime:
    return datetime.now(UTC)


def new_kid() -> str:
    """A random data-key id (hex, so it needs no escaping in the sealed form)."""
    return secrets.token_hex(8)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # Zero the bytes of a destroyed key in the file instead of leaving them in a free page.
    cursor.execute("PRAGMA secure_delete=ON")
    # Write-ahead log with a sync on every commit: as durable as the rollback journal (a lost key
    # is lost data) at one fsync per new key instead of several. ``destroy`` checkpoints and
    # truncates the log, so a destroyed key's frames do not outlive it in the -wal file.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def describe_url(url: str) -> str:
    """How messages name a key store: the file path for SQLite, the URL without password otherwise."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<invalid key store URL>"
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


class KeyStore:
    """Wrapped data keys under one master key. Each method is its own key-store transaction:
    the key store is a separate system, so it commits independently of the business session."""

    def __init__(self, engine: Engine, *, master: MasterKey, location: str) -> None:
        self._engine = engine
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self.master = master
        self.location = location

    @classmethod
    def open(cls, url: str, *, master: MasterKey, create: bool, refuse_development: bool = False) -> KeyStore:
        """Open the key store at ``url`` (creating it when ``create``) and check the master key matches."""
        if refuse_development:
            refuse_development_key(master)
        location = describe_url(url)
        engine = _connect(url, location=location, create=create)
        store = cls(engine, master=master, location=location)
        try:
            store._check_master(create=create, refuse_development=refuse_development)
        except BaseException:
            engine.dispose()
            raise
        return store

    def dispose(self) -> None:
        """Close the key store's connections."""
        self._engine.dispose()

    def _check_master(self, *, create: bool, refuse_development: bool) -> None:
        with self._guard(), self._sessions.begin() as session:
            active = session.scalars(select(MasterKeyRecord).where(MasterKeyRecord.retired_at.is_(None))).all()
            if not active:
                if not create:
                    raise KeyStoreError(f"the key store {self.location} is not initialised: run `shouyue keys init`")
                if session.scalar(select(func.count()).select_from(DataKeyRecord)):
                    raise KeyStoreError(f"the key store {self.location} holds data keys but no active master key")
                master = self.master
                session.add(MasterKeyRecord(kid=master.kid, development=master.development, created_at=_now()))
                return
            record = active[0]
            if record.kid != self.master.kid:
                retired = session.get(MasterKeyRecord, self.master.kid)
                hint = " (that key was retired by a rotation)" if retired is not None else ""
                raise MasterKeyMismatch(
                    f"the master key does not match the key store {self.location} (wrapped under master key id "
                    f"{record.kid}; the key from {self.master.source} has id {self.master.kid}{hint})"
                )
            if refuse_development and record.development:
                raise DevelopmentKeyRefused(
                    f"the key store {self.location} is wrapped under master key {record.kid}, which was generated "
                    "for development; it is refused outside development: run `shouyue keys rotate`"
                )

    def _guard(self) -> _Guard:
        return _Guard(self.location)

    # --- data keys -------------------------------------------------------------------------

    def active_master_kid(self) -> str | None:
        """The id of the master key the store is wrapped under now (it may differ after a rotation)."""
        with self._guard(), self._sessions() as session:
            return session.scalar(select(MasterKeyRecord.kid).where(MasterKeyRecord.retired_at.is_(None)))

    def data_key(self, kid: str) -> DataKey | None:
        """The unwrapped key with this id, a tombstone if destroyed, or None if unknown."""
        with self._guard(), self._sessions() as session:
            row = session.get(DataKeyRecord, kid)
            return None if row is None else self._unwrap(row)

    def active_key(self, subject_id: str, scope: Scope) -> DataKey:
        """The subject's live key for ``scope``, created (and committed) on first use."""
        with self._guard(), self._sessions.begin() as session:
            row = session.scalars(
                select(DataKeyRecord)
                .where(
                    DataKeyRecord.subject_id == subject_id,
                    DataKeyRecord.scope == scope,
                    DataKeyRecord.wrapped.is_not(None),
                )
                .order_by(DataKeyRecord.created_at.desc(), DataKeyRecord.kid)
                .limit(1)
            ).first()
            if row is None:
                row = self._create(session, subject_id=subject_id, scope=scope)
            return self._unwrap(row)

    def index_key(self) -> bytes:
        """The store-wide index key from which blind-index and keyed-hash keys are derived."""
        with self._guard(), self._sessions.begin() as session:
            row = session.scalars(
                select(DataKeyRecord).where(DataKeyRecord.scope == INDEX_SCOPE).order_by(DataKeyRecord.created_at)
            ).first()
            if row is None:
                row = self._create(session, subject_id=None, scope=INDEX_SCOPE)
            key = self._unwrap(row)
        if key.secret is None:
            raise KeyStoreError(f"the index key in the key store {self.location} was destroyed")
        return key.secret

    def destroy(self, subject_id: str, scope: Scope) -> list[str]:
        """Crypto-shred the subject's keys of ``scope``; returns the ids destroyed. Irreversible."""
        with self._guard(), self._sessions.begin() as session:
            kids = list(
                session.scalars(
                    select(DataKeyRecord.kid).where(
                        DataKeyRecord.subject_id == subject_id,
                        DataKeyRecord.scope == scope,
                        DataKeyRecord.wrapped.is_not(None),
                    )
                )
            )
            if kids:
                session.execute(
                    update(DataKeyRecord).where(DataKeyRecord.kid.in_(kids)).values(wrapped=None, destroyed_at=_now())
                )
        if kids:
            self._checkpoint()
        return kids

    def _checkpoint(self) -> None:
        """On SQLite, copy the log into the file (zeroing freed bytes) and truncate the log."""
        if self._engine.dialect.name != "sqlite":
            return
        with self._guard(), self._engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def _create(self, session: Session, *, subject_id: str | None, scope: str) -> DataKeyRecord:
        # A process still holding a rotated-out master key must not wrap new keys under it.
        active = session.scalar(select(MasterKeyRecord.kid).where(MasterKeyRecord.retired_at.is_(None)))
        if active != self.master.kid:
            raise KeyStoreError(
                f"the master key was rotated (the key store {self.location} is now wrapped under master key id "
                f"{active}); restart with the current master key"
            )
        kid = new_kid()
        row = DataKeyRecord(
            kid=kid,
            subject_id=subject_id,
            scope=scope,
            wrapped=wrap(self.master.secret, random_key(), aad=wrap_aad(kid, subject_id, scope)),
            master_kid=self.master.kid,
            created_at=_now(),
        )
        session.add(row)
        session.flush()
        return row

    def _unwrap(self, row: DataKeyRecord) -> DataKey:
        if row.wrapped is None:
            return DataKey(row.kid, row.subject_id, row.scope, None, row.destroyed_at)
        return DataKey(row.kid, row.subject_id, row.scope, self._unwrap_with(self.master, row))

    def _unwrap_with(self, master: MasterKey, row: DataKeyRecord) -> bytes:
        if row.wrapped is None:
            raise KeyStoreError(f"data key {row.kid} was destroyed")
        if row.master_kid != master.kid:
            raise KeyStoreError(
                f"data key {row.kid} is wrapped under master key id {row.master_kid}, not {master.kid}: "
                "the master key was rotated; restart with the current master key"
            )
        try:
            return unwrap(master.secret, row.wrapped, aad=wrap_aad(row.kid, row.subject_id, row.scope))
        except UnwrapFailed:
            raise KeyStoreError(
                f"data key {row.kid} in the key store {self.location} does not authenticate under master key "
                f"{master.kid}: the key store is corrupted"
            ) from None

    # --- rotation and status ---------------------------------------------------------------

    def rotate(self, new_master: MasterKey) -> int:
        """Re-wrap every live key under ``new_master`` and retire the current master key, in one
        key-store transaction; returns the number of keys re-wrapped. Business rows are untouched:
        sealed values name data keys, and data keys do not change."""
        old = self.master
        if new_master.kid == old.kid:
            raise KeyStoreError("the new master key is the current one")
        now = _now()
        count = 0
        with self._guard(), self._sessions.begin() as session:
            # Retire first: the UPDATE takes the write lock, so no key is created meanwhile.
            retired = session.execute(
                update(MasterKeyRecord)
                .where(MasterKeyRecord.kid == old.kid, MasterKeyRecord.retired_at.is_(None))
                .values(retired_at=now)
            )
            if getattr(retired, "rowcount", 0) != 1:
                raise KeyStoreError(f"master key {old.kid} is no longer the active key of {self.location}")
            last = ""
            while True:
                rows: Sequence[DataKeyRecord] = session.scalars(
                    select(DataKeyRecord)
                    .where(DataKeyRecord.wrapped.is_not(None), DataKeyRecord.kid > last)
                    .order_by(DataKeyRecord.kid)
                    .limit(_ROTATION_BATCH)
                ).all()
                if not rows:
                    break
                for row in rows:
                    secret = self._unwrap_with(old, row)
                    row.wrapped = wrap(new_master.secret, secret, aad=wrap_aad(row.kid, row.subject_id, row.scope))
                    row.master_kid = new_master.kid
                count += len(rows)
                last = rows[-1].kid
                session.flush()
                session.expunge_all()
            session.add(MasterKeyRecord(kid=new_master.kid, development=new_master.development, created_at=now))
        self.master = new_master
        return count

    def status(self) -> KeyStoreStatus:
        """Counts of keys by scope, the active master key id and whether it is a development key."""
        with self._guard(), self._sessions() as session:
            record = session.get(MasterKeyRecord, self.master.kid)
            retired = session.scalar(
                select(func.count()).select_from(MasterKeyRecord).where(MasterKeyRecord.retired_at.is_not(None))
            )
            live = DataKeyRecord.wrapped.is_not(None)
            rows = session.execute(select(DataKeyRecord.scope, func.count()).where(live).group_by(DataKeyRecord.scope))
            counts: dict[str, int] = {scope: count for scope, count in rows}
            destroyed = session.scalar(select(func.count()).select_from(DataKeyRecord).where(~live))
            subjects = session.scalar(select(func.count(func.distinct(DataKeyRecord.subject_id))).where(live))
        return KeyStoreStatus(
            location=self.location,
            master_kid=self.master.kid,
            development=self.master.development or bool(record and record.development),
            retired_masters=retired or 0,
            subjects=subjects or 0,
            everyday=counts.get("everyday", 0),
            held=counts.get("held", 0),
            destroyed=destroyed or 0,
            index_key=bool(counts.get(INDEX_SCOPE)),
        )


class _Guard:
    """Turns database failures of the key store into :class:`KeyStoreError` naming its location."""

    def __init__(self, location: str) -> None:
        self.location = location

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, SQLAlchemyError):
            reason = getattr(exc, "orig", None) or exc
            raise KeyStoreError(f"cannot use the key store {self.location}: {reason}") from None


def _connect(url: str, *, location: str, create: bool) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise KeyStoreError(f"the key store URL {url!r} is not a database URL") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            _check_sqlite_path(Path(database), create=create)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(parsed, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with _Guard(location):
            if create:
                KeyStoreBase.metadata.create_all(engine)
            else:
                missing = set(KeyStoreBase.metadata.tables) - set(inspect(engine).get_table_names())
                if missing:
                    raise KeyStoreError(f"the key store {location} is not initialised: run `shouyue keys init`")
    except BaseException:
        engine.dispose()
        raise
    return engine


def _check_sqlite_path(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise KeyStoreError(f"the key store {path} is a directory, not a database file")
    if path.exists():
        return
    if not create:
        raise KeyStoreError(f"the key store {path} does not exist: check SHOUYUE_KEY_DIR, or run `shouyue keys init`")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise KeyStoreError(f"cannot create the key directory {path.parent}: {exc.strerror or exc}") from None
