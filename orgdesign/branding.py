"""A consultant's branding: the read and the writes behind `/account/branding/`.

Kept beside the report code because only reports use it. The logo arrives here already
checked and rebuilt by `orgdesign.logos.clean_logo`; reports check it again, so a logo
stored before today's checks cannot hang or break them.
"""

from __future__ import annotations

import dataclasses
import logging

from django.core.exceptions import ValidationError

from orgdesign.logos import clean_logo
from orgdesign.models import Branding
from orgdesign.pdf import ReportBranding

logger = logging.getLogger(__name__)


def branding_get_for_user(*, user) -> Branding | None:
    """The user's branding row, or None (anonymous users and users who never set one)."""
    if user is None or not user.is_authenticated:
        return None
    return Branding.objects.filter(owner=user).first()


def report_branding_from_row(row: Branding | None) -> ReportBranding:
    """What reports carry for this branding row: its logo only if it passes today's checks
    (the SVG as rebuilt by them); a refused logo is left out, with a warning in the log."""
    branding = ReportBranding.from_model(row)
    if not branding.logo:
        return branding
    try:
        logo, content_type = clean_logo(branding.logo, convert=False)
    except ValidationError as exc:
        logger.warning(
            "Logo of branding %s left out of reports: %s", row.pk, " ".join(exc.messages)
        )
        return dataclasses.replace(branding, logo=b"", logo_content_type="")
    return dataclasses.replace(branding, logo=logo, logo_content_type=content_type)


def report_branding_for_user(*, user) -> ReportBranding:
    """What the user's reports carry (the plain report style when nothing is set)."""
    return report_branding_from_row(branding_get_for_user(user=user))


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
