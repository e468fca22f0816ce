"""Logging for the served application: uvicorn's handlers plus the application's own, each
behind the PI masking filter, so no handler ever writes a phone, ID or card number (P28)."""

from __future__ import annotations

import copy
from typing import Any

from uvicorn.config import LOGGING_CONFIG

PI_FILTER = "shouyue_pi"


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` mapping: uvicorn's defaults, a console handler for the
    ``shouyue`` loggers, and the masking filter on every handler."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {PI_FILTER: {"()": "shouyue.privacy.logfilter.PiMaskingFilter"}}
    config["handlers"]["app"] = {"formatter": "default", "class": "logging.StreamHandler", "stream": "ext://sys.stderr"}
    for handler in config["handlers"].values():
        handler["filters"] = [*handler.get("filters", []), PI_FILTER]
    config["loggers"]["shouyue"] = {"handlers": ["app"], "level": level.upper(), "propagate": False}
    config["root"] = {"handlers": ["app"], "level": "WARNING"}
    return config
