"""Scenario pages: saving from the wizard, detail, edit, rename, duplicate, delete, history,
restore, accepting new rules and the comparison."""

import re

import pytest
from django.urls import reverse

from orgdesign.flow import SESSION_KEY
from orgdesign.models import Client, Scenario
from orgdesign.rules import RULESET_VERSION, parse_answers, recommend
from orgdesign.services import scenario_update
from tests.factories import REGIONAL_BANK, SOFTWARE_STARTUP, add_member, make_client, make_scenario

pytestmark = pytest.mark.django_db


# --- Saving from the wizard -------------------------------------------------------------------


def test_new_scenario_starts_the_wizard_for_the_client(client, consultant):
    acme = make_client(owner=consultant, name="Acme")

    response = client.post(reverse("orgdesign:scenario-create", args=[acme.pk]))

    assert response["Location"] == reverse("orgdesign:wizard")
    assert client.session[SESSION_KEY]["target"] == {
        "client_id": acme.pk,
        "client_name": "Acme",
        "label": "Acme",
        "known": {},
    }


def test_the_result_page_offers_to_save_to_the_target_client(client, consultant, prime_wizard):
    acme = make_client(owner=consultant, name="Acme")
    prime_wizard(client, answers=SOFTWARE_STARTUP, target={"client_id": acme.pk, "label": "Acme"})

    html = client.get(reverse("orgdesign:result")).content.decode()

    assert f'action="{reverse("orgdesign:wizard-save")}"' in html
    assert "Save to Acme" in html


def test_the_result_page_asks_anonymous_visitors_to_sign_in_to_save(client, prime_wizard):
    prime_wizard(client, answers=SOFTWARE_STARTUP)

    html = client.get(reverse("orgdesign:result")).content.decode()

    assert "Sign in to save this result" in html
    assert f'action="{reverse("orgdesign:wizard-save")}"' not in html


def test_wizard_save_creates_the_scenario_for_the_target_client(client, consultant, prime_wizard):
    acme = make_client(owner=consultant, name="Acme")
    prime_wizard(client, answers=SOFTWARE_STARTUP, target={"client_id": acme.pk, "label": "Acme"})

    response = client.post(reverse("orgdesign:wizard-save"), {"name": "Today"})

    scenario = Scenario.objects.get()
    assert (scenario.client, scenario.name) == (acme, "Today")
    assert scenario.recommendation == recommend(parse_answers(SOFTWARE_STARTUP)).to_dict()
    assert response["Location"] == reverse("orgdesign:scenario-detail", args=[scenario.pk])
    assert SESSION_KEY not in client.session


def test_wizard_save_founder_result_to_a_new_client_by_name(client, consultant, prime_wizard):
    prime_wizard(client, answers=REGIONAL_BANK)

    client.post(
        reverse("orgdesign:wizard-save"), {"client": "", "new_client": "Bank of Ely", "name": "Now"}
    )

    scenario = Scenario.objects.select_related("client").get()
    assert (scenario.client.name, scenario.client.owner, scenario.name) == (
        "Bank of Ely",
        consultant,
        "Now",
    )


def test_wizard_save_founder_result_to_an_existing_client(client, consultant, prime_wizard):
    acme = make_client(owner=consultant)
    prime_wizard(client, answers=REGIONAL_BANK)

    client.post(reverse("orgdesign:wizard-save"), {"client": acme.pk, "name": "Now"})

    assert Scenario.objects.get().client == acme
    assert Client.objects.count() == 1


def test_wizard_save_refuses_someone_elses_client_and_missing_choice(
    client, consultant, prime_wizard
):
    foreign = make_client(name="Foreign")
    prime_wizard(client, answers=REGIONAL_BANK)

    stolen = client.post(reverse("orgdesign:wizard-save"), {"client": foreign.pk, "name": "X"})
    nothing = client.post(reverse("orgdesign:wizard-save"), {"name": "X"})

    assert stolen.status_code == 400
    assert nothing.status_code == 400
    assert "Pick a client or give the new client" in nothing.content.decode()
    assert not Scenario.objects.exists()


def test_wizard_save_needs_a_finished_questionnaire(client, consultant, prime_wizard):
    prime_wizard(client)

    response = client.post(reverse("orgdesign:wizard-save"), {"name": "X"})

    assert response["Location"] == reverse("orgdesign:wizard")
    assert not Scenario.objects.exists()


