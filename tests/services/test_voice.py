"""The consultant's voice on a scenario: validated against its advice, saved as the next
version, kept through new answers and new rules, restored with an old version."""

import pytest
from django.core.exceptions import ValidationError

from orgdesign.models import Scenario
from orgdesign.services import (
    scenario_duplicate,
    scenario_restore,
    scenario_set_voice,
    scenario_update,
)
from tests.factories import REGIONAL_BANK, SOFTWARE_STARTUP, make_scenario

pytestmark = pytest.mark.django_db

# The bank's advice: one CIO reporting to the CEO.
CIO_TO_CFO = {
    "title": "Group Technology Director",
    "reports_to": "cfo",
    "reason": "the CFO runs risk",
}


def bank():
    return make_scenario(answers=REGIONAL_BANK, name="Bank")


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_our_view_and_an_adjusted_seat_are_saved_as_the_next_version_with_a_note():
    scenario = bank()

    scenario_set_voice(
        scenario=scenario,
        user=scenario.client.owner,
        our_view=" We **agree**. ",
        seats={"cio": CIO_TO_CFO},
    )

    scenario.refresh_from_db()
    assert scenario.version == 2
    assert scenario.voice == {"our_view": "We **agree**.", "seats": {"cio": CIO_TO_CFO}}
    version = scenario.versions.get(number=2)
    assert version.voice == scenario.voice
    assert (
        version.note == "Our view changed; our title for the CIO changed; the CIO's line adjusted"
    )
    assert version.changed_by == scenario.client.owner
    # The engine's advice is untouched.
    assert scenario.recommendation["roles"][0]["reports_to"] == "ceo"


def test_saving_the_same_voice_again_records_no_version():
    scenario = bank()
    owner = scenario.client.owner
    scenario_set_voice(scenario=scenario, user=owner, our_view="Same", seats={})

    scenario_set_voice(scenario=scenario, user=owner, our_view="Same\r\n", seats={"cio": {}})

    assert scenario.versions.count() == 2


def test_clearing_everything_leaves_an_empty_voice_as_a_new_version():
    scenario = bank()
    owner = scenario.client.owner
    scenario_set_voice(scenario=scenario, user=owner, our_view="Ours", seats={"cio": CIO_TO_CFO})

    scenario_set_voice(scenario=scenario, user=owner, our_view="", seats={"cio": {}})

    scenario.refresh_from_db()
    assert scenario.voice == {}
    assert scenario.versions.get(number=3).note == (
        "Our view changed; our title for the CIO removed; "
        "the CIO's line back to the engine's advice"
    )


@pytest.mark.parametrize(
    ("seats", "field", "message"),
    [
        ({"cto": {"title": "X"}}, "title_cto", "The advice has no cto seat to adjust."),
        (
            {"cio": {"reports_to": "chairman", "reason": "r"}},
            "reports_to_cio",
            "pick one of the listed",
        ),
        ({"cio": {"reports_to": "cio", "reason": "r"}}, "reports_to_cio", "pick one of the listed"),
        (
            {"cio": {"reports_to": "ceo", "reason": "r"}},
            "reports_to_cio",
            "the engine's advice already",
        ),
        ({"cio": {"reports_to": "cfo"}}, "reason_cio", "Reason for the CIO's line: say why"),
        ({"cio": {"reason": "because"}}, "reason_cio", "a reason goes with an adjusted line"),
        ({"cio": {"title": "T" * 121}}, "title_cio", "at most 120 characters (it has 121)"),
        ({"cio": {"title": "Bad\u202etitle"}}, "title_cio", "change the direction of text"),
        ({"cio": {"reports_to": "cfo", "reason": "r" * 501}}, "reason_cio", "at most 500"),
        ({"cio": {"reports_to": "cfo", "reason": "a\x07b"}}, "reason_cio", "control characters"),
    ],
)
def test_a_refused_seat_names_its_field_and_saves_nothing(seats, field, message):
    scenario = bank()

    errors = errors_of(
        lambda: scenario_set_voice(
            scenario=scenario, user=scenario.client.owner, our_view="Kept?", seats=seats
        )
    )

    assert field in errors
    assert message in " ".join(errors[field])
    scenario.refresh_from_db()
    assert (scenario.voice, scenario.version) == ({}, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 5001, "Our view: at most 5000 characters (it has 5001)."),
        ("a\x00b", "control characters"),
    ],
)
def test_our_view_refuses_too_long_or_control_text(text, message):
    scenario = bank()

    errors = errors_of(
        lambda: scenario_set_voice(
            scenario=scenario, user=scenario.client.owner, our_view=text, seats={}
        )
    )

    assert message in " ".join(errors["our_view"])


