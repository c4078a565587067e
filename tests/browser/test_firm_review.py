"""The firm's workspace end to end in a real browser: the owner invites a colleague by email,
the colleague signs up through the link and joins, opens a client of the firm, adds our view
and the client's own title for a seat, and shares the scenario; the client, without an
account, comments on one reason and signs off; the colleague sees both on the scenario page.
A viewer of the firm finds no control that changes anything (and is refused when trying);
a member of another firm gets "not found" for every address of it.

`make review` keeps screenshots in test-artifacts/screenshots/firm-*.png.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import (
    REGIONAL_BANK,
    TEST_PASSWORD,
    add_member,
    make_client,
    make_scenario,
    make_user,
)


def sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your clients")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_firm_invites_advises_shares_and_its_client_reviews_and_signs_off(
    live_server, page, browser, shot
):
    url = live_server.url
    owner = make_user(username="olivia", first_name="Olivia", last_name="Owner")
    client = make_client(owner=owner, name="Northfield Regional Bank", industry="finance")
    scenario = make_scenario(client=client, name="Today", answers=REGIONAL_BANK)
    firm = owner.membership.firm
    add_member(firm=firm, user=make_user(username="vera"), role="viewer")
    make_client(owner=make_user(username="mallory"), name="Another firm's client")

    # The owner invites a colleague as a consultant.
    sign_in(page, url, "olivia")
    page.get_by_role("link", name="Members").first.click()
    page.get_by_label("Their email address").fill("casey@example.com")
    page.get_by_label("Role").last.select_option("consultant")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to casey@example.com.")).to_be_visible()
    shot(page, "firm-01-invited")
    (invitation,) = [m for m in mail.outbox if m.to == ["casey@example.com"]]
    link = re.search(r"https?://\S+", invitation.body).group(0)

    # The colleague opens the link, creates an account and joins.
    colleague = browser.new_context()
    casey = colleague.new_page()
    casey.goto(link)
    expect(casey.get_by_role("heading", name=f"Join {firm.name}")).to_be_visible()
    casey.get_by_role("link", name="Create an account").click()
    casey.locator("#id_username").fill("casey")
    casey.locator("#id_email").fill("casey@example.com")
    casey.locator("#id_password1").fill(TEST_PASSWORD)
    casey.locator("#id_password2").fill(TEST_PASSWORD)
    casey.get_by_role("button", name=re.compile("Create")).click()
    casey.get_by_role("button", name=f"Join {firm.name}").click()
    expect(casey.get_by_role("heading", name="Your clients")).to_be_visible()
    shot(casey, "firm-02-joined")

    # The colleague opens the firm's client and adds the consultant's voice.
    casey.get_by_role("link", name="Northfield Regional Bank").first.click()
    casey.get_by_role("link", name="Today", exact=True).first.click()
    casey.get_by_role("link", name="Add our view").click()
    casey.get_by_label("Our view").fill("We **agree** with the engine, with one change.")
    casey.get_by_label("Our title for “Chief Information Officer (CIO)”").fill(
        "Group Technology Director"
    )
    casey.get_by_role("button", name="Save our view").click()
    expect(casey.get_by_text("Our view saved as version 2.")).to_be_visible()
    expect(casey.locator(".rec-seat").first).to_contain_text("Our title: Group Technology Director")
    shot(casey, "firm-03-our-view")

    # ... and shares it.
    casey.get_by_role("link", name="Share").first.click()
    casey.get_by_label("Sent to (optional)").fill("Priya Shah, chair")
    casey.get_by_role("button", name="Create a share link").click()
    share_url = casey.locator("input[readonly]").first.input_value()
    assert share_url.startswith(url + "/s/")

    # The client, without an account, comments on one reason and signs off.
    anonymous = browser.new_context()
    public = anonymous.new_page()
    public.goto(share_url)
    expect(public.locator("#voice")).to_contain_text("We agree with the engine")
    ask = public.get_by_role("link", name="Ask a question or sign it off")
    expect(ask).to_have_attribute("href", "#review")
    reason = public.locator("#review option", has_text="Reason 1:").inner_text()
    public.get_by_label("About").select_option(label=reason)
    public.get_by_label("Your name").first.fill("Priya Shah")
    public.get_by_label("Your comment").fill("Could the CIO sit under the CFO instead?")
    public.get_by_role("button", name="Send the comment").click()
    expect(
        public.get_by_text("Thank you: your comment was sent to the consultant.")
    ).to_be_visible()
    signoff = public.locator("#signoff")
    signoff.get_by_label("Your name").fill("Priya Shah")
    signoff.get_by_label("Your role").fill("Chair of the board")
    signoff.get_by_label(
        "I confirm that Northfield Regional Bank accepts version 2 of “Today”."
    ).check()
    signoff.get_by_role("button", name="Sign off version 2").click()
    expect(
        public.get_by_text("Signed off: version 2, by Priya Shah (Chair of the board)")
    ).to_be_visible()
    shot(public, "firm-04-client-signed-off")
    anonymous.close()

    # The consultant sees both, and was told by email.
    casey.goto(f"{url}/scenarios/{scenario.pk}/")
    review = casey.locator("#review")
    expect(review).to_contain_text("Signed off: version 2, by Priya Shah (Chair of the board)")
    expect(review).to_contain_text("Could the CIO sit under the CFO instead?")
    expect(review).to_contain_text(reason.split(":", 1)[1].strip()[:40])
    shot(casey, "firm-05-consultant-sees-review")
    assert any("casey@example.com" in m.to and "Signed off" in m.subject for m in mail.outbox)
    colleague.close()

    # A viewer reads, but finds no control that changes anything, and is refused.
    viewer = browser.new_context()
    vera = viewer.new_page()
    sign_in(vera, url, "vera")
    vera.goto(f"{url}/scenarios/{scenario.pk}/")
    expect(vera.locator(".rec-seat").first).to_contain_text("Our title: Group Technology Director")
    for name in ("Add our view", "Edit our view", "Share", "Rename", "Delete", "History"):
        if name == "History":
            continue  # reading the history is allowed
        expect(vera.get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(vera.get_by_role("button", name="Change answers")).to_have_count(0)
    expect(vera.get_by_role("button", name="Send the reply")).to_have_count(0)
    shot(vera, "firm-06-viewer")
    vera.goto(f"{url}/scenarios/{scenario.pk}/voice/")
    expect(vera.get_by_text("As a viewer you can read and export")).to_be_visible()
    viewer.close()

    # A member of another firm finds nothing of this firm.
    other = browser.new_context()
    page = other.new_page()
    sign_in(page, url, "mallory")
    for address in (
        f"/clients/{client.pk}/",
        f"/scenarios/{scenario.pk}/",
        f"/scenarios/{scenario.pk}/voice/",
        f"/scenarios/{scenario.pk}/share/",
        f"/scenarios/{scenario.pk}/history/",
    ):
        response = page.goto(url + address)
        assert response.status == 404, address
        expect(page.get_by_role("heading", name=re.compile("not found", re.I))).to_be_visible()
    shot(page, "firm-07-other-firm-404")
    other.close()
