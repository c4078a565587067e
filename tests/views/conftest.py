"""Fixtures shared by the view tests."""

import pytest

from orgdesign.services import share_link_revoke
from tests.factories import make_client, make_scenario, make_share_link, make_user


@pytest.fixture
def consultant(client):
    """A consultant, signed in on the test client."""
    user = make_user()
    client.force_login(user)
    return user


@pytest.fixture
def world():
    """Consultant A with a client, two scenarios and two share links (one revoked), and
    consultant B, who owns nothing."""
    owner = make_user(username="owner-a")
    intruder = make_user(username="intruder-b")
    client_a = make_client(owner=owner, name="Client of A", notes="A's private notes")
    scenario = make_scenario(client=client_a, name="Scenario of A")
    make_scenario(client=client_a, name="Second of A")
    link = make_share_link(scenario=scenario)
    revoked = share_link_revoke(link=make_share_link(scenario=scenario))
    return {
        "owner": owner,
        "intruder": intruder,
        "kwargs": {
            "client_id": client_a.pk,
            "scenario_id": scenario.pk,
            "number": 1,
            "link_id": link.pk,
        },
        "scenario": scenario,
        "share_token": link.token,
        "revoked_token": revoked.token,
    }
