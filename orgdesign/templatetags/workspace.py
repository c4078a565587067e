"""Template tags of the workspace: the navigation's links, the sign-up switch and the
"save this result" form."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

register = template.Library()

NAV_URL_NAMES = {
    "clients": "orgdesign:client-list",
    "account": "orgdesign:account",
    "branding": "orgdesign:branding",
    "password": "orgdesign:password_change",
    "logout": "orgdesign:logout",
    "login": "orgdesign:login",
    "signup": "orgdesign:signup",
}


@lru_cache(maxsize=16)
def _nav_urls(urlconf: str, prefix: str) -> dict[str, str]:
    # `prefix` is only part of the key: reverse() itself puts the script prefix in front.
    urls = {}
    for key, name in NAV_URL_NAMES.items():
        try:
            urls[key] = reverse(name, urlconf=urlconf)
        except NoReverseMatch:
            urls[key] = ""
    return urls


@register.simple_tag
def nav_urls() -> dict[str, str]:
    """The links of the navigation bar, by key ("" for a name the URLconf lacks).

    Every page draws them, so they are reversed once per URLconf and script prefix
    instead of six `{% url %}` calls per page.
    """
    return _nav_urls(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


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
