"""Every table the application migrates: import each models module here so Alembic
and the PI-column check see the whole schema."""

from __future__ import annotations

from sqlalchemy import MetaData

from shouyue.commerce.accounts import models as _accounts_models  # noqa: F401
from shouyue.commerce.addresses import models as _addresses_models  # noqa: F401
from shouyue.commerce.cart import models as _cart_models  # noqa: F401
from shouyue.commerce.catalog import models as _catalog_models  # noqa: F401
from shouyue.commerce.history import models as _history_models  # noqa: F401
from shouyue.commerce.identity import models as _identity_models  # noqa: F401
from shouyue.commerce.notifications import models as _notifications_models  # noqa: F401
from shouyue.commerce.orders import models as _orders_models  # noqa: F401
from shouyue.commerce.payments import models as _payments_models  # noqa: F401
from shouyue.commerce.reviews import models as _reviews_models  # noqa: F401
from shouyue.commerce.risk import models as _risk_models  # noqa: F401
from shouyue.commerce.shipping import models as _shipping_models  # noqa: F401
from shouyue.commerce.shops import models as _shops_models  # noqa: F401
from shouyue.commerce.staff import models as _staff_models  # noqa: F401
from shouyue.db import Base
from shouyue.privacy.audit import models as _audit_models  # noqa: F401
from shouyue.privacy.consent import models as _consent_models  # noqa: F401
from shouyue.privacy.gateway import models as _gateway_models  # noqa: F401
from shouyue.privacy.notice import models as _notice_models  # noqa: F401
from shouyue.privacy.permissions import models as _permissions_models  # noqa: F401
from shouyue.privacy.storage import PrivacyBase


def all_metadata() -> list[MetaData]:
    """The application's and the privacy engine's metadata, in migration order."""
    return [PrivacyBase.metadata, Base.metadata]
