"""Wires the privacy engine to this application's settings: the data map file, the key store."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from shouyue.privacy.datamap import DataMap, load_datamap
from shouyue.privacy.notice import Prose, load_prose
from shouyue.privacy.vault import KeyStore, Vault, open_keystore, use_default_vault
from shouyue.settings import Settings, get_settings

DEFAULT_DATAMAP = Path(__file__).resolve().parent / "notice" / "datamap.yaml"
# The notice's fixed wording around what the data map declares (rendered and published with it).
NOTICE_PROSE = DEFAULT_DATAMAP.parent / "templates" / "notice.zh-CN.yaml"


@lru_cache(maxsize=1)
def get_datamap() -> DataMap:
    """The validated data map (``SHOUYUE_DATAMAP_PATH`` or the packaged ``notice/datamap.yaml``)."""
    return load_datamap(get_settings().datamap_path or DEFAULT_DATAMAP)


@lru_cache(maxsize=1)
def get_notice_prose() -> Prose:
    """The notice's fixed wording, validated once per process."""
    return load_prose(NOTICE_PROSE)


def open_configured_keystore(
    settings: Settings | None = None, *, create: bool | None = None, for_rotation: bool = False
) -> KeyStore:
    """The key store named by ``SHOUYUE_KEYSTORE_URL`` / ``SHOUYUE_KEY_DIR`` under the configured
    master key. Outside development: no generated development key, nothing created implicitly."""
    settings = settings or get_settings()
    master = settings.master_key.get_secret_value() if settings.master_key else None
    return open_keystore(
        url=settings.resolved_keystore_url(),
        key_dir=settings.key_dir,
        configured_master=master,
        development=not settings.is_production,
        create=create,
        for_rotation=for_rotation,
    )


@lru_cache(maxsize=1)
def get_vault() -> Vault:
    """The process-wide vault (tests call ``reset_vault()`` after changing the environment)."""
    return Vault(keystore=open_configured_keystore(), datamap=get_datamap())


def reset_vault() -> None:
    """Close the process-wide vault and forget it, so the next ``get_vault()`` reads the settings again."""
    if get_vault.cache_info().currsize:
        get_vault().close()
    get_vault.cache_clear()


def startup_checks() -> None:
    """Refuse to start on a bad data map, a missing or mismatched key store, or (in production)
    a generated development master key. The web app and the CLI call this before serving."""
    get_datamap()
    get_vault()


use_default_vault(get_vault)
