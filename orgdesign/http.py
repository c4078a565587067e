"""What the app reads from a request before any view trusts it: the client's address and
numbers typed into URLs.

`client_ip` is the one place the client's address comes from (the sign-in lockout, the
rate limits and the request log use it); it believes X-Forwarded-For only from a trusted
proxy (`DJANGO_TRUSTED_PROXIES`). `ascii_int` and `parse_id` are the one way a number or
an id is read from a URL or a query string: plain ASCII digits of bounded length only,
never Python's `int()` on raw text (which accepts other scripts' digits, signs, spaces and
underscores, and fails on very long numbers). `FormCharsetMiddleware` refuses form bodies
in any charset but UTF-8 before anything reads them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse

# The largest id the database can hold (a signed 64-bit BigAutoField).
ID_MAX = 2**63 - 1
ID_MAX_DIGITS = len(str(ID_MAX))


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


def ascii_int(text: str, *, max_digits: int) -> int | None:
    """`text` as a non-negative integer if it is 1 to `max_digits` ASCII digits, else None."""
    if not 0 < len(text) <= max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def id_or_none(text: str) -> int | None:
    """An object id as typed: ASCII digits within the database's range, else None."""
    value = ascii_int(text, max_digits=ID_MAX_DIGITS)
    return value if value is not None and 0 < value <= ID_MAX else None


def parse_id(text: str) -> int:
    """An object id from a URL or query string, else Http404 (an id that cannot exist
    names nothing)."""
    value = id_or_none(text)
    if value is None:
        raise Http404("No such object.")
    return value


class IdConverter:
    """`<id:name>` in a route: an id as `parse_id` reads it; anything else does not match
    (404). Django's `<int:...>` converts any run of digits, however large."""

    regex = f"[0-9]{{1,{ID_MAX_DIGITS}}}"

    def to_python(self, value: str) -> int:
        try:
            return parse_id(value)
        except Http404:
            raise ValueError(value) from None

    def to_url(self, value: int) -> str:
        return str(int(value))


def query_ids(request: HttpRequest, name: str, *, limit: int) -> list[int]:
    """The ids of the repeated query parameter `name` (`?s=1&s=2`), each read by `parse_id`
    (Http404 if one is not an id), duplicates dropped, order kept. More than `limit` values
    is a 404 too: no page takes that many."""
    values = request.GET.getlist(name)
    if len(values) > limit:
        raise Http404("Too many ids.")
    return list(dict.fromkeys(parse_id(value) for value in values))


FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class FormCharsetMiddleware:
    """A form body that declares a charset other than "utf-8" (Django's own rule, which
    also refuses aliases such as "utf8") is a bad request: 400, through handler400.

    Django refuses such a body itself, but only when something reads `request.POST`, and
    it raises again on every later read, including the CSRF check that wraps the error
    views, which turned the 400 into a crash. Here the body is refused once, before the
    CSRF middleware, and marked as read empty so the error page renders normally.

    A NUL character in the path or the query string is a bad request too: no URL of the
    app has a use for one, and PostgreSQL refuses it in any query it would reach (a search
    term, a share token), which would otherwise surface as a 500 there and only there.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            raise BadRequest("Addresses may not contain NUL characters.")
        charset = (request.content_params or {}).get("charset")
        if (
            charset is not None
            and request.content_type in FORM_CONTENT_TYPES
            and charset.strip().lower() != "utf-8"
        ):
            request._mark_post_parse_error()
            raise BadRequest("Forms must be sent as UTF-8.")
        return self.get_response(request)
