"""A consultant adds our view and the client's own seat title in a real browser; the scenario
page and the share link show them as the consultant's, beside the engine's advice.

`make review` keeps screenshots in test-artifacts/screenshots/voice-*.png.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import REGIONAL_BANK, TEST_PASSWORD, make_client, make_scenario, make_user


@pytest.mark.django_db(transaction=True)
def test_a_consultant_adds_our_view_and_the_share_link_shows_it(live_server, page, browser, shot):
    alex = make_user(username="alex")
    scenario = make_scenario(
        client=make_client(owner=alex, name="Northfield"), answers=REGIONAL_BANK, name="Today"
    )
    url = live_server.url
    page.goto(f"{url}/scenarios/{scenario.pk}/")
    page.get_by_label("Username").fill("alex")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Add our view").click()
    page.get_by_label("Our view").fill("We **agree**, with one change:\n\n- the regulator")
    page.get_by_label("Our title for “Chief Information Officer (CIO)”").fill("Group IT Director")
    page.get_by_label("Reporting line").select_option("cfo")
    page.get_by_role("button", name="Save our view").click()
    expect(page.get_by_text("Reason for the CIO's line: say why")).to_be_visible()
    shot(page, "voice-01-form-error")
    page.get_by_label("Because").fill("the CFO chairs the risk committee")
    page.get_by_role("button", name="Save our view").click()

    expect(page.get_by_text("Our view saved as version 2.")).to_be_visible()
    voice = page.locator("#voice")
    expect(voice.locator("strong", has_text="agree")).to_be_visible()
    seat = page.locator(".rec-seat").first
    expect(seat).to_contain_text("Chief Information Officer (CIO)")
    expect(seat).to_contain_text("Our title: Group IT Director")
    expect(seat).to_contain_text("We adjust: reports to the CFO (the engine: the CEO)")
    expect(page.locator("svg#orgchart-ours")).to_be_visible()
    shot(page, "voice-02-scenario")

    page.get_by_role("link", name="Share").first.click()
    page.get_by_role("button", name="Create a share link").click()
    link = page.locator("input[readonly]").first.input_value()
    anonymous = browser.new_context()
    public = anonymous.new_page()
    public.goto(link)
    expect(public.locator("#voice")).to_contain_text("We agree, with one change:")
    expect(public.locator(".rec-seat").first).to_contain_text("Our title: Group IT Director")
    expect(public.get_by_role("link", name="Edit our view")).to_have_count(0)
    shot(public, "voice-03-share")
    anonymous.close()
