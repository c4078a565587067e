"""`python manage.py export_workspace USERNAME [--output FILE]`: a consultant's workspace
as JSON (see `orgdesign.workspace_io`), on standard output or into FILE."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from orgdesign.workspace_io import workspace_export_json


def user_named(username: str):
    """The account called `username`, or CommandError."""
    User = get_user_model()  # noqa: N806
    try:
        return User.objects.get(**{User.USERNAME_FIELD: username})
    except User.DoesNotExist:
        raise CommandError(f"No user named {username!r}.") from None


class Command(BaseCommand):
    help = (
        "Write all clients, scenarios, their history, share links (without their secret "
        "tokens) and branding of one consultant as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the consultant whose workspace to export")
        parser.add_argument("--output", metavar="FILE", help="write to FILE (default: stdout)")

    def handle(self, *args, **options):
        user = user_named(options["username"])
        text = workspace_export_json(user=user)
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {options['output']}: {exc}") from exc
            self.stderr.write(
                f"Wrote the workspace of {user.get_username()} to {options['output']}."
            )
        else:
            self.stdout.write(text, ending="")
