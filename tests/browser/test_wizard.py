"""A founder in a real browser: mouse, keyboard only, JavaScript off, a phone, and axe-core.

`make review` keeps a screenshot of every page in test-artifacts/screenshots/.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

SERIOUS = {"serious", "critical"}


def answer_with_mouse(page, *, industry="Banking, insurance and finance", focus=None):
    page.get_by_label("Scale-up (about 50 to 250 people)").check()
    page.get_by_label("Which industry are you in?").select_option(label=industry)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Your product")).to_be_visible()
    page.get_by_label(focus or "We sell through significant customer-facing technology").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Product lines")).to_be_visible()
    page.get_by_label("How many separate product lines").fill("1")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Your operations")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Leadership today")).to_be_visible()
    page.get_by_label("A CTO", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()


def test_a_founder_completes_the_wizard_with_the_mouse_and_edits_one_answer(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Start").click()
    expect(page).to_have_url(live_server.url + "/wizard/company/")
    answer_with_mouse(page)
    expect(page).to_have_url(live_server.url + "/wizard/review/")

    page.get_by_role("link", name="See my recommendation").click()
    headline = page.locator(".rec-headline")
    expect(headline).to_contain_text("both a CTO")
    expect(page.locator("svg.orgchart")).to_be_visible()

    page.get_by_role("link", name="Edit answers").click()
    page.get_by_role("link", name="Edit your company").click()
    page.get_by_label("Startup (under about 50 people)").check()
    page.get_by_role("button", name="Save and return to review").click()
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    page.get_by_role("link", name="See my recommendation").click()
    expect(headline).not_to_contain_text("both a CTO")


def test_htmx_swaps_steps_in_place_and_pushes_the_url(live_server, page):
    page.goto(live_server.url + "/wizard/company/")
    page.evaluate("window.__marker = 1")
    page.get_by_label("Startup (under about 50 people)").check()
    page.get_by_label("Which industry are you in?").select_option("software")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", name="Your product")).to_be_visible()
    expect(page).to_have_url(live_server.url + "/wizard/product/")
    assert page.evaluate("window.__marker") == 1  # no full page load
    page.go_back()
    expect(page.get_by_role("heading", name="Your company")).to_be_visible()
    expect(page.get_by_label("Startup (under about 50 people)")).to_be_checked()


def test_a_founder_completes_the_wizard_with_the_keyboard_only(live_server, page):
    page.goto(live_server.url + "/wizard/company/")
    kb = page.keyboard
    # First field: the stage radio group. Tab into it, arrow to "Scale-up", then the industry.
    page.locator("body").focus()
    radio = page.get_by_label("Startup (under about 50 people)")
    while not radio.evaluate("el => el === document.activeElement"):
        kb.press("Tab")
    kb.press("ArrowDown")
    expect(page.get_by_label("Scale-up (about 50 to 250 people)")).to_be_checked()
    kb.press("Tab")
    expect(page.get_by_label("Which industry are you in?")).to_be_focused()
    kb.press("b")  # type-ahead: "Banking, insurance and finance"
    expect(page.get_by_label("Which industry are you in?")).to_have_value("finance")
    kb.press("Tab")
    expect(page.get_by_role("button", name="Next")).to_be_focused()
    kb.press("Enter")
    # After the swap, focus moves to the new step's title: start tabbing from there.
    expect(page.get_by_role("heading", name="Your product")).to_be_focused()

    for _ in range(3):
        kb.press("Tab")
        if page.evaluate("document.activeElement.name") == "product_focus":
            break
    kb.press("Space")
    kb.press("Enter")
    expect(page.get_by_role("heading", name="Product lines")).to_be_visible()
    page.get_by_label("How many separate product lines").focus()
    kb.press("Enter")
    expect(page.get_by_role("heading", name="Your operations")).to_be_focused()
    kb.press("Tab")  # the defaults are preselected: Enter in a field submits the step
    kb.press("Enter")
    expect(page.get_by_role("heading", name="Leadership today")).to_be_focused()
    kb.press("Tab")  # into the radio group: the first option
    kb.press("Space")
    expect(page.get_by_label("Nobody in particular")).to_be_checked()
    kb.press("Enter")
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    link = page.get_by_role("link", name="See my recommendation")
    link.focus()
    expect(link).to_be_focused()
    kb.press("Enter")
    expect(page.locator(".rec-headline")).to_be_visible()


def test_the_wizard_works_with_javascript_disabled(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/wizard/")
    expect(page).to_have_url(live_server.url + "/wizard/company/")
    answer_with_mouse(page, industry="Retail and e-commerce")
    page.get_by_role("link", name="See my recommendation").click()
    expect(page.locator(".rec-headline")).to_be_visible()
    page.get_by_role("button", name="Start over").click()
    expect(page.get_by_role("heading", name="Your company")).to_be_visible()
    context.close()


def test_every_page_fits_a_360_pixel_phone(live_server, browser, shot):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/")
    pages = {"phone-landing": page.url}
    widths = {"phone-landing": page.evaluate("document.documentElement.scrollWidth")}
    shot(page, "phone-landing")
    page.goto(live_server.url + "/wizard/company/")
    widths["phone-company"] = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "phone-company")
    answer_with_mouse(page)
    widths["phone-review"] = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "phone-review")
    page.get_by_role("link", name="See my recommendation").click()
    expect(page.locator(".rec-headline")).to_be_visible()
    widths["phone-result"] = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "phone-result")
    context.close()

    assert pages
    assert all(width <= 360 for width in widths.values()), widths


@pytest.fixture
def axe_page(browser, live_server):
    # The strict CSP would block injecting axe-core; this context is for the audit only.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_axe_finds_no_serious_violation_on_any_page(live_server, axe_page, shot):
    page, axe, problems = axe_page, Axe(), {}

    def audit(name):
        page.wait_for_load_state("load")
        violations = axe.run(page).response["violations"]
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]][:5])
            for v in violations
            if v["impact"] in SERIOUS
        ]
        if serious:
            problems[name] = serious
        shot(page, name)

    page.goto(live_server.url + "/")
    audit("landing")
    page.goto(live_server.url + "/wizard/company/")
    audit("step-company")
    page.get_by_role("button", name="Next").click()  # nothing chosen: errors shown
    expect(page.locator(".field-error").first).to_be_visible()
    audit("step-company-errors")
    page.get_by_label("Scale-up (about 50 to 250 people)").check()
    page.get_by_label("Which industry are you in?").select_option("healthcare")
    for slug, choose in [
        ("company", None),
        ("product", "Technology is what we sell"),
        ("product-lines", None),
        ("operations", None),
        ("leadership", "Nobody in particular"),
    ]:
        expect(page).to_have_url(f"{live_server.url}/wizard/{slug}/")
        if slug != "company":
            audit(f"step-{slug}")
        if choose:
            page.get_by_label(choose, exact=True).check()
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    audit("review")
    page.goto(live_server.url + "/result/")
    audit("result")
    page.get_by_role("link", name="See this advice").first.click()
    expect(page.get_by_text("What if:").first).to_be_visible()
    audit("result-what-if")

    assert problems == {}
