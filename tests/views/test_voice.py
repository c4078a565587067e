"""The consultant's voice on the pages: the form (errors beside their fields), who may
change it, and how it shows beside the engine's advice on the scenario, version, history
and share pages and in the rules-updated panel."""

import re
from html import unescape

import pytest
from django.urls import reverse

from orgdesign.models import Scenario
from orgdesign.rules import parse_answers, recommend
from orgdesign.services import scenario_set_voice
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    make_client,
    make_scenario,
    make_share_link,
)

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)>"
CIO_TO_CFO = {
    "title": "Group Technology Director",
    "reports_to": "cfo",
    "reason": "the CFO runs risk",
}


def voice_url(scenario) -> str:
    return reverse("orgdesign:scenario-voice", args=[scenario.pk])


def detail(client, scenario) -> str:
    return client.get(reverse("orgdesign:scenario-detail", args=[scenario.pk])).content.decode()


def bank_of(user):
    return make_scenario(client=make_client(owner=user), answers=REGIONAL_BANK, name="Bank")


def form_data(**overrides) -> dict[str, str]:
    data = {"our_view": "", "title_cio": "", "reports_to_cio": "", "reason_cio": ""}
    return {**data, **overrides}


def test_the_form_saves_our_view_and_the_scenario_page_marks_it_as_ours(client, consultant):
    scenario = bank_of(consultant)
    page = detail(client, scenario)
    assert f'href="{voice_url(scenario)}">Add our view</a>' in page

    form = client.get(voice_url(scenario)).content.decode()
    assert 'name="our_view"' in form and 'name="title_cio"' in form
    assert '<option value="cfo">Reports to the CFO</option>' in form
    assert "The engine&#x27;s advice: the CEO" in form
    response = client.post(
        voice_url(scenario),
        form_data(
            our_view="We **agree**.",
            title_cio=CIO_TO_CFO["title"],
            reports_to_cio="cfo",
            reason_cio="the CFO runs risk",
        ),
    )

    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("orgdesign:scenario-detail", args=[scenario.pk]) + "#voice-title"
    )
    scenario.refresh_from_db()
    assert scenario.voice == {"our_view": "We **agree**.", "seats": {"cio": CIO_TO_CFO}}
    page = detail(client, scenario)
    assert "Our view saved as version 2." in page
    assert "<strong>agree</strong>" in page
    assert "Consultant&#x27;s adjustment" in page
    # The seat row: the engine's title and boss, then ours beside them.
    seat_row = page[page.index('class="rec-seat"') :]
    seat_row = seat_row[: seat_row.index("</li>")]
    assert "<strong>Chief Information Officer (CIO)</strong>" in seat_row
    assert 'Our title: <strong class="voice-title">Group Technology Director</strong>' in seat_row
    assert (
        "We adjust: reports to the CFO (the engine: the CEO) — because the CFO runs risk"
        in seat_row
    )
    assert f'href="{voice_url(scenario)}">Edit our view</a>' in page


def test_a_refused_field_shows_its_message_beside_it_and_saves_nothing(client, consultant):
    scenario = bank_of(consultant)

    response = client.post(voice_url(scenario), form_data(our_view="Kept?", reports_to_cio="cfo"))

    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'name="reason_cio"[^>]*is-invalid|is-invalid[^>]*name="reason_cio"', html), (
        "the reason field is marked invalid"
    )
    assert "Reason for the CIO&#x27;s line: say why it reports elsewhere" in html
    assert "Kept?" in html  # what was typed stays in the form
    scenario.refresh_from_db()
    assert (scenario.voice, scenario.version) == ({}, 1)


def test_a_boss_outside_the_list_is_refused_by_the_form(client, consultant):
    scenario = bank_of(consultant)

    response = client.post(
        voice_url(scenario), form_data(reports_to_cio="chairman", reason_cio="x")
    )

    assert response.status_code == 400
    assert (
        "Select a valid choice. chairman is not one of the available choices."
        in response.content.decode()
    )
    scenario.refresh_from_db()
    assert scenario.voice == {}


def test_hostile_text_comes_out_inert_on_the_scenario_and_share_pages(client, consultant):
    scenario = bank_of(consultant)
    client.post(voice_url(scenario), form_data(our_view=HOSTILE, title_cio="<b>Bold</b>"))
    link = make_share_link(scenario=scenario)

    for page in (
        detail(client, scenario),
        client.get(reverse("orgdesign:shared-scenario", args=[link.token])).content.decode(),
    ):
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert 'href="javascript' not in page
        assert "<img src=x" not in page
        assert "&lt;b&gt;Bold&lt;/b&gt;" in page


def test_the_share_page_shows_our_view_read_only(client, consultant):
    scenario = bank_of(consultant)
    scenario_set_voice(
        scenario=scenario, user=consultant, our_view="Our *word*", seats={"cio": CIO_TO_CFO}
    )
    link = make_share_link(scenario=scenario)
    client.logout()

    page = client.get(reverse("orgdesign:shared-scenario", args=[link.token])).content.decode()

    assert "Our <em>word</em>" in page
    assert 'Our title: <strong class="voice-title">Group Technology Director</strong>' in page
    assert "We adjust: reports to the CFO — because the CFO runs risk" in page
    assert voice_url(scenario) not in page


def test_a_viewer_reads_our_view_but_gets_403_for_the_form_and_changes_nothing(client, world):
    scenario = world["scenario"]
    scenario_set_voice(scenario=scenario, user=world["owner"], our_view="Owner's view", seats={})
    client.force_login(world["viewer"])

    page = detail(client, scenario)
    get = client.get(voice_url(scenario))
    post = client.post(voice_url(scenario), form_data(our_view="Viewer's view"))

    assert "<p>Owner's view</p>" in unescape(page)
    assert voice_url(scenario) not in page
    assert (get.status_code, post.status_code) == (403, 403)
    assert "As a viewer you can read and export" in unescape(post.content.decode())
    assert Scenario.objects.get(pk=scenario.pk).voice == {"our_view": "Owner's view"}


