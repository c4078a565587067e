"""The copy button of a share link, in a real browser: it copies the address and announces
"Copied" in a status region; where the clipboard API is missing it selects the address and
says how to copy it. No inline script: the page's strict CSP would block it.

`make review` keeps screenshots in test-artifacts/screenshots/share-copy-*.png.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from orgdesign.services import scenario_trash, share_link_create
from tests.factories import TEST_PASSWORD, make_scenario, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in_and_open_links(page, url: str, scenario) -> None:
    page.goto(f"{url}/accounts/login/?next=/scenarios/{scenario.pk}/share/")
    page.get_by_label("Username").fill("olivia")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Share “Today”")).to_be_visible()


@pytest.fixture
def shared(db):
    owner = make_user(username="olivia")
    scenario = make_scenario(owner=owner, name="Today")
    link = share_link_create(scenario=scenario, label="Maria Chen, CEO")
    return scenario, link


def test_the_copy_button_copies_the_link_and_says_so(live_server, browser, shared, shot):
    scenario, link = shared
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in_and_open_links(page, live_server.url, scenario)

    button = page.get_by_role("button", name="Copy the link for Maria Chen, CEO")
    expect(button).to_be_visible()
    button.click()

    status = page.get_by_role("status")
    expect(status).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}/s/{link.token}/"
    assert page.locator("input.share-url").input_value() == copied
    shot(page, "share-copy-1-copied")
    assert errors == []  # no CSP violation, no script error
    context.close()


def test_without_the_clipboard_api_the_link_is_selected_instead(live_server, browser, shared, shot):
    scenario, link = shared
    context = browser.new_context()
    # An old browser, or a page that is not a secure context: no navigator.clipboard.
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    _sign_in_and_open_links(page, live_server.url, scenario)

    page.get_by_role("button", name="Copy the link for Maria Chen, CEO").click()

    expect(page.get_by_role("status")).to_have_text("Selected: press Ctrl+C (⌘C on a Mac) to copy")
    field = page.locator("input.share-url")
    expect(field).to_be_focused()
    selection = field.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selection == f"{live_server.url}/s/{link.token}/"
    shot(page, "share-copy-2-selected")
    context.close()


def test_without_javascript_the_copy_button_stays_hidden(live_server, browser, shared):
    scenario, _ = shared
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _sign_in_and_open_links(page, live_server.url, scenario)

    expect(page.locator("input.share-url")).to_be_visible()
    expect(page.get_by_role("button", name="Copy the link for Maria Chen, CEO")).to_be_hidden()
    context.close()


def test_axe_finds_no_serious_violation_on_the_links_and_trash_pages(live_server, browser, shared):
    scenario, _ = shared
    old_plan = make_scenario(client=scenario.client, name="Old plan")
    scenario_trash(scenario=old_plan, user=scenario.client.owner)
    # The strict CSP would block injecting axe-core; this context is for the audit only.
    context = browser.new_context(
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    _sign_in_and_open_links(page, live_server.url, scenario)
    page.get_by_role("button", name="Copy the link for Maria Chen, CEO").click()
    expect(page.get_by_role("status")).to_have_text("Copied")
    problems = {"links": Axe().run(page).response["violations"]}
    page.goto(f"{live_server.url}/trash/")
    expect(page.get_by_role("heading", name="Trash")).to_be_visible()
    problems["trash"] = Axe().run(page).response["violations"]
    context.close()

    serious = {
        name: [v["id"] for v in found if v["impact"] in ("serious", "critical")]
        for name, found in problems.items()
    }
    assert serious == {"links": [], "trash": []}
