"""Every format beside every PDF: PowerPoint, Word and the chart alone, and the client pack,
with the PDF's access checks, cache and ETags."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from PIL import Image
from pptx import Presentation

from orgdesign.exports import DOCX_TYPE, PPTX_TYPE
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    make_client,
    make_scenario,
    make_share_link,
    make_user,
)
from tests.reports.conftest import pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

FORMATS = {
    "pptx": (PPTX_TYPE, "report.pptx"),
    "docx": (DOCX_TYPE, "report.docx"),
    "svg": ("image/svg+xml", "chart.svg"),
    "png": ("image/png", "chart.png"),
}


def login(client, user):
    client.force_login(user)
    return user


def text_of(fmt: str, body: bytes) -> str:
    """What a person opening the file reads (the chart's text for SVG, nothing for PNG)."""
    if fmt == "pptx":
        deck = Presentation(io.BytesIO(body))
        return " ".join(
            shape.text_frame.text
            for slide in deck.slides
            for shape in slide.shapes
            if shape.has_text_frame
        )
    if fmt == "docx":
        return " ".join(par.text for par in Document(io.BytesIO(body)).paragraphs)
    if fmt == "svg":
        return body.decode()
    Image.open(io.BytesIO(body)).verify()
    return ""


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_scenario_downloads_in_every_format_named_like_the_pdf(client, fmt):
    user = login(client, make_user())
    scenario = make_scenario(
        client=make_client(owner=user, name="Acme & Co"), name="After Series B"
    )
    response = client.get(reverse(f"orgdesign:report-scenario-{fmt}", args=[scenario.pk]))

    assert response["Content-Type"] == FORMATS[fmt][0]
    stem = "acme-co-after-series-b" + ("-org-chart" if fmt in ("svg", "png") else "")
    assert re.fullmatch(
        rf'attachment; filename="{stem}-\d{{4}}-\d{{2}}-\d{{2}}\.{fmt}"',
        response["Content-Disposition"],
    )
    seat = scenario.recommendation["roles"][0]["title"]
    if fmt != "png":
        assert seat in text_of(fmt, response.content)
    else:
        text_of(fmt, response.content)
    if fmt in ("pptx", "docx"):
        assert "Acme & Co" in text_of(fmt, response.content)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_founder_gets_every_format_of_the_session_answers(client, fmt, prime_wizard):
    prime_wizard(client, answers=SOFTWARE_STARTUP)
    response = client.get(reverse(f"orgdesign:report-result-{fmt}"))
    assert response["Content-Type"] == FORMATS[fmt][0]
    assert response["Content-Disposition"].endswith(f'.{fmt}"')

    fresh = client.__class__()
    assert fresh.get(reverse(f"orgdesign:report-result-{fmt}"))["Location"] == reverse(
        "orgdesign:wizard"
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_other_consultants_and_visitors_get_no_format_of_someone_elses_report(client, fmt):
    scenario = make_scenario(name="Private")
    other = make_scenario(client=scenario.client, answers=REGIONAL_BANK)
    urls = [reverse(f"orgdesign:report-scenario-{fmt}", args=[scenario.pk])]
    if fmt in ("pptx", "docx"):
        urls.append(
            reverse(f"orgdesign:report-compare-{fmt}", args=[scenario.client_id])
            + f"?s={scenario.pk}&s={other.pk}"
        )
    for url in urls:
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    login(client, make_user())
    for url in urls:
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_shared_link_gives_every_format_without_login_and_dies_with_the_link(client, fmt):
    from orgdesign.services import share_link_revoke

    link = make_share_link()
    url = reverse(f"orgdesign:report-shared-{fmt}", args=[link.token])
    response = client.get(url)
    assert response["Content-Type"] == FORMATS[fmt][0]
    if fmt != "png":
        assert link.scenario.recommendation["roles"][0]["title"] in text_of(fmt, response.content)

    share_link_revoke(link=link)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("fmt", ["pptx", "docx"])
def test_comparison_in_powerpoint_and_word_names_every_scenario(client, fmt):
    user = login(client, make_user())
    acme = make_client(owner=user, name="Acme")
    picked = [
        make_scenario(client=acme, name="Today", answers=SOFTWARE_STARTUP),
        make_scenario(client=acme, name="Regulated", answers=REGIONAL_BANK),
    ]
    query = "&".join(f"s={s.pk}" for s in picked)
    response = client.get(reverse(f"orgdesign:report-compare-{fmt}", args=[acme.pk]) + "?" + query)

    assert 'filename="acme-comparison-' in response["Content-Disposition"]
    text = text_of(fmt, response.content)
    for scenario in picked:
        assert scenario.name in text and scenario.recommendation["headline"] in text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_format_is_cached_apart_with_its_own_etag(client, monkeypatch, fmt):
    import orgdesign.views.reports as views

    user = login(client, make_user())
    scenario = make_scenario(client=make_client(owner=user))
    url = reverse(f"orgdesign:report-scenario-{fmt}", args=[scenario.pk])
    pdf = client.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))
    first = client.get(url)
    assert first["ETag"] != pdf["ETag"]

    calls = []
    table = views.CHART_FORMATS if fmt in ("svg", "png") else views.REPORT_FORMATS
    monkeypatch.setitem(
        table, fmt, views.Format(FORMATS[fmt][0], lambda *a, **kw: calls.append(1) or b"new")
    )
    second = client.get(url)
    assert second.content == first.content and calls == []
    assert second["Cache-Control"] == "private, no-store"
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b"" and calls == []


