"""Services of the workspace: clients, scenarios with their history, share links."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from orgdesign.models import Client, Scenario, ScenarioVersion, ShareLink
from orgdesign.rules import RULESET_VERSION, parse_answers, recommend
from orgdesign.services import (
    client_create,
    client_delete,
    client_update,
    scenario_accept_rules,
    scenario_create,
    scenario_delete,
    scenario_duplicate,
    scenario_rename,
    scenario_restore,
    scenario_save_result,
    scenario_update,
    share_link_create,
    share_link_revoke,
)
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    make_client,
    make_scenario,
    make_share_link,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_client_create_strips_the_name_and_sets_the_owner():
    owner = make_user()

    client = client_create(owner=owner, name="  Acme  ", industry="software", notes="n")

    assert client.owner == owner
    assert Client.objects.get().name == "Acme"


def test_client_create_rejects_blank_name_and_unknown_industry():
    owner = make_user()
    with pytest.raises(ValidationError) as blank:
        client_create(owner=owner, name="   ")
    with pytest.raises(ValidationError) as industry:
        client_create(owner=owner, name="Acme", industry="space")

    assert "name" in blank.value.message_dict
    assert "industry" in industry.value.message_dict
    assert not Client.objects.exists()


def test_client_update_changes_the_fields():
    client = make_client(name="Old")

    client_update(client=client, name="New", industry="retail", notes="Online shop")

    client.refresh_from_db()
    assert (client.name, client.industry, client.notes) == ("New", "retail", "Online shop")


def test_client_delete_removes_its_scenarios_and_reports_how_many():
    client = make_client()
    make_scenario(client=client)
    make_scenario(client=client)

    assert client_delete(client=client) == 2
    assert not Scenario.objects.exists()
    assert not ScenarioVersion.objects.exists()


def test_scenario_create_stores_the_engines_recommendation_and_version_one():
    client = make_client()

    scenario = scenario_create(
        client=client, name="Today", answers=dict(SOFTWARE_STARTUP), user=client.owner
    )

    expected = recommend(parse_answers(SOFTWARE_STARTUP)).to_dict()
    assert scenario.recommendation == expected
    assert scenario.answers == parse_answers(SOFTWARE_STARTUP).to_dict()
    assert scenario.role_model == expected["role_model"]
    assert scenario.ruleset_version == RULESET_VERSION
    assert scenario.version == 1
    first = scenario.versions.get()
    assert (first.number, first.changed_by, first.changed_keys) == (1, client.owner, [])


def test_scenario_create_rejects_invalid_answers_and_blank_name():
    client = make_client()
    with pytest.raises(ValidationError) as bad_answers:
        scenario_create(client=client, name="X", answers={"stage": "huge"}, user=client.owner)
    with pytest.raises(ValidationError) as blank:
        scenario_create(client=client, name=" ", answers=SOFTWARE_STARTUP, user=client.owner)

    assert "answers" in bad_answers.value.message_dict
    assert "name" in blank.value.message_dict
    assert not Scenario.objects.exists()


def test_scenario_update_keeps_the_previous_version_and_records_changed_keys():
    scenario = make_scenario(answers=SOFTWARE_STARTUP)
    user = scenario.client.owner

    scenario_update(
        scenario=scenario, user=user, answers={**SOFTWARE_STARTUP, "stage": "enterprise"}
    )

    scenario.refresh_from_db()
    assert scenario.version == 2
    assert scenario.answers["stage"] == "enterprise"
    versions = list(scenario.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].answers["stage"] == "startup"
    assert versions[1].changed_keys == ["stage"]
    assert versions[1].changed_by == user


def test_scenario_update_with_the_same_answers_records_nothing():
    scenario = make_scenario()

    scenario_update(scenario=scenario, user=scenario.client.owner, answers=dict(scenario.answers))

    assert scenario.versions.count() == 1


def test_scenario_rename_is_kept_in_the_history():
    scenario = make_scenario(name="Before")

    scenario_rename(scenario=scenario, user=scenario.client.owner, name="After")

    latest = scenario.versions.order_by("-number").first()
    assert (latest.number, latest.name, latest.note) == (2, "After", "Renamed from Before")
    assert Scenario.objects.get().name == "After"


def test_interleaved_saves_from_stale_copies_both_end_up_in_history():
    scenario = make_scenario(answers=SOFTWARE_STARTUP)
    user = scenario.client.owner
    first_tab = Scenario.objects.get(pk=scenario.pk)
    second_tab = Scenario.objects.get(pk=scenario.pk)

    scenario_update(scenario=first_tab, user=user, answers={**SOFTWARE_STARTUP, "stage": "scaleup"})
    scenario_update(
        scenario=second_tab, user=user, answers={**SOFTWARE_STARTUP, "industry": "retail"}
    )

    versions = list(ScenarioVersion.objects.filter(scenario=scenario).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[1].answers["stage"] == "scaleup"
    assert versions[2].answers["industry"] == "retail"
    assert Scenario.objects.get().version == 3


def test_scenario_restore_adds_a_new_version_with_the_old_answers():
    scenario = make_scenario(answers=SOFTWARE_STARTUP)
    user = scenario.client.owner
    scenario_update(scenario=scenario, user=user, answers=REGIONAL_BANK)

    scenario_restore(scenario=scenario, user=user, number=1)

    scenario.refresh_from_db()
    assert scenario.version == 3
    assert scenario.answers == parse_answers(SOFTWARE_STARTUP).to_dict()
    assert scenario.versions.count() == 3
    assert scenario.versions.get(number=3).note == "Restored version 1"


def test_scenario_accept_rules_stores_todays_recommendation_as_a_new_version():
    scenario = make_scenario()
    Scenario.objects.filter(pk=scenario.pk).update(ruleset_version="old", role_model="cio")
    scenario.refresh_from_db()

    scenario_accept_rules(scenario=scenario, user=scenario.client.owner)

    scenario.refresh_from_db()
    assert scenario.ruleset_version == RULESET_VERSION
    assert scenario.recommendation == recommend(parse_answers(scenario.answers)).to_dict()
    assert scenario.version == 2


def test_scenario_duplicate_copies_answers_into_a_new_scenario_of_the_same_client():
    scenario = make_scenario(name="Base")

    copy = scenario_duplicate(scenario=scenario, user=scenario.client.owner)

    assert copy.pk != scenario.pk
    assert copy.client == scenario.client
    assert copy.name == "Base (copy)"
    assert copy.answers == scenario.answers
    assert copy.versions.get().note == "Copied from Base"


def test_scenario_delete_removes_history_and_share_links():
    link = make_share_link()

    scenario_delete(scenario=link.scenario)

    assert not ScenarioVersion.objects.exists()
    assert not ShareLink.objects.exists()


def test_share_link_create_makes_distinct_unguessable_tokens():
    scenario = make_scenario()

    a = share_link_create(scenario=scenario)
    b = share_link_create(scenario=scenario)

    assert a.token != b.token
    assert len(a.token) >= 40


def test_share_link_create_rejects_an_expiry_in_the_past():
    with pytest.raises(ValidationError):
        share_link_create(scenario=make_scenario(), expires_at=timezone.now() - timedelta(days=1))


def test_share_link_revoke_sets_the_time_once():
    link = make_share_link()
    share_link_revoke(link=link)
    first = link.revoked_at

    share_link_revoke(link=link)

    assert first is not None
    assert ShareLink.objects.get().revoked_at == first


def test_scenario_save_result_with_a_new_client_saves_both():
    user = make_user()

    scenario = scenario_save_result(
        user=user, answers=SOFTWARE_STARTUP, name="Today", new_client="Acme"
    )

    assert scenario.client.owner == user and scenario.client.name == "Acme"
    assert scenario.versions.count() == 1


def test_scenario_save_result_that_fails_leaves_no_new_client_behind():
    user = make_user()

    with pytest.raises(ValidationError):
        scenario_save_result(user=user, answers={"stage": "nope"}, name="Today", new_client="Acme")

    assert not Client.objects.filter(owner=user).exists()
