"""Every URL of the app, for each member of a firm and for everyone else.

The test walks the "orgdesign" namespace of the URLconf. Each pattern is in exactly one
class below (a pattern in none fails the test, so a new one cannot be forgotten):

- READ: a page of one of the firm's objects. Owner, consultant and viewer get the page
  itself (200, the object's name in it, or the file named after it).
- WRITE: a page that changes one of the firm's objects. Owner and consultant get the page;
  a viewer gets 403 for GET and POST and nothing changes.
- OWNER: the firm's members. The owner gets the page; consultant and viewer 403.
- For all three, a member of another firm gets 404 for GET and POST (nothing changes, the
  object's name never shows) and an anonymous visitor is sent to sign in (exactly that
  redirect) or gets 404/405.
- FIRM_PAGES: pages without an id that show or change the member's own firm (the list of
  clients, branding...): each role gets what the table says.
- PUBLIC_TOKEN / NOT_OWNED / OPEN: reached by a token, or naming nothing of a firm.
"""

import pytest
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from orgdesign.models import (
    Branding,
    Client,
    Firm,
    Invitation,
    Membership,
    ReviewComment,
    ReviewReply,
    Scenario,
    ScenarioVersion,
    ShareLink,
    SignOff,
)
from tests.urlwalk import routes

pytestmark = pytest.mark.django_db

REPORT_FORMATS = ("pptx", "docx", "svg", "png")
READ = {
    "client-detail",
    "scenario-detail",
    "scenario-history",
    "scenario-version",
    "scenario-compare",
    "report-pack",
    "report-scenario",
    *(f"report-scenario-{fmt}" for fmt in REPORT_FORMATS),
    "report-compare",
    "report-compare-pptx",
    "report-compare-docx",
}
WRITE = {
    "client-update",
    "client-delete",
    "scenario-create",
    "scenario-edit",
    "scenario-rename",
    "scenario-duplicate",
    "scenario-delete",
    "scenario-restore",
    "scenario-accept-rules",
    "scenario-share",
    "share-revoke",
    "share-label",
    "trash-client-restore",
    "trash-scenario-restore",
    "comment-reply",
    "scenario-voice",
}
# Owner only; member-role and the trash's restores take POST alone (GET is 405 for
# everyone; test_trash.py posts to the restores as each role).
OWNER = {
    "member-remove",
    "member-role",
    "invitation-withdraw",
    "trash-client-purge",
    "trash-scenario-purge",
}
POST_ONLY = {"member-role", "trash-client-restore", "trash-scenario-restore"}
# Public by design: what they show is reached only through the token.
PUBLIC_TOKEN = {
    "shared-scenario",
    "report-shared",
    *(f"report-shared-{fmt}" for fmt in REPORT_FORMATS),
    "wizard-resume",
    "invitation-accept",
    "shared-comment",
    "shared-signoff",
}
# Kwargs that name no stored object of a firm (a session step, Django's reset link).
NOT_OWNED = {
    "wizard-step": "the step slug of the visitor's own session",
    "password_reset_confirm": "Django's signed one-time reset link",
}
# Without an id: the member's own firm. Status of GET for owner, consultant, viewer.
FIRM_PAGES = {
    "client-list": (200, 200, 200),
    "client-create": (200, 200, 403),
    "branding": (200, 200, 200),  # read-only for all but the owner: see test_branding.py
    "firm-members": (200, 403, 403),
    "account": (200, 200, 200),
    "account-export": (200, 200, 200),
    "firm-leave": (200, 200, 200),
    "branding-logo": (404, 404, 404),  # no logo set in this world
    "wizard-save": (405, 405, 405),  # POST only: see test_a_viewer_cannot_save_a_result
    "trash": (200, 200, 200),
    "firm-rename": (405, 405, 405),  # POST only, the owner: see test_firm.py
}
# Without an id, and nothing of a firm: the questionnaire, the API, Django's auth pages.
OPEN = {
    "home", "wizard", "wizard-review", "wizard-restart", "wizard-cancel", "result",
    "api-recommendation",
    "login", "logout", "signup", "password_change", "password_change_done", "password_reset",
    "password_reset_done", "password_reset_complete", "report-result",
    *(f"report-result-{fmt}" for fmt in REPORT_FORMATS),
}  # fmt: skip
OBJECT_PAGES = READ | WRITE | OWNER
MEMBERS = ("owner", "consultant", "viewer")
# A report route ending in a format's name serves that format; the others, the PDF.
REPORT_CONTENT_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "svg": "image/svg+xml",
    "png": "image/png",
}


