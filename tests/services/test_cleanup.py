"""`manage.py cleanup`: expired sessions, stale share links and expired cache entries go;
everything still in use stays."""

import io
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from orgdesign.models import ShareLink
from tests.factories import make_scenario, make_share_link


def _cache_rows(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return sorted(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_cleanup_deletes_expired_sessions_stale_links_and_expired_cache_entries(settings):
    assert settings.CACHES["default"]["LOCATION"] == "orgdesign_cache"
    now = timezone.now()
    # Sessions: one expired, one live.
    for key, expiry in (("old", -1), ("live", 3600)):
        store = SessionStore(session_key=None)
        store["marker"] = key
        store.set_expiry(expiry)
        store.create()
    # Share links: revoked long ago, expired long ago, revoked yesterday, active.
    scenario = make_scenario()
    revoked_long_ago = make_share_link(scenario=scenario)
    expired_long_ago = make_share_link(scenario=scenario)
    revoked_lately = make_share_link(scenario=scenario)
    active = make_share_link(scenario=scenario)
    ShareLink.objects.filter(pk=revoked_long_ago.pk).update(revoked_at=now - timedelta(days=91))
    ShareLink.objects.filter(pk=expired_long_ago.pk).update(expires_at=now - timedelta(days=120))
    ShareLink.objects.filter(pk=revoked_lately.pk).update(revoked_at=now - timedelta(days=1))
    # Cache: one entry already expired, one live.
    cache = caches["default"]
    cache.set("expired", 1, timeout=1)
    cache.set("live", 1, timeout=3600)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE orgdesign_cache SET expires = %s WHERE cache_key LIKE %s",
            [connection.ops.adapt_datetimefield_value(now - timedelta(minutes=5)), "%expired"],
        )
    out = io.StringIO()

    call_command("cleanup", stdout=out)

    remaining = [
        SessionStore(session_key=s.session_key).load().get("marker") for s in Session.objects.all()
    ]
    assert remaining == ["live"]
    assert set(ShareLink.objects.values_list("pk", flat=True)) == {revoked_lately.pk, active.pk}
    assert _cache_rows("orgdesign_cache") == [cache.make_key("live")]
    assert "2 stale share links" in out.getvalue()
    assert "default 1" in out.getvalue()


@pytest.mark.django_db
def test_cleanup_keeps_links_for_as_many_days_as_asked():
    link = make_share_link()
    ShareLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now() - timedelta(days=10))

    call_command("cleanup", "--share-link-days", "30", stdout=io.StringIO())
    assert ShareLink.objects.filter(pk=link.pk).exists()

    call_command("cleanup", "--share-link-days", "7", stdout=io.StringIO())
    assert not ShareLink.objects.filter(pk=link.pk).exists()
