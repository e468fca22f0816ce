"""The sample data map and the packaged notice prose for the renderer's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from shouyue.engine import DEFAULT_DATAMAP
from shouyue.privacy.datamap import DataMap, load_datamap
from shouyue.privacy.notice import Prose, load_prose

SAMPLE = Path(__file__).resolve().parent / "sample_datamap.yaml"
PROSE = DEFAULT_DATAMAP.parent / "templates" / "notice.zh-CN.yaml"


@pytest.fixture(scope="session")
def sample() -> DataMap:
    return load_datamap(SAMPLE)


@pytest.fixture(scope="session")
def prose() -> Prose:
    return load_prose(PROSE)
