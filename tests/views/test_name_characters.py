"""Names refuse control characters and text-direction controls, in every form that takes
one and in the services behind them, with a message naming the field."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orgdesign import services
from orgdesign.models import Client, Scenario
from orgdesign.selectors import branding_get_for_user
from orgdesign.services import branding_update
from tests.factories import SOFTWARE_STARTUP, make_client, make_scenario, make_user

pytestmark = pytest.mark.django_db

HOSTILE = {
    "right-to-left override": ("Invoice\u202egpj.exe", "U+202E"),
    "isolate": ("Acme\u2066 Ltd", "U+2066"),
    "bell": ("Acme\x07", "U+0007"),
    "escape": ("Acme\x1b[31m", "U+001B"),
    "line break": ("Acme\nLtd", "U+000A"),
    "line separator": ("Acme\u2028Ltd", "U+2028"),
}
FINE = ["שלום בע״מ\u200f (Israel)", "شركة أكمي", "Zoë & Søn 👩\u200d💻", "Acme – “North”"]


def errors_of(response, field):
    return response.context["form"].errors.get(field, [])


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_new_client_name_with_control_characters_is_refused(client, consultant, kind):
    name, code = HOSTILE[kind]

    response = client.post(reverse("orgdesign:client-create"), {"name": name, "industry": ""})

    assert response.status_code == 200
    assert any(
        e.startswith("The client's name may not contain") and code in e
        for e in errors_of(response, "name")
    )
    assert not Client.objects.exists()


def test_editing_a_client_to_a_hostile_name_keeps_the_old_one(client, consultant):
    acme = make_client(owner=consultant, name="Acme")

    response = client.post(
        reverse("orgdesign:client-update", args=[acme.pk]), {"name": "Ac\u202eme", "industry": ""}
    )

    assert "The client's name may not contain" in errors_of(response, "name")[0]
    acme.refresh_from_db()
    assert acme.name == "Acme"


@pytest.mark.parametrize("action", ["scenario-rename", "scenario-duplicate"])
def test_a_scenario_name_with_a_direction_override_is_refused(client, consultant, action):
    scenario = make_scenario(client=make_client(owner=consultant), name="Today")

    response = client.post(
        reverse(f"orgdesign:{action}", args=[scenario.pk]), {"name": "To\u202eday"}
    )

    assert (
        "The scenario's name may not contain characters that change the direction"
        in (errors_of(response, "name")[0])
    )
    assert list(Scenario.objects.values_list("name", flat=True)) == ["Today"]


def test_saving_the_wizard_refuses_hostile_client_and_scenario_names(
    client, consultant, prime_wizard
):
    prime_wizard(client, answers=dict(SOFTWARE_STARTUP))

    response = client.post(
        reverse("orgdesign:wizard-save"),
        {"client": "", "new_client": "Bank\x00of\x07Ely", "name": "Now\u2067"},
    )

    assert response.status_code == 400
    assert errors_of(response, "new_client") and errors_of(response, "name")
    assert "The scenario's name may not contain" in errors_of(response, "name")[0]
    assert not Client.objects.exists() and not Scenario.objects.exists()


def test_a_firm_name_with_control_characters_is_refused_on_the_branding_page(client, consultant):
    response = client.post(
        reverse("orgdesign:branding"),
        {"firm_name": "North\u202dAdvisory", "accent_colour": "#1f4e79"},
    )

    assert "The firm name may not contain" in errors_of(response, "firm_name")[0]
    assert branding_get_for_user(user=consultant) is None


@pytest.mark.parametrize("name", FINE)
def test_names_in_any_script_with_marks_and_emoji_are_accepted(client, consultant, name):
    response = client.post(reverse("orgdesign:client-create"), {"name": name, "industry": ""})

    assert response.status_code == 302
    assert Client.objects.get().name == name


def test_the_services_refuse_hostile_names_too():
    owner = make_user()
    with pytest.raises(ValidationError) as refused:
        services.client_create(owner=owner, name="Acme\u202e")
    assert "name" in refused.value.message_dict

    scenario = make_scenario(client=make_client(owner=owner))
    with pytest.raises(ValidationError):
        services.scenario_rename(scenario=scenario, user=owner, name="x\x1by")
    with pytest.raises(ValidationError):
        branding_update(user=owner, firm_name="Firm\u2069", accent_colour="#1f4e79")
