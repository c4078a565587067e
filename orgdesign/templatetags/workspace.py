"""Template tags of the workspace: the navigation's links and the sign-up switch."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from orgdesign.models import TRASH_DAYS

register = template.Library()

NAV_URL_NAMES = {
    "clients": "orgdesign:client-list",
    "account": "orgdesign:account",
    "branding": "orgdesign:branding",
    "members": "orgdesign:firm-members",
    "password": "orgdesign:password_change",
    "logout": "orgdesign:logout",
    "login": "orgdesign:login",
    "signup": "orgdesign:signup",
}


@lru_cache(maxsize=16)
def _nav_urls(urlconf: str, prefix: str) -> Mapping[str, str]:
    """Memoised per URLconf and script prefix (docs/benchmarks.md, "Caches"): every page
    draws the navigation. Read-only, so no caller can change what the next page gets."""
    # `prefix` is only part of the key: reverse() itself puts the script prefix in front.
    urls = {}
    for key, name in NAV_URL_NAMES.items():
        try:
            urls[key] = reverse(name, urlconf=urlconf)
        except NoReverseMatch:
            urls[key] = ""
    return MappingProxyType(urls)


@register.simple_tag
def nav_urls() -> Mapping[str, str]:
    """The links of the navigation bar, by key ("" for a name the URLconf lacks).

    Every page draws them, so they are reversed once per URLconf and script prefix
    instead of six `{% url %}` calls per page.
    """
    return _nav_urls(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@register.simple_tag
def signup_enabled() -> bool:
    """Whether the public sign-up page is open (ORGDESIGN_SIGNUP_ENABLED)."""
    return bool(settings.ORGDESIGN_SIGNUP_ENABLED)


@register.simple_tag
def trash_days() -> int:
    """How many days a deleted client or scenario stays restorable (TRASH_DAYS)."""
    return TRASH_DAYS
