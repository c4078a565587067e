"""Routes of the reports area (joined into the "orgdesign" namespace by orgdesign/urls.py)."""

from django.urls import URLPattern, path

from orgdesign.views import branding, reports

urlpatterns: list[URLPattern] = [
    path("result/report.pdf", reports.report_result, name="report-result"),
    path("scenarios/<id:scenario_id>/report.pdf", reports.report_scenario, name="report-scenario"),
    path(
        "clients/<id:client_id>/compare/report.pdf",
        reports.report_compare,
        name="report-compare",
    ),
    path("s/<str:token>/report.pdf", reports.report_shared, name="report-shared"),
    path("account/branding/", branding.branding, name="branding"),
    path("account/branding/logo/", branding.branding_logo, name="branding-logo"),
]
