"""Factories that build test data (plain functions with sensible defaults).

Tests create exactly the rows they need through these helpers instead of sharing fixtures.
"""

import itertools

from django.contrib.auth import get_user_model

# --- Workspace: consultants, clients, scenarios, share links ------------------------------

_sequence = itertools.count(1)

SOFTWARE_STARTUP = {"stage": "startup", "industry": "software", "product_focus": "tech_product"}
REGIONAL_BANK = {"stage": "mid_size", "industry": "finance", "product_focus": "internal"}


TEST_PASSWORD = "a-long-test-passphrase-42"  # noqa: S105


def make_user(*, username: str | None = None, password: str = TEST_PASSWORD, **extra):
    """A consultant (plain active user) with a known password."""
    username = username or f"consultant{next(_sequence)}"
    return get_user_model().objects.create_user(
        username=username, password=password, email=f"{username}@example.com", **extra
    )


def make_client(
    *, owner=None, name: str | None = None, industry: str = "", notes: str = "", firm=None
):
    """A client made by `owner` (a new consultant when not given) for `firm` (by default
    the owner's firm, one of their own when they have none)."""
    from orgdesign.services import client_create

    return client_create(
        owner=owner or make_user(),
        name=name or f"Client {next(_sequence)}",
        industry=industry,
        notes=notes,
        firm=firm,
    )


def make_scenario(*, client=None, owner=None, name: str | None = None, answers=None):
    """A scenario saved through the service (so its recommendation is the engine's)."""
    from orgdesign.services import scenario_create

    client = client or make_client(owner=owner)
    return scenario_create(
        client=client,
        name=name or f"Scenario {next(_sequence)}",
        answers=dict(answers or SOFTWARE_STARTUP),
        user=client.owner,
    )


def make_share_link(*, scenario=None, expires_at=None):
    from orgdesign.services import share_link_create

    return share_link_create(scenario=scenario or make_scenario(), expires_at=expires_at)


def add_member(*, firm, user=None, role: str = "consultant"):
    """`user` (a new consultant when not given) as a member of `firm` with `role`."""
    from orgdesign.models import Membership

    return Membership.objects.create(firm=firm, user=user or make_user(), role=role)


def make_review_comment(
    *, link=None, text: str = "Why a CTO first?", author_name: str = "Ada Board", about=("", "")
):
    """A client's comment through `link` (a new share link when not given) on the version
    it shows; `about` is (target, key): the whole advice by default."""
    from orgdesign.services import review_comment_add

    link = link or make_share_link()
    target, key = about
    return review_comment_add(
        link=link,
        version=link.scenario.version,
        target=target or "recommendation",
        target_key=key,
        author_name=author_name,
        text=text,
        scenario_url="http://testserver/",
    )


def make_signoff(*, link=None, name: str = "Ada Board", role: str = "Chair of the board"):
    """A client's sign-off through `link` (a new share link when not given) of the version
    its scenario is at."""
    from orgdesign.services import signoff_add

    link = link or make_share_link()
    return signoff_add(
        link=link,
        version=link.scenario.version,
        name=name,
        role=role,
        scenario_url="http://testserver/",
    )
