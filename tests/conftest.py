"""Shared pytest fixtures. The environment for the run is set in tests/environment.py."""

from pathlib import Path

import pytest

from orgdesign.services import client_trash, invitation_create, scenario_trash, share_link_revoke
from tests.factories import (
    add_member,
    make_client,
    make_review_comment,
    make_scenario,
    make_share_link,
    make_user,
)

REVIEW_DIR = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


def pytest_addoption(parser):
    parser.addoption(
        "--review-shots",
        action="store_true",
        help="keep a screenshot of the pages the browser tests visit (make review)",
    )


@pytest.fixture
def shot(request):
    """`shot(page, name)`: with --review-shots (`make review`), a full-page screenshot in
    test-artifacts/screenshots/NAME.png for a person to look at; otherwise nothing."""
    keep = request.config.getoption("--review-shots")

    def take(page, name: str) -> None:
        if keep:
            REVIEW_DIR.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(REVIEW_DIR / f"{name}.png"), full_page=True)

    return take


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use Debian's Chromium: Playwright cannot download its own browser on this machine."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing passwords with the production hasher costs most of a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_default_cache():
    """Rate-limit counts live in the "default" cache: every test starts with none.

    The cache is a database table that Django's flush between transactional tests does
    not empty, so it is cleared here whenever the test may use the database; a test
    without database access cannot have touched it.
    """
    from django.core.cache import caches
    from django.db import DatabaseError

    def clear() -> None:
        try:
            caches["default"].clear()
        except RuntimeError:  # pytest-django: this test has no database access
            pass
        except DatabaseError:  # a test that takes the database down ends with it down
            pass

    clear()
    yield
    clear()


def pytest_terminal_summary(terminalreporter):
    """What the fuzz test sent, by kind (tests/views/test_fuzz.py), also kept in
    test-artifacts/fuzz-summary.json."""
    import json
    import sys
    from pathlib import Path

    fuzzing = sys.modules.get("tests.fuzzing")
    if fuzzing is None or not fuzzing.SENT:
        return
    sent = dict(sorted(fuzzing.SENT.items()))
    out = Path(__file__).resolve().parent.parent / "test-artifacts" / "fuzz-summary.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(sent, indent=2) + "\n")
    terminalreporter.section("fuzzing: what was sent")
    for key, count in sent.items():
        terminalreporter.write_line(f"{key:<28} {count:>7}")
    terminalreporter.write_line(f"(also in {out.relative_to(out.parent.parent)})")


@pytest.fixture
def prime_wizard(db):
    """The one way to put a questionnaire in a test client's session:
    `prime_wizard(client, answers=..., target=...)` starts it as the app does
    (`orgdesign.flow.wizard_begin`): finished when given answers, empty otherwise."""
    from django.test import RequestFactory

    from orgdesign.flow import wizard_begin

    def prime(client, *, answers=None, target=None) -> None:
        request = RequestFactory().get("/")
        request.session = client.session
        wizard_begin(request, answers=answers, target=target)
        request.session.save()
        client.cookies["sessionid"] = request.session.session_key

    return prime


@pytest.fixture
def visitor():
    """A test client that answers a crash with a response (500) instead of raising it."""
    from django.test import Client

    return Client(raise_request_exception=False)


@pytest.fixture
def consultant(client):
    """A consultant, signed in on the test client."""
    user = make_user()
    client.force_login(user)
    return user


@pytest.fixture
def world():
    """Firm A: its owner with a client, two scenarios and two share links (one revoked), a
    consultant and a viewer, a client and a scenario in its trash, a pending invitation;
    and firm B, whose owner (the intruder) has a client of B's."""
    from orgdesign.models import Role

    owner = make_user(username="owner-a")
    consultant = make_user(username="consultant-a")
    viewer = make_user(username="viewer-a")
    intruder = make_user(username="intruder-b")
    client_a = make_client(owner=owner, name="Client of A", notes="A's private notes")
    firm = client_a.firm
    members = {}
    for user, role in ((consultant, Role.CONSULTANT), (viewer, Role.VIEWER)):
        members[role] = add_member(firm=firm, user=user, role=role)
    make_client(owner=intruder, name="Client of B")
    scenario = make_scenario(client=client_a, name="Scenario of A")
    make_scenario(client=client_a, name="Second of A")
    link = make_share_link(scenario=scenario)
    comment = make_review_comment(link=link, text="A's client asks a question")
    revoked = share_link_revoke(link=make_share_link(scenario=scenario))
    # In the firm's trash: hidden everywhere but the trash page.
    trashed_client = make_client(owner=owner, name="Trashed client of A")
    client_trash(client=trashed_client, user=owner)
    trashed_scenario = make_scenario(client=client_a, name="Trashed scenario of A")
    scenario_trash(scenario=trashed_scenario, user=owner)
    invitation = invitation_create(
        firm=firm, email="invited-a@example.com", role=Role.CONSULTANT, invited_by=owner
    )
    return {
        "owner": owner,
        "consultant": consultant,
        "viewer": viewer,
        "intruder": intruder,
        "firm": firm,
        "kwargs": {
            "client_id": client_a.pk,
            "scenario_id": scenario.pk,
            "number": 1,
            "link_id": link.pk,
            "member_id": members[Role.CONSULTANT].pk,
            "invitation_id": invitation.pk,
            "trashed_client_id": trashed_client.pk,
            "trashed_scenario_id": trashed_scenario.pk,
            "comment_id": comment.pk,
        },
        "scenario": scenario,
        "share_token": link.token,
        "revoked_token": revoked.token,
    }
