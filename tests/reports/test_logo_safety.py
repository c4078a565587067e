"""Logos that cannot hurt: each kind of costly or malformed logo is refused at upload with
its message and nothing saved; accepted logos are rebuilt; a stored logo that fails
today's checks is left out of reports instead of breaking them.

Every request made here is timed (the `timed_requests` fixture): none may hold the worker
longer than the logo budget plus a margin, and the longest is printed at the end.
"""

import io
import struct
import time
import zlib
from xml.etree import ElementTree

import pytest
from django.test import Client as DjangoClient
from django.urls import reverse
from PIL import Image, PngImagePlugin

from orgdesign.logos import RASTER_MAX, SVG_MAX_DEPTH, SVG_MAX_ELEMENTS, clean_logo
from orgdesign.models import Branding
from orgdesign.selectors import branding_get_for_user
from orgdesign.services import branding_update
from tests.factories import make_scenario, make_user
from tests.reports.conftest import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("warm_render_processes")]

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
HEADER_MARGIN = 3.0  # seconds a request may take beyond the logo budget
DURATIONS: list[tuple[float, str]] = []


def svg(body: str, *, attributes: str = 'viewBox="0 0 120 40"') -> bytes:
    return f"{SVG_HEAD} {attributes}>{body}</svg>".encode()


def png(width=64, height=32, **info) -> bytes:
    buffer = io.BytesIO()
    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_text(key, value)
    Image.new("RGB", (width, height), "#1f4e79").save(buffer, format="PNG", pnginfo=meta)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels (a decompression bomb's
    first step: pixels that would only be paid for when decoded)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1024, 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def use_chain(levels=10, fan=10) -> bytes:
    """'Billion laughs' through <use>: each level draws the previous one `fan` times."""
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels):
        uses = "".join(f'<use xlink:href="#l{level - 1}"/>' for _ in range(fan))
        groups.append(f'<g id="l{level}">{uses}</g>')
    return svg(f"<defs>{''.join(groups)}</defs><use href='#l{levels - 1}'/>")


GRADIENT = (
    '<linearGradient id="g"><stop offset="0" stop-color="#000"/>'
    '<stop offset="1" stop-color="#fff"/></linearGradient>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><text>&c;</text></svg>'
)

COSTLY_LOGOS = {
    "use-chain": (use_chain(), "may not contain <use> elements"),
    "use-fan-out": (
        svg('<rect id="r" width="1" height="1"/>' + '<use href="#r"/>' * 1000),
        "may not contain <use> elements",
    ),
    "gradient-href-chain": (
        svg(
            GRADIENT
            + '<linearGradient id="h" xlink:href="#g"/><rect fill="url(#h)" width="9" height="9"/>'
        ),
        'may not reuse other elements (href="#g")',
    ),
    "clip-path-fan-out": (
        svg(
            '<clipPath id="c">'
            + '<rect width="1" height="1"/>' * 500
            + "</clipPath>"
            + '<rect clip-path="url(#c)" width="9" height="9"/>' * 100
        ),
        "would take 50,201 drawing steps (at most 2,000",
    ),
    "style-sheet-gradient-fan-out": (
        svg(
            "<style>rect { fill: url(#g) }</style>"
            '<linearGradient id="g">'
            + '<stop offset="0"/>' * 300
            + "</linearGradient>"
            + '<rect width="9" height="9"/>' * 40
        ),
        "would take 105,000 drawing steps",
    ),
    "fill-refers-to-a-clip-path": (
        svg('<clipPath id="c"><rect/></clipPath><rect fill="url(#c)"/>'),
        "fill may not refer to a <clipPath> (#c)",
    ),
    "reference-from-inside-a-clip-path": (
        svg(GRADIENT + '<clipPath id="c"><rect fill="url(#g)"/></clipPath>'),
        "A <clipPath> in an SVG logo may not refer to other elements itself",
    ),
    "pattern": (
        svg('<pattern id="p" width="1" height="1"><rect width="1" height="1"/></pattern>'),
        "may not contain <pattern> elements",
    ),
    "filter": (svg('<filter id="f"/><rect filter="url(#f)"/>'), "may not contain <filter>"),
    "marker": (svg('<marker id="m"/><path d="M0 0L9 9"/>'), "may not contain <marker>"),
    "deep-nesting": (
        svg("<g>" * (SVG_MAX_DEPTH + 5) + "<rect/>" + "</g>" * (SVG_MAX_DEPTH + 5)),
        f"nests elements more than {SVG_MAX_DEPTH} levels deep",
    ),
    "too-many-elements": (
        svg('<rect width="1" height="1"/>' * (SVG_MAX_ELEMENTS + 1)),
        f"has more than {SVG_MAX_ELEMENTS:,} elements",
    ),
    "too-much-path-data": (
        svg('<path d="M0 0' + " L1 1" * 5_000 + '"/>'),
        "more than 10,000 points",
    ),
    "width-not-a-number": (
        svg("", attributes='width="abc" height="40" viewBox="0 0 120 40"'),
        'The logo\'s width "abc" is not a valid size',
    ),
    "width-huge": (svg("", attributes='width="1e9" height="40"'), 'width "1e9" is not a valid'),
    "height-negative": (
        svg("", attributes='width="120" height="-40"'),
        'height "-40" is not a valid size',
    ),
    "width-percent": (
        svg("", attributes='width="100%" height="40" viewBox="0 0 120 40"'),
        'width "100%" is not a valid size',
    ),
    "viewbox-missing-parts": (
        svg("", attributes='viewBox="0 0 120"'),
        'viewBox "0 0 120" is not valid: it needs four numbers',
    ),
    "viewbox-zero-width": (
        svg("", attributes='viewBox="0 0 0 40"'),
        'viewBox "0 0 0 40" is not valid',
    ),
    "viewbox-not-numbers": (
        svg("", attributes='viewBox="0 0 wide 40"'),
        'viewBox "0 0 wide 40" is not valid',
    ),
    "rect-width-not-a-length": (
        svg('<rect width="abc" height="10"/>'),
        'The <rect> element\'s width "abc" is not a valid length',
    ),
    "circle-radius-nan": (svg('<circle r="NaN"/>'), 'element\'s r "NaN" is not a valid length'),
    "entity-expansion": (BILLION_LAUGHS, "may not contain a DOCTYPE, entity declarations"),
    "external-href": (
        svg('<image href="http://127.0.0.1:9/x.png" width="9" height="9"/>'),
        "may not refer to external files or addresses (href)",
    ),
    "external-url-in-style": (
        svg('<rect style="fill:url(http://127.0.0.1:9/x)" width="9" height="9"/>'),
        "may not refer to external files or addresses",
    ),
    "style-sheet-import": (
        svg("<style>@import url(http://127.0.0.1:9/x.css);</style>"),
        "may not load external style sheets",
    ),
    "png-huge-dimensions": (png_claiming(100_000, 100_000), "at most 2000×2000"),
    "png-bomb-within-limits-of-bytes": (png_claiming(20_000, 20_000), "at most 2000×2000"),
}


