"""Configuration from the environment (``SHOUYUE_*``), validated once at start-up."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]


class Settings(BaseSettings):
    """Everything the program reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="SHOUYUE_", env_file=".env", extra="ignore")

    env: Environment = "development"
    database_url: str = "sqlite:///var/shouyue.db"
    # The key store lives apart from the business database: its own directory (master key
    # files, keystore database) or a master key passed in the environment.
    key_dir: Path = Path("var/keys")
    master_key: SecretStr | None = Field(default=None, description="base64 of 32 random bytes")
    keystore_url: str | None = None
    datamap_path: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    # Rate limits (SMS codes) are kept in memory unless a Redis URL is given in production.
    redis_url: str | None = None
    # Development sandboxes (SMS outbox) and uploaded files (avatars).
    sandbox_dir: Path = Path("var/sandbox")
    upload_dir: Path = Path("var/uploads")
    # Sending SMS codes from one IP address (a `limits` string); per phone it is fixed by P08.
    sms_ip_limits: str = "20/minute;200/day"

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    def resolved_keystore_url(self) -> str:
        """The key store's own database; by default a SQLite file inside the key directory."""
        if self.keystore_url:
            return self.keystore_url
        return f"sqlite:///{self.key_dir / 'keystore.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests clear this cache after changing the environment)."""
    return Settings()
