"""The trash in a real browser: delete a scenario, find it in the trash with who deleted it
and the days left, restore it, and see its share link open again.

`make review` keeps screenshots in test-artifacts/screenshots/trash-*.png.
"""

import pytest
from playwright.sync_api import expect

from orgdesign.services import share_link_create
from tests.factories import TEST_PASSWORD, make_client, make_scenario, make_user


@pytest.mark.django_db(transaction=True)
def test_a_deleted_scenario_is_restored_from_the_trash(live_server, page, browser, shot):
    owner = make_user(username="olivia", first_name="Olivia", last_name="Owner")
    acme = make_client(owner=owner, name="Acme Robotics")
    scenario = make_scenario(client=acme, name="Today")
    link = share_link_create(scenario=scenario, label="Board")
    share_url = f"{live_server.url}/s/{link.token}/"
    page.goto(f"{live_server.url}/accounts/login/?next=/scenarios/{scenario.pk}/")
    page.get_by_label("Username").fill("olivia")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Delete", exact=True).click()
    page.get_by_role("button", name="Delete the scenario").click()
    expect(page.get_by_text("Scenario “Today” moved to the trash.")).to_be_visible()
    anonymous = browser.new_context()
    public = anonymous.new_page()
    assert public.goto(share_url).status == 404

    page.get_by_role("link", name="Clients", exact=True).first.click()
    page.get_by_role("link", name="Trash", exact=True).click()
    row = page.locator("tr", has_text="Today")
    expect(row).to_contain_text("by Olivia Owner")
    expect(row).to_contain_text("in 30 days")
    shot(page, "trash-1-list")
    row.get_by_role("button", name="Restore “Today”").click()

    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_text("Scenario “Today” restored.")).to_be_visible()
    assert public.goto(share_url).status == 200
    anonymous.close()
