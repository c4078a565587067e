"""A consultant's branding: the read and the writes behind `/accounts/branding/`.

Kept beside the report code because only reports use it. The logo arrives here already
validated by `orgdesign.forms.branding.validate_logo`.
"""

from __future__ import annotations

from orgdesign.models import Branding
from orgdesign.pdf import ReportBranding


def branding_get_for_user(*, user) -> Branding | None:
    """The user's branding row, or None (anonymous users and users who never set one)."""
    if user is None or not user.is_authenticated:
        return None
    return Branding.objects.filter(owner=user).first()


def report_branding_for_user(*, user) -> ReportBranding:
    """What the user's reports carry (the plain report style when nothing is set)."""
    return ReportBranding.from_model(branding_get_for_user(user=user))


def branding_update(
    *,
    user,
    firm_name: str,
    accent_colour: str,
    logo: bytes | None = None,
    logo_content_type: str = "",
) -> Branding:
    """Save firm name and accent colour; replace the logo only when a new one is given."""
    branding = branding_get_for_user(user=user) or Branding(owner=user)
    branding.firm_name = firm_name.strip()
    branding.accent_colour = accent_colour.lower()
    if logo is not None:
        branding.logo = logo
        branding.logo_content_type = logo_content_type
    branding.full_clean()
    branding.save()
    return branding


def branding_remove_logo(*, user) -> Branding | None:
    """Forget the user's logo (firm name and colour stay)."""
    branding = branding_get_for_user(user=user)
    if branding is not None and branding.logo:
        branding.logo = b""
        branding.logo_content_type = ""
        branding.full_clean()
        branding.save()
    return branding