def test_pages_link_every_format_beside_the_pdf(client):
    user = login(client, make_user())
    acme = make_client(owner=user)
    one = make_scenario(client=acme, answers=SOFTWARE_STARTUP)
    two = make_scenario(client=acme, answers=REGIONAL_BANK)
    link = make_share_link(scenario=one)

    detail = client.get(reverse("orgdesign:scenario-detail", args=[one.pk])).content.decode()
    compare = client.get(
        reverse("orgdesign:scenario-compare", args=[acme.pk]) + f"?s={one.pk}&s={two.pk}"
    ).content.decode()
    shared = client.get(reverse("orgdesign:shared-scenario", args=[link.token])).content.decode()
    client_page = client.get(reverse("orgdesign:client-detail", args=[acme.pk])).content.decode()

    for fmt, label in (("pptx", "PowerPoint"), ("docx", "Word"), ("svg", "Chart (SVG)")):
        href = reverse(f"orgdesign:report-scenario-{fmt}", args=[one.pk])
        assert f'href="{href}">{label}</a>' in detail
        href = reverse(f"orgdesign:report-shared-{fmt}", args=[link.token])
        assert f'href="{href}">{label}</a>' in shared
    href = reverse("orgdesign:report-compare-pptx", args=[acme.pk])
    assert f'href="{href}?s={one.pk}&amp;s={two.pk}">PowerPoint</a>' in compare
    assert "Chart (SVG)" not in compare  # each scenario's chart is on its own page
    pack = reverse("orgdesign:report-pack", args=[acme.pk])
    assert f'href="{pack}">Client pack (PDF)</a>' in client_page


def test_client_pack_has_every_scenario_for_the_owner_only(client):
    user = login(client, make_user())
    acme = make_client(owner=user, name="Acme")
    scenarios = [
        make_scenario(client=acme, name="Today", answers=SOFTWARE_STARTUP),
        make_scenario(client=acme, name="Regulated", answers=REGIONAL_BANK),
    ]
    url = reverse("orgdesign:report-pack", args=[acme.pk])
    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="acme-client-pack-\d{4}-\d{2}-\d{2}\.pdf"',
        response["Content-Disposition"],
    )
    pages = pdf_pages(response.content)
    assert "Contents" in pages[1]
    for scenario in scenarios:
        assert scenario.name in pages[1]
        assert scenario.recommendation["headline"] in pdf_text(response.content)
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

    login(client, make_user())
    assert client.get(url).status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get(url)["Location"]


def test_client_pack_of_a_client_without_scenarios_says_so(client):
    user = login(client, make_user())
    empty = make_client(owner=user)
    response = client.get(reverse("orgdesign:report-pack", args=[empty.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("orgdesign:client-detail", args=[empty.pk])
    assert "the pack has none yet" in response.content.decode()
    assert reverse("orgdesign:report-pack", args=[empty.pk]) not in response.content.decode()
