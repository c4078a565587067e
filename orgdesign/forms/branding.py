"""The branding form. Logos are checked and rebuilt by `orgdesign.logos` (see there): a
refused file leaves the saved branding untouched.

The check runs in a render process within ORGDESIGN_LOGO_TIME_BUDGET seconds, so even a
file that found a slow path through the checks cannot hold the web worker.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from orgdesign.logos import (
    LOGO_MAX_BYTES,
    LOGO_MAX_PX,
    clean_logo,
    clean_logo_packed,
    unpack_clean_logo,
)
from orgdesign.render_budget import RenderFailed, run_with_budget
from orgdesign.validators import DEFAULT_ACCENT, FIRM_NAME, HEX_COLOUR

# White text on the accent colour (org chart seats) must stay readable (WCAG AA).
MIN_CONTRAST = 4.5


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of white text on `colour` (#rrggbb)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def validate_logo(data: bytes) -> str:
    """Check a logo (in this process); return its content type or raise ValidationError."""
    return clean_logo(data)[1]


def clean_logo_within_budget(data: bytes) -> tuple[bytes, str]:
    """`clean_logo` in a render process, within the logo time budget."""
    try:
        packed = run_with_budget(
            clean_logo_packed, data, budget=float(settings.ORGDESIGN_LOGO_TIME_BUDGET)
        )
    except RenderFailed as failure:
        if failure.timed_out:
            raise ValidationError(
                "The logo took too long to check; simplify it or upload a PNG."
            ) from failure
        raise ValidationError("The logo could not be checked; try another file.") from failure
    return unpack_clean_logo(packed)


class ColourInput(forms.TextInput):
    """`<input type="color">`, without the attributes a colour input does not take
    (`maxlength`, `required`: it always holds a colour). HEX_COLOUR checks the value."""

    input_type = "color"

    def use_required_attribute(self, initial) -> bool:
        return False


class BrandingForm(forms.Form):
    """Firm name, accent colour and an optional new logo (the current one stays otherwise)."""

    firm_name = forms.CharField(
        label="Firm name",
        max_length=120,
        required=False,
        validators=[FIRM_NAME],
        help_text="Shown on the cover and in the header of every page of your reports.",
    )
    accent_colour = forms.CharField(
        label="Accent colour",
        initial=DEFAULT_ACCENT,
        validators=[HEX_COLOUR],
        widget=ColourInput(attrs={"class": "form-control-color"}),
        help_text="Used for headings and rules. Pick a dark colour: white text sits on it.",
    )
    logo = forms.FileField(
        label="Logo",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/svg+xml"}),
        help_text=(
            f"PNG or SVG, at most {LOGO_MAX_BYTES // 1024} KB and "
            f"{LOGO_MAX_PX}×{LOGO_MAX_PX} pixels. An SVG may hold shapes, paths, text, "
            "gradients and clip paths, but no cloned elements (SVG 'use'), patterns, filters or "
            "embedded images. Leave empty to keep the current logo."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_accent_colour(self) -> str:
        colour = self.cleaned_data["accent_colour"].lower()
        ratio = contrast_with_white(colour)
        if ratio < MIN_CONTRAST:
            raise ValidationError(
                f"This colour is too light: white text on it has a contrast of {ratio:.1f}:1, "
                f"and reports need at least {MIN_CONTRAST}:1. Pick a darker shade."
            )
        return colour

    def clean_logo(self) -> tuple[bytes, str] | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise ValidationError(
                f"The logo is {upload.size // 1024} KB; it must be at most "
                f"{LOGO_MAX_BYTES // 1024} KB."
            )
        return clean_logo_within_budget(upload.read(LOGO_MAX_BYTES + 1))
