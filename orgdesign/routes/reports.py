"""Routes of the reports area (joined into the "orgdesign" namespace by orgdesign/urls.py).

Each report has one view; its formats are routes beside the PDF's, named after it
(`report-scenario-pptx`...), which pass the format to the view.
"""

from django.urls import URLPattern, path

from orgdesign.views import branding, reports


def formats(route: str, view, name: str, *, charts: bool = True) -> list[URLPattern]:
    """The PDF at `<route>/report.pdf`, and beside it PowerPoint, Word and the chart alone."""
    patterns = [
        path(f"{route}report.pdf", view, name=name),
        path(f"{route}report.pptx", view, {"fmt": "pptx"}, name=f"{name}-pptx"),
        path(f"{route}report.docx", view, {"fmt": "docx"}, name=f"{name}-docx"),
    ]
    if charts:
        patterns += [
            path(f"{route}chart.svg", view, {"fmt": "svg"}, name=f"{name}-svg"),
            path(f"{route}chart.png", view, {"fmt": "png"}, name=f"{name}-png"),
        ]
    return patterns


urlpatterns: list[URLPattern] = [
    *formats("result/", reports.report_result, "report-result"),
    *formats("scenarios/<id:scenario_id>/", reports.report_scenario, "report-scenario"),
    # A comparison shows several charts: each has its own scenario's chart routes.
    *formats(
        "clients/<id:client_id>/compare/", reports.report_compare, "report-compare", charts=False
    ),
    path("clients/<id:client_id>/pack.pdf", reports.report_client_pack, name="report-pack"),
    *formats("s/<str:token>/", reports.report_shared, "report-shared"),
    path("account/branding/", branding.branding, name="branding"),
    path("account/branding/logo/", branding.branding_logo, name="branding-logo"),
]
