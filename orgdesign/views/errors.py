"""The styled error pages (set as handler400/403/404/500 in advisor/urls.py).

They render without the request's context processors, so showing one never reads the
session, the user or the database: the 503 page works while the database is down.
"""

from __future__ import annotations

import logging
import sys

from django.http import HttpRequest, HttpResponse
from django.template import loader

from orgdesign.middleware import DATABASE_DOWN_ERRORS, loggable_path

database_log = logging.getLogger("orgdesign.database")

# Seconds a client is asked to wait before trying again while the database is down.
RETRY_AFTER_SECONDS = 30


def error_page(request: HttpRequest | None, status: int, **context) -> HttpResponse:
    """The styled page for `status` (templates/<status>.html), rendered with no database."""
    request_id = getattr(request, "request_id", "") if request is not None else ""
    body = loader.get_template(f"{status}.html").render({"request_id": request_id, **context})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403; a role's refusal (`selectors.RoleDenied`) says why, nothing else does."""
    from orgdesign.selectors import RoleDenied

    reason = str(exception) if isinstance(exception, RoleDenied) else ""
    return error_page(request, 403, reason=reason)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def too_many_requests(request: HttpRequest, message: str = "") -> HttpResponse:
    """The 429 page, for rate limits; `message` says which limit, in plain words."""
    return error_page(request, 429, message=message)


def service_unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 503 page while the database cannot be reached, with one log line saying so."""
    first_line = (str(exception).strip().splitlines() or [""])[0][:200]
    database_log.error(
        "database unavailable: %s: %s (%s %s, request %s)",
        type(exception).__name__,
        first_line,
        request.method,
        loggable_path(request.path),
        getattr(request, "request_id", "-"),
    )
    response = error_page(request, 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page; the 503 page when the error was the database being unreachable (raised
    outside a view, e.g. while loading the session)."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_DOWN_ERRORS):
        return service_unavailable(request, exception)
    return error_page(request, 500)
