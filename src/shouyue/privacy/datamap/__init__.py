"""The data map: what PI exists, why, who receives it and for how long."""

from shouyue.privacy.datamap.loader import load_datamap, parse_datamap
from shouyue.privacy.datamap.schema import (
    CONSENT_BASES,
    SENSITIVE_PROTECTIONS,
    Category,
    DataMap,
    ExpiryAction,
    LegalBasis,
    MaskRule,
    PermissionName,
    Problem,
    Protection,
    Purpose,
    PurposeKind,
    Recipient,
    RecipientKind,
    Reduction,
    Retention,
)

__all__ = [
    "CONSENT_BASES",
    "SENSITIVE_PROTECTIONS",
    "Category",
    "DataMap",
    "ExpiryAction",
    "LegalBasis",
    "MaskRule",
    "PermissionName",
    "Problem",
    "Protection",
    "Purpose",
    "PurposeKind",
    "Recipient",
    "RecipientKind",
    "Reduction",
    "Retention",
    "load_datamap",
    "parse_datamap",
]
