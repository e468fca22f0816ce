"""Wires the privacy engine to this application's settings: the data map file, the key store."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from shouyue.privacy.datamap import DataMap, load_datamap
from shouyue.settings import get_settings

DEFAULT_DATAMAP = Path(__file__).resolve().parent / "notice" / "datamap.yaml"


@lru_cache(maxsize=1)
def get_datamap() -> DataMap:
    """The validated data map (``SHOUYUE_DATAMAP_PATH`` or the packaged ``notice/datamap.yaml``)."""
    return load_datamap(get_settings().datamap_path or DEFAULT_DATAMAP)
