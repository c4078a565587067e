"""Root URL configuration: the admin, the health checks, the orgdesign app, error pages."""

from django.contrib import admin
from django.urls import include, path

from orgdesign.views.health import healthz, readyz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("", include("orgdesign.urls")),
]

# Styled pages that need no database (templates/<status>.html, templates/errors/).
handler400 = "orgdesign.views.errors.bad_request"
handler403 = "orgdesign.views.errors.permission_denied"
handler404 = "orgdesign.views.errors.page_not_found"
handler500 = "orgdesign.views.errors.server_error"
