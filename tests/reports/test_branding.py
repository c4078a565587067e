"""Branding: the form's logo checks, the page, and the owner-only logo image."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from orgdesign.forms.branding import LOGO_MAX_BYTES, contrast_with_white, validate_logo
from orgdesign.logos import clean_logo
from orgdesign.selectors import branding_get_for_user
from orgdesign.services import branding_update
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SVG_OK = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    b'<rect width="120" height="40" fill="#1f4e79"/></svg>'
)


def png(width=64, height=32) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1f4e79").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_valid_png_and_svg_logos_are_accepted_by_content():
    assert validate_logo(png()) == "image/png"
    assert validate_logo(SVG_OK) == "image/svg+xml"
    assert validate_logo(b'<?xml version="1.0"?>\n' + SVG_OK) == "image/svg+xml"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a not an image", "must be a PNG or SVG"),
        (b"%PDF-1.7 pretending", "must be a PNG or SVG"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "not a valid PNG"),
        (png(8, 8), "at least 16×16"),
        (png(2400, 100), "at most 2000×2000"),
        (
            SVG_OK.replace(b"</svg>", b"<script>alert(1)</script></svg>"),
            "may not contain <script>",
        ),
        (SVG_OK.replace(b"<rect", b'<rect onload="alert(1)"'), "event handlers"),
        (
            SVG_OK.replace(
                b"</svg>", b'<image href="http://127.0.0.1:9/x.png" width="1" height="1"/></svg>'
            ),
            "external",
        ),
        (SVG_OK.replace(b'fill="#1f4e79"', b'fill="url(http://evil/x)"'), "external"),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG_OK,
            "DOCTYPE",
        ),
        (SVG_OK.replace(b"<rect", b"<foreignObject/><rect"), "foreignobject"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "needs a viewBox"),
        (b"<svg><unclosed></svg>", "does not parse"),
        (b"<html><body>hi</body></html>", "must be a PNG or SVG"),
    ],
)
def test_bad_logos_are_refused_with_a_clear_message(data, message):
    with pytest.raises(ValidationError) as caught:
        validate_logo(data)
    assert message in " ".join(caught.value.messages)


def test_a_huge_logo_is_refused_before_it_is_read():
    with pytest.raises(ValidationError, match="at most 512 KB"):
        validate_logo(b"\x89PNG\r\n\x1a\n" + b"\0" * LOGO_MAX_BYTES)


def test_contrast_of_the_default_accent_is_high_and_of_yellow_low():
    assert contrast_with_white("#1f4e79") > 8
    assert contrast_with_white("#ffff00") < 1.1


def test_branding_page_needs_a_login(client):
    response = client.get(reverse("orgdesign:branding"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_consultant_saves_firm_name_colour_and_logo(client):
    user = make_user()
    client.force_login(user)
    page = client.get(reverse("orgdesign:branding"))
    assert page.status_code == 200 and b"Report branding" in page.content

    response = client.post(
        reverse("orgdesign:branding"),
        {"firm_name": "Northwind Advisory", "accent_colour": "#7A1F5C", "logo": upload(png())},
    )
    assert response.status_code == 302
    saved = branding_get_for_user(user=user)
    assert (saved.firm_name, saved.accent_colour) == ("Northwind Advisory", "#7a1f5c")
    assert saved.logo_content_type == "image/png" and bytes(saved.logo) == png()

    page = client.get(reverse("orgdesign:branding"))
    assert reverse("orgdesign:branding-logo").encode() in page.content


def test_a_refused_logo_changes_nothing(client):
    user = make_user()
    branding_update(user=user, firm_name="Before", accent_colour="#1f4e79")
    client.force_login(user)
    hostile = SVG_OK.replace(b"</svg>", b"<script>alert(1)</script></svg>")
    response = client.post(
        reverse("orgdesign:branding"),
        {
            "firm_name": "After",
            "accent_colour": "#7a1f5c",
            "logo": upload(hostile, "logo.svg", "image/svg+xml"),
        },
    )
    assert response.status_code == 200
    assert "may not contain &lt;script&gt;" in response.content.decode()
    saved = branding_get_for_user(user=user)
    assert (saved.firm_name, bytes(saved.logo)) == ("Before", b"")


def test_a_png_named_svg_or_text_named_png_is_judged_by_content(client):
    user = make_user()
    client.force_login(user)
    client.post(
        reverse("orgdesign:branding"),
        {"firm_name": "", "accent_colour": "#1f4e79", "logo": upload(png(), "logo.svg")},
    )
    assert branding_get_for_user(user=user).logo_content_type == "image/png"
    response = client.post(
        reverse("orgdesign:branding"),
        {"firm_name": "", "accent_colour": "#1f4e79", "logo": upload(b"hello", "logo.png")},
    )
    assert "must be a PNG or SVG" in response.content.decode()


def test_too_light_an_accent_colour_is_refused(client):
    client.force_login(make_user())
    response = client.post(
        reverse("orgdesign:branding"), {"firm_name": "x", "accent_colour": "#ffee88"}
    )
    assert response.status_code == 200 and "too light" in response.content.decode()


def test_logo_is_served_to_its_owner_only_with_safe_headers(client):
    owner = make_user()
    branding_update(
        user=owner,
        firm_name="x",
        accent_colour="#1f4e79",
        logo=SVG_OK,
        logo_content_type="image/svg+xml",
    )
    url = reverse("orgdesign:branding-logo")
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200 and response.content == clean_logo(SVG_OK)[0]
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"

    client.force_login(make_user())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_consultant_removes_the_logo(client):
    user = make_user()
    branding_update(
        user=user, firm_name="x", accent_colour="#1f4e79", logo=png(), logo_content_type="image/png"
    )
    client.force_login(user)
    response = client.post(reverse("orgdesign:branding"), {"action": "remove-logo"})
    assert response.status_code == 302
    saved = branding_get_for_user(user=user)
    assert bytes(saved.logo) == b"" and saved.firm_name == "x"
    assert client.get(reverse("orgdesign:branding-logo")).status_code == 404
