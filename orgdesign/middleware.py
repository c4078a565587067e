"""Request-wide behaviour every page shares: the request log, HEAD, private caching and the
answer when the database is down. Their order is set in advisor/settings.py.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from orgdesign.http import client_ip

request_log = logging.getLogger("orgdesign.request")

REQUEST_ID_HEADER = "X-Request-ID"
# A request id from the proxy is kept when it is short and plain; anything else is replaced.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
# Paths whose segments are secrets (share links, resume links, password reset tokens): the
# log shows their shape, never the token.
_SECRET_PATHS = [
    (re.compile(r"^/s/[^/]+"), "/s/***"),
    (re.compile(r"^/wizard/resume/[^/]+"), "/wizard/resume/***"),
    (re.compile(r"^/accounts/password/reset/[^/]+/[^/]+"), "/accounts/password/reset/***/***"),
]
# The errors that mean the database cannot be reached (as opposed to a bad query).
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)


def loggable_path(path: str) -> str:
    """The request path with any secret segment masked (no query string is ever logged)."""
    for pattern, replacement in _SECRET_PATHS:
        path, count = pattern.subn(replacement, path, count=1)
        if count:
            break
    return path


def _signed_in_user(request: HttpRequest):
    """The signed-in user when the request has already looked them up, else None.

    Looking them up here would cost queries on pages that never needed the user (and fail
    when the database is down), so a user nobody asked for stays unknown.
    """
    user = request.__dict__.get("_cached_user")
    if user is not None and user.is_authenticated:
        return user
    return None


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration, user, request id.

    The request id comes from the X-Request-ID header when it looks sane (a proxy's), else a
    new one; it is also sent back in the response's X-Request-ID header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        user = _signed_in_user(request)
        entry = {
            "method": request.META.get("REQUEST_METHOD", request.method),
            "path": loggable_path(request.path),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": user.pk if user is not None else None,
            "ip": client_ip(request),
            "request_id": request_id,
        }
        request_log.info(json.dumps(entry, ensure_ascii=True))
        return response


class HeadAsGetMiddleware:
    """Answer HEAD wherever GET is answered: the view runs as for GET, the body is dropped.

    HTTP defines HEAD as GET without the body; load balancers and link checkers use it.
    Handling it here, once, keeps every view's method list to GET (and POST). The method
    the client sent stays in `request.META["REQUEST_METHOD"]`, for a view that must not
    count a HEAD as a visit (a share link's "last opened").
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        if response.streaming:
            if hasattr(response, "close"):
                response.close()
            response.streaming_content = []
        else:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every response to a signed-in user, and on any
    response a view marked private (reports): no shared cache or browser history keeps a
    consultant's pages or a client's report."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        marked_private = "private" in response.get("Cache-Control", "")
        if marked_private or self._signed_in(request):
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ("Cookie",))
        return response

    @staticmethod
    def _signed_in(request: HttpRequest) -> bool:
        # Without a session cookie nobody is signed in: no lookup (and no query) needed.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return _signed_in_user(request) is not None
        try:
            return bool(request.user.is_authenticated)
        except DatabaseError:
            return False


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers the styled 503 page with Retry-After,
    and the log gets one line instead of a traceback (handler500 does the same for errors
    raised outside views)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DATABASE_DOWN_ERRORS):
            return None
        from orgdesign.views.errors import service_unavailable

        return service_unavailable(request, exception)
