"""A consultant compares a signed-off scenario with our view beside one with neither, in a
real browser: each card says its sign-off and shows our view as the consultant's.

`make review` keeps screenshots in test-artifacts/screenshots/compare-ours-*.png.
"""

import pytest
from playwright.sync_api import expect

from orgdesign.services import scenario_set_voice
from tests.factories import (
    REGIONAL_BANK,
    SOFTWARE_STARTUP,
    TEST_PASSWORD,
    make_client,
    make_scenario,
    make_share_link,
    make_signoff,
    make_user,
)


@pytest.mark.django_db(transaction=True)
def test_the_compare_page_shows_each_signoff_and_our_view(live_server, page, shot):
    alex = make_user(username="alex")
    acme = make_client(owner=alex, name="Northfield")
    bank = make_scenario(client=acme, answers=REGIONAL_BANK, name="Regulated")
    startup = make_scenario(client=acme, answers=SOFTWARE_STARTUP, name="Lean")
    scenario_set_voice(
        scenario=bank,
        user=alex,
        our_view="We **agree**, with one change:\n\n- the regulator asks for it",
        seats={
            "cio": {
                "title": "Group IT Director",
                "reports_to": "cfo",
                "reason": "the CFO chairs the risk committee",
            }
        },
    )
    make_signoff(link=make_share_link(scenario=bank), name="Ada Board", role="Chair")
    page.goto(f"{live_server.url}/clients/{acme.pk}/compare/?s={bank.pk}&s={startup.pk}")
    page.get_by_label("Username").fill("alex")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    section = page.get_by_role("region", name="Sign-off and our view")
    first = section.get_by_role("article", name="1. Regulated")
    expect(first).to_contain_text("Signed off: version 2, by Ada Board (Chair)")
    expect(first.locator(".voice-badge")).to_have_text("Consultant's adjustment")
    expect(first.locator("strong", has_text="agree")).to_be_visible()
    expect(first).to_contain_text("Our title: Group IT Director")
    expect(first).to_contain_text("We adjust: reports to the CFO because the CFO chairs")
    second = section.get_by_role("article", name="2. Lean")
    expect(second).to_contain_text("Not signed off yet.")
    expect(second).to_contain_text("No view of ours on this scenario.")
    shot(page, "compare-ours-01-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(first).to_be_visible()
    shot(page, "compare-ours-02-phone")
