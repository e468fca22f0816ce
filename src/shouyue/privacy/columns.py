"""Declaring where PI lives: column helpers for any SQLAlchemy ``DeclarativeBase``, and the check.

A model holding PI names the column with its subject and declares each PI column with its
category::

    class Account(Base):
        __pi_subject__ = "subject_id"
        subject_id: Mapped[str] = mapped_column(String(36))
        phone: Mapped[Sealed] = pi("contact.phone", lookup=True)
        phone_index: Mapped[str | None] = blind_index_for("phone")
        nickname: Mapped[str | None] = pi("profile.nickname", plain=True, type_=String(64))
        device: Mapped[str | None] = keyed_hash("device.identifier")
        order_no: Mapped[str] = not_pi("an order number names an order, not a person", String(32))

Sealed columns store a :class:`Sealed` (made by ``vault.seal``) as its stored form; assigning
plain text to one is refused. The storage a column declares (sealed, plain, keyed hash) is
checked against the data map by :func:`check_models`, so the code cannot quietly store a
sealed category in the clear.

Blind indexes are kept in sync at flush: a session-wide ``before_flush`` listener copies each
``Sealed.blind_index`` into the column ``blind_index_for`` declared, and on the same pass checks
that every sealed value belongs to the row's subject, has the column's category, and uses the
held key exactly when the column is ``held``. Loading a row checks the subject again, so a
ciphertext moved to another person's row is refused, not shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Boolean, String, Text, event, inspect
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import InstrumentedAttribute, MappedColumn, Mapper, Session, mapped_column
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator, TypeEngine

from shouyue.privacy.datamap import DataMap, Protection
from shouyue.privacy.errors import DataMapError, SealError
from shouyue.privacy.vault import Sealed, Vault

PI = "pi"  # info key: the category id
PROTECTION = "protection"  # info key: how the column stores it
INDEX_OF = "blind_index_of"  # info key: the PI column a blind index belongs to
NOT_PI = "not_pi"  # info key: why a PI-looking name is not PI
SUBJECT_ATTRIBUTE = "__pi_subject__"
_HEX64 = re.compile(r"[0-9a-f]{64}")
_PHC = re.compile(r"\$(?:argon2(?:id|i|d)|scrypt|2[aby])\$[A-Za-z0-9$=,./+-]{20,250}")


class SealedText(TypeDecorator[Sealed]):
    """A ``Sealed`` value of one category, stored as its compact text form."""

    impl = Text
    cache_ok = True

    def __init__(self, category: str) -> None:
        super().__init__()
        self.category = category

    @property
    def python_type(self) -> type[Sealed]:
        return Sealed

    def process_bind_param(self, value: Sealed | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Sealed):
            raise SealError(f"a column of category {self.category} stores sealed values: assign vault.seal(...)")
        if value.category != self.category:
            raise SealError(f"a sealed value of category {value.category} was given to a column of {self.category}")
        return value.serialise()

    def process_result_value(self, value: Any | None, dialect: Dialect) -> Sealed | None:
        return None if value is None else Sealed.parse(value, category=self.category)


class KeyedHashText(TypeDecorator[str]):
    """A keyed hash (64 hex characters); refuses anything else, plaintext identifiers above all."""

    impl = String(64)
    cache_ok = True

    def __init__(self, category: str) -> None:
        super().__init__()
        self.category = category

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is not None and not (isinstance(value, str) and _HEX64.fullmatch(value)):
            raise SealError(f"a column of category {self.category} stores keyed hashes: assign vault.keyed_hash(...)")
        return value


class SlowHashText(TypeDecorator[str]):
    """A one-way password hash in PHC string form (``$argon2id$...``); refuses anything else,
    a plaintext password above all."""

    impl = String(255)
    cache_ok = True

    def __init__(self, category: str) -> None:
        super().__init__()
        self.category = category

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is not None and not (isinstance(value, str) and _PHC.fullmatch(value)):
            raise SealError(f"a column of category {self.category} stores slow hashes: assign an argon2 hash")
        return value


def _info(kw: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {**kw.pop("info", {}), **extra}


def pi(
    category: str,
    *,
    plain: bool = False,
    lookup: bool = False,
    held: bool = False,
    nullable: bool = True,
    type_: TypeEngine[Any] | None = None,
    **kw: Any,
) -> MappedColumn[Any]:
    """A PI column of ``category``: sealed (a ``Sealed``; ``held`` for records under legal retention,
    ``lookup`` when a ``blind_index_for`` column indexes it), or with ``plain=True`` ordinary text."""
    if plain:
        if lookup or held:
            raise DataMapError(f"a plain column of {category} needs no lookup index or held key")
        info = _info(kw, pi=category, protection=Protection.PLAIN.value)
        return mapped_column(type_ or Text(), nullable=nullable, info=info, **kw)
    if type_ is not None:
        raise DataMapError(f"a sealed column of {category} has its own type; type_ is for plain columns")
    info = _info(kw, pi=category, protection=Protection.SEALED.value, lookup=lookup, held=held)
    return mapped_column(SealedText(category), nullable=nullable, info=info, **kw)


def blind_index_for(column_name: str, *, nullable: bool = True, **kw: Any) -> MappedColumn[Any]:
    """The blind-index column of the sealed ``lookup`` column ``column_name``; filled at flush."""
    kw.setdefault("index", True)
    return mapped_column(String(32), nullable=nullable, info=_info(kw, blind_index_of=column_name), **kw)


def keyed_hash(category: str, *, nullable: bool = True, **kw: Any) -> MappedColumn[Any]:
    """A de-identified column: ``vault.keyed_hash(value, category=...)``, never the value itself."""
    info = _info(kw, pi=category, protection=Protection.KEYED_HASH.value)
    return mapped_column(KeyedHashText(category), nullable=nullable, info=info, **kw)


def slow_hash(category: str, *, nullable: bool = True, **kw: Any) -> MappedColumn[Any]:
    """A password column: a slow one-way hash (argon2, PHC form) of ``category``, never the value."""
    info = _info(kw, pi=category, protection=Protection.SLOW_HASH.value)
    return mapped_column(SlowHashText(category), nullable=nullable, info=info, **kw)


def not_pi(reason: str, *args: Any, **kw: Any) -> MappedColumn[Any]:
    """A column whose name looks like PI but is not (say why); ``args``/``kw`` go to ``mapped_column``."""
    if not reason.strip():
        raise DataMapError("not_pi needs a reason")
    return mapped_column(*args, info=_info(kw, not_pi=reason), **kw)


def blind_index_equals(attribute: InstrumentedAttribute[Any], value: str, *, vault: Vault) -> ColumnElement[bool]:
    """A WHERE clause finding rows whose sealed ``attribute`` equals ``value`` (via its blind index)."""
    owner = attribute.parent.class_
    spec = _spec_for(owner)
    column = next((c for c in spec.sealed if c.key == attribute.key), None) if spec else None
    if column is None or column.index is None:
        raise DataMapError(f"{attribute} has no blind index: declare pi(..., lookup=True) and blind_index_for(...)")
    index: InstrumentedAttribute[Any] = getattr(owner, column.index)
    return index == vault.blind_index(value, category=column.category)


# --- keeping sealed columns consistent (flush and load) --------------------------------------


@dataclass(frozen=True, slots=True)
class _SealedColumn:
    key: str
    category: str
    held: bool
    index: str | None


@dataclass(frozen=True, slots=True)
class _Spec:
    subject: str | None
    sealed: tuple[_SealedColumn, ...]
    hashed: tuple[tuple[str, str], ...]  # (attribute key, category) of keyed-hash columns


_specs: WeakKeyDictionary[type, _Spec | None] = WeakKeyDictionary()


def _spec_for(cls: type) -> _Spec | None:
    try:
        return _specs[cls]
    except KeyError:
        pass
    mapper: Any = inspect(cls, raiseerr=False)
    spec = _build_spec(mapper) if isinstance(mapper, Mapper) else None
    _specs[cls] = spec
    return spec


def _build_spec(mapper: Mapper[Any]) -> _Spec | None:
    indexes = {}
    sealed = []
    hashed = []
    for prop in mapper.column_attrs:
        info = prop.columns[0].info
        if INDEX_OF in info:
            indexes[info[INDEX_OF]] = prop.key
        if info.get(PROTECTION) == Protection.SEALED.value:
            sealed.append((prop.key, info))
        elif info.get(PROTECTION) == Protection.KEYED_HASH.value:
            hashed.append((prop.key, info[PI]))
    if not sealed and not hashed:
        return None
    return _Spec(
        subject=_subject_key(mapper),
        sealed=tuple(
            _SealedColumn(key, info[PI], bool(info.get("held")), indexes.get(key) if info.get("lookup") else None)
            for key, info in sealed
        ),
        hashed=tuple(hashed),
    )


def _subject_key(mapper: Mapper[Any]) -> str | None:
    """The attribute key of the column ``__pi_subject__`` names (by attribute key or column name)."""
    name = getattr(mapper.class_, SUBJECT_ATTRIBUTE, None)
    if not isinstance(name, str):
        return None
    for prop in mapper.column_attrs:
        if name in (prop.key, prop.columns[0].name):
            return prop.key
    return None


def _check_value(obj: object, spec: _Spec, column: _SealedColumn, value: Sealed, subject: Any) -> None:
    where = f"{type(obj).__name__}.{column.key}"
    if not isinstance(value, Sealed):
        raise SealError(f"{where} holds {column.category}, which is stored sealed: assign vault.seal(...)")
    if value.category != column.category:
        raise SealError(f"{where} is a column of {column.category} but was given a sealed {value.category}")
    if subject is None:
        raise SealError(f"{where} is sealed for a subject, but {type(obj).__name__}.{spec.subject} is empty")
    if value.subject_id != str(subject):
        raise SealError(f"{where} holds a value sealed for another subject than the row's (moved or forged)")
    if (value.scope == "held") != column.held:
        raise SealError(f"{where} must be sealed with {'held=True' if column.held else 'the everyday key'}")


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        spec = _spec_for(type(obj))
        if spec is None:
            continue
        state = inspect(obj)
        for key, category in spec.hashed:
            added = state.attrs[key].history.added
            if added and added[0] is not None and not (isinstance(added[0], str) and _HEX64.fullmatch(added[0])):
                raise SealError(f"{type(obj).__name__}.{key} holds {category} as a keyed hash: assign vault.keyed_hash")
        if not spec.sealed:
            continue
        if spec.subject is None:
            raise SealError(f"{type(obj).__name__} holds sealed PI but names no existing {SUBJECT_ATTRIBUTE} column")
        subject_changed = bool(state.attrs[spec.subject].history.added)
        subject = getattr(obj, spec.subject)
        for column in spec.sealed:
            changed = state.attrs[column.key].history.added
            if not changed and not (subject_changed and column.key in state.dict):
                continue
            value = changed[0] if changed else state.dict[column.key]
            if value is None:
                if column.index is not None:
                    setattr(obj, column.index, None)
                continue
            _check_value(obj, spec, column, value, subject)
            if column.index is not None:
                if value.blind_index is None:
                    raise SealError(f"{type(obj).__name__}.{column.key} is looked up: seal it with lookup=True")
                if getattr(obj, column.index) != value.blind_index:
                    setattr(obj, column.index, value.blind_index)


@event.listens_for(Mapper, "load")
def _on_load(obj: object, _context: Any) -> None:
    spec = _spec_for(type(obj))
    if spec is None or spec.subject is None or not spec.sealed:
        return
    loaded = inspect(obj).dict
    if spec.subject not in loaded:
        return
    subject = loaded[spec.subject]
    for column in spec.sealed:
        value = loaded.get(column.key)
        if value is not None and value.subject_id != str(subject):
            raise SealError(
                f"{type(obj).__name__}.{column.key} holds a value sealed for another subject than the row's "
                "(moved or forged)"
            )


# --- the PI column check (P02, P46) ------------------------------------------------------------

# Name parts that suggest PI. A column so named must declare its category or say why it is not PI.
_PI_WORDS = frozenset(
    "phone mobile tel telephone cellphone email mail address addr idcard passport wechat weixin openid unionid "  # noqa: SIM905
    "qq birthday birthdate dob ip imei idfa oaid mac device gps lat lng lon latitude longitude geo location "
    "realname fullname surname nickname username postcode zipcode card iban".split()
)
_PI_PAIRS = frozenset(
    "id_number id_no id_card bank_account account_number license_plate plate_number birth_date android_id".split()  # noqa: SIM905
)
# "name" alone is too common (shops, products); it counts after a word that makes it a person's name.
_PERSON = frozenset(
    "real full first last given family legal user nick recipient receiver consignee contact holder buyer seller "  # noqa: SIM905
    "customer person owner".split()
)


def looks_like_pi(column_name: str) -> str | None:
    """The part of a column name that suggests PI, or None (``created_at``-style timestamps excepted)."""
    parts = [p for p in column_name.lower().split("_") if p]
    if not parts or parts[-1] == "at":
        return None
    for i, part in enumerate(parts):
        if part in _PI_WORDS:
            return part
        pair = "_".join(parts[i : i + 2])
        if pair in _PI_PAIRS:
            return pair
        if part == "name" and i > 0 and parts[i - 1] in _PERSON:
            return "_".join(parts[i - 1 : i + 1])
    return None


def check_models(mappers: Iterable[Mapper[Any]], datamap: DataMap) -> list[str]:
    """Every problem with how the mapped models declare PI, as readable lines (empty when all is well)."""
    problems: list[str] = []
    for mapper in sorted(mappers, key=lambda m: m.class_.__qualname__):
        if mapper.inherits is not None and mapper.local_table is mapper.inherits.local_table:
            continue  # single-table inheritance: the base mapper's check covers the table
        problems += _check_mapper(mapper, datamap)
    return problems


def _check_mapper(mapper: Mapper[Any], datamap: DataMap) -> list[str]:
    model = mapper.class_.__name__
    problems: list[str] = []
    pi_columns: list[str] = []
    lookups: set[str] = set()
    indexes: dict[str, str] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        where = f"{model}.{prop.key}"
        info = column.info
        if INDEX_OF in info:
            indexes[prop.key] = info[INDEX_OF]
            continue
        if PI in info:
            pi_columns.append(prop.key)
            if info.get("lookup"):
                lookups.add(prop.key)
            problems += _check_storage(where, info[PI], info.get(PROTECTION, ""), datamap)
            continue
        if NOT_PI in info or column.primary_key or column.foreign_keys or isinstance(column.type, Boolean):
            continue
        hint = looks_like_pi(column.name)
        if hint is not None:
            problems.append(
                f"{where}: the name suggests PI ({hint!r}) but it declares no category: "
                "use pi(category) or keyed_hash(category), or mark it not_pi(reason)"
            )
    for key, target in indexes.items():
        if target not in lookups:
            problems.append(f"{model}.{key}: blind index of {target!r}, which is not a pi(..., lookup=True) column")
    problems += [
        f"{model}.{key}: pi(..., lookup=True) but no blind_index_for({key!r}) column"
        for key in sorted(lookups - set(indexes.values()))
    ]
    if pi_columns or indexes:
        subject = getattr(mapper.class_, SUBJECT_ATTRIBUTE, None)
        if subject is None:
            problems.append(f"{model}: holds PI ({', '.join(pi_columns)}) but declares no {SUBJECT_ATTRIBUTE}")
        elif _subject_key(mapper) is None:
            problems.append(f"{model}: {SUBJECT_ATTRIBUTE} names {subject!r}, which is not a column of the model")
    return problems


def _check_storage(where: str, category_id: str, stored: str, datamap: DataMap) -> list[str]:
    try:
        category = datamap.category(category_id)
    except DataMapError:
        return [f"{where}: category {category_id!r} is not declared in the data map"]
    required = category.protection.value
    if category.protection is Protection.TRANSIENT:
        return [f"{where}: category {category_id!r} is transient and must never be stored in a table"]
    if category.sensitive and stored != Protection.SEALED.value:
        return [f"{where}: category {category_id!r} is sensitive and must be stored sealed, not {stored}"]
    if stored != required:
        unsealed = " (stored unsealed)" if required == Protection.SEALED.value else ""
        return [f"{where}: category {category_id!r} must be stored {required}, not {stored}{unsealed}"]
    return []
