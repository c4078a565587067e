"""A consultant in a real browser: sign in, add a client, run the questionnaire for it, save,
copy the scenario, change one answer, compare the two and open the share link anonymously.

`make review` keeps screenshots in test-artifacts/screenshots/workspace-*.png.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, make_user

PHONE = {"width": 390, "height": 844}


def answer_questionnaire(page):
    """The questionnaire for a client whose record says software (the industry is known)."""
    page.get_by_label("Scale-up (about 50 to 250 people)").check()
    expect(page.locator(".known-answer")).to_contain_text("Software and technology")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Technology is what we sell").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("How many separate product lines").fill("1")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Their operations")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Leadership today")).to_be_visible()
    page.get_by_label("A founder, alongside other duties").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Review the answers for Acme Robotics")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_consultant_saves_copies_compares_and_shares_a_scenario(live_server, page, browser, shot):
    make_user(username="alex")
    url = live_server.url

    page.goto(url + "/clients/")
    expect(page).to_have_url(url + "/accounts/login/?next=/clients/")
    page.get_by_label("Username").fill("alex")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    shot(page, "workspace-01-sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your clients")).to_be_visible()

    page.get_by_role("link", name="New client").first.click()
    page.get_by_label("Name").fill("Acme Robotics")
    page.get_by_label("Industry").select_option("software")
    page.get_by_label("Notes").fill("Private: founder wants to step back in 2027.")
    page.get_by_role("button", name="Add the client").click()
    expect(page.get_by_role("heading", name="Acme Robotics")).to_be_visible()

    page.get_by_role("button", name="New scenario").click()
    expect(page.get_by_text("Acme Robotics").first).to_be_visible()  # the target banner
    answer_questionnaire(page)
    page.get_by_role("link", name="See the recommendation for Acme Robotics").click()
    page.get_by_label("Scenario name").fill("Today")
    shot(page, "workspace-02-result-save")
    page.get_by_role("button", name="Save to Acme Robotics").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.locator("svg.orgchart")).to_be_visible()
    shot(page, "workspace-03-scenario")

    page.get_by_role("link", name="What if…? (copy)").click()
    page.get_by_label("Scenario name").fill("After Series C")
    page.get_by_role("button", name="Make a copy").click()
    expect(page.get_by_role("heading", name="After Series C", exact=True)).to_be_visible()
    page.get_by_role("button", name="Change answers").click()
    expect(page.get_by_role("heading", name="Review the answers for Acme Robotics")).to_be_visible()
    page.get_by_role("link", name="Edit their company").click()
    page.get_by_label("Mid-sized (about 250 to 1,000 people)").check()
    page.get_by_role("button", name="Save and return to review").click()
    page.get_by_role("link", name="See the recommendation for Acme Robotics").click()
    page.get_by_role("button", name="Save to Acme Robotics: After Series C").click()
    expect(page.get_by_text("Saved as version 2.")).to_be_visible()

    page.get_by_role("link", name="History (2)").click()
    expect(page.get_by_text("Company stage").first).to_be_visible()
    expect(page.locator(".change-list")).to_contain_text("Scale-up (about 50 to 250 people) →")
    shot(page, "workspace-04-history")

    page.get_by_role("link", name="Acme Robotics").first.click()
    page.get_by_label("Compare “Today”").check()
    page.get_by_label("Compare “After Series C”").check()
    shot(page, "workspace-05-client")
    page.get_by_role("button", name="Compare the ticked scenarios").click()
    expect(page.get_by_role("heading", name="Compare 2 scenarios of Acme Robotics")).to_be_visible()
    stage_row = page.locator("tr.row-differs", has_text="Company stage")
    expect(stage_row).to_contain_text("≠ differs")
    expect(page.locator("svg.orgchart")).to_have_count(2)
    shot(page, "workspace-06-compare")
    page.set_viewport_size(PHONE)
    cards = page.locator(".compare-card")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1  # stacked on a phone
    shot(page, "workspace-07-compare-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="After Series C").first.click()
    page.get_by_role("link", name="Share", exact=True).click()
    page.get_by_role("button", name="Create a share link").click()
    share_url = page.locator("input.share-url").first.input_value()
    shot(page, "workspace-08-share")

    anonymous = browser.new_context()
    public = anonymous.new_page()
    public.goto(share_url)
    expect(public.get_by_role("heading", name="Acme Robotics: After Series C")).to_be_visible()
    expect(public.locator(".rec-headline")).to_be_visible()
    expect(public.get_by_text("founder wants to step back")).to_have_count(0)
    expect(public.get_by_text("Today", exact=True)).to_have_count(0)
    expect(public.get_by_role("button", name="Change answers")).to_have_count(0)
    shot(public, "09-shared-public")

    page.get_by_role("link", name="Revoke…").first.click()
    page.get_by_role("button", name="Revoke the link").click()
    response = public.goto(share_url)
    assert response.status == 404
    expect(public.get_by_role("heading", name="This link is not valid")).to_be_visible()
    anonymous.close()
