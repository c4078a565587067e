"""Routes of the wizard area (joined into the "orgdesign" namespace by orgdesign/urls.py)."""

from django.urls import URLPattern, path, re_path

from orgdesign.views import result, wizard

urlpatterns: list[URLPattern] = [
    path("", wizard.home, name="home"),
    path("wizard/", wizard.wizard_start, name="wizard"),
    path("wizard/review/", wizard.wizard_review, name="wizard-review"),
    path("wizard/restart/", wizard.wizard_restart, name="wizard-restart"),
    path("wizard/resume/<str:token>/", wizard.wizard_resume, name="wizard-resume"),
    # Any other slug is a step; `wizard/save/` belongs to the workspace area.
    re_path(r"^wizard/(?P<step>(?!save/)[-a-z0-9]+)/$", wizard.wizard_step, name="wizard-step"),
    path("result/", result.result, name="result"),
]
