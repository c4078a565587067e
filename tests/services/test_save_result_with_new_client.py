"""Saving a result to a new client writes the client and its scenario together or not at all."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orgdesign.models import Client, Scenario
from orgdesign.services import scenario_save_result
from tests.factories import SOFTWARE_STARTUP, make_user


@pytest.mark.django_db
def test_scenario_save_result_saves_both_with_version_one():
    owner = make_user()

    scenario = scenario_save_result(
        user=owner,
        new_client="Acme Robotics",
        name="Today",
        answers=SOFTWARE_STARTUP,
    )

    assert scenario.client.name == "Acme Robotics"
    assert scenario.client.owner == owner
    assert list(scenario.versions.values_list("number", flat=True)) == [1]


@pytest.mark.django_db
def test_scenario_save_result_leaves_no_client_when_the_scenario_fails():
    owner = make_user()

    with pytest.raises(ValidationError):
        scenario_save_result(
            user=owner,
            new_client="Acme Robotics",
            name="   ",
            answers=SOFTWARE_STARTUP,
        )

    assert not Client.objects.filter(owner=owner).exists()
    assert not Scenario.objects.exists()


@pytest.mark.django_db
def test_saving_the_wizard_result_to_a_new_client_leaves_no_client_on_bad_answers(
    client, monkeypatch
):
    from orgdesign.views import scenarios as views

    owner = make_user()
    client.force_login(owner)
    monkeypatch.setattr(views, "wizard_answers", lambda request: {"stage": "no-such-stage"})

    response = client.post(
        reverse("orgdesign:wizard-save"), {"new_client": "Acme Robotics", "name": "Today"}
    )

    assert response.status_code == 400
    assert not Client.objects.filter(owner=owner).exists()
