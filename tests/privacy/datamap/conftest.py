"""Fixtures for the data-map tests: the shipped map and a writer for broken copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from shouyue.engine import DEFAULT_DATAMAP
from shouyue.privacy.datamap import DataMap, load_datamap


@pytest.fixture(scope="session")
def shipped_text() -> str:
    return DEFAULT_DATAMAP.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def datamap() -> DataMap:
    """The data map the platform ships with."""
    return load_datamap(DEFAULT_DATAMAP)


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[[str], Path]:
    """Write data-map text to a file in tmp_path and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "datamap.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
