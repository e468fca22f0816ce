"""Rate limits for SMS codes (P08), with the ``limits`` library.

Per phone: at most one code a minute and ten a day. Per IP address: ``SHOUYUE_SMS_IP_LIMITS``
for sending, and a cap on verification tries (which also stops guessing across many phones).
Keys are keyed hashes (the phone's blind index, the IP's keyed hash), so the limiter's storage
holds no PI. Storage is in memory, or Redis when ``SHOUYUE_REDIS_URL`` is set in production,
so several web workers share one count.
"""

from __future__ import annotations

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from shouyue.commerce.accounts.exceptions import AccountsError, IpRateLimited, SmsDailyLimit, SmsTooFrequent
from shouyue.settings import Settings, get_settings

PER_PHONE = "1/minute;10/day"  # P08
DEFAULT_VERIFY_PER_IP = "60/minute"
_DAY = 24 * 3600


class RateLimits:
    """The limiter and its limits; one per process (per app)."""

    def __init__(
        self,
        *,
        storage_uri: str = "memory://",
        send_per_ip: str = "20/minute;200/day",
        verify_per_ip: str = DEFAULT_VERIFY_PER_IP,
        per_phone: str = PER_PHONE,
    ) -> None:
        self.storage = storage_from_string(storage_uri)
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.send_per_ip = parse_many(send_per_ip)
        self.verify_per_ip = parse_many(verify_per_ip)
        self.per_phone = parse_many(per_phone)

    def before_send(self, *, phone_key: str, ip_key: str) -> None:
        """Count one code sent to ``phone_key`` from ``ip_key``, or refuse when a limit is reached.
        Every limit is tested before any is counted, so a refusal uses up nothing."""
        checks: list[tuple[RateLimitItem, str, str, type[AccountsError]]] = [
            *((item, "sms-ip", ip_key, IpRateLimited) for item in self.send_per_ip),
            *(
                (item, "sms-phone", phone_key, SmsDailyLimit if item.get_expiry() >= _DAY else SmsTooFrequent)
                for item in self.per_phone
            ),
        ]
        for item, scope, key, error in checks:
            if not self.limiter.test(item, scope, key):
                raise error(f"{scope} limit {item} reached")
        for item, scope, key, _ in checks:
            self.limiter.hit(item, scope, key)

    def before_verify(self, *, ip_key: str) -> None:
        """Count one code verification from ``ip_key``, or refuse when its limit is reached."""
        for item in self.verify_per_ip:
            if not self.limiter.hit(item, "verify-ip", ip_key):
                raise IpRateLimited(f"verify-ip limit {item} reached")

    def reset(self) -> None:
        self.storage.reset()


def rate_limits_from_settings(settings: Settings | None = None) -> RateLimits:
    """Memory storage, or Redis when ``SHOUYUE_REDIS_URL`` is set in production."""
    settings = settings or get_settings()
    uri = settings.redis_url if settings.is_production and settings.redis_url else "memory://"
    return RateLimits(storage_uri=uri, send_per_ip=settings.sms_ip_limits)