def test_edit_reopens_the_wizard_prefilled_and_saving_makes_a_new_version(
    client, consultant, prime_wizard
):
    scenario = make_scenario(client=make_client(owner=consultant), answers=SOFTWARE_STARTUP)

    response = client.post(reverse("orgdesign:scenario-edit", args=[scenario.pk]))
    assert response["Location"] == reverse("orgdesign:wizard-review")
    assert client.session[SESSION_KEY]["target"]["scenario_id"] == scenario.pk
    review = client.get(reverse("orgdesign:wizard-review")).content.decode()
    assert scenario.name in review

    prime_wizard(
        client,
        answers={**SOFTWARE_STARTUP, "stage": "enterprise"},
        target=client.session[SESSION_KEY]["target"],
    )
    client.post(reverse("orgdesign:wizard-save"))

    scenario.refresh_from_db()
    assert scenario.version == 2
    assert scenario.answers["stage"] == "enterprise"


# --- One scenario -------------------------------------------------------------------------------


def test_scenario_detail_shows_the_recommendation_answers_and_actions(client, consultant):
    scenario = make_scenario(client=make_client(owner=consultant), name="Today")

    html = client.get(reverse("orgdesign:scenario-detail", args=[scenario.pk])).content.decode()

    assert scenario.recommendation["headline"] in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="orgchart"' in html
    assert "Company stage" in html
    # The actions a consultant clicks: each link and form points at its own page.
    for name, markup in [
        ("report-scenario", 'class="btn btn-outline-primary" href="{}">Download PDF</a>'),
        ("scenario-edit", '<form method="post" action="{}">'),
        ("scenario-share", 'href="{}">Share</a>'),
        ("scenario-history", 'href="{}">History (1)</a>'),
    ]:
        assert markup.format(reverse(f"orgdesign:{name}", args=[scenario.pk])) in html, name
    assert "Rules updated" not in html


def test_scenario_detail_shows_rules_updated_with_the_new_recommendation(client, consultant):
    scenario = make_scenario(client=make_client(owner=consultant), answers=SOFTWARE_STARTUP)
    bank = recommend(parse_answers(REGIONAL_BANK)).to_dict()
    Scenario.objects.filter(pk=scenario.pk).update(
        ruleset_version="older", recommendation={**bank, "ruleset_version": "older"}
    )

    html = client.get(reverse("orgdesign:scenario-detail", args=[scenario.pk])).content.decode()

    assert "Rules updated" in html
    assert (
        "Advice: Lead technology with a CIO, reporting to the CEO. → Lead technology with a "
        "CTO, reporting to the CEO." in html
    )
    assert "Seats: Chief Information Officer (CIO), reporting to the CEO → " in html
    assert reverse("orgdesign:scenario-accept-rules", args=[scenario.pk]) in html
    client.post(reverse("orgdesign:scenario-accept-rules", args=[scenario.pk]))
    scenario.refresh_from_db()
    assert (scenario.ruleset_version, scenario.version) == (RULESET_VERSION, 2)
    assert scenario.recommendation == recommend(parse_answers(SOFTWARE_STARTUP)).to_dict()


def test_rename_duplicate_and_delete(client, consultant):
    scenario = make_scenario(client=make_client(owner=consultant), name="Base")

    client.post(reverse("orgdesign:scenario-rename", args=[scenario.pk]), {"name": "Today"})
    response = client.post(
        reverse("orgdesign:scenario-duplicate", args=[scenario.pk]), {"name": "After Series B"}
    )
    copy = Scenario.objects.get(name="After Series B")
    assert response["Location"] == reverse("orgdesign:scenario-detail", args=[copy.pk])
    scenario.refresh_from_db()
    assert (scenario.name, scenario.version) == ("Today", 2)

    client.post(reverse("orgdesign:scenario-delete", args=[copy.pk]))
    assert list(Scenario.objects.values_list("name", flat=True)) == ["Today"]


def test_rename_refuses_a_blank_name(client, consultant):
    scenario = make_scenario(client=make_client(owner=consultant), name="Base")

    response = client.post(reverse("orgdesign:scenario-rename", args=[scenario.pk]), {"name": " "})

    assert "This field is required" in response.content.decode()
    scenario.refresh_from_db()
    assert scenario.name == "Base"


def test_history_lists_versions_with_who_and_what_changed_old_to_new(client, consultant):
    scenario = make_scenario(client=make_client(owner=consultant), answers=SOFTWARE_STARTUP)
    scenario_update(
        scenario=scenario, user=consultant, answers={**SOFTWARE_STARTUP, "stage": "enterprise"}
    )

    html = client.get(reverse("orgdesign:scenario-history", args=[scenario.pk])).content.decode()

    assert "Version 2" in html and "Version 1" in html
    assert consultant.username in html
    assert re.search(
        r"<strong>Company stage</strong>: Startup \(under about 50 people\) → Enterprise", html
    )


