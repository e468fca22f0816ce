"""Third-party login provider: the protocol, the sandbox, and the factory."""

from __future__ import annotations

from shouyue.providers.oauth.protocol import PROVIDERS, OAuthFailed, OAuthProfile, OAuthProvider
from shouyue.providers.oauth.sandbox import SandboxOAuthClient, SandboxOAuthProvider, reduce_profile


class UnknownOAuthProvider(LookupError):
    """A provider name the platform does not offer."""


def get_oauth_provider(name: str) -> OAuthProvider:
    """The provider called ``name``. Only sandboxes exist so far (real adapters come with their keys)."""
    if name not in PROVIDERS:
        raise UnknownOAuthProvider(name)
    return SandboxOAuthProvider(name)


__all__ = [
    "PROVIDERS",
    "OAuthFailed",
    "OAuthProfile",
    "OAuthProvider",
    "SandboxOAuthClient",
    "SandboxOAuthProvider",
    "UnknownOAuthProvider",
    "get_oauth_provider",
    "reduce_profile",
]
