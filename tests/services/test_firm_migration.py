"""The migration to firms: every account that existed gets a firm of its own, with its
clients and branding, and nothing is lost or shown to anybody else."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.http import Http404

from orgdesign import selectors
from orgdesign.models import Client, Scenario, ShareLink

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("orgdesign", "0004_cache_tables")]


def _latest():
    """The app's latest migrations: today's models (and selectors) read the migrated rows."""
    return MigrationLoader(connection).graph.leaf_nodes("orgdesign")


def _migrate(targets=None):
    """Migrate to `targets`, by default to the latest migrations (through the firm ones,
    0005 to 0007): the selectors read today's models."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_every_account_gets_its_own_firm_and_keeps_exactly_its_own_work():
    old = _migrate(BEFORE)
    User = old.get_model("auth", "User")
    OldClient = old.get_model("orgdesign", "Client")
    OldScenario = old.get_model("orgdesign", "Scenario")
    OldVersion = old.get_model("orgdesign", "ScenarioVersion")
    OldLink = old.get_model("orgdesign", "ShareLink")
    OldBranding = old.get_model("orgdesign", "Branding")
    made = {}
    for username, full in (("ada", ("Ada", "Lovelace")), ("bob", ("", ""))):
        user = User.objects.create(username=username, first_name=full[0], last_name=full[1])
        client = OldClient.objects.create(owner=user, name=f"Client of {username}")
        scenario = OldScenario.objects.create(
            client=client,
            name=f"Scenario of {username}",
            answers={},
            recommendation={},
            role_model="cio",
            ruleset_version="x",
        )
        OldVersion.objects.create(
            scenario=scenario,
            number=1,
            name=scenario.name,
            answers={},
            recommendation={},
            role_model="cio",
            ruleset_version="x",
            changed_by=user,
        )
        link = OldLink.objects.create(scenario=scenario, token=f"token-{username}")
        made[username] = (user.pk, client.pk, scenario.pk, link.pk)
    OldBranding.objects.create(owner_id=made["ada"][0], firm_name="Lovelace & Co")
    User.objects.create(username="empty")

    _migrate(_latest())

    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    assert users["ada"].membership.firm.name == "Ada Lovelace's firm"
    assert users["bob"].membership.firm.name == "bob's firm"
    assert users["empty"].membership.role == "owner"
    assert len({u.membership.firm_id for u in users.values()}) == 3
    for username, (user_pk, client_pk, scenario_pk, link_pk) in made.items():
        assert users[username].pk == user_pk
        user = users[username]
        other = users["bob" if username == "ada" else "ada"]
        assert user.membership.role == "owner"
        assert selectors.client_get_for_user(user=user, client_id=client_pk).pk == client_pk
        scenario = selectors.scenario_get_for_user(user=user, scenario_id=scenario_pk)
        assert list(selectors.scenario_versions(scenario=scenario))[0].changed_by == user
        assert selectors.share_link_get_for_user(user=user, link_id=link_pk).pk == link_pk
        with pytest.raises(Http404):
            selectors.client_get_for_user(user=other, client_id=client_pk)
        with pytest.raises(Http404):
            selectors.scenario_get_for_user(user=other, scenario_id=scenario_pk)
        with pytest.raises(Http404):
            selectors.share_link_get_for_user(user=other, link_id=link_pk)
    assert selectors.branding_get_for_user(user=users["ada"]).firm_name == "Lovelace & Co"
    assert selectors.branding_get_for_user(user=users["bob"]) is None
    assert (Client.objects.count(), Scenario.objects.count(), ShareLink.objects.count()) == (
        2,
        2,
        2,
    )
