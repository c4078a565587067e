"""Client pages: list with search and pages, create, detail, edit, delete."""

import pytest
from django.urls import reverse

from orgdesign.models import Client, Scenario
from tests.factories import add_member, make_client, make_scenario

pytestmark = pytest.mark.django_db


def test_client_list_shows_only_my_clients_with_scenario_counts(client, consultant):
    acme = make_client(owner=consultant, name="Acme Software")
    make_scenario(client=acme)
    make_client(name="Someone Else's Bank")

    html = client.get(reverse("orgdesign:client-list")).content.decode()

    assert "Acme Software" in html
    assert "Someone Else" not in html
    assert "<td>1</td>" in html


def test_client_list_search_filters_by_name_and_htmx_gets_only_the_results(client, consultant):
    make_client(owner=consultant, name="Northwind Retail")
    make_client(owner=consultant, name="Contoso Bank")

    page = client.get(reverse("orgdesign:client-list"), {"q": "north"}).content.decode()
    fragment = client.get(
        reverse("orgdesign:client-list"), {"q": "contoso"}, headers={"HX-Request": "true"}
    )

    assert "Northwind Retail" in page and "Contoso Bank" not in page
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="client-results"')
    assert "<html" not in html
    assert "Contoso Bank" in html and "Northwind" not in html
    assert "HX-Request" in fragment["Vary"]


def test_client_list_pages_by_25(client, consultant):
    for i in range(30):
        make_client(owner=consultant, name=f"Client {i:02d}")

    first = client.get(reverse("orgdesign:client-list")).content.decode()
    second = client.get(reverse("orgdesign:client-list"), {"page": 2}).content.decode()

    assert "Client 24" in first and "Client 25" not in first
    assert "Page 1 of 2" in first
    assert "Client 25" in second and "Client 29" in second


@pytest.mark.parametrize(("count", "members"), [(5, 0), (50, 4)])
def test_client_list_makes_the_same_number_of_queries_for_5_or_50_clients(
    client, consultant, django_assert_num_queries, count, members
):
    for i in range(count):
        made = make_client(owner=consultant, name=f"C{i}")
        make_scenario(client=made)
    for _ in range(members):  # colleagues, each with a client of the firm
        make_client(owner=add_member(firm=made.firm).user, firm=made.firm)

    # session, user, membership, count for the paginator, the page of clients with counts
    with django_assert_num_queries(5):
        response = client.get(reverse("orgdesign:client-list"))
    assert "C1" in response.content.decode()


def test_client_create_saves_and_opens_the_client(client, consultant):
    response = client.post(
        reverse("orgdesign:client-create"),
        {"name": "Fabrikam", "industry": "manufacturing", "notes": "Three plants"},
    )

    created = Client.objects.get()
    assert created.owner == consultant
    assert response["Location"] == reverse("orgdesign:client-detail", args=[created.pk])


def test_client_create_shows_errors_for_a_missing_name(client, consultant):
    response = client.post(reverse("orgdesign:client-create"), {"name": "", "industry": ""})

    assert "This field is required" in response.content.decode()
    assert not Client.objects.exists()


def test_client_detail_lists_scenarios_with_role_model_badges_and_compare_boxes(client, consultant):
    acme = make_client(owner=consultant, name="Acme", notes="Board meets in May")
    scenario = make_scenario(client=acme, name="Today")
    make_scenario(client=acme, name="Later")

    html = client.get(reverse("orgdesign:client-detail", args=[acme.pk])).content.decode()

    assert "Board meets in May" in html
    assert f'name="s" value="{scenario.pk}"' in html
    assert f'class="badge seat-badge seat-{scenario.role_model}"' in html
    assert "Compare the ticked scenarios" in html
    assert f'action="{reverse("orgdesign:scenario-create", args=[acme.pk])}"' in html


def test_client_update_changes_the_client(client, consultant):
    acme = make_client(owner=consultant, name="Acme")

    client.post(
        reverse("orgdesign:client-update", args=[acme.pk]),
        {"name": "Acme Group", "industry": "software", "notes": ""},
    )

    acme.refresh_from_db()
    assert (acme.name, acme.industry) == ("Acme Group", "software")


def test_client_delete_asks_first_saying_how_many_scenarios_go(client, consultant):
    acme = make_client(owner=consultant, name="Acme")
    make_scenario(client=acme)
    make_scenario(client=acme)

    page = client.get(reverse("orgdesign:client-delete", args=[acme.pk])).content.decode()
    assert "2 scenarios" in page
    assert Client.objects.exists()

    response = client.post(reverse("orgdesign:client-delete", args=[acme.pk]), follow=True)
    assert not Client.objects.exists()
    assert not Scenario.objects.exists()
    trashed = Client.all_objects.get(pk=acme.pk)
    assert trashed.deleted_by == consultant
    assert Scenario.all_objects.filter(client=acme).count() == 2
    assert (
        "Client “Acme” moved to the trash with 2 scenarios. You can restore it from the "
        "trash for 30 days." in response.content.decode()
    )