@pytest.fixture
def timed(client):
    """The test client, each request of it timed into DURATIONS."""
    original = DjangoClient.request

    def request(self, **kwargs):
        started = time.monotonic()
        try:
            return original(self, **kwargs)
        finally:
            DURATIONS.append((time.monotonic() - started, kwargs.get("PATH_INFO", "")))

    DjangoClient.request = request
    yield client
    DjangoClient.request = original


@pytest.fixture(scope="module", autouse=True)
def _report_longest_request():
    yield
    for kind, paths in (("uploads", ["/accounts/"]), ("reports", ["/report.pdf"])):
        times = [t for t, path in DURATIONS if any(p in path for p in paths)]
        if times:
            print(f"\nLogo tests: {len(times)} {kind}, longest held a worker {max(times):.3f} s")


def upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.parametrize("kind", sorted(COSTLY_LOGOS))
def test_each_costly_or_malformed_logo_is_refused_and_nothing_is_saved(timed, settings, kind):
    data, message = COSTLY_LOGOS[kind]
    user = make_user()
    branding_update(user=user, firm_name="Before", accent_colour="#1f4e79")
    timed.force_login(user)

    response = timed.post(
        reverse("orgdesign:branding"),
        {"firm_name": "After", "accent_colour": "#7a1f5c", "logo": upload(data, "logo.svg")},
    )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["logo"])
    assert message in errors
    saved = branding_get_for_user(user=user)
    assert (saved.firm_name, saved.accent_colour, bytes(saved.logo)) == ("Before", "#1f4e79", b"")
    assert DURATIONS[-1][0] < settings.ORGDESIGN_LOGO_TIME_BUDGET + HEADER_MARGIN


def test_an_accepted_svg_is_rebuilt_without_editor_clutter_or_unknown_attributes(timed):
    user = make_user()
    timed.force_login(user)
    original = svg(
        '<!-- made by hand --><metadata><rdf:RDF xmlns:rdf="urn:x"/></metadata>'
        '<sodipodi:namedview xmlns:sodipodi="urn:s"/>'
        f"<defs>{GRADIENT}</defs>"
        '<g data-name="Layer 1" transform="translate(2 2)">'
        '<rect class="a" width="100" height="30" fill="url(#g)" unknown="x"/>'
        '<text x="4 8 12" y="20" style="font-size:12px;behavior:url(#g);fill:#fff">Acme'
        "<tspan>Co</tspan> Ltd</text></g>",
        attributes='width="240" height="80" viewBox="0 0 120 40" inkscape:version="1" '
        'xmlns:inkscape="urn:i"',
    )

    timed.post(
        reverse("orgdesign:branding"),
        {"firm_name": "", "accent_colour": "#1f4e79", "logo": upload(original, "logo.svg")},
    )

    saved = branding_get_for_user(user=user)
    assert saved.logo_content_type == "image/svg+xml"
    stored = bytes(saved.logo).decode()
    for gone in ("made by hand", "metadata", "sodipodi", "inkscape", "data-name", "unknown"):
        assert gone not in stored
    assert "behavior" not in stored and "font-size:12px;fill:#fff" in stored
    root = ElementTree.fromstring(stored)
    assert root.get("viewBox") == "0 0 120 40" and root.get("width") == "240"
    ns = "{http://www.w3.org/2000/svg}"
    assert [e.tag.removeprefix(ns) for e in root.iter()] == [
        "svg",
        "defs",
        "linearGradient",
        "stop",
        "stop",
        "g",
        "rect",
        "text",
        "tspan",
    ]
    assert "".join(root.find(f"{ns}g/{ns}text").itertext()) == "AcmeCo Ltd"