def app_patterns() -> dict[str, set[str]]:
    """Name -> kwargs of every named pattern of the app."""
    return {r.name: set(r.kwargs) for r in routes() if r.namespace == "orgdesign" and r.name}


def _snapshot():
    return (
        list(Client.objects.values_list("id", "name", "notes", "firm_id")),
        list(Scenario.objects.values_list("id", "name", "version", "answers", "voice")),
        ScenarioVersion.objects.count(),
        list(ShareLink.objects.values_list("id", "revoked_at", "label")),
        list(Membership.objects.values_list("id", "firm_id", "role")),
        list(Branding.objects.values_list("id", "firm_name")),
        list(Firm.objects.values_list("id", "name")),
        list(Invitation.objects.values_list("id", "accepted_at")),
        list(Client.all_objects.values_list("id", "deleted_at")),
        list(Scenario.all_objects.values_list("id", "deleted_at")),
        list(ReviewComment.objects.values_list("id", "text")),
        list(ReviewReply.objects.values_list("id", "text")),
        list(SignOff.objects.values_list("id", "version")),
    )


def _url(world, name: str) -> str:
    kwargs = app_patterns()[name]
    first, second = Scenario.objects.filter(client__firm=world["firm"]).values_list(
        "pk", flat=True
    )[:2]
    path = reverse(f"orgdesign:{name}", kwargs={k: world["kwargs"][k] for k in kwargs})
    return path + f"?s={first}&s={second}"


def test_every_pattern_is_known_to_this_test():
    known = OBJECT_PAGES | PUBLIC_TOKEN | set(NOT_OWNED) | set(FIRM_PAGES) | OPEN
    patterns = app_patterns()
    unknown = sorted(set(patterns) - known)

    assert unknown == [], f"Add these patterns to the access matrix: {unknown}"
    # Every pattern that names a firm's object is in exactly one class.
    assert not (READ & WRITE or READ & OWNER or WRITE & OWNER)
    with_ids = {n for n, k in patterns.items() if k} - PUBLIC_TOKEN - set(NOT_OWNED)
    assert with_ids == OBJECT_PAGES


def _assert_the_page_itself(response, name: str, kwargs: set[str]) -> None:
    assert response.status_code == 200, (name, response.status_code)
    if name.startswith("report-"):
        fmt = name.rsplit("-", 1)[-1]
        assert response["Content-Type"] == REPORT_CONTENT_TYPES.get(fmt, "application/pdf")
        assert 'filename="client-of-a-' in response["Content-Disposition"], name
    elif "member_id" in kwargs:
        assert "consultant-a" in response.content.decode(), name
    elif "invitation_id" in kwargs:
        assert "invited-a@example.com" in response.content.decode(), name
    elif kwargs & {"trashed_client_id", "trashed_scenario_id"}:
        shown = "Trashed client of A" if "trashed_client_id" in kwargs else "Trashed scenario of A"
        assert shown in response.content.decode(), (name, shown)
    else:
        shown = (
            "Scenario of A" if kwargs & {"scenario_id", "link_id", "comment_id"} else "Client of A"
        )
        assert shown in response.content.decode(), (name, shown)


@pytest.mark.parametrize("role", MEMBERS)
def test_each_member_gets_the_pages_their_role_allows(client, world, role):
    """Owner: every page. Consultant: all but the owner's. Viewer: reads only; each write
    page is 403 for GET and POST, and nothing changes."""
    client.force_login(world[role])
    before = _snapshot()
    allowed = {
        "owner": OBJECT_PAGES,
        "consultant": READ | WRITE,
        "viewer": READ,
    }[role]
    checked = 0
    for name, kwargs in app_patterns().items():
        if name not in OBJECT_PAGES or name in POST_ONLY:
            continue
        url = _url(world, name)
        response = client.get(url)
        if name in allowed:
            _assert_the_page_itself(response, name, kwargs)
        else:
            assert response.status_code == 403, (role, name, response.status_code)
            why = (
                "Only the firm&#x27;s owner can do this."
                if name in OWNER
                else "As a viewer you can read and export the firm&#x27;s work, not change it."
            )
            assert why in response.content.decode(), (role, name)
            assert "Client of A" not in response.content.decode()
            post = client.post(url, {"name": "changed", "role": "owner", "expires_on": ""})
            assert post.status_code == 403, (role, name, post.status_code)
        checked += 1

    assert _snapshot() == before
    assert checked == len(OBJECT_PAGES - POST_ONLY)


