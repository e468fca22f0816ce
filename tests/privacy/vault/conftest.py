"""Vaults on throw-away key directories: every test gets its own master key and key store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from shouyue.engine import get_datamap
from shouyue.privacy.vault import Vault
from tests.privacy.vault.support import open_store


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    return tmp_path / "keys"


@pytest.fixture
def make_vault(key_dir: Path) -> Iterator[Callable[..., Vault]]:
    """Vaults over ``key_dir``; a second vault on the same directory stands for another process."""
    made: list[Vault] = []

    def make(**kw: Any) -> Vault:
        vault = Vault(keystore=open_store(key_dir, **kw), datamap=get_datamap())
        made.append(vault)
        return vault

    yield make
    for vault in made:
        vault.close()


@pytest.fixture
def vault(make_vault: Callable[..., Vault]) -> Vault:
    return make_vault()
