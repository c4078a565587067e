"""The trash page: deleting a client or scenario moves it there; it lists who deleted what
and when, with the days left; Restore (owner and consultants) and Delete now (the owner,
after a confirmation page); a viewer sees it without controls."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orgdesign import services
from orgdesign.models import Client, Scenario, ShareLink
from tests.factories import (
    SOFTWARE_STARTUP,
    add_member,
    make_client,
    make_scenario,
    make_share_link,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(client):
    """An owner (signed in) with a client and two scenarios, one with a share link; a
    consultant and a viewer of the same firm."""
    owner = make_user(username="olivia", first_name="Olivia", last_name="Owner")
    acme = make_client(owner=owner, name="Acme")
    today = make_scenario(client=acme, name="Today")
    make_scenario(client=acme, name="Tomorrow")
    link = make_share_link(scenario=today)
    consultant = add_member(firm=acme.firm, user=make_user(username="carl"), role="consultant")
    viewer = add_member(firm=acme.firm, user=make_user(username="vic"), role="viewer")
    client.force_login(owner)
    return {
        "owner": owner,
        "consultant": consultant.user,
        "viewer": viewer.user,
        "acme": acme,
        "today": today,
        "link": link,
    }


def test_deleting_a_scenario_moves_it_to_the_trash_and_its_link_stops_working(client, firm):
    today, link = firm["today"], firm["link"]
    page = client.get(reverse("orgdesign:scenario-delete", args=[today.pk])).content.decode()
    assert "It goes to the trash with its 1 saved version for 30 days" in page

    response = client.post(reverse("orgdesign:scenario-delete", args=[today.pk]), follow=True)

    html = response.content.decode()
    assert (
        "Scenario “Today” moved to the trash. You can restore it from the trash for 30 days."
        in html
    )
    assert f'href="{reverse("orgdesign:scenario-detail", args=[today.pk])}"' not in html
    assert Scenario.all_objects.get(pk=today.pk).deleted_by == firm["owner"]
    public = client.get(reverse("orgdesign:shared-scenario", args=[link.token]))
    assert public.status_code == 404
    assert "This link is not valid" in public.content.decode()
    assert client.get(reverse("orgdesign:scenario-detail", args=[today.pk])).status_code == 404
    assert client.get(reverse("orgdesign:report-scenario", args=[today.pk])).status_code == 404
    shared_pdf = client.get(reverse("orgdesign:report-shared", args=[link.token]))
    assert shared_pdf.status_code == 404


def test_the_trash_says_who_deleted_what_when_and_the_days_left(client, firm):
    acme = firm["acme"]
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start - timedelta(days=10)):
        services.scenario_trash(scenario=firm["today"], user=firm["consultant"])
    other = make_client(owner=firm["owner"], name="Globex")
    services.client_trash(client=other, user=firm["owner"])

    html = client.get(reverse("orgdesign:trash")).content.decode()

    assert "Scenario of Acme" in html
    assert "by carl" in html
    assert "in 20 days" in html
    assert "Client, with 0 scenarios" in html
    assert "by Olivia Owner" in html
    assert "in 30 days" in html
    assert html.index("Globex") < html.index("Today")  # latest deleted first
    restore = reverse("orgdesign:trash-scenario-restore", args=[firm["today"].pk])
    purge = reverse("orgdesign:trash-client-purge", args=[other.pk])
    assert f'action="{restore}"' in html
    assert f'href="{purge}"' in html
    assert acme.name in html


def test_the_client_list_links_to_the_trash(client, firm):
    html = client.get(reverse("orgdesign:client-list")).content.decode()

    assert f'href="{reverse("orgdesign:trash")}"' in html


def test_restoring_a_scenario_brings_back_its_page_and_its_share_link(client, firm):
    today, link = firm["today"], firm["link"]
    services.scenario_trash(scenario=today, user=firm["owner"])

    response = client.post(
        reverse("orgdesign:trash-scenario-restore", args=[today.pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("orgdesign:scenario-detail", args=[today.pk])
    assert "Scenario “Today” restored." in response.content.decode()
    assert Scenario.objects.get(pk=today.pk).deleted_at is None
    public = client.get(reverse("orgdesign:shared-scenario", args=[link.token]))
    assert public.status_code == 200


def test_a_scenario_of_a_trashed_client_says_to_restore_the_client_first(client, firm):
    today, acme = firm["today"], firm["acme"]
    services.scenario_trash(scenario=today, user=firm["owner"])
    services.client_trash(client=acme, user=firm["owner"])

    html = client.get(reverse("orgdesign:trash")).content.decode()
    restore = reverse("orgdesign:trash-scenario-restore", args=[today.pk])
    assert "Its client “Acme” is in the trash: restore the client first" in html
    assert f'action="{restore}"' not in html

    response = client.post(restore, follow=True)

    assert "Its client “Acme” is in the trash: restore the client first." in (
        response.content.decode()
    )
    assert Scenario.all_objects.get(pk=today.pk).deleted_at is not None


def test_restoring_a_client_keeps_its_name_and_warns_of_a_namesake(client, firm):
    acme = firm["acme"]
    client.post(reverse("orgdesign:client-delete", args=[acme.pk]))
    make_client(owner=firm["owner"], name="ACME")

    response = client.post(reverse("orgdesign:trash-client-restore", args=[acme.pk]), follow=True)

    html = response.content.decode()
    assert "Client “Acme” restored with its scenarios." in html
    assert "Another client is also named “Acme”: rename one of them" in html
    assert Client.objects.get(pk=acme.pk).name == "Acme"
    assert {s.name for s in Scenario.objects.filter(client=acme)} == {"Today", "Tomorrow"}
    assert (
        client.get(reverse("orgdesign:shared-scenario", args=[firm["link"].token])).status_code
        == 200
    )


def test_delete_now_asks_first_and_is_the_owners_alone(client, firm):
    today = firm["today"]
    services.scenario_trash(scenario=today, user=firm["owner"])
    url = reverse("orgdesign:trash-scenario-purge", args=[today.pk])

    page = client.get(url).content.decode()
    assert "Delete “Today” for good?" in page
    assert Scenario.all_objects.filter(pk=today.pk).exists()  # GET deletes nothing

    client.force_login(firm["consultant"])
    assert client.post(url).status_code == 403
    trash = client.get(reverse("orgdesign:trash")).content.decode()
    assert f'href="{url}"' not in trash
    assert Scenario.all_objects.filter(pk=today.pk).exists()

    client.force_login(firm["owner"])
    response = client.post(url, follow=True)
    assert "Scenario “Today” deleted for good." in response.content.decode()
    assert not Scenario.all_objects.filter(pk=today.pk).exists()
    assert not ShareLink.all_objects.exists()


def test_a_client_deleted_for_good_takes_its_scenarios(client, firm):
    acme = firm["acme"]
    services.client_trash(client=acme, user=firm["owner"])

    response = client.post(reverse("orgdesign:trash-client-purge", args=[acme.pk]), follow=True)

    assert "Client “Acme” and 2 scenarios deleted for good." in response.content.decode()
    assert not Client.all_objects.exists()
    assert not Scenario.all_objects.exists()


def test_a_viewer_sees_the_trash_without_controls_and_cannot_restore(client, firm):
    today = firm["today"]
    services.scenario_trash(scenario=today, user=firm["owner"])
    client.force_login(firm["viewer"])

    html = client.get(reverse("orgdesign:trash")).content.decode()
    response = client.post(reverse("orgdesign:trash-scenario-restore", args=[today.pk]))

    assert "Today" in html
    assert "Restore" not in html and "Delete now" not in html
    assert response.status_code == 403
    assert Scenario.all_objects.get(pk=today.pk).deleted_at is not None


def test_another_firm_cannot_see_or_restore_the_trash(client, firm):
    today = firm["today"]
    services.scenario_trash(scenario=today, user=firm["owner"])
    client.force_login(make_client(name="Other firm's").owner)

    html = client.get(reverse("orgdesign:trash")).content.decode()
    response = client.post(reverse("orgdesign:trash-scenario-restore", args=[today.pk]))

    assert "Today" not in html
    assert response.status_code == 404
    assert Scenario.all_objects.get(pk=today.pk).deleted_at is not None


def test_a_trashed_scenario_is_left_out_of_the_client_page_the_compare_and_the_pack(client, firm):
    acme, today = firm["acme"], firm["today"]
    tomorrow = Scenario.objects.get(name="Tomorrow")
    services.scenario_trash(scenario=today, user=firm["owner"])

    detail = client.get(reverse("orgdesign:client-detail", args=[acme.pk])).content.decode()
    compare = client.get(
        reverse("orgdesign:scenario-compare", args=[acme.pk]) + f"?s={today.pk}&s={tomorrow.pk}"
    )
    listing = client.get(reverse("orgdesign:client-list")).content.decode()

    assert f'href="{reverse("orgdesign:scenario-detail", args=[today.pk])}"' not in detail
    assert f'href="{reverse("orgdesign:scenario-detail", args=[tomorrow.pk])}"' in detail
    assert compare.status_code == 404
    assert "<td>1</td>" in listing  # the client list counts one scenario


def test_the_client_page_links_to_the_trash(client, firm):
    html = client.get(reverse("orgdesign:client-detail", args=[firm["acme"].pk])).content.decode()

    assert f'href="{reverse("orgdesign:trash")}"' in html


def test_no_page_of_the_firm_shows_what_is_in_its_trash(client, world, prime_wizard):
    """The access matrix's world has a client and a scenario in the trash: the pages that
    list the firm's work, and the data download, never name them."""
    client.force_login(world["owner"])
    scenario = world["kwargs"]["scenario_id"]
    pages = [
        reverse("orgdesign:client-list"),
        reverse("orgdesign:client-list") + "?q=Trashed",
        reverse("orgdesign:client-detail", args=[world["kwargs"]["client_id"]]),
        reverse("orgdesign:scenario-detail", args=[scenario]),
        reverse("orgdesign:account-export"),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "Trashed client of A" not in body, url
        assert "Trashed scenario of A" not in body, url
    trash = client.get(reverse("orgdesign:trash")).content.decode()
    assert "Trashed client of A" in trash and "Trashed scenario of A" in trash
    prime_wizard(client, answers=dict(SOFTWARE_STARTUP))
    pick = client.get(reverse("orgdesign:result")).content.decode()  # "save to a client"
    assert ">Client of A</option>" in pick
    assert "Trashed client of A" not in pick


def test_the_trash_page_takes_the_same_queries_for_one_row_or_twenty(
    client, firm, django_assert_max_num_queries
):
    owner = firm["owner"]
    services.scenario_trash(scenario=firm["today"], user=owner)
    url = reverse("orgdesign:trash")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(10):
        services.client_trash(client=make_client(owner=owner, name=f"Gone {i}"), user=owner)
        extra = make_scenario(client=firm["acme"], name=f"Gone plan {i}")
        services.scenario_trash(scenario=extra, user=firm["consultant"])

    with django_assert_max_num_queries(len(one)):
        html = client.get(url).content.decode()

    assert html.count('class="btn btn-sm btn-outline-danger"') == 21


def test_the_client_pack_leaves_out_a_trashed_scenario(client, firm):
    acme = make_client(owner=firm["owner"], name="Solo")
    only = make_scenario(client=acme, name="Only one")
    services.scenario_trash(scenario=only, user=firm["owner"])

    response = client.get(reverse("orgdesign:report-pack", args=[acme.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("orgdesign:client-detail", args=[acme.pk])
    assert "Save a scenario for this client first: the pack has none yet." in (
        response.content.decode()
    )
