"""A consultant in a real browser: the client list that informs (latest advice, older rules,
search and filter by keyboard), and the questionnaire for a client (the known industry,
the consultant's words, the banner's way back and Cancel).

`make review` keeps screenshots in test-artifacts/screenshots/clientflow-*.png.
"""

import pytest
from playwright.sync_api import expect

from orgdesign.models import Scenario
from tests.factories import REGIONAL_BANK, TEST_PASSWORD, make_client, make_scenario, make_user


def sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/accounts/login/?next=/clients/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.django_db(transaction=True)
def test_a_consultant_searches_and_filters_the_client_list_by_keyboard(live_server, page, shot):
    alex = make_user(username="alex")
    acme = make_client(owner=alex, name="Acme Robotics", industry="software")
    old = make_scenario(client=acme, name="Today")
    Scenario.objects.filter(pk=old.pk).update(ruleset_version="2025.1-older")
    make_scenario(client=acme, name="After Series C")
    bank = make_client(owner=alex, name="Banque Lumière", notes="Board of the École group")
    make_scenario(client=bank, name="Core banking", answers=REGIONAL_BANK)
    sign_in(page, live_server.url, "alex")

    acme_row = page.locator("tr", has_text="Acme Robotics")
    expect(acme_row.locator(".seat-badge")).to_have_text("CTO")
    expect(acme_row).to_contain_text("in “After Series C”")
    expect(acme_row.locator(".older-rules")).to_have_text("1 under older rules")
    expect(page.locator("tr", has_text="Banque Lumière").locator(".seat-badge")).to_have_text("CIO")
    shot(page, "clientflow-01-client-list")

    page.get_by_label("Search names, notes and scenarios").focus()
    page.keyboard.type("ecole")  # the notes, without the accent
    expect(page.get_by_text("Showing clients matching “ecole”.")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("Banque Lumière")
    expect(page).to_have_url(live_server.url + "/clients/?q=ecole&advice=")

    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Latest advice")).to_be_focused()
    page.get_by_label("Latest advice").select_option("cto")
    expect(page.get_by_text("Showing clients whose latest advice is CTO.")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("Acme Robotics")
    shot(page, "clientflow-02-client-list-filtered")

    clear = page.get_by_role("link", name="Clear the search and filter")
    expect(clear).to_have_attribute("href", "/clients/")
    clear.focus()
    page.keyboard.press("Enter")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_label("Latest advice")).to_have_value("")


@pytest.mark.django_db(transaction=True)
def test_the_questionnaire_for_a_client_knows_its_industry_and_cancels(live_server, page, shot):
    alex = make_user(username="alex")
    acme = make_client(owner=alex, name="Acme Robotics", industry="software")
    sign_in(page, live_server.url, "alex")
    page.get_by_role("link", name="Acme Robotics").click()

    page.get_by_role("button", name="New scenario").click()
    expect(page.get_by_role("heading", name="Their company")).to_be_visible()
    expect(page.locator(".known-answer")).to_have_text(
        "Industry: Software and technology (from the client record of Acme Robotics)"
    )
    banner = page.locator(".wizard-target")
    expect(banner.get_by_role("link", name="Acme Robotics")).to_have_attribute(
        "href", f"/clients/{acme.pk}/"
    )
    shot(page, "clientflow-03-company-step")

    # The known industry can still be changed, by keyboard.
    page.get_by_text("Change the industry").focus()
    page.keyboard.press("Enter")
    industry = page.get_by_label("Which industry is their company in?")
    expect(industry).to_be_visible()
    expect(industry).to_have_value("software")
    industry.select_option("finance")
    page.get_by_label("Scale-up (about 50 to 250 people)").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Their product")).to_be_visible()
    expect(page.get_by_text("What role does technology play in what they sell?")).to_be_visible()

    page.get_by_role("button", name="Cancel the questionnaire for Acme Robotics").click()
    expect(page).to_have_url(live_server.url + f"/clients/{acme.pk}/")
    expect(
        page.get_by_text("The questionnaire for Acme Robotics was cancelled; nothing was saved.")
    ).to_be_visible()
    shot(page, "clientflow-04-cancelled")
    expect(page.get_by_text("No scenarios yet.")).to_be_visible()

    page.goto(live_server.url + "/wizard/company/")  # a fresh questionnaire: the founder's
    expect(page.get_by_role("heading", name="Your company")).to_be_visible()
    expect(page.locator(".wizard-target")).to_have_count(0)
