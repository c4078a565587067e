"""Root URL configuration: the admin, the health check and the orgdesign app."""

from django.contrib import admin
from django.urls import include, path

from orgdesign.views.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("orgdesign.urls")),
]
