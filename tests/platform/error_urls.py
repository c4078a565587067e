"""A URLconf whose views fail in each way the error pages cover (tests only)."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.db import OperationalError
from django.urls import include, path


def bad_request(request):
    raise BadRequest("malformed")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a bug")


def database_down(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


urlpatterns = [
    path("fail/400/", bad_request),
    path("fail/403/", forbidden),
    path("fail/500/", broken),
    path("fail/503/", database_down),
    path("", include("advisor.urls")),
]

handler400 = "orgdesign.views.errors.bad_request"
handler403 = "orgdesign.views.errors.permission_denied"
handler404 = "orgdesign.views.errors.page_not_found"
handler500 = "orgdesign.views.errors.server_error"
