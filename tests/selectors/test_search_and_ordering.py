"""Searching and ordering names give the same answer on SQLite and PostgreSQL.

`make test` runs this file on both databases.
"""

import pytest

from orgdesign.selectors import client_list_for_user, scenario_list_for_client
from tests.factories import make_client, make_scenario, make_user

NAMES = ["Banana Bank", "apple Farms", "ÉCOLE Normale", "cherry Labs", "Ärzte ohne Grenzen"]


@pytest.fixture
def owner():
    user = make_user()
    for name in NAMES:
        make_client(owner=user, name=name)
    return user


def _names(**search):
    return [c.name for c in client_list_for_user(**search)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("école", ["ÉCOLE Normale"]),
        ("ÉCOLE", ["ÉCOLE Normale"]),
        ("ärzte", ["Ärzte ohne Grenzen"]),
        ("ÄRZTE", ["Ärzte ohne Grenzen"]),
        ("BANK", ["Banana Bank"]),
        ("APPLE f", ["apple Farms"]),
        ("%", []),
        ("_", []),
    ],
)
def test_client_search_ignores_case_of_accented_and_plain_letters(owner, search, found):
    assert _names(user=owner, search=search) == found


@pytest.mark.django_db
def test_clients_are_listed_by_name_ignoring_case(owner):
    ascii_names = [name for name in _names(user=owner) if name.isascii()]

    assert ascii_names == ["apple Farms", "Banana Bank", "cherry Labs"]


@pytest.mark.django_db
def test_client_list_counts_scenarios_and_shows_only_the_owners_clients(owner):
    other = make_client(name="apple of another consultant")
    make_scenario(client=client_list_for_user(user=owner, search="apple").get())

    [apple] = client_list_for_user(user=owner, search="apple")

    assert apple.scenario_count == 1
    assert other.name not in _names(user=owner)


@pytest.mark.django_db
def test_scenarios_of_a_client_are_listed_by_name_ignoring_case():
    client = make_client()
    for name in ["beta plan", "Alpha plan", "gamma plan"]:
        make_scenario(client=client, name=name)

    names = [s.name for s in scenario_list_for_client(client=client)]

    assert names == ["Alpha plan", "beta plan", "gamma plan"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("ecole", ["ÉCOLE Normale"]),
        ("arzte", ["Ärzte ohne Grenzen"]),
        ("ÇA IR", ["cherry Labs"]),  # a scenario's name, "Ça ira"
        ("façade", ["Banana Bank"]),  # the notes
        ("FACADE", ["Banana Bank"]),
        ("%", []),
    ],
)
def test_client_search_reads_notes_and_scenario_names_without_accents(owner, search, found):
    [bank] = client_list_for_user(user=owner, search="banana")
    bank.notes = "Rebuild the Façade team"
    bank.save()
    make_scenario(client=client_list_for_user(user=owner, search="cherry").get(), name="Ça ira")

    assert _names(user=owner, search=search) == found


@pytest.mark.django_db
def test_client_list_gives_the_latest_advice_and_filters_by_it(owner):
    from orgdesign.models import Scenario
    from tests.factories import REGIONAL_BANK

    [bank] = client_list_for_user(user=owner, search="banana")
    old = make_scenario(client=bank, name="Old")
    Scenario.objects.filter(pk=old.pk).update(ruleset_version="older")
    make_scenario(client=bank, name="New", answers=REGIONAL_BANK)

    [listed] = client_list_for_user(user=owner, advice="cio")

    assert (listed.name, listed.latest_role_model, listed.latest_scenario) == (
        "Banana Bank",
        "cio",
        "New",
    )
    assert (listed.scenario_count, listed.older_rules_count) == (2, 1)
    assert _names(user=owner, advice="cto") == []
