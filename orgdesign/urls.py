"""URL routes of the orgdesign app, mounted at the site root by advisor/urls.py.

`/healthz` lives in advisor/urls.py, outside this namespace, so probes never depend on it.
"""

from django.urls import path

from orgdesign import api

app_name = "orgdesign"

urlpatterns: list = [
    path("api/v1/recommendation", api.recommendation, name="api-recommendation"),
    # Pages (wizard, clients, reports) follow below.
]
