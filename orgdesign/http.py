"""Facts about an HTTP request that several parts of the app need, computed one way.

`client_ip` is the address the sign-in lockout, the rate limits and the request log use.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _trusted_networks(entries: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address: the connection's, or the proxy's word for it when trusted.

    Only when the connection comes from a trusted proxy (`DJANGO_TRUSTED_PROXIES`,
    addresses or networks) is X-Forwarded-For read, from the right: each trusted proxy
    appended the address it saw, so the first address that is not a trusted proxy is the
    client. Anything a client wrote further left is never believed, and a garbled entry
    ends the walk at the last address known to be good.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = _trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not trusted:
        return remote

    def is_trusted(address) -> bool:
        return any(address.version == net.version and address in net for net in trusted)

    current = _address(remote)
    if current is None or not is_trusted(current):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        hop = _address(entry)
        if hop is None:
            break
        current = hop
        if not is_trusted(hop):
            break
    return str(current)
