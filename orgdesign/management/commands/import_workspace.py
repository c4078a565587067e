"""`python manage.py import_workspace FILE --user USERNAME`: create USERNAME's own copy of
an exported workspace, all or nothing (see `orgdesign.workspace_io`)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgdesign.management.commands.export_workspace import user_named
from orgdesign.workspace_io import WorkspaceImportError, workspace_import


class Command(BaseCommand):
    help = (
        "Import a workspace exported by export_workspace (or downloaded from the account "
        "page) into an existing account. Nothing is written unless all of it can be."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the exported JSON file")
        parser.add_argument("--user", required=True, help="the account that will own the copy")

    def handle(self, *args, **options):
        user = user_named(options["user"])
        path = options["file"]
        try:
            payload = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{path} is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})."
            ) from exc
        try:
            summary = workspace_import(user=user, payload=payload)
        except WorkspaceImportError as exc:
            lines = "\n".join(f"  {line}" for line in exc.errors)
            raise CommandError(f"{path} was not imported:\n{lines}") from exc
        self.stdout.write(
            f"Imported into {user.get_username()}: {summary.clients} clients, "
            f"{summary.scenarios} scenarios, {summary.versions} versions, "
            f"{summary.share_links} share links (with new addresses), {summary.comments} "
            f"comments, {summary.replies} replies, {summary.signoffs} sign-offs; branding "
            f"{summary.branding}."
        )