@pytest.mark.parametrize("role", ("consultant", "viewer"))
def test_only_the_owner_changes_a_members_role(client, world, role):
    client.force_login(world[role])
    before = _snapshot()
    url = reverse("orgdesign:member-role", args=[world["kwargs"]["member_id"]])
    prefix = f"m{world['kwargs']['member_id']}"

    response = client.post(url, {f"{prefix}-role": "owner", "transfer": "1"})

    assert response.status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("role", MEMBERS)
def test_the_firm_pages_without_an_id_follow_the_role(client, world, role):
    client.force_login(world[role])
    column = MEMBERS.index(role)
    for name, statuses in FIRM_PAGES.items():
        response = client.get(reverse(f"orgdesign:{name}"))
        assert response.status_code == statuses[column], (role, name, response.status_code)


def test_a_viewer_cannot_save_a_result_or_add_a_client(client, world, prime_wizard):
    from tests.factories import SOFTWARE_STARTUP

    client.force_login(world["viewer"])
    prime_wizard(client, answers=dict(SOFTWARE_STARTUP))
    before = _snapshot()

    save = client.post(
        reverse("orgdesign:wizard-save"), {"name": "Viewer's", "new_client": "Viewer's client"}
    )
    create = client.post(reverse("orgdesign:client-create"), {"name": "Viewer's client"})

    assert (save.status_code, create.status_code) == (403, 403)
    assert _snapshot() == before


def test_another_firms_member_gets_404_and_changes_nothing(client, world):
    client.force_login(world["intruder"])
    before = _snapshot()
    checked = []

    for name in sorted(OBJECT_PAGES):
        url = _url(world, name)
        get = client.get(url)
        post = client.post(url, {"name": "hijacked", "role": "viewer", "expires_on": ""})
        assert get.status_code == (405 if name in POST_ONLY else 404), (name, get.status_code)
        assert post.status_code in (404, 405), (name, post.status_code)
        assert b"Client of A" not in get.content + post.content
        checked.append(name)

    assert _snapshot() == before
    assert len(checked) == len(OBJECT_PAGES)


def test_an_anonymous_visitor_is_sent_to_sign_in_and_changes_nothing(client, world):
    before = _snapshot()

    for name in sorted(OBJECT_PAGES | set(FIRM_PAGES)):
        url = _url(world, name) if name in OBJECT_PAGES else reverse(f"orgdesign:{name}")
        for response in (client.get(url), client.post(url, {"name": "hijacked"})):
            if response.status_code == 302:
                # Exactly the sign-in page, coming back here afterwards.
                assert response["Location"] == redirect_to_login(url).url, name
            else:
                assert response.status_code in (404, 405), (name, response.status_code)
            assert b"Client of A" not in response.content

    assert _snapshot() == before


@pytest.mark.parametrize("bad", ["wrong-token", "revoked"])
def test_public_token_pages_refuse_a_wrong_or_revoked_token(client, world, bad):
    token = world["revoked_token"] if bad == "revoked" else "wrong-token"
    bad_token_status = {"wizard-resume": {400, 404}}
    for name in sorted(PUBLIC_TOKEN):
        response = client.get(reverse(f"orgdesign:{name}", kwargs={"token": token}))
        assert response.status_code in bad_token_status.get(name, {404}), (name, bad)
        assert b"Client of A" not in response.content


@pytest.mark.parametrize("role", MEMBERS)
def test_only_members_who_may_write_see_the_controls_that_change(client, world, role):
    client.force_login(world[role])
    pages = [
        reverse("orgdesign:client-list"),
        reverse("orgdesign:client-detail", args=[world["kwargs"]["client_id"]]),
        reverse("orgdesign:scenario-detail", args=[world["kwargs"]["scenario_id"]]),
    ]
    html = "".join(client.get(url).content.decode() for url in pages)
    scenario = world["kwargs"]["scenario_id"]
    controls = [
        reverse("orgdesign:client-create"),
        reverse("orgdesign:client-update", args=[world["kwargs"]["client_id"]]),
        reverse("orgdesign:scenario-create", args=[world["kwargs"]["client_id"]]),
        reverse("orgdesign:scenario-edit", args=[scenario]),
        reverse("orgdesign:scenario-share", args=[scenario]),
        reverse("orgdesign:scenario-delete", args=[scenario]),
    ]

    shown = [url for url in controls if f'"{url}"' in html]

    assert shown == ([] if role == "viewer" else controls)
    assert reverse("orgdesign:report-scenario", args=[scenario]) in html
