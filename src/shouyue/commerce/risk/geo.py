"""Coarse region (province) of a client, for risk control (P26).

The sandbox lookup derives a province from the first two octets of a public IPv4 address, so
the same address always lands in the same province and addresses far apart usually do not.
Private, loopback and unparseable addresses have no region. A production deployment replaces
:func:`region_for_ip` with a real IP-to-region database; only the province is ever kept
(``location.coarse``), never a precise position.

Outside production a client (a test, a developer) may state the address it stands for in the
``X-Sandbox-Client-IP`` header, to act as a visitor from elsewhere (region and per-IP rate
limits both follow it); production ignores that header and uses the connection's peer address.
"""

from __future__ import annotations

import ipaddress

CLIENT_IP_HEADER = "X-Sandbox-Client-IP"

PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)  # fmt: skip


def region_for_ip(ip: str | None) -> str | None:
    """The sandbox province of a public IPv4 address, or None."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    if not isinstance(address, ipaddress.IPv4Address) or not address.is_global:
        return None
    first, second = address.packed[0], address.packed[1]
    return PROVINCES[(first * 256 + second) % len(PROVINCES)]


def client_ip(*, peer: str | None, stated: str | None, production: bool) -> str:
    """The address a request counts as coming from: the sandbox header outside production
    (when it holds an IP address), else the connection's peer."""
    if stated and not production:
        try:
            return str(ipaddress.ip_address(stated.strip()))
        except ValueError:
            pass
    return peer or "unknown"
