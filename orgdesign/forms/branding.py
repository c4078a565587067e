"""The branding form, and the checks every uploaded logo must pass.

A logo is accepted by its content, never by its name: a PNG must start with the PNG
signature and survive Pillow's verification; an SVG must parse as XML with an <svg> root
and contain nothing active (no scripts, event handlers, external references, DOCTYPE or
entities). Both must be at most LOGO_MAX_BYTES and between LOGO_MIN_PX and LOGO_MAX_PX on
each side. A refused file leaves the saved branding untouched.
"""

from __future__ import annotations

import io
import re
import warnings
from xml.etree import ElementTree

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

from orgdesign.validators import DEFAULT_ACCENT, FIRM_NAME, HEX_COLOUR

LOGO_MAX_BYTES = 512 * 1024
LOGO_MIN_PX = 16
LOGO_MAX_PX = 2000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
# Elements that run code, embed other documents or rewrite attributes over time.
SVG_FORBIDDEN = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "discard",
}
SVG_DTD = re.compile(rb"<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)|<\?xml-stylesheet", re.IGNORECASE)
EXTERNAL_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")

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


def _size_message(width: float, height: float) -> str | None:
    if width < LOGO_MIN_PX or height < LOGO_MIN_PX:
        return (
            f"The logo is {width:g}×{height:g} pixels; it must be at least "
            f"{LOGO_MIN_PX}×{LOGO_MIN_PX}."
        )
    if width > LOGO_MAX_PX or height > LOGO_MAX_PX:
        return (
            f"The logo is {width:g}×{height:g} pixels; it must be at most "
            f"{LOGO_MAX_PX}×{LOGO_MAX_PX}."
        )
    return None


def _validate_png(data: bytes) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != "PNG":
                    raise ValidationError("The file is not a valid PNG image.")
                width, height = image.size
                if message := _size_message(width, height):
                    raise ValidationError(message)
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ValidationError(
            f"The logo is too large; it must be at most {LOGO_MAX_PX}×{LOGO_MAX_PX} pixels."
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError("The file is not a valid PNG image (it may be damaged).") from exc


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _svg_size(root: ElementTree.Element) -> tuple[float, float] | None:
    width, height = root.get("width", ""), root.get("height", "")
    w_match, h_match = LENGTH.match(width), LENGTH.match(height)
    if w_match and h_match:
        return float(w_match[1]), float(h_match[1])
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return float(box[2]), float(box[3])
        except ValueError:
            return None
    return None


def _validate_svg(data: bytes) -> None:
    if SVG_DTD.search(data):
        raise ValidationError(
            "SVG logos may not contain a DOCTYPE, entity declarations or style sheet links."
        )
    try:
        # Safe: documents with a DTD (where entity expansion lives) were refused above.
        root = ElementTree.fromstring(data)  # noqa: S314
    except ElementTree.ParseError as exc:
        raise ValidationError("The file is not a valid SVG image (it does not parse).") from exc
    if root.tag != f"{SVG_NS}svg":
        raise ValidationError("The file is not an SVG image (its root is not <svg>).")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if _local(element.tag) in SVG_FORBIDDEN:
            raise ValidationError(
                f"SVG logos may not contain <{_local(element.tag)}> elements (scripts, "
                "embedded documents or animations)."
            )
        for name, value in element.attrib.items():
            local = _local(name)
            if local.startswith("on"):
                raise ValidationError("SVG logos may not contain event handlers such as onload.")
            if local == "href" and not value.strip().startswith("#"):
                raise ValidationError(
                    "SVG logos may not refer to external files or addresses (href)."
                )
            if EXTERNAL_URL.search(value):
                raise ValidationError("SVG logos may not refer to external files or addresses.")
        if _local(element.tag) == "style" and element.text:
            if "@import" in element.text.lower() or EXTERNAL_URL.search(element.text):
                raise ValidationError("SVG logos may not load external style sheets or files.")
    size = _svg_size(root)
    if size is None:
        raise ValidationError("The SVG logo needs a viewBox, or a width and a height in pixels.")
    if message := _size_message(*size):
        raise ValidationError(message)


def validate_logo(data: bytes) -> str:
    """Check an uploaded logo; return its content type or raise ValidationError."""
    if not data:
        raise ValidationError("The file is empty.")
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            f"The logo is {len(data) // 1024} KB; it must be at most {LOGO_MAX_BYTES // 1024} KB."
        )
    if data.startswith(PNG_SIGNATURE):
        _validate_png(data)
        return "image/png"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")):
        _validate_svg(data)
        return "image/svg+xml"
    raise ValidationError("The logo must be a PNG or SVG image.")


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
            f"{LOGO_MAX_PX}×{LOGO_MAX_PX} pixels. Leave empty to keep the current logo."
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
        data = upload.read(LOGO_MAX_BYTES + 1)
        return data, validate_logo(data)