def test_an_old_version_can_be_viewed_and_restored_as_a_new_version(client, consultant):
    scenario = make_scenario(client=make_client(owner=consultant), answers=SOFTWARE_STARTUP)
    scenario_update(scenario=scenario, user=consultant, answers=REGIONAL_BANK)

    html = client.get(reverse("orgdesign:scenario-version", args=[scenario.pk, 1])).content.decode()
    assert "version 1" in html
    assert "Restore this version" in html
    assert "Startup (under about 50 people)" in html

    client.post(reverse("orgdesign:scenario-restore", args=[scenario.pk, 1]))
    scenario.refresh_from_db()
    assert scenario.version == 3
    assert scenario.answers == parse_answers(SOFTWARE_STARTUP).to_dict()
    assert (
        client.get(reverse("orgdesign:scenario-version", args=[scenario.pk, 9])).status_code == 404
    )


# --- Compare -------------------------------------------------------------------------------------


def _compare_url(client_id, *ids):
    return (
        reverse("orgdesign:scenario-compare", args=[client_id])
        + "?"
        + "&".join(f"s={i}" for i in ids)
    )


def test_compare_marks_differing_rows_with_text_and_draws_each_chart_once(client, consultant):
    acme = make_client(owner=consultant)
    a = make_scenario(client=acme, name="Startup", answers=SOFTWARE_STARTUP)
    b = make_scenario(client=acme, name="Bank", answers=REGIONAL_BANK)

    html = client.get(_compare_url(acme.pk, a.pk, b.pk)).content.decode()

    assert 'class="row-differs"' in html
    assert "≠ differs" in html
    assert f'id="chart-{a.pk}"' in html and f'id="chart-{b.pk}"' in html
    assert "Reporting lines" in html
    pdf_link = f'href="{reverse("orgdesign:report-compare", args=[acme.pk])}?s={a.pk}&amp;s={b.pk}"'
    assert pdf_link in html


@pytest.mark.parametrize("how_many", [0, 1, 5])
def test_compare_with_fewer_than_two_or_more_than_four_explains_itself(
    client, consultant, how_many
):
    acme = make_client(owner=consultant)
    ids = [make_scenario(client=acme).pk for _ in range(how_many)]

    response = client.get(_compare_url(acme.pk, *ids), follow=True)

    assert response.status_code == 200
    assert "Pick two to four scenarios to compare." in response.content.decode()


def test_compare_with_a_foreign_or_garbled_id(client, consultant):
    acme = make_client(owner=consultant)
    mine = make_scenario(client=acme)
    foreign = make_scenario()

    assert client.get(_compare_url(acme.pk, mine.pk, foreign.pk)).status_code == 404
    # An id that is not plain digits names no scenario either (see test_hostile_input.py).
    garbled = client.get(_compare_url(acme.pk, mine.pk, "x1"))
    assert garbled.status_code == 404
    assert acme.name not in garbled.content.decode()


@pytest.mark.parametrize(("count", "members", "comments", "signoffs"), [(2, 0, 0, 0), (4, 4, 3, 2)])
def test_compare_makes_the_same_number_of_queries_for_2_or_4_scenarios(
    client, consultant, django_assert_num_queries, count, members, comments, signoffs
):
    from orgdesign.services import scenario_set_voice
    from tests.factories import make_review_comment, make_share_link, make_signoff

    acme = make_client(owner=consultant)
    scenarios = [make_scenario(client=acme) for _ in range(count)]
    ids = [s.pk for s in scenarios]
    for _ in range(members):
        add_member(firm=acme.firm)
    for scenario in scenarios:
        if signoffs:
            scenario_set_voice(
                scenario=scenario,
                user=consultant,
                our_view="We **agree**.",
                seats={"cto": {"title": "Head of Engineering", "reports_to": "", "reason": ""}},
            )
        link = make_share_link(scenario=scenario)
        for _ in range(comments):
            make_review_comment(link=link)
        for i in range(signoffs):
            make_signoff(link=make_share_link(scenario=scenario), name=f"Signer {i}")

    # session, user, membership, client, the scenarios, their sign-offs
    with django_assert_num_queries(6):
        html = client.get(_compare_url(acme.pk, *ids)).content.decode()
    assert html.count("Signed off: version 2, by Signer 0") == (count if signoffs else 0)
    assert html.count("Head of Engineering") == (count if signoffs else 0)


def test_the_scenario_page_makes_as_many_queries_for_many_links_versions_and_members(
    client, consultant
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from orgdesign.services import scenario_rename
    from tests.factories import make_share_link

    def queries(scenario) -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("orgdesign:scenario-detail", args=[scenario.pk]))
        assert scenario.name in response.content.decode()
        return len(context.captured_queries)

    small = make_scenario(client=make_client(owner=consultant), name="Small")
    make_share_link(scenario=small)
    few = queries(small)
    big = make_scenario(client=small.client, name="Big")
    for i in range(5):
        make_share_link(scenario=big)
        scenario_rename(scenario=big, user=consultant, name=f"Big {i}")
        add_member(firm=small.client.firm)
    big.refresh_from_db()

    assert queries(big) == few
