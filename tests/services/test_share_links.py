"""Share links: their label, "last opened" (at most one write a minute per link), and the
count of links that still open their scenario."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orgdesign import selectors, services
from orgdesign.models import ShareLink
from tests.factories import make_scenario, make_share_link

pytestmark = pytest.mark.django_db


def test_a_link_is_made_with_a_label_and_the_label_can_change():
    link = services.share_link_create(scenario=make_scenario(), label="  Maria Chen, CEO ")
    assert ShareLink.objects.get().label == "Maria Chen, CEO"

    services.share_link_set_label(link=link, label="The board")
    assert ShareLink.objects.get().label == "The board"

    services.share_link_set_label(link=link, label="")
    assert ShareLink.objects.get().label == ""


def test_a_label_with_a_line_break_is_refused_and_nothing_changes():
    link = services.share_link_create(scenario=make_scenario(), label="Board")

    with pytest.raises(ValidationError, match="The label may not contain control characters"):
        services.share_link_set_label(link=link, label="Board\nof directors")

    assert ShareLink.objects.get().label == "Board"


def test_opening_writes_at_most_once_a_minute_per_link():
    link = make_share_link()
    start = timezone.now()

    assert services.share_link_mark_opened(link=link, now=start) is True
    with CaptureQueriesContext(connection) as queries:
        too_soon = services.share_link_mark_opened(link=link, now=start + timedelta(seconds=59))
    assert too_soon is False
    assert len(queries) == 0  # the loaded link says it is too soon: no query at all
    # Another request's copy of the link, loaded before the first write, writes nothing.
    stale = ShareLink.objects.get(pk=link.pk)
    stale.last_opened_at = None
    assert services.share_link_mark_opened(link=stale, now=start + timedelta(seconds=30)) is False
    assert ShareLink.objects.get().last_opened_at == start

    later = start + timedelta(seconds=61)
    assert services.share_link_mark_opened(link=link, now=later) is True
    assert ShareLink.objects.get().last_opened_at == later


def test_the_count_of_links_counts_only_active_ones():
    scenario = make_scenario()
    make_share_link(scenario=scenario)
    make_share_link(scenario=scenario, expires_at=timezone.now() + timedelta(days=1))
    services.share_link_revoke(link=make_share_link(scenario=scenario))
    expired = make_share_link(scenario=scenario, expires_at=timezone.now() + timedelta(days=1))
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))

    assert selectors.share_links_active_count(scenario=scenario) == 2
    listed = selectors.scenario_list_for_client(client=scenario.client).get()
    assert listed.active_links == 2
