"""PDF downloads over HTTP: who may download what, file names, caching and ETags."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from orgdesign.services import branding_update
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    make_client,
    make_scenario,
    make_share_link,
    make_user,
)
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return user


def test_founder_downloads_the_report_of_the_answers_in_the_session(client, prime_wizard):
    prime_wizard(client, answers=SOFTWARE_STARTUP)
    response = client.get(reverse("orgdesign:report-result"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="org-design-recommendation-\d{4}-\d{2}-\d{2}\.pdf"',
        response["Content-Disposition"],
    )
    assert "Technology leadership recommendation" in pdf_text(response.content)


def test_founder_without_finished_answers_is_sent_to_the_wizard(client):
    response = client.get(reverse("orgdesign:report-result"))
    assert response.status_code == 302
    assert response["Location"] == reverse("orgdesign:wizard")


def test_scenario_report_is_named_after_client_and_scenario(client):
    user = login(client, make_user())
    scenario = make_scenario(
        client=make_client(owner=user, name="Société Générale & Co"), name="After Series B"
    )
    response = client.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert re.fullmatch(
        r'attachment; filename="societe-generale-co-after-series-b-\d{4}-\d{2}-\d{2}\.pdf"',
        disposition,
    )
    assert disposition.isascii()
    text = pdf_text(response.content)
    assert "Société Générale & Co" in text and scenario.recommendation["headline"] in text


def test_other_consultants_and_visitors_cannot_download_someone_elses_reports(client):
    scenario = make_scenario(name="Private")
    other = make_scenario(client=scenario.client, answers=REGIONAL_BANK)
    urls = [
        reverse("orgdesign:report-scenario", args=[scenario.pk]),
        reverse("orgdesign:report-compare", args=[scenario.client_id])
        + f"?s={scenario.pk}&s={other.pk}",
    ]
    for url in urls:
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    login(client, make_user())
    for url in urls:
        assert client.get(url).status_code == 404


def test_second_download_comes_from_the_cache_and_the_etag_gives_304(client, monkeypatch):
    user = login(client, make_user())
    scenario = make_scenario(client=make_client(owner=user))
    url = reverse("orgdesign:report-scenario", args=[scenario.pk])

    first = client.get(url)
    calls = []
    import orgdesign.views.reports as views

    monkeypatch.setitem(
        views.REPORT_FORMATS,
        "pdf",
        views.Format("application/pdf", lambda **kw: calls.append(kw) or b"%PDF-new"),
    )
    second = client.get(url)
    assert second.content == first.content
    assert calls == []  # served from the cache, nothing rendered
    assert second["ETag"] == first["ETag"] and first["ETag"].startswith('"')
    assert "private" in first["Cache-Control"]

    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert calls == []


def test_a_new_version_or_new_branding_gives_a_new_report(client):
    from orgdesign.services import scenario_update

    user = login(client, make_user())
    scenario = make_scenario(client=make_client(owner=user))
    url = reverse("orgdesign:report-scenario", args=[scenario.pk])
    first = client.get(url)["ETag"]

    branding_update(user=user, firm_name="Northwind Advisory", accent_colour="#7a1f5c")
    branded = client.get(url)
    assert branded["ETag"] != first
    assert "Northwind Advisory" in pdf_text(branded.content)

    scenario_update(scenario=scenario, answers=REGIONAL_BANK, user=user)
    assert client.get(url)["ETag"] not in (first, branded["ETag"])


def test_comparison_report_lists_every_compared_scenario(client):
    user = login(client, make_user())
    acme = make_client(owner=user, name="Acme")
    picked = [
        make_scenario(client=acme, name="Today", answers=SOFTWARE_STARTUP),
        make_scenario(client=acme, name="Regulated", answers=REGIONAL_BANK),
        make_scenario(client=acme, name="Growth", answers={**SOFTWARE_STARTUP, "stage": "scaleup"}),
    ]
    query = "&".join(f"s={s.pk}" for s in picked)
    response = client.get(reverse("orgdesign:report-compare", args=[acme.pk]) + "?" + query)

    assert response.status_code == 200
    assert 'filename="acme-comparison-' in response["Content-Disposition"]
    text = pdf_text(response.content)
    for scenario in picked:
        assert scenario.name in text
        assert scenario.recommendation["headline"] in text


def test_comparison_needs_two_to_four_valid_ids(client):
    user = login(client, make_user())
    scenario = make_scenario(client=make_client(owner=user))
    url = reverse("orgdesign:report-compare", args=[scenario.client_id])
    assert client.get(url + f"?s={scenario.pk}").status_code == 404
    assert client.get(url + "?s=abc&s=1").status_code == 404


def test_shared_link_report_needs_no_login_and_dies_with_the_link(client):
    from orgdesign.services import share_link_revoke

    link = make_share_link()
    url = reverse("orgdesign:report-shared", args=[link.token])
    response = client.get(url)
    assert response.status_code == 200
    assert link.scenario.recommendation["headline"] in pdf_text(response.content)

    share_link_revoke(link=link)
    assert client.get(url).status_code == 404
    assert client.get(reverse("orgdesign:report-shared", args=["nope"])).status_code == 404


def test_hostile_scenario_and_client_names_render_as_text(client):
    user = login(client, make_user())
    hostile = '<img src="http://127.0.0.1:9/x">'
    acme = make_client(owner=user, name="B" * 190, notes=hostile * 10)
    scenario = make_scenario(client=acme, name=hostile)
    response = client.get(reverse("orgdesign:report-scenario", args=[scenario.pk]))

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert hostile in text
    assert response["Content-Disposition"].isascii()


@pytest.mark.parametrize(
    ("first_name", "last_name", "firm", "expected"),
    [
        ("", "", "", None),
        ("", "", "North Advisory", "Prepared by North Advisory"),
        ("Jane", "Doe", "", "Prepared by Jane Doe"),
        ("Jane", "Doe", "North Advisory", "Prepared by Jane Doe, North Advisory"),
    ],
)
def test_reports_name_the_person_or_the_firm_never_the_sign_in_name(
    client, first_name, last_name, firm, expected, prime_wizard
):
    owner = make_user(username="jdoe-signin", first_name=first_name, last_name=last_name)
    if firm:
        branding_update(user=owner, firm_name=firm, accent_colour="#1f4e79")
    link = make_share_link(scenario=make_scenario(owner=owner))
    login(client, owner)
    prime_wizard(client, answers=SOFTWARE_STARTUP)

    texts = [
        pdf_text(client.get(url).content)
        for url in (
            reverse("orgdesign:report-shared", args=[link.token]),
            reverse("orgdesign:report-scenario", args=[link.scenario_id]),
            reverse("orgdesign:report-result"),
        )
    ]
    shared_page = Client().get(reverse("orgdesign:shared-scenario", args=[link.token]))

    for text in texts:
        assert "jdoe-signin" not in text
        if expected:
            assert expected in " ".join(text.split())
        else:
            assert "Prepared by" not in text
    assert b"jdoe-signin" not in shared_page.content
