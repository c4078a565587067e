"""Share links: made and revoked by the owner; the public page shows one result, read-only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orgdesign.models import ShareLink
from tests.factories import make_client, make_scenario, make_share_link, make_user

pytestmark = pytest.mark.django_db


def test_owner_creates_a_link_with_an_optional_expiry(client):
    scenario = make_scenario()
    client.force_login(scenario.client.owner)
    day = (timezone.localdate() + timedelta(days=7)).isoformat()

    response = client.post(
        reverse("orgdesign:scenario-share", args=[scenario.pk]), {"expires_on": day}, follow=True
    )

    link = ShareLink.objects.get()
    assert link.expires_at.date().isoformat() == day
    html = response.content.decode()
    assert f"/s/{link.token}/" in html
    assert "Share link created" in html


def test_an_expiry_in_the_past_is_refused(client):
    scenario = make_scenario()
    client.force_login(scenario.client.owner)

    response = client.post(
        reverse("orgdesign:scenario-share", args=[scenario.pk]), {"expires_on": "2000-01-01"}
    )

    assert "Pick today or a later date." in response.content.decode()
    assert not ShareLink.objects.exists()


def test_the_public_page_shows_the_result_and_nothing_else(client):
    acme = make_client(name="Acme", notes="Confidential: CEO leaving in June")
    scenario = make_scenario(client=acme, name="Today")
    make_scenario(client=acme, name="Secret other scenario")
    link = make_share_link(scenario=scenario)

    response = client.get(reverse("orgdesign:shared-scenario", args=[link.token]))

    html = response.content.decode()
    assert response.status_code == 200
    assert scenario.recommendation["headline"] in html
    assert "Acme: Today" in html
    assert "Confidential" not in html
    assert "Secret other scenario" not in html
    pdf = reverse("orgdesign:report-shared", args=[link.token])
    assert f'href="{pdf}">Download PDF</a>' in html
    for control in ("/edit/", "/delete/", "/rename/", "/duplicate/", "/share/", "Sign out"):
        assert control not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_revoked_expired_and_tampered_links_give_a_clear_404(client):
    owner = make_user()
    client.force_login(owner)
    link = make_share_link(scenario=make_scenario(owner=owner))
    expired = make_share_link(scenario=make_scenario(owner=owner))
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))

    client.post(reverse("orgdesign:share-revoke", args=[link.pk]))
    client.logout()

    for token in (link.token, expired.token, link.token[:-2] + "zz"):
        response = client.get(reverse("orgdesign:shared-scenario", args=[token]))
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()


def test_the_manage_page_marks_revoked_links(client):
    link = make_share_link()
    client.force_login(link.scenario.client.owner)
    client.post(reverse("orgdesign:share-revoke", args=[link.pk]))

    html = client.get(reverse("orgdesign:scenario-share", args=[link.scenario_id])).content.decode()

    assert "Revoked" in html
    assert link.token not in html


def test_the_manage_page_marks_an_expired_link_and_hides_its_address(client):
    link = make_share_link()
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    live = make_share_link(scenario=link.scenario)
    client.force_login(link.scenario.client.owner)

    html = client.get(reverse("orgdesign:scenario-share", args=[link.scenario_id])).content.decode()

    assert "Expired</span>" in html
    assert link.token not in html
    assert reverse("orgdesign:shared-scenario", args=[live.token]) in html
