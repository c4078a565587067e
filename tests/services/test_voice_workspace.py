"""The consultant's voice travels with a workspace export and back, and an import checks it
like the voice form does (files exported before it existed import without one)."""

import json

import pytest

from orgdesign.models import Scenario
from orgdesign.services import scenario_set_voice
from orgdesign.workspace_io import WorkspaceImportError, workspace_export, workspace_import
from tests.factories import REGIONAL_BANK, make_client, make_scenario, make_user

pytestmark = pytest.mark.django_db

VOICE = {
    "our_view": "We **agree**.",
    "seats": {"cio": {"title": "Group IT", "reports_to": "cfo", "reason": "risk"}},
}


def exported_bank():
    alice = make_user(username="alice")
    scenario = make_scenario(client=make_client(owner=alice), answers=REGIONAL_BANK, name="Bank")
    scenario_set_voice(
        scenario=scenario, user=alice, our_view=VOICE["our_view"], seats=VOICE["seats"]
    )
    return json.loads(json.dumps(workspace_export(user=alice)))


def test_the_voice_of_a_scenario_and_of_each_version_round_trips():
    exported = exported_bank()
    item = exported["clients"][0]["scenarios"][0]
    assert item["voice"] == VOICE
    assert [v["voice"] for v in item["versions"]] == [{}, VOICE]
    bob = make_user(username="bob")

    workspace_import(user=bob, payload=exported)

    scenario = Scenario.objects.get(client__owner=bob)
    assert scenario.voice == VOICE
    assert [v.voice for v in scenario.versions.order_by("number")] == [{}, VOICE]


def test_a_file_from_before_the_voice_imports_without_one():
    exported = exported_bank()
    item = exported["clients"][0]["scenarios"][0]
    del item["voice"]
    for version in item["versions"]:
        del version["voice"]
    bob = make_user(username="bob")

    workspace_import(user=bob, payload=exported)

    assert Scenario.objects.get(client__owner=bob).voice == {}


@pytest.mark.parametrize(
    ("voice", "message"),
    [
        ("text", "clients[0].scenarios[0].voice: must be an object with our_view and seats"),
        ({"seats": []}, "clients[0].scenarios[0].voice: our_view must be a string"),
        (
            {"seats": {"cio": {"reports_to": "cfo"}}},
            "clients[0].scenarios[0].voice.reason_cio: Reason for the CIO's line: say why",
        ),
        (
            {"seats": {"cio": {"reports_to": "moon", "reason": "r"}}},
            "clients[0].scenarios[0].voice.reports_to_cio: Reports to, for the CIO: pick one",
        ),
    ],
)
def test_a_bad_voice_is_refused_with_its_path_and_nothing_is_written(voice, message):
    exported = exported_bank()
    exported["clients"][0]["scenarios"][0]["voice"] = voice
    bob = make_user(username="bob")

    with pytest.raises(WorkspaceImportError) as caught:
        workspace_import(user=bob, payload=exported)

    assert any(line.startswith(message) for line in caught.value.errors), caught.value.errors
    assert not Scenario.objects.filter(client__owner=bob).exists()
