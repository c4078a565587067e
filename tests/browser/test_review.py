"""The client's review in a real browser: on the share link, without an account, the client
comments on one reason and signs off; the consultant sees both, answers, and the client
reads the answer. The forms post with the page's own CSRF token and Origin (the share
page's Referrer-Policy keeps that working).

`make review` keeps screenshots in test-artifacts/screenshots/review-*.png.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, make_client, make_scenario, make_share_link, make_user


@pytest.mark.django_db(transaction=True)
def test_a_client_comments_and_signs_off_and_the_consultant_answers(
    live_server, page, browser, shot
):
    consultant = make_user(username="casey", first_name="Casey", last_name="Consultant")
    scenario = make_scenario(client=make_client(owner=consultant, name="Acme"), name="Today")
    link = make_share_link(scenario=scenario)
    share_url = f"{live_server.url}/s/{link.token}/"

    anonymous = browser.new_context()
    public = anonymous.new_page()
    public.goto(share_url)
    public.get_by_label("About").select_option(
        label=public.locator("option", has_text="Reason 2:").inner_text()
    )
    public.get_by_label("Your name").first.fill("Ada Board")
    public.get_by_label("Your comment").fill("Why should the CTO report to the CEO?")
    public.get_by_role("button", name="Send the comment").click()
    expect(
        public.get_by_text("Thank you: your comment was sent to the consultant.")
    ).to_be_visible()
    expect(public.locator(".review-about")).to_contain_text("Reason 2: The CTO reports to the CEO")

    public.get_by_role("button", name="Sign off version 1").click()  # nothing filled in
    expect(
        public.get_by_text("Confirmation: tick the box to sign off this version.")
    ).to_be_visible()
    shot(public, "review-00-signoff-refused")
    signoff = public.locator("#signoff")
    signoff.get_by_label("Your name").fill("Ada Board")
    signoff.get_by_label("Your role").fill("Chair of the board")
    signoff.get_by_label("I confirm that Acme accepts version 1 of “Today”.").check()
    signoff.get_by_role("button", name="Sign off version 1").click()
    expect(
        public.get_by_text("Signed off: version 1, by Ada Board (Chair of the board)")
    ).to_be_visible()
    shot(public, "review-01-share-page")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/scenarios/{scenario.pk}/")
    review = page.locator("#review")
    expect(review).to_contain_text("Signed off: version 1, by Ada Board (Chair of the board)")
    expect(review).to_contain_text("Why should the CTO report to the CEO?")
    review.get_by_text("Answer Ada Board").click()
    review.get_by_label("Your reply").fill("Because the product is what you sell.")
    shot(page, "review-02-scenario-page")
    review.get_by_role("button", name="Send the reply").click()
    expect(page.get_by_text("Reply sent: Ada Board sees it on the link.")).to_be_visible()

    public.reload()
    expect(public.get_by_text("Because the product is what you sell.")).to_be_visible()
    expect(public.get_by_text("Reply from Casey Consultant")).to_be_visible()
    shot(public, "review-03-share-page-answered")
    anonymous.close()
