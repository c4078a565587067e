"""URL routes of the orgdesign app, mounted at the site root by advisor/urls.py.

`/healthz` lives in advisor/urls.py, outside this namespace, so probes never depend on it.
Each area keeps its routes in orgdesign/routes/; they share the "orgdesign" namespace.
"""

from django.urls import path

from orgdesign import api
from orgdesign.routes import reports, wizard, workspace

app_name = "orgdesign"

urlpatterns = [
    path("api/v1/recommendation", api.recommendation, name="api-recommendation"),
    *wizard.urlpatterns,
    *workspace.urlpatterns,
    *reports.urlpatterns,
]
