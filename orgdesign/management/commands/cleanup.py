"""`python manage.py cleanup`: the periodic clean-up, run once a day (docs/deploy.md).

- expired sessions (Django's `clearsessions`);
- share links revoked or expired more than `--share-link-days` days ago (default 90): they
  open nothing any more, and after that time the owner's record of them is no use;
- clients and scenarios in the firms' trash for more than TRASH_DAYS (30) days, with
  their history and share links (`services.trash_purge_expired`);
- expired entries of the database caches (the rate-limit counters and rendered reports;
  Redis expires its own).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections, router, transaction
from django.db.models import Q
from django.utils import timezone

from orgdesign.models import ShareLink
from orgdesign.services import trash_purge_expired

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


def share_links_delete_stale(*, days: int) -> int:
    """Delete share links revoked or expired more than `days` days ago; how many went."""
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = ShareLink.all_objects.filter(
        Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    ).delete()
    return deleted


def cache_delete_expired() -> dict[str, int]:
    """Delete the expired rows of every database cache; how many went, per cache alias."""
    counts: dict[str, int] = {}
    now = timezone.now()
    for alias, conf in settings.CACHES.items():
        if conf["BACKEND"] != DATABASE_CACHE:
            continue
        database = router.db_for_write(caches[alias].cache_model_class)
        connection = connections[database]
        table = connection.ops.quote_name(conf["LOCATION"])
        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE expires < %s",  # noqa: S608 - a table name from settings
                [connection.ops.adapt_datetimefield_value(now)],
            )
            counts[alias] = cursor.rowcount
    return counts


class Command(BaseCommand):
    help = (
        "Delete expired sessions, stale share links, what is in the trash for over 30 days "
        "and expired cache entries."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--share-link-days",
            type=int,
            default=90,
            help="keep revoked or expired share links this many days (default 90)",
        )

    def handle(self, *args, **options):
        call_command("clearsessions")
        links = share_links_delete_stale(days=max(options["share_link_days"], 0))
        clients, scenarios = trash_purge_expired()
        expired = cache_delete_expired()
        cache_text = ", ".join(f"{alias} {count}" for alias, count in expired.items()) or "none"
        self.stdout.write(
            f"Cleaned up: expired sessions; {links} stale share links; "
            f"from the trash {clients} clients and {scenarios} scenarios; "
            f"expired cache entries: {cache_text}."
        )
