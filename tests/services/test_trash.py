"""The firm's trash: deleting moves a client or scenario there for 30 days; everything else
leaves it out (pages, selectors, reports, share links, the export); restoring brings it
back as it was; `manage.py cleanup` deletes what is older than 30 days (frozen time)."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from orgdesign import selectors, services
from orgdesign.models import Client, Scenario, ScenarioVersion, ShareLink
from orgdesign.workspace_io import workspace_export
from tests.factories import add_member, make_client, make_scenario, make_share_link, make_user

pytestmark = pytest.mark.django_db


def _frozen(moment):
    """Every `timezone.now()` answers `moment` (auto_now fields too)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_trashed_client_records_who_and_when_and_keeps_its_rows():
    owner = make_user(first_name="Ada", last_name="Lovelace")
    acme = make_client(owner=owner, name="Acme")
    make_scenario(client=acme)
    make_scenario(client=acme)
    before = Client.objects.get(pk=acme.pk).updated_at

    count = services.client_trash(client=acme, user=owner)

    row = Client.all_objects.get(pk=acme.pk)
    assert count == 2
    assert row.deleted_by == owner
    assert abs(row.deleted_at - timezone.now()) < timedelta(seconds=5)
    assert row.updated_at == before  # deleting is not an edit
    assert not Client.objects.filter(pk=acme.pk).exists()
    assert Scenario.all_objects.filter(client=acme).count() == 2
    assert not Scenario.objects.filter(client_id=acme.pk).exists()


def test_every_selector_leaves_out_a_trashed_client_and_its_scenarios():
    owner = make_user()
    acme = make_client(owner=owner, name="Acme")
    kept = make_client(owner=owner, name="Kept")
    scenario = make_scenario(client=acme)
    other = make_scenario(client=acme)
    link = make_share_link(scenario=scenario)

    services.client_trash(client=acme, user=owner)

    assert [c.name for c in selectors.client_list_for_user(user=owner)] == ["Kept"]
    assert list(selectors.client_choices_for_user(user=owner)) == [kept]
    with pytest.raises(Http404):
        selectors.client_get_for_user(user=owner, client_id=acme.pk)
    with pytest.raises(Http404):
        selectors.scenario_get_for_user(user=owner, scenario_id=scenario.pk)
    with pytest.raises(Http404):
        selectors.scenarios_for_compare(
            user=owner, client_id=acme.pk, scenario_ids=[scenario.pk, other.pk]
        )
    with pytest.raises(Http404):
        selectors.share_link_get_for_user(user=owner, link_id=link.pk)
    with pytest.raises(Http404):
        selectors.share_link_get_active(token=link.token)
    assert [c["name"] for c in workspace_export(user=owner)["clients"]] == ["Kept"]


def test_a_trashed_scenario_vanishes_from_its_client_and_its_link_works_again_on_restore():
    owner = make_user()
    acme = make_client(owner=owner, name="Acme")
    scenario = make_scenario(client=acme, name="Gone")
    make_scenario(client=acme, name="Stays")
    link = make_share_link(scenario=scenario)

    services.scenario_trash(scenario=scenario, user=owner)

    assert [s.name for s in selectors.scenario_list_for_client(client=acme)] == ["Stays"]
    assert selectors.client_list_for_user(user=owner).get().scenario_count == 1
    with pytest.raises(Http404):
        selectors.share_link_get_active(token=link.token)
    exported = workspace_export(user=owner)["clients"][0]["scenarios"]
    assert [s["name"] for s in exported] == ["Stays"]

    services.scenario_restore_from_trash(scenario=scenario)

    assert selectors.share_link_get_active(token=link.token) == link
    assert ScenarioVersion.objects.filter(scenario=scenario).count() == 1
    assert Scenario.objects.get(pk=scenario.pk).deleted_by is None


def test_a_revoked_link_stays_revoked_after_its_scenario_is_restored():
    scenario = make_scenario()
    link = services.share_link_revoke(link=make_share_link(scenario=scenario))
    services.scenario_trash(scenario=scenario, user=scenario.client.owner)
    services.scenario_restore_from_trash(scenario=scenario)

    with pytest.raises(Http404):
        selectors.share_link_get_active(token=link.token)


def test_a_scenario_cannot_come_back_while_its_client_is_in_the_trash():
    owner = make_user()
    acme = make_client(owner=owner, name="Acme")
    scenario = make_scenario(client=acme)
    services.scenario_trash(scenario=scenario, user=owner)
    services.client_trash(client=acme, user=owner)

    with pytest.raises(ValidationError, match="restore the client first"):
        services.scenario_restore_from_trash(scenario=scenario)
    assert Scenario.all_objects.get(pk=scenario.pk).deleted_at is not None

    services.client_restore_from_trash(client=acme)
    # The scenario deleted on its own stays in the trash; now it can come back too.
    assert not selectors.scenario_list_for_client(client=acme).exists()
    services.scenario_restore_from_trash(scenario=scenario)
    assert list(selectors.scenario_list_for_client(client=acme)) == [scenario]


