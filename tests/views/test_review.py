"""The client's review on a share link: comments on the whole advice, one reason or one seat,
the sign-off of the version shown, the firm's replies and notifications, and what a revoked
or expired link hides."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orgdesign.models import ReviewComment, ReviewReply, ShareLink, SignOff
from orgdesign.services import review_reply_add, scenario_update, share_link_revoke
from tests.factories import (
    add_member,
    make_client,
    make_review_comment,
    make_scenario,
    make_share_link,
    make_signoff,
    make_user,
)

pytestmark = pytest.mark.django_db

REASON = "reports.cto-ceo"  # a rule of the software start-up's advice
SCRIPT = "<script>alert('x')</script>"


def _page(token: str) -> str:
    return reverse("orgdesign:shared-scenario", args=[token])


def _comment(client, link, **fields):
    data = {
        "comment-version": str(link.scenario.version),
        "comment-about": "",
        "comment-author_name": "Ada Board",
        "comment-text": "Why a CTO first?",
    }
    data.update({f"comment-{k}": v for k, v in fields.items()})
    return client.post(reverse("orgdesign:shared-comment", args=[link.token]), data)


def _signoff(client, link, **fields):
    data = {
        "signoff-version": str(link.scenario.version),
        "signoff-name": "Ada Board",
        "signoff-role": "Chair of the board",
        "signoff-confirm": "on",
    }
    data.update({f"signoff-{k}": v for k, v in fields.items()})
    return client.post(reverse("orgdesign:shared-signoff", args=[link.token]), data)


@pytest.fixture
def link():
    owner = make_user(username="olivia", first_name="Olivia", last_name="Owner")
    scenario = make_scenario(client=make_client(owner=owner, name="Acme"), name="Today")
    return make_share_link(scenario=scenario)


# --- The client's comments ---------------------------------------------------------------


def test_a_client_comments_on_one_reason_and_sees_the_comment_on_the_page(client, link):
    response = _comment(client, link, about=f"reason:{REASON}", text="Why report to the CEO?")

    assert response.status_code == 302
    assert response["Location"] == _page(link.token) + "#review"
    comment = ReviewComment.objects.get()
    assert (comment.target, comment.target_key, comment.version) == ("reason", REASON, 1)
    assert (comment.link, comment.scenario, comment.author_name) == (
        link,
        link.scenario,
        "Ada Board",
    )
    html = client.get(_page(link.token)).content.decode()
    assert "Thank you: your comment was sent to the consultant." in html
    assert "Why report to the CEO?" in html
    assert "Reason 2: The CTO reports to the CEO" in html


def test_a_client_comments_on_a_seat_by_its_code(client, link):
    _comment(client, link, about="seat:cto", text="Could this be a fractional CTO?")

    comment = ReviewComment.objects.get()
    assert (comment.target, comment.target_key) == ("seat", "cto")
    html = client.get(_page(link.token)).content.decode()
    assert "Seat: Chief Technology Officer (CTO)" in html


def test_the_comment_form_offers_the_whole_each_reason_and_each_seat(client, link):
    html = client.get(_page(link.token)).content.decode()

    assert '<option value="" selected>The recommendation as a whole</option>' in html
    for rule in (r["rule"] for r in link.scenario.recommendation["rationale"]):
        assert f'value="reason:{rule}"' in html
    assert 'value="seat:cto"' in html
    assert f'action="{reverse("orgdesign:shared-comment", args=[link.token])}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"author_name": ""}, "Your name: please write it, so the consultant knows who."),
        ({"text": "   "}, "Your comment: please write something before sending."),
        ({"text": "x" * 2001}, "Your comment: keep it to 2,000 characters at most (it has 2001)."),
        ({"author_name": "Ada\u202eBoard"}, "Your name may not contain characters that change"),
        ({"text": "bell\x07"}, "The comment may not contain control characters"),
        ({"about": "reason:no-such-rule"}, "About: pick the recommendation, one of its reasons"),
        ({"about": "seat:cio"}, "About: pick the recommendation, one of its reasons"),
        ({"version": "٣"}, "The page did not say which version you read"),
        ({"version": ""}, "The page did not say which version you read"),
    ],
)
def test_a_refused_comment_says_which_field_and_saves_nothing(client, link, fields, message):
    response = _comment(client, link, **fields)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_script_text_in_a_comment_is_shown_as_text_on_both_pages(client, link):
    _comment(client, link, author_name=f"Eve {SCRIPT}", text=f"Hi {SCRIPT}\nsecond line")

    public = client.get(_page(link.token)).content.decode()
    client.force_login(link.scenario.client.owner)
    firm = client.get(
        reverse("orgdesign:scenario-detail", args=[link.scenario.pk])
    ).content.decode()

    for html in (public, firm):
        assert SCRIPT not in html
        assert "Hi &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>second line" in html
        assert "Eve &lt;script&gt;" in html


def test_a_comment_on_a_version_no_longer_current_is_refused_and_the_page_shows_the_new_one(
    client, link
):
    scenario = link.scenario
    scenario_update(
        scenario=scenario,
        user=scenario.client.owner,
        answers={**scenario.answers, "stage": "scaleup"},
    )

    response = _comment(client, link, version="1", text="About what I read")

    html = response.content.decode()
    assert response.status_code == 400
    assert (
        "The page showed version 1, but the advice has changed since: version 2 is current." in html
    )
    assert 'name="comment-version" value="2"' in html
    assert "About what I read</textarea>" in html  # the text is kept to send again
    assert not ReviewComment.objects.exists()


def test_opening_the_comment_address_leads_to_the_share_page(client, link):
    response = client.get(reverse("orgdesign:shared-comment", args=[link.token]))

    assert response["Location"] == _page(link.token) + "#review"


def test_a_wrong_token_saves_nothing_and_says_the_link_is_not_valid(client, link):
    response = client.post(
        reverse("orgdesign:shared-comment", args=["not-a-token"]),
        {"comment-version": "1", "comment-author_name": "X", "comment-text": "hello"},
    )

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert not ReviewComment.objects.exists()


# --- Sign-off ----------------------------------------------------------------------------


def test_signing_off_needs_the_explicit_confirmation(client, link):
    html = client.get(_page(link.token)).content.decode()
    assert "I confirm that Acme accepts version 1 of “Today”." in html

    response = _signoff(client, link, confirm="")

    assert response.status_code == 400
    assert "Confirmation: tick the box to sign off this version." in response.content.decode()
    assert not SignOff.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Your name: please write it"),
        ({"role": ""}, "Your role: please write it, e.g. “Chair of the board”."),
        ({"role": "x" * 121}, "Ensure this value has at most 120 characters (it has 121)."),
    ],
)
def test_a_refused_signoff_says_which_field(client, link, fields, message):
    response = _signoff(client, link, **fields)

    assert message in response.content.decode()
    assert not SignOff.objects.exists()


def test_a_signoff_is_recorded_and_shown_to_the_client(client, link):
    response = _signoff(client, link)

    assert response["Location"] == _page(link.token) + "#signoff"
    signoff = SignOff.objects.get()
    assert (signoff.version, signoff.name, signoff.role, signoff.link) == (
        1,
        "Ada Board",
        "Chair of the board",
        link,
    )
    assert signoff.created_at.date() == timezone.now().date()
    html = client.get(_page(link.token)).content.decode()
    assert "Thank you: version 1 is signed off." in html
    assert "Signed off: version 1, by Ada Board (Chair of the board)" in html
    assert 'name="signoff-confirm"' not in html  # nothing left to sign on this version


def test_a_link_signs_off_a_version_once(client, link):
    make_signoff(link=link)

    response = _signoff(client, link, name="Bob")

    assert SignOff.objects.count() == 1
    assert response.status_code == 400
    assert "Version 1 is already signed off through this link" in response.content.decode()


def test_a_signoff_pins_its_version_and_a_new_version_is_not_signed_off_yet(client, link):
    make_signoff(link=link)
    scenario = link.scenario
    owner = scenario.client.owner
    scenario_update(scenario=scenario, user=owner, answers={**scenario.answers, "stage": "scaleup"})
    on = SignOff.objects.get().created_at
    day = f"{on.day} {on:%B %Y}"
    client.force_login(owner)

    page = client.get(reverse("orgdesign:scenario-detail", args=[scenario.pk])).content.decode()
    history = client.get(reverse("orgdesign:scenario-history", args=[scenario.pk])).content.decode()
    public = Client().get(_page(link.token)).content.decode()

    expected = (
        f"Not signed off yet (version 1 was signed off by Ada Board, Chair of the board, on {day})."
    )
    assert expected in page
    assert expected in public
    assert "I confirm that Acme accepts version 2 of “Today”." in public
    version_1 = history[history.index('id="version-1"') :]
    assert "Signed off</span> by Ada Board (Chair of the board)" in version_1
    version_2 = history[history.index('id="version-2"') : history.index('id="version-1"')]
    assert "Signed off" not in version_2
    one = reverse("orgdesign:scenario-version", args=[scenario.pk, 1])
    two = reverse("orgdesign:scenario-version", args=[scenario.pk, 2])
    assert "Signed off</span> by Ada Board" in client.get(one).content.decode()
    assert "Signed off</span>" not in client.get(two).content.decode()


def test_a_signoff_of_a_version_changed_meanwhile_is_refused(client, link):
    scenario = link.scenario
    scenario_update(
        scenario=scenario,
        user=scenario.client.owner,
        answers={**scenario.answers, "stage": "scaleup"},
    )

    response = _signoff(client, link, version="1")

    assert response.status_code == 400
    assert "version 2 is current" in response.content.decode()
    assert "I confirm that Acme accepts version 2" in response.content.decode()
    assert not SignOff.objects.exists()


# --- The firm's side ---------------------------------------------------------------------


def test_the_consultant_sees_comments_by_what_they_are_about_and_answers_one(client, link):
    scenario = link.scenario
    whole = make_review_comment(link=link, text="Looks right overall.")
    on_reason = make_review_comment(link=link, text="Why the CEO?", about=("reason", REASON))
    make_review_comment(link=link, text="Part-time?", author_name="Bob", about=("seat", "cto"))
    owner = scenario.client.owner
    client.force_login(owner)

    html = client.get(reverse("orgdesign:scenario-detail", args=[scenario.pk])).content.decode()

    assert "Comments (3)" in html
    order = [html.index(text) for text in ("Looks right overall.", "Why the CEO?", "Part-time?")]
    assert order == sorted(order)  # the whole, then the reasons, then the seats
    assert "Reason 2: The CTO reports to the CEO" in html
    assert "Seat: Chief Technology Officer (CTO)" in html
    reply_url = reverse("orgdesign:comment-reply", args=[on_reason.pk])
    assert f'action="{reply_url}"' in html
    assert f'action="{reverse("orgdesign:comment-reply", args=[whole.pk])}"' in html

    response = client.post(reply_url, {"text": "Because the product is the business."})

    assert response["Location"] == (
        reverse("orgdesign:scenario-detail", args=[scenario.pk]) + f"#comment-{on_reason.pk}"
    )
    reply = ReviewReply.objects.get()
    assert (reply.comment, reply.author) == (on_reason, owner)
    public = Client().get(_page(link.token)).content.decode()
    assert "Because the product is the business." in public
    assert "Reply from Olivia Owner" in public


def test_an_empty_reply_is_refused_by_name(client, link):
    comment = make_review_comment(link=link)
    client.force_login(link.scenario.client.owner)

    response = client.post(reverse("orgdesign:comment-reply", args=[comment.pk]), {"text": ""})

    assert response.status_code == 400
    assert "Your reply: please write something before sending." in response.content.decode()
    assert not ReviewReply.objects.exists()


def test_a_viewer_reads_comments_but_gets_no_reply_form(client, link):
    comment = make_review_comment(link=link, text="A question")
    viewer = add_member(firm=link.scenario.client.firm, role="viewer").user
    client.force_login(viewer)

    html = client.get(
        reverse("orgdesign:scenario-detail", args=[link.scenario.pk])
    ).content.decode()

    assert "A question" in html
    assert reverse("orgdesign:comment-reply", args=[comment.pk]) not in html


def test_a_revoked_or_expired_link_hides_its_review_from_public_view_not_from_the_firm(
    client, link
):
    make_review_comment(link=link, text="Visible while the link works")
    make_signoff(link=link)
    expired = make_share_link(scenario=link.scenario)
    make_review_comment(link=expired, text="Through the expired link")
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    share_link_revoke(link=link)

    for token in (link.token, expired.token):
        response = client.get(_page(token))
        assert response.status_code == 404
        html = response.content.decode()
        assert "Visible while the link works" not in html
        assert "Through the expired link" not in html
        assert "Ada Board" not in html
        post = _comment(client, ShareLink.objects.get(token=token), text="Too late")
        assert post.status_code == 404
    assert ReviewComment.objects.filter(text="Too late").count() == 0

    client.force_login(link.scenario.client.owner)
    firm = client.get(
        reverse("orgdesign:scenario-detail", args=[link.scenario.pk])
    ).content.decode()
    assert "Visible while the link works" in firm
    assert "Through the expired link" in firm
    assert "(no longer active)" in firm
    assert "Signed off: version 1, by Ada Board (Chair of the board)" in firm


def test_a_link_shows_only_the_comments_made_through_it(client, link):
    other = make_share_link(scenario=link.scenario)
    make_review_comment(link=other, text="Sent through the other link")
    make_signoff(link=other, name="Carol")

    html = client.get(_page(link.token)).content.decode()

    assert "Sent through the other link" not in html
    assert "Carol" not in html
    assert "No comments yet." in html


# --- Notifications -----------------------------------------------------------------------


def test_the_firm_is_emailed_with_the_scenario_link_after_the_comment_is_saved(
    client, link, django_capture_on_commit_callbacks
):
    scenario = link.scenario
    editor = add_member(firm=scenario.client.firm).user
    scenario_update(
        scenario=scenario, user=editor, answers={**scenario.answers, "stage": "scaleup"}
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _comment(client, link, version="2", about="seat:cto", text="Part-time CTO?")

    assert len(callbacks) == 1
    [message] = mail.outbox
    assert sorted(message.to) == sorted([scenario.client.owner.email, editor.email])
    assert message.subject == "New comment on “Today” (Acme)"
    assert "Ada Board commented on version 2 of “Today” for Acme." in message.body
    assert "About: Seat: Chief Technology Officer (CTO)" in message.body
    assert "Part-time CTO?" in message.body
    url = "http://testserver" + reverse("orgdesign:scenario-detail", args=[scenario.pk])
    assert url in message.body


def test_the_firm_is_emailed_about_a_signoff_once(client, link, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _signoff(client, link)

    [message] = mail.outbox
    assert message.to == [link.scenario.client.owner.email]
    assert (
        "Ada Board (Chair of the board) signed off version 1 of “Today” for Acme." in message.body
    )


def test_no_email_is_sent_for_a_refused_comment(client, link, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _comment(client, link, text="")

    assert callbacks == [] and mail.outbox == []


# --- Abuse limits, CSRF and headers ------------------------------------------------------


def test_comments_are_limited_per_address(client, link, settings):
    settings.ORGDESIGN_RATE_LIMITS = {**settings.ORGDESIGN_RATE_LIMITS, "review": (2, 3600)}

    statuses = [_comment(client, link, text=f"Comment {i}").status_code for i in range(3)]

    assert statuses == [302, 302, 429]
    assert ReviewComment.objects.count() == 2
    response = _signoff(client, link)
    assert response.status_code == 429
    assert "Too many comments or sign-offs were sent from your address." in (
        response.content.decode()
    )
    assert not SignOff.objects.exists()


def test_comments_are_limited_per_link_whatever_the_address(link, settings):
    settings.ORGDESIGN_RATE_LIMITS = {**settings.ORGDESIGN_RATE_LIMITS, "review_link": (2, 3600)}

    statuses = [
        _comment(Client(REMOTE_ADDR=f"10.0.0.{i}"), link, text=f"C{i}").status_code
        for i in range(3)
    ]
    other = make_share_link(scenario=link.scenario)

    assert statuses == [302, 302, 429]
    assert _comment(Client(REMOTE_ADDR="10.0.0.9"), other).status_code == 302


def test_a_comment_without_the_csrf_token_is_refused(link):
    browser = Client(enforce_csrf_checks=True)

    response = _comment(browser, link)

    assert response.status_code == 403
    assert not ReviewComment.objects.exists()


def test_the_share_page_keeps_its_headers_and_policy(client, link):
    response = client.get(_page(link.token))

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # The token never leaves the site in a Referer; the page's own forms keep their Origin.
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "form-action 'self'" in policy and "script-src 'self' 'nonce-" in policy


# --- Query counts ------------------------------------------------------------------------


def _queries(client, url: str, expected: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert expected in response.content.decode()
    return len(context.captured_queries)


def test_the_share_page_and_the_scenario_page_cost_the_same_for_1_or_10_comments(client):
    counts = {}
    owner = make_user(first_name="Olivia")
    for n in (1, 10):
        link = make_share_link(scenario=make_scenario(client=make_client(owner=owner)))
        for i in range(n):
            comment = make_review_comment(
                link=link, text=f"Comment {i}", about=("reason", REASON) if i % 2 else ("", "")
            )
            review_reply_add(comment=comment, user=owner, text=f"Reply {i}")
        make_signoff(link=link)
        client.logout()
        public = _queries(client, _page(link.token), f"Reply {n - 1}")
        client.force_login(owner)
        firm = _queries(
            client,
            reverse("orgdesign:scenario-detail", args=[link.scenario.pk]),
            f"Reply {n - 1}",
        )
        counts[n] = (public, firm)

    assert counts[1] == counts[10]


def test_a_superuser_finds_comments_with_replies_and_signoffs_in_the_admin(client, link):
    comment = make_review_comment(link=link, text="Asked in the admin")
    review_reply_add(comment=comment, user=link.scenario.client.owner, text="Answered there")
    make_signoff(link=link)
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))

    comments = client.get(reverse("admin:orgdesign_reviewcomment_changelist")).content.decode()
    change = client.get(
        reverse("admin:orgdesign_reviewcomment_change", args=[comment.pk])
    ).content.decode()
    signoffs = client.get(reverse("admin:orgdesign_signoff_changelist")).content.decode()

    assert "Ada Board" in comments
    assert "Asked in the admin" in change and "Answered there" in change
    assert "Chair of the board" in signoffs


def test_a_comment_on_a_scenario_in_the_trash_cannot_be_answered(client, link):
    from orgdesign.services import scenario_trash

    comment = make_review_comment(link=link)
    owner = link.scenario.client.owner
    scenario_trash(scenario=link.scenario, user=owner)
    client.force_login(owner)

    response = client.post(
        reverse("orgdesign:comment-reply", args=[comment.pk]), {"text": "Still here?"}
    )

    assert response.status_code == 404
    assert not ReviewReply.objects.exists()


def test_the_scenario_page_head_links_to_the_comments_and_counts_the_unanswered(client, link):
    answered = make_review_comment(link=link, text="First question")
    make_review_comment(link=link, text="Second question")
    owner = link.scenario.client.owner
    review_reply_add(comment=answered, user=owner, text="An answer")
    client.force_login(owner)

    html = client.get(
        reverse("orgdesign:scenario-detail", args=[link.scenario.pk])
    ).content.decode()

    assert '<a href="#review">2 comments from the client</a>, 1 not answered yet' in html
