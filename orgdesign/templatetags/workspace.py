"""Template tags of the workspace: the sign-up switch and the "save this result" form."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def signup_enabled() -> bool:
    """Whether the public sign-up page is open (ORGDESIGN_SIGNUP_ENABLED)."""
    return bool(settings.ORGDESIGN_SIGNUP_ENABLED)


@register.inclusion_tag("orgdesign/scenarios/_save_result.html", takes_context=True)
def save_result_form(context) -> dict[str, Any]:
    """The form that saves a finished questionnaire to a client (signed-in users only).

    It reads the wizard's target: a scenario being edited gets a "save as new version"
    button, a client the questionnaire was started for gets a name field, otherwise the
    consultant picks one of their clients or names a new one.
    """
    from orgdesign.forms.workspace import SaveResultForm
    from orgdesign.models import Scenario
    from orgdesign.wizard import wizard_target

    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return {"request": request, "signed_in": False}
    target = wizard_target(request) or {}
    scenario = None
    if target.get("scenario_id"):
        scenario = (
            Scenario.objects.filter(pk=target["scenario_id"], client__owner=user)
            .select_related("client")
            .first()
        )
    form = None if scenario else SaveResultForm(user=user)
    return {
        "request": request,
        "signed_in": True,
        "target": target,
        "scenario": scenario,
        "form": form,
        "for_client": bool(target.get("client_id")) and scenario is None,
    }