def test_the_trash_lists_only_the_firms_own_rows():
    owner = make_user()
    mine = make_client(owner=owner, name="Mine")
    theirs = make_client(name="Theirs")
    services.client_trash(client=mine, user=owner)
    services.client_trash(client=theirs, user=theirs.owner)
    gone = make_scenario(client=make_client(owner=owner))
    services.scenario_trash(scenario=gone, user=owner)

    assert list(selectors.trashed_clients_for_user(user=owner)) == [mine]
    assert list(selectors.trashed_scenarios_for_user(user=owner)) == [gone]
    with pytest.raises(Http404):
        selectors.trashed_client_get_for_user(user=owner, client_id=theirs.pk)


def test_a_viewer_may_not_restore_and_only_the_owner_deletes_for_good():
    owner = make_user()
    acme = make_client(owner=owner)
    services.client_trash(client=acme, user=owner)
    viewer = add_member(firm=acme.firm, role="viewer").user
    consultant = add_member(firm=acme.firm, role="consultant").user

    with pytest.raises(selectors.RoleDenied):
        selectors.trashed_client_get_for_user(user=viewer, client_id=acme.pk, write=True)
    with pytest.raises(selectors.RoleDenied):
        selectors.trashed_client_get_for_user(user=consultant, client_id=acme.pk, owner_only=True)
    assert selectors.trashed_client_get_for_user(user=consultant, client_id=acme.pk, write=True)


def test_cleanup_deletes_what_is_in_the_trash_for_more_than_30_days():
    start = timezone.now()
    owner = make_user()
    old_client = make_client(owner=owner, name="Old")
    old_scenarios = [make_scenario(client=old_client) for _ in range(2)]
    make_share_link(scenario=old_scenarios[0])
    young_client = make_client(owner=owner, name="Young")
    live = make_client(owner=owner, name="Live")
    old_scenario = make_scenario(client=live, name="Old scenario")
    young_scenario = make_scenario(client=live, name="Young scenario")
    kept = make_scenario(client=live, name="Kept")
    with _frozen(start):
        services.client_trash(client=old_client, user=owner)
        services.scenario_trash(scenario=old_scenario, user=owner)
    with _frozen(start + timedelta(days=2)):
        services.client_trash(client=young_client, user=owner)
        services.scenario_trash(scenario=young_scenario, user=owner)

    out = io.StringIO()
    with _frozen(start + timedelta(days=30, hours=1)):
        call_command("cleanup", stdout=out)

    assert "from the trash 1 clients and 1 scenarios" in out.getvalue()
    assert set(Client.all_objects.values_list("name", flat=True)) == {"Young", "Live"}
    assert set(Scenario.all_objects.values_list("name", flat=True)) == {
        "Young scenario",
        "Kept",
    }
    assert not ShareLink.all_objects.filter(scenario__in=old_scenarios).exists()
    assert not ScenarioVersion.objects.filter(scenario__in=old_scenarios).exists()
    assert Scenario.objects.get() == kept


def test_cleanup_keeps_the_trash_for_30_days():
    start = timezone.now()
    acme = make_client()
    with _frozen(start):
        services.client_trash(client=acme, user=acme.owner)

    with _frozen(start + timedelta(days=29, hours=23)):
        assert services.trash_purge_expired() == (0, 0)

    assert Client.all_objects.filter(pk=acme.pk).exists()


def test_deleting_for_good_takes_the_history_and_links_too():
    scenario = make_scenario()
    make_share_link(scenario=scenario)
    services.scenario_trash(scenario=scenario, user=scenario.client.owner)

    services.scenario_delete(scenario=scenario)

    assert not Scenario.all_objects.exists()
    assert not ScenarioVersion.objects.exists()
    assert not ShareLink.all_objects.exists()


def test_joining_a_firm_is_refused_while_ones_own_trash_holds_a_client():
    inviter = make_client()
    user = make_user()
    mine = make_client(owner=user)
    services.client_trash(client=mine, user=user)
    invitation = services.invitation_create(
        firm=inviter.firm, email=user.email, role="consultant", invited_by=inviter.owner
    )

    with pytest.raises(ValidationError, match="in its trash too"):
        services.invitation_accept(invitation=invitation, user=user)
    assert Client.all_objects.filter(pk=mine.pk).exists()