def test_an_accepted_png_is_re_encoded_within_bounds_without_its_metadata(timed):
    user = make_user()
    timed.force_login(user)
    original = png(1800, 600, Comment="secret camera notes")

    timed.post(
        reverse("orgdesign:branding"),
        {"firm_name": "", "accent_colour": "#1f4e79", "logo": upload(original, "logo.png")},
    )

    saved = bytes(branding_get_for_user(user=user).logo)
    assert saved != original and b"secret camera notes" not in saved
    with Image.open(io.BytesIO(saved)) as image:
        assert image.format == "PNG" and image.size == RASTER_MAX
        assert "Comment" not in image.info


def test_a_small_logo_keeps_its_size_when_re_encoded():
    logo, content_type = clean_logo(png(64, 32))
    with Image.open(io.BytesIO(logo)) as image:
        assert (content_type, image.size) == ("image/png", (64, 32))


@pytest.mark.parametrize(
    "stored",
    [
        COSTLY_LOGOS["use-fan-out"][0],
        COSTLY_LOGOS["width-not-a-number"][0],
        COSTLY_LOGOS["viewbox-missing-parts"][0],
        png_claiming(100_000, 100_000),
    ],
    ids=["use-fan-out", "width-not-a-number", "viewbox-missing-parts", "png-bomb"],
)
def test_a_stored_logo_that_fails_todays_checks_is_left_out_of_the_report(timed, caplog, stored):
    user = make_user()
    branding_update(user=user, firm_name="Old Logo Ltd", accent_colour="#1f4e79")
    # Stored before today's checks existed: written past the form.
    content_type = "image/png" if stored.startswith(b"\x89PNG") else "image/svg+xml"
    Branding.objects.filter(owner=user).update(logo=stored, logo_content_type=content_type)
    scenario = make_scenario(owner=user)
    timed.force_login(user)

    with caplog.at_level("WARNING", logger="orgdesign.report_inputs"):
        response = timed.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Old Logo Ltd" in pdf_text(response.content)
    assert b"/Subtype /Image" not in response.content and b"/Subtype/Image" not in response.content
    assert any("left out of reports" in r.getMessage() for r in caplog.records)


def test_a_stored_svg_logo_that_passes_goes_into_the_report_as_rebuilt(timed):
    user = make_user()
    branding_update(
        user=user,
        firm_name="Good Logo Ltd",
        accent_colour="#1f4e79",
        logo=svg('<rect width="120" height="40" fill="#7a1f5c" data-x="1"/>'),
        logo_content_type="image/svg+xml",
    )
    scenario = make_scenario(owner=user)
    timed.force_login(user)

    response = timed.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))

    assert response.status_code == 200
    assert "Good Logo Ltd" in pdf_text(response.content)
    # The logo's colour is drawn in the PDF (as 0.478 0.122 0.361 rgb).
    assert b"0.478" in zlib_streams(response.content)


def zlib_streams(pdf: bytes) -> bytes:
    """All of a PDF's compressed streams, inflated (to look for drawing operators)."""
    out = []
    for part in pdf.split(b"stream")[1:]:
        body = part.lstrip(b"\r\n").split(b"endstream")[0]
        try:
            out.append(zlib.decompress(body))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_the_branding_page_says_when_a_stored_logo_fails_todays_checks(timed):
    user = make_user()
    branding_update(user=user, firm_name="Old Logo Ltd", accent_colour="#1f4e79")
    stored = COSTLY_LOGOS["use-chain"][0]
    Branding.objects.filter(owner=user).update(logo=stored, logo_content_type="image/svg+xml")
    timed.force_login(user)

    page = timed.get(reverse("orgdesign:branding")).content.decode()

    assert "Your logo no longer passes our checks" in page
    assert reverse("orgdesign:branding-logo") not in page  # no preview of it
    assert 'value="remove-logo"' in page
    assert timed.get(reverse("orgdesign:branding-logo")).status_code == 404


def test_the_logo_image_is_served_as_reports_use_it(timed):
    user = make_user()
    original = svg('<rect width="120" height="40" fill="#7a1f5c" data-x="1"/>')
    branding_update(
        user=user,
        firm_name="x",
        accent_colour="#1f4e79",
        logo=original,
        logo_content_type="image/svg+xml",
    )
    timed.force_login(user)

    response = timed.get(reverse("orgdesign:branding-logo"))

    assert response.content == clean_logo(original)[0] and b"data-x" not in response.content
    assert response["Content-Security-Policy"] == "default-src 'none'"
