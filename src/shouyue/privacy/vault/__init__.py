"""The vault: sealed PI values under per-subject data keys, a separate key store, crypto-shredding.

Seal with :meth:`Vault.seal`, store the :class:`Sealed` through a ``pi(...)`` column
(:mod:`shouyue.privacy.columns`), show its ``mask``, and get the plaintext back only with
:func:`reveal`, which checks the purpose and audits staff.
"""

from shouyue.privacy.vault.configure import Rotation, open_keystore, rotate_master_key
from shouyue.privacy.vault.keystore import KeyStore, MasterKeyMismatch
from shouyue.privacy.vault.master import MasterKey, generate_master_key, resolve_master_key
from shouyue.privacy.vault.models import SCOPES, KeyStoreStatus, Scope
from shouyue.privacy.vault.sealed import Sealed
from shouyue.privacy.vault.service import REVEAL_ACTION, default_vault, reveal, use_default_vault
from shouyue.privacy.vault.vault import Vault

__all__ = [
    "REVEAL_ACTION",
    "SCOPES",
    "KeyStore",
    "KeyStoreStatus",
    "MasterKey",
    "MasterKeyMismatch",
    "Rotation",
    "Scope",
    "Sealed",
    "Vault",
    "default_vault",
    "generate_master_key",
    "open_keystore",
    "resolve_master_key",
    "reveal",
    "rotate_master_key",
    "use_default_vault",
]
