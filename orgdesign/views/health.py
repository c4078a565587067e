"""Probes for load balancers and orchestrators.

`/healthz` (liveness): the process answers; no database, no cache, so it stays cheap.
`/readyz` (readiness): the database and the shared caches answer too; 503 when either is
down, so a load balancer stops sending users to a server that can only show errors.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

log = logging.getLogger("orgdesign.health")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer "ok" without touching the database, so the probe stays cheap and fast."""
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        log.warning("readiness: database check failed: %s", type(exc).__name__)
        return False


def _cache_ok(alias: str) -> bool:
    key = f"readyz:{uuid.uuid4().hex}"
    try:
        cache = caches[alias]
        cache.set(key, "1", timeout=10)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return ok
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        log.warning("readiness: cache %r check failed: %s", alias, type(exc).__name__)
        return False


@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """200 with {"database": "ok", "cache": "ok"} when both answer, else 503 naming what is down."""
    checks = {
        "database": _database_ok(),
        "cache": _cache_ok("default") and _cache_ok("reports"),
    }
    ready = all(checks.values())
    response = JsonResponse(
        {"status": "ok" if ready else "unavailable"}
        | {name: "ok" if ok else "down" for name, ok in checks.items()},
        status=200 if ready else 503,
    )
    response["Cache-Control"] = "no-store"
    return response
