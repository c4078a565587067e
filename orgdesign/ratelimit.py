"""Abuse limits: how many requests of one kind a client address may make in a period.

A fixed-window counter per scope and address, kept in Django's "default" cache with
`cache.add` and `cache.incr`, so every app server sharing that cache shares the counts.
The limits are `settings.ORGDESIGN_RATE_LIMITS`: scope -> (requests, seconds).

Why not django-ratelimit: its last release (4.1, 2023) declares no Django past 5.0, and its
system check refuses the local-memory and database caches (the shared cache this project
uses) as errors, which `manage.py check` would have to silence. What is needed here is a
counter in the cache; a few lines own it plainly.

The counts are approximate by design: the database cache's `incr` is a read and a write,
so two servers counting at the same instant may both see the same number. A limit that
lets a few extra requests through under a race still stops a flood. A cache that cannot be
read or written never blocks anyone: it is a warning in the log.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils.html import escape

from orgdesign.http import client_ip

logger = logging.getLogger(__name__)

MESSAGES = {
    "signin": "Too many failed sign-ins from your network.",
    "signup": "Too many sign-ups from your network.",
    "api": "Too many requests to the API from your address.",
    "pdf": "Too many report downloads from your address.",
    "share": "Too many share links that do not exist were opened from your address.",
    "review": "Too many comments or sign-offs were sent from your address.",
    "review_link": "Too many comments or sign-offs were sent through this link.",
}


def _window(scope: str, ident: str) -> tuple[str, int, int, float]:
    """The cache key of the current window, the limit, the period and the time now."""
    limit, period = settings.ORGDESIGN_RATE_LIMITS[scope]
    now = time.time()
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"ratelimit:{scope}:{int(now // period)}:{digest}", limit, period, now


def _retry_after(period: int, now: float) -> int:
    return max(1, math.ceil(period - now % period))


def hit(scope: str, ident: str) -> int | None:
    """Count one request of `scope` by `ident`; the seconds to wait if this one is over the
    limit, else None."""
    key, limit, period, now = _window(scope, ident)
    cache = caches["default"]
    try:
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: this request opens the window
            cache.add(key, 1, timeout=period + 1)
            count = 1
    except Exception:
        logger.warning("Rate limit %s not counted: the cache is not available.", scope)
        return None
    return _retry_after(period, now) if count > limit else None


def exceeded(scope: str, ident: str) -> int | None:
    """The seconds to wait if `ident` has already used up `scope` in this window (without
    counting this request), else None."""
    key, limit, period, now = _window(scope, ident)
    try:
        count = caches["default"].get(key, 0)
    except Exception:
        logger.warning("Rate limit %s not read: the cache is not available.", scope)
        return None
    return _retry_after(period, now) if count >= limit else None


def too_many_requests(request: HttpRequest, scope: str, retry_after: int) -> HttpResponse:
    """The 429 page: the site's `429.html` with the wait, and a Retry-After header."""
    message = MESSAGES[scope]
    context = {"message": message, "retry_after": retry_after, "scope": scope}
    try:
        body = render_to_string("429.html", context, request=request)
    except TemplateDoesNotExist:
        body = (
            "<!doctype html><title>Too many requests</title><h1>Too many requests</h1>"
            f"<p>{escape(message)} Please try again in {retry_after} seconds.</p>"
        )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def too_many_requests_json(scope: str, retry_after: int) -> JsonResponse:
    """The API's 429: `{"errors": {"rate": [...]}}` with a Retry-After header."""
    message = f"{MESSAGES[scope]} Try again in {retry_after} seconds."
    response = JsonResponse({"errors": {"rate": [message]}}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(
    scope: str, *, methods: tuple[str, ...] | None = None, json: bool = False
) -> Callable:
    """Limit a view's anonymous requests (of `methods`, or all) per client address.
    Signed-in consultants are not counted: their accounts are the limit."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            counted = not request.user.is_authenticated and (
                methods is None or request.method in methods
            )
            if counted and (wait := hit(scope, client_ip(request))) is not None:
                if json:
                    return too_many_requests_json(scope, wait)
                return too_many_requests(request, scope, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def limit_failed_signins(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The sign-in page: an address that has used up its failed sign-ins gets the 429 page
    for its sign-in posts until the window ends (SigninThrottleBackend refuses them on any
    other sign-in form, such as the admin's)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            if (wait := exceeded("signin", client_ip(request))) is not None:
                return too_many_requests(request, "signin", wait)
        return view(request, *args, **kwargs)

    return wrapped


class SigninThrottleBackend:
    """An authentication backend that signs nobody in: it refuses every attempt from an
    address that has used up its failed sign-ins, whatever the username and whichever form
    asked (ours, the admin's). django-axes locks a username per address; this limits one
    address across usernames. It has no `get_user` on purpose: Django then never picks it
    as the backend of a session (force_login, for one, takes the first with `get_user`)."""

    def authenticate(self, request: HttpRequest | None, **credentials) -> None:
        if request is not None and exceeded("signin", client_ip(request)) is not None:
            raise PermissionDenied("Too many failed sign-ins from this address.")
        return None


def count_failed_signin(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    """Receiver of `user_login_failed`: one more failed sign-in for the address. A
    successful sign-in does not reset the count, so an account of one's own cannot be used
    to keep guessing at others."""
    if request is not None:
        hit("signin", client_ip(request))


def limit_share_guesses(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A share-link view (`token` in the URL): every answer "no such link" (404) counts as a
    guess of the address; once it has used up its guesses, its share-link requests get 429
    until the window ends, whatever the token."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        address = client_ip(request)
        if (wait := exceeded("share", address)) is not None:
            return too_many_requests(request, "share", wait)
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            hit("share", address)
            raise
        if response.status_code == 404:
            hit("share", address)
        return response

    return wrapped


def limit_reviews(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A client's comment or sign-off on a share link (`token` in the URL): every POST
    counts once for the address ("review") and once for the link ("review_link"), signed in
    or not, accepted or refused; over either limit, the 429 page until the window ends."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST":
            for scope, ident in (
                ("review", client_ip(request)),
                ("review_link", str(kwargs.get("token", ""))),
            ):
                if (wait := hit(scope, ident)) is not None:
                    return too_many_requests(request, scope, wait)
        return view(request, *args, **kwargs)

    return wrapped
