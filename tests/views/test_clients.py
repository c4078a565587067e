"""Client pages: list with search and pages, create, detail, edit, delete."""

import pytest
from django.urls import reverse

from orgdesign.models import Client, Scenario
from orgdesign.services import scenario_update
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    add_member,
    make_client,
    make_scenario,
)

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


# --- The list informs: latest advice, older rules, search, filter --------------------------

ENTERPRISE_BANK = {"stage": "enterprise", "industry": "finance", "product_focus": "tech_enabled"}


def _older_rules(scenario) -> None:
    Scenario.objects.filter(pk=scenario.pk).update(ruleset_version="2025.1-0000000")


def _row(html: str, name: str) -> str:
    """The table row of the client called `name`."""
    start = html.index(f">{name}</a>")
    return html[html.rindex("<tr>", 0, start) : html.index("</tr>", start)]


def test_client_list_shows_the_latest_advice_and_marks_older_rules(client, consultant):
    acme = make_client(owner=consultant, name="Acme")
    _older_rules(make_scenario(client=acme, name="Today", answers=SOFTWARE_STARTUP))
    make_scenario(client=acme, name="Bank arm", answers=REGIONAL_BANK)
    fresh = make_client(owner=consultant, name="Fresh Ltd")
    make_scenario(client=fresh, name="Plan", answers=ENTERPRISE_BANK)
    make_client(owner=consultant, name="Empty Co")

    html = client.get(reverse("orgdesign:client-list")).content.decode()

    acme_row = _row(html, "Acme")
    assert '<span class="badge seat-badge seat-cio">CIO</span>' in acme_row
    assert "in “Bank arm”" in acme_row
    assert "<td>2 <span" in acme_row and "1 under older rules" in acme_row
    fresh_row = _row(html, "Fresh Ltd")
    assert ">CIO and CTO</span>" in fresh_row and "under older rules" not in fresh_row
    assert "<td>–</td>" in _row(html, "Empty Co")


def test_the_latest_advice_follows_the_scenario_changed_last(client, consultant):
    acme = make_client(owner=consultant, name="Acme")
    first = make_scenario(client=acme, name="First", answers=SOFTWARE_STARTUP)
    make_scenario(client=acme, name="Second", answers=REGIONAL_BANK)
    scenario_update(scenario=first, user=consultant, answers=ENTERPRISE_BANK)

    row = _row(client.get(reverse("orgdesign:client-list")).content.decode(), "Acme")

    assert ">CIO and CTO</span>" in row and "in “First”" in row


def test_client_detail_marks_each_scenario_saved_under_older_rules(client, consultant):
    acme = make_client(owner=consultant, name="Acme")
    _older_rules(make_scenario(client=acme, name="Old one"))
    make_scenario(client=acme, name="New one")

    html = client.get(reverse("orgdesign:client-detail", args=[acme.pk])).content.decode()

    old_item = html[html.index(">Old one</a>") : html.index("</li>", html.index(">Old one</a>"))]
    new_item = html[html.index(">New one</a>") : html.index("</li>", html.index(">New one</a>"))]
    assert "Saved under older rules" in old_item
    assert "Saved under older rules" not in new_item


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("board meets", ["Acme"]),  # notes
        ("ROLLOUT", ["Contoso"]),  # a scenario's name
        ("ecole", ["École Lyon"]),  # accents folded
        ("ÉCOLE", ["École Lyon"]),
        ("zzz", []),
    ],
)
def test_client_search_reads_names_notes_and_scenario_names(client, consultant, search, found):
    make_client(owner=consultant, name="Acme", notes="Board meets in May")
    make_scenario(client=make_client(owner=consultant, name="Contoso"), name="Cloud rollout")
    make_client(owner=consultant, name="École Lyon")

    html = client.get(reverse("orgdesign:client-list"), {"q": search}).content.decode()

    shown = [name for name in ("Acme", "Contoso", "École Lyon") if f">{name}</a>" in html]
    assert shown == found
    assert f"Showing clients matching “{search}”." in html
    assert f'href="{reverse("orgdesign:client-list")}">Clear the search and filter</a>' in html
    if not found:
        assert "No client matches." in html


def test_client_list_filters_by_latest_advice_and_pages_keep_the_filter(client, consultant):
    for i in range(27):
        made = make_client(owner=consultant, name=f"Startup {i:02d}")
        make_scenario(client=made, answers=SOFTWARE_STARTUP)
    make_scenario(client=make_client(owner=consultant, name="Bank"), answers=REGIONAL_BANK)

    url = reverse("orgdesign:client-list")
    first = client.get(url, {"advice": "cto", "q": "start"}).content.decode()
    banks = client.get(url, {"advice": "cio"}).content.decode()

    assert "Startup 00" in first and ">Bank</a>" not in first
    assert "Page 1 of 2" in first
    assert 'href="?page=2&amp;q=start&amp;advice=cto"' in first
    assert '<option value="cto" selected>CTO</option>' in first
    assert "Showing clients matching “start” and whose latest advice is CTO." in first
    assert ">Bank</a>" in banks and "Startup" not in banks
    second = client.get(url, {"advice": "cto", "q": "start", "page": 2}).content.decode()
    assert "Startup 26" in second and ">Bank</a>" not in second


@pytest.mark.parametrize(
    "params",
    [
        {"advice": "ceo"},
        {"advice": "<script>x1</script>"},
        {"advice": "c" * 10_000, "q": "x" * 10_000},
        {"advice": "", "q": "%_", "page": "-1"},
    ],
)
def test_bad_filter_parameters_show_every_client_with_a_message(client, consultant, params):
    make_scenario(client=make_client(owner=consultant, name="Acme"))

    response = client.get(reverse("orgdesign:client-list"), params)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<script>x1" not in html
    if params["advice"]:
        assert "There is no such advice to filter by; showing every advice." in html
        assert " selected>" not in html
        assert (">Acme</a>" in html) is ("q" not in params)
    if len(params.get("q", "")) > 100:
        assert f'value="{"x" * 100}"' in html


@pytest.mark.parametrize("params", [{}, {"q": "client"}, {"advice": "cto"}])
def test_the_informed_client_list_makes_the_same_queries_for_1_or_20_clients(
    client, consultant, django_assert_num_queries, params
):
    def page_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("orgdesign:client-list"), params)
        assert response.status_code == 200
        return len(queries)

    def add_clients(count: int) -> None:
        for i in range(count):
            made = make_client(owner=consultant, name=f"Client {i}", notes="notes")
            for name, answers in (("A", REGIONAL_BANK), ("B", SOFTWARE_STARTUP), ("C", None)):
                _older_rules(make_scenario(client=made, name=name, answers=answers))

    add_clients(1)
    one = page_queries()
    add_clients(19)
    html = client.get(reverse("orgdesign:client-list"), params).content.decode()
    assert html.count("3 under older rules") == (20 if params.get("advice") != "cio" else 0)

    # session, user, membership, the paginator's count, the page of clients with their advice
    with django_assert_num_queries(one):
        client.get(reverse("orgdesign:client-list"), params)
    assert one == 5


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
