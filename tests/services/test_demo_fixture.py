"""The demo data in fixtures/: loads twice, and every recommendation is the engine's."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from orgdesign.management.commands.build_demo_fixture import (
    DEMO_MEMBERS,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    PREVIOUS_RULES,
)
from orgdesign.models import Client, Scenario, ScenarioVersion, ShareLink
from orgdesign.rules import RULESET_VERSION, parse_answers, recommend
from orgdesign.services import scenario_update

pytestmark = pytest.mark.django_db

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo.json"
REBUILD = "run `python manage.py build_demo_fixture` to rebuild fixtures/demo.json"


@pytest.fixture
def demo():
    call_command("loaddata", str(FIXTURE), verbosity=0)
    return get_user_model().objects.get(username=DEMO_USERNAME)


def test_the_demo_consultant_signs_in_with_the_published_password(demo, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    assert demo.check_password(DEMO_PASSWORD)
    assert not demo.is_staff


def test_the_demo_firm_has_three_members_of_different_roles_each_with_a_password(demo, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    firm = demo.membership.firm
    roles = dict(firm.memberships.values_list("user__username", "role"))

    assert roles == {
        DEMO_USERNAME: "owner",
        "demo-consultant": "consultant",
        "demo-viewer": "viewer",
    }
    for username, password, *_ in DEMO_MEMBERS:
        assert get_user_model().objects.get(username=username).check_password(password)
    assert set(Client.objects.values_list("firm", flat=True)) == {firm.pk}
    # Two changes were saved by the consultant (new answers, our view of the bank): the
    # history says who.
    assert ScenarioVersion.objects.filter(changed_by__username="demo-consultant").count() == 2


def test_the_demo_has_three_clients_with_several_scenarios_and_versions(demo):
    clients = Client.objects.filter(owner=demo)
    assert {c.industry for c in clients} == {"software", "finance", "retail"}
    for client in clients:
        assert client.scenarios.count() >= 2
    assert (
        ScenarioVersion.objects.filter(scenario__client__owner=demo).count() > clients.count() * 2
    )


def test_every_stored_recommendation_is_what_the_engine_gives(demo):
    on_purpose = []
    for scenario in Scenario.objects.filter(client__owner=demo):
        if scenario.ruleset_version == PREVIOUS_RULES:
            on_purpose.append(scenario)
            continue
        expected = recommend(parse_answers(scenario.answers)).to_dict()
        assert scenario.ruleset_version == RULESET_VERSION, REBUILD
        assert scenario.recommendation == expected, f"{scenario}: {REBUILD}"
        assert scenario.role_model == expected["role_model"]
        latest = scenario.versions.get(number=scenario.version)
        assert latest.recommendation == scenario.recommendation
    assert len(on_purpose) == 1


def test_loading_the_demo_twice_changes_nothing_and_keeps_one_user(demo):
    before = list(Scenario.objects.values_list("pk", "version", "name"))

    call_command("loaddata", str(FIXTURE), verbosity=0)

    assert get_user_model().objects.filter(username=DEMO_USERNAME).count() == 1
    assert demo.membership.firm.memberships.count() == 3
    assert list(Scenario.objects.values_list("pk", "version", "name")) == before


def test_saving_after_reloading_over_a_changed_demo_scenario_still_works(demo):
    scenario = Scenario.objects.filter(client__owner=demo).first()
    scenario_update(
        scenario=scenario, user=demo, answers={**scenario.answers, "stage": "enterprise"}
    )
    call_command("loaddata", str(FIXTURE), verbosity=0)
    scenario.refresh_from_db()

    scenario_update(scenario=scenario, user=demo, answers={**scenario.answers, "stage": "startup"})

    numbers = list(scenario.versions.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_fixture_builder_leaves_the_database_untouched(tmp_path):
    out = tmp_path / "demo.json"

    call_command("build_demo_fixture", output=str(out), stdout=io.StringIO())

    assert out.read_text().count('"model": "orgdesign.scenario"') == Scenario.objects.count() + 7
    assert not Client.objects.exists()
    assert not get_user_model().objects.exists()


def test_loading_the_demo_over_an_account_that_has_a_firm_moves_it_into_the_demo_firm():
    from orgdesign.services import membership_ensure
    from tests.factories import make_user

    membership_ensure(user=make_user(username=DEMO_USERNAME))

    call_command("loaddata", str(FIXTURE), verbosity=0)

    demo = get_user_model().objects.get(username=DEMO_USERNAME)
    assert demo.membership.firm.name == "Northbridge Advisory"
    assert demo.membership.role == "owner"


def test_the_demo_share_links_say_who_got_them_and_one_was_revoked(demo):
    links = ShareLink.objects.filter(scenario__client__firm=demo.membership.firm)

    assert links.count() == 4
    assert all(link.label for link in links), REBUILD
    assert [link.label for link in links if not link.is_active] == ["First draft to the CFO"]


def test_the_demo_client_commented_on_a_reason_and_a_seat_and_signed_off(demo, client):
    from orgdesign.management.commands.build_demo_fixture import DEMO_SHARE_TOKEN
    from orgdesign.models import ReviewComment, ReviewReply, SignOff

    comments = list(ReviewComment.objects.order_by("pk"))
    assert [c.target for c in comments] == ["reason", "seat"]
    scenario = comments[0].scenario
    assert comments[0].target_key in {r["rule"] for r in scenario.recommendation["rationale"]}
    assert comments[1].target_key in {s["code"] for s in scenario.recommendation["roles"]}
    reply = ReviewReply.objects.get()
    assert (reply.comment, reply.author.username) == (comments[0], "demo-consultant")
    signoff = SignOff.objects.get()
    assert (signoff.scenario, signoff.version) == (scenario, scenario.version)

    html = client.get(f"/s/{DEMO_SHARE_TOKEN}/").content.decode()
    assert "Signed off: version 2, by Priya Shah (Chair of the board)" in html
    assert reply.text in html and comments[1].text in html


def test_one_demo_scenario_carries_our_view_and_an_adjusted_seat(demo):
    with_voice = [s for s in Scenario.objects.filter(client__owner=demo) if s.voice]

    assert [(s.client.name, s.name) for s in with_voice] == [("Northfield Regional Bank", "Today")]
    voice = with_voice[0].voice
    assert "**CIO**" in voice["our_view"]
    assert voice["seats"]["cio"]["title"] == "Group Technology Director"
    assert voice["seats"]["cio"]["reports_to"] == "cfo"
    assert voice["seats"]["cio"]["reason"]
    latest = with_voice[0].versions.get(number=with_voice[0].version)
    assert latest.voice == voice
    assert latest.changed_by.username == "demo-consultant"
