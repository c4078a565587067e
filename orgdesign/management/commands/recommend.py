"""`python manage.py recommend`: answers as JSON in, the recommendation as JSON out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgdesign.rules import AnswersError, recommend_json


class Command(BaseCommand):
    help = (
        "Read answers as JSON from standard input (or --answers FILE) and print the "
        "recommendation as JSON. Bad input: one line on standard error, exit status 2."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--answers", metavar="FILE", help="read the answers from FILE")

    def handle(self, *args, **options):
        path = options["answers"]
        try:
            text = Path(path).read_text(encoding="utf-8") if path else sys.stdin.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"answers: cannot read {path}: {exc}", returncode=2) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"answers: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
                returncode=2,
            ) from exc
        try:
            self.stdout.write(recommend_json(data), ending="")
        except AnswersError as exc:
            raise CommandError(exc.one_line(), returncode=2) from exc
