"""Selectors of the workspace: ownership, search, compare picks, active share links."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from orgdesign.models import ShareLink
from orgdesign.selectors import (
    client_get_for_user,
    client_list_for_user,
    scenario_get_for_user,
    scenarios_for_compare,
    share_link_get_active,
    share_link_get_for_user,
)
from orgdesign.services import share_link_revoke
from tests.factories import (
    make_client,
    make_scenario,
    make_share_link,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_client_list_shows_only_the_users_clients_with_counts_and_search():
    owner = make_user()
    acme = make_client(owner=owner, name="Acme")
    make_client(owner=owner, name="Beta Bank")
    make_client(name="Acme of someone else")
    make_scenario(client=acme)

    assert [c.name for c in client_list_for_user(user=owner)] == ["Acme", "Beta Bank"]
    assert [c.name for c in client_list_for_user(user=owner, search=" acm ")] == ["Acme"]
    assert client_list_for_user(user=owner).get(name="Acme").scenario_count == 1


def test_getters_raise_404_for_another_consultant_and_for_anonymous():
    scenario = make_scenario()
    link = make_share_link(scenario=scenario)
    stranger = make_user()

    for user in (stranger, AnonymousUser()):
        with pytest.raises(Http404):
            client_get_for_user(user=user, client_id=scenario.client_id)
        with pytest.raises(Http404):
            scenario_get_for_user(user=user, scenario_id=scenario.pk)
        with pytest.raises(Http404):
            share_link_get_for_user(user=user, link_id=link.pk)
    owner = scenario.client.owner
    assert scenario_get_for_user(user=owner, scenario_id=scenario.pk) == scenario


def test_scenarios_for_compare_returns_the_picks_in_order():
    client = make_client()
    a, b, c = (make_scenario(client=client) for _ in range(3))

    picked = scenarios_for_compare(
        user=client.owner, client_id=client.pk, scenario_ids=[c.pk, a.pk]
    )

    assert picked == [c, a]


@pytest.mark.parametrize("count", [0, 1, 5])
def test_scenarios_for_compare_refuses_fewer_than_two_or_more_than_four(count):
    client = make_client()
    ids = [make_scenario(client=client).pk for _ in range(count)]

    with pytest.raises(Http404):
        scenarios_for_compare(user=client.owner, client_id=client.pk, scenario_ids=ids)


def test_scenarios_for_compare_refuses_a_scenario_of_another_client():
    client = make_client()
    other = make_client(owner=client.owner)
    mine = make_scenario(client=client)
    elsewhere = make_scenario(client=other)

    with pytest.raises(Http404):
        scenarios_for_compare(
            user=client.owner, client_id=client.pk, scenario_ids=[mine.pk, elsewhere.pk]
        )
    with pytest.raises(Http404):
        scenarios_for_compare(
            user=make_user(), client_id=client.pk, scenario_ids=[mine.pk, mine.pk + 1000]
        )


def test_share_link_get_active_refuses_revoked_expired_and_unknown_tokens():
    live = make_share_link()
    revoked = share_link_revoke(link=make_share_link())
    expired = make_share_link()
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))

    assert share_link_get_active(token=live.token) == live
    for token in (revoked.token, expired.token, live.token + "x", "", "x" * 500):
        with pytest.raises(Http404):
            share_link_get_active(token=token)
