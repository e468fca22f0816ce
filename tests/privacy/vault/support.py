"""Values and helpers shared by the vault tests."""

from __future__ import annotations

from pathlib import Path

from shouyue.privacy.vault import KeyStore, open_keystore

PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"
NAME = "欧阳锋"
ADDRESS = "广东省深圳市南山区科技园科苑路15号"


def keystore_url(key_dir: Path) -> str:
    return f"sqlite:///{key_dir / 'keystore.db'}"


def open_store(
    key_dir: Path,
    *,
    development: bool = True,
    master: str | None = None,
    create: bool | None = None,
    for_rotation: bool = False,
) -> KeyStore:
    """The key store in ``key_dir`` as the application opens it (development: generated key allowed)."""
    return open_keystore(
        url=keystore_url(key_dir),
        key_dir=key_dir,
        configured_master=master,
        development=development,
        create=create,
        for_rotation=for_rotation,
    )
