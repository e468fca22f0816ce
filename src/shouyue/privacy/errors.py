"""Exceptions of the privacy engine. Messages name what is wrong, never the PI itself."""

from __future__ import annotations


class PrivacyError(Exception):
    """Base of every error the engine raises on purpose."""


class DataMapError(PrivacyError):
    """The data map is malformed or refers to an entry it does not declare."""


class UnknownCategory(DataMapError):
    """A PI category id that the data map does not declare."""

    def __init__(self, category: str) -> None:
        super().__init__(f"unknown PI category {category!r}: it is not declared in the data map")
        self.category = category


class UnknownPurpose(DataMapError):
    """A purpose id that the data map does not declare."""

    def __init__(self, purpose: str) -> None:
        super().__init__(f"unknown purpose {purpose!r}: it is not declared in the data map")
        self.purpose = purpose


class UnknownRecipient(DataMapError):
    """A recipient id that the data map does not declare."""

    def __init__(self, recipient: str) -> None:
        super().__init__(f"unknown recipient {recipient!r}: it is not declared in the data map")
        self.recipient = recipient


class PurposeNotAllowed(PrivacyError):
    """A purpose asked for a category it is not declared to use."""

    def __init__(self, purpose: str, category: str) -> None:
        super().__init__(f"purpose {purpose!r} is not declared to use category {category!r}")
        self.purpose = purpose
        self.category = category


class KeyStoreError(PrivacyError):
    """The key store is missing, unreadable, or does not match the master key."""


class DevelopmentKeyRefused(KeyStoreError):
    """A generated development master key was found outside development."""


class SealError(PrivacyError):
    """A sealed value cannot be opened: corrupted, forged, or its key was destroyed."""


class KeyDestroyed(SealError):
    """The data key of a sealed value was destroyed (crypto-shredded); it is unreadable for good."""


class AuditChainBroken(PrivacyError):
    """The audit chain does not verify."""
