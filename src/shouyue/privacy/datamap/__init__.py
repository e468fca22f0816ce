"""The data map: what PI exists, why, who receives it and for how long."""

from shouyue.privacy.datamap.loader import load_datamap, parse_datamap
from shouyue.privacy.datamap.schema import (
    Category,
    DataMap,
    ExpiryAction,
    LegalBasis,
    MaskRule,
    Protection,
    Purpose,
    PurposeKind,
    Recipient,
    Reduction,
    Retention,
)

__all__ = [
    "Category",
    "DataMap",
    "ExpiryAction",
    "LegalBasis",
    "MaskRule",
    "Protection",
    "Purpose",
    "PurposeKind",
    "Recipient",
    "Reduction",
    "Retention",
    "load_datamap",
    "parse_datamap",
]