def test_another_firms_member_gets_404_and_changes_nothing(client, world):
    scenario = world["scenario"]
    client.force_login(world["intruder"])

    get = client.get(voice_url(scenario))
    post = client.post(voice_url(scenario), form_data(our_view="Hijacked"))

    assert (get.status_code, post.status_code) == (404, 404)
    assert b"Scenario of A" not in get.content + post.content
    assert Scenario.objects.get(pk=scenario.pk).voice == {}


def test_the_history_and_an_old_version_show_the_voice_of_that_version(client, consultant):
    scenario = bank_of(consultant)
    scenario_set_voice(
        scenario=scenario, user=consultant, our_view="First view", seats={"cio": CIO_TO_CFO}
    )
    scenario_set_voice(scenario=scenario, user=consultant, our_view="Second view", seats={})

    history = client.get(reverse("orgdesign:scenario-history", args=[scenario.pk])).content.decode()
    old = client.get(reverse("orgdesign:scenario-version", args=[scenario.pk, 2])).content.decode()
    first = client.get(
        reverse("orgdesign:scenario-version", args=[scenario.pk, 1])
    ).content.decode()

    assert (
        "Our view changed; our title for the CIO changed; the CIO&#x27;s line adjusted." in history
    )
    assert "Our view changed; our title for the CIO removed" in history
    assert "First view" in old and "Group Technology Director" in old and "Second view" not in old
    assert 'id="voice-title"' not in first


def test_the_rules_updated_panel_shows_our_adjustments_beside_todays_advice(client, consultant):
    scenario = bank_of(consultant)
    scenario_set_voice(scenario=scenario, user=consultant, our_view="", seats={"cio": CIO_TO_CFO})
    # Saved under older rules whose advice had a CIO; today's rules give a CTO.
    startup = recommend(parse_answers(SOFTWARE_STARTUP)).to_dict()
    bank = scenario.recommendation
    Scenario.objects.filter(pk=scenario.pk).update(
        answers=startup["answers"],
        ruleset_version="older",
        recommendation={**bank, "ruleset_version": "older"},
    )

    page = detail(client, scenario)
    panel = page[
        page.index('id="rules-update-title"') : page.index(
            "</section>", page.index('id="rules-update-title"')
        )
    ]

    assert "Our adjustments beside today's advice" in unescape(panel)
    assert "No such seat in the new advice: our adjustment is kept, check it." in panel
    assert "Our title: Group Technology Director." in panel
    assert "Reports to the CFO, because the CFO runs risk" in panel


def test_the_scenario_page_makes_as_many_queries_with_our_view_as_without(client, consultant):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(scenario) -> int:
        with CaptureQueriesContext(connection) as context:
            detail(client, scenario)
        return len(context.captured_queries)

    plain = bank_of(consultant)
    voiced = make_scenario(client=plain.client, answers=REGIONAL_BANK, name="Voiced")
    scenario_set_voice(
        scenario=voiced, user=consultant, our_view="- a\n- b\n\n" * 50, seats={"cio": CIO_TO_CFO}
    )

    assert queries(voiced) == queries(plain)


def test_the_scenario_page_draws_our_chart_beside_the_engines_unchanged_one(client, consultant):
    scenario = bank_of(consultant)
    plain = detail(client, scenario)
    scenario_set_voice(scenario=scenario, user=consultant, our_view="", seats={"cio": CIO_TO_CFO})

    page = detail(client, scenario)

    assert 'id="orgchart-ours"' not in plain
    ours = page[
        page.index('id="orgchart-ours"') : page.index("</svg>", page.index('id="orgchart-ours"'))
    ]
    assert '<title id="orgchart-ours-title">The structure as we adjust it</title>' in ours
    assert "Group Technology Director reports to the CFO; team:" in ours
    engine = page[page.index('id="orgchart"') : page.index("</svg>", page.index('id="orgchart"'))]
    assert "Chief Information Officer (CIO) reports to the CEO" in engine
    assert "Group Technology Director" not in engine
    assert "The structure as we adjust it: drawn with our titles and lines." in page


def test_an_adjustment_of_a_lost_seat_stays_flagged_in_the_form_until_cleared(client, consultant):
    from orgdesign.services import scenario_update

    scenario = bank_of(consultant)
    scenario_set_voice(scenario=scenario, user=consultant, our_view="", seats={"cio": CIO_TO_CFO})
    scenario_update(scenario=scenario, user=consultant, answers=dict(SOFTWARE_STARTUP))
    scenario.refresh_from_db()
    page = detail(client, scenario)
    form = client.get(voice_url(scenario)).content.decode()

    assert "This advice has no such seat any more: our adjustment is kept here" in page
    assert "(no longer in the advice: clear the fields to remove our adjustment)" in form
    assert 'value="Group Technology Director"' in form
    code = scenario.recommendation["roles"][0]["code"]
    kept = form_data(
        title_cio=CIO_TO_CFO["title"], reports_to_cio="cfo", reason_cio="the CFO runs risk"
    )
    response = client.post(voice_url(scenario), {**kept, f"title_{code}": "Our CTO"})
    scenario.refresh_from_db()
    assert response.status_code == 302
    assert scenario.voice["seats"] == {"cio": CIO_TO_CFO, code: {"title": "Our CTO"}}

    client.post(voice_url(scenario), {**form_data(), f"title_{code}": "Our CTO"})

    scenario.refresh_from_db()
    assert scenario.voice == {"seats": {code: {"title": "Our CTO"}}}