def test_another_seat_of_the_advice_is_a_boss_an_adjustment_may_name():
    # The engine has the CIO report to the CFO and the CTO to the CEO.
    scenario = make_scenario(
        answers={"stage": "mid_size", "industry": "software", "product_focus": "tech_enabled"}
    )
    assert {s["code"]: s["reports_to"] for s in scenario.recommendation["roles"]}["cio"] == "cfo"

    scenario_set_voice(
        scenario=scenario,
        user=scenario.client.owner,
        our_view="",
        seats={"cio": {"reports_to": "cto", "reason": "one technology line"}},
    )

    assert scenario.voice["seats"]["cio"]["reports_to"] == "cto"


def test_restoring_an_old_version_restores_its_voice():
    scenario = bank()
    owner = scenario.client.owner
    scenario_set_voice(
        scenario=scenario, user=owner, our_view="First view", seats={"cio": CIO_TO_CFO}
    )
    scenario_set_voice(scenario=scenario, user=owner, our_view="Second view", seats={})

    scenario_restore(scenario=scenario, user=owner, number=2)

    scenario.refresh_from_db()
    assert scenario.version == 4
    assert scenario.voice == {"our_view": "First view", "seats": {"cio": CIO_TO_CFO}}
    assert scenario.versions.get(number=4).voice == scenario.voice
    # Restoring version 1 brings back its empty voice.
    scenario_restore(scenario=scenario, user=owner, number=1)
    scenario.refresh_from_db()
    assert scenario.voice == {}


def test_new_answers_keep_the_voice_and_an_adjustment_of_a_lost_seat_until_it_is_cleared():
    scenario = bank()
    owner = scenario.client.owner
    scenario_set_voice(scenario=scenario, user=owner, our_view="View", seats={"cio": CIO_TO_CFO})

    scenario_update(scenario=scenario, user=owner, answers=dict(SOFTWARE_STARTUP))

    scenario.refresh_from_db()
    assert "cio" not in {seat["code"] for seat in scenario.recommendation["roles"]}
    assert scenario.voice["seats"]["cio"] == CIO_TO_CFO
    # Saving again with the kept adjustment unchanged is fine; changing it is refused.
    scenario_set_voice(scenario=scenario, user=owner, our_view="View 2", seats={"cio": CIO_TO_CFO})
    scenario.refresh_from_db()
    assert scenario.voice["seats"]["cio"] == CIO_TO_CFO
    errors = errors_of(
        lambda: scenario_set_voice(
            scenario=scenario,
            user=owner,
            our_view="View 2",
            seats={"cio": {**CIO_TO_CFO, "title": "New"}},
        )
    )
    assert "can only be removed" in errors["title_cio"][0]
    # Clearing it removes it.
    scenario_set_voice(scenario=scenario, user=owner, our_view="View 2", seats={"cio": {}})
    scenario.refresh_from_db()
    assert "seats" not in scenario.voice


def test_a_copy_carries_the_voice_of_its_original():
    scenario = bank()
    scenario_set_voice(
        scenario=scenario, user=scenario.client.owner, our_view="Ours", seats={"cio": CIO_TO_CFO}
    )

    copy = scenario_duplicate(scenario=scenario, user=scenario.client.owner, name="What if")

    assert Scenario.objects.get(pk=copy.pk).voice == scenario.voice
    assert copy.versions.get(number=1).voice == scenario.voice


def test_lines_that_would_go_round_in_a_circle_are_refused():
    scenario = make_scenario(
        answers={"stage": "enterprise", "industry": "software", "product_focus": "tech_product"}
    )
    # The engine has the CIO report to the CTO.
    assert {s["code"]: s["reports_to"] for s in scenario.recommendation["roles"]}["cio"] == "cto"

    errors = errors_of(
        lambda: scenario_set_voice(
            scenario=scenario,
            user=scenario.client.owner,
            our_view="",
            seats={"cto": {"reports_to": "cio", "reason": "why not"}},
        )
    )

    assert errors["reports_to_cto"] == [
        "Reports to, for the CTO: the lines would go round in a circle back to the CTO; "
        "pick another boss."
    ]


def test_a_kept_line_the_new_rules_now_give_too_can_be_saved_unchanged():
    scenario = bank()
    owner = scenario.client.owner
    scenario_set_voice(scenario=scenario, user=owner, our_view="", seats={"cio": CIO_TO_CFO})
    # New rules come round to the CFO line.
    rec = {**scenario.recommendation}
    rec["roles"] = [{**rec["roles"][0], "reports_to": "cfo"}]
    Scenario.objects.filter(pk=scenario.pk).update(recommendation=rec)
    scenario.refresh_from_db()

    scenario_set_voice(
        scenario=scenario, user=owner, our_view="Now agreed", seats={"cio": CIO_TO_CFO}
    )

    scenario.refresh_from_db()
    assert scenario.voice["seats"]["cio"] == CIO_TO_CFO
