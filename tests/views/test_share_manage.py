"""The share links' manage page: labels, "last opened", copy buttons, revoking only after a
confirmation page, and counts of active links on the scenario and client pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orgdesign import services
from orgdesign.models import ShareLink
from tests.factories import add_member, make_scenario, make_share_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(client):
    scenario = make_scenario(name="Today")
    client.force_login(scenario.client.owner)
    return scenario


def _manage(client, scenario) -> str:
    return client.get(reverse("orgdesign:scenario-share", args=[scenario.pk])).content.decode()


def test_a_link_is_made_with_a_label_shown_on_the_manage_page(client, scenario):
    response = client.post(
        reverse("orgdesign:scenario-share", args=[scenario.pk]),
        {"label": "Maria Chen, CEO", "expires_on": ""},
        follow=True,
    )

    link = ShareLink.objects.get()
    assert link.label == "Maria Chen, CEO"
    html = response.content.decode()
    assert '<h3 class="h6 mb-1">Maria Chen, CEO</h3>' in html
    assert "not opened yet" in html


def test_the_label_is_changed_on_its_own_page_and_a_bad_one_is_refused(client, scenario):
    link = make_share_link(scenario=scenario)
    url = reverse("orgdesign:share-label", args=[link.pk])
    assert f'href="{url}"' in _manage(client, scenario)

    refused = client.post(url, {"label": "The\u202eboard"})
    assert refused.status_code == 400
    assert "The label may not contain characters that change the direction" in (
        refused.content.decode()
    )
    assert ShareLink.objects.get().label == ""

    response = client.post(url, {"label": "The board"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#link-{link.pk}")
    assert "Label saved: “The board”." in response.content.decode()
    assert ShareLink.objects.get().label == "The board"


def test_the_revoke_button_leads_to_a_confirmation_and_get_never_revokes(client, scenario):
    link = make_share_link(scenario=scenario)
    revoke = reverse("orgdesign:share-revoke", args=[link.pk])
    html = _manage(client, scenario)

    assert f'<a class="btn btn-sm btn-outline-danger" href="{revoke}">Revoke…</a>' in html
    assert f'action="{revoke}"' not in html  # no form on the manage page revokes at once
    page = client.get(revoke).content.decode()
    assert "Revoke this share link?" in page
    assert ShareLink.objects.get().revoked_at is None

    client.post(revoke)
    assert ShareLink.objects.get().revoked_at is not None


def test_each_active_link_has_a_copy_button_for_its_address(client, scenario):
    link = make_share_link(scenario=scenario)
    services.share_link_revoke(link=make_share_link(scenario=scenario))
    html = _manage(client, scenario)

    assert (
        f'data-copy-target="url-{link.pk}" data-copy-status="copy-status-{link.pk}" hidden>' in html
    )
    assert f'<p class="copy-status small mb-0" id="copy-status-{link.pk}" role="status">' in html
    assert html.count("data-copy-target=") == 1  # not for the revoked link
    assert '<script src="/static/js/copy.js" nonce="' in html
    assert "<script>" not in html  # no inline script


def test_opening_the_public_page_records_last_opened_but_a_head_does_not(client, scenario):
    link = make_share_link(scenario=scenario)
    public = reverse("orgdesign:shared-scenario", args=[link.token])

    client.head(public)
    assert ShareLink.objects.get().last_opened_at is None

    client.get(public)
    opened = ShareLink.objects.get().last_opened_at
    assert opened is not None
    assert f"last opened {timezone.localtime(opened):%-d %b %Y, %H:%M}" in _manage(client, scenario)


def test_the_scenario_and_client_pages_count_active_links_only(client, scenario):
    make_share_link(scenario=scenario)
    services.share_link_revoke(link=make_share_link(scenario=scenario))
    expired = make_share_link(scenario=scenario, expires_at=timezone.now() + timedelta(days=1))
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))

    detail = client.get(reverse("orgdesign:scenario-detail", args=[scenario.pk])).content.decode()
    client_page = client.get(
        reverse("orgdesign:client-detail", args=[scenario.client_id])
    ).content.decode()

    assert "1 active link." in detail
    assert "3 link" not in detail
    assert "· 1 active share link</span>" in client_page


def test_a_viewer_cannot_change_a_label(client, scenario):
    link = make_share_link(scenario=scenario)
    viewer = add_member(firm=scenario.client.firm, role="viewer").user
    client.force_login(viewer)

    response = client.post(reverse("orgdesign:share-label", args=[link.pk]), {"label": "x"})

    assert response.status_code == 403
    assert ShareLink.objects.get().label == ""
