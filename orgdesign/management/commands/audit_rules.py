"""`python manage.py audit_rules`: what every rule table does over the whole answer space.

For each table: rows that never take effect (unreachable), rows that match only answer
sets an earlier row already took (shadowed), and answer sets that no row decides where
one must (the role model; each seat's boss, title, focus and step). Then how the role
models spread over the answer space, and the share of borderline advice. The tables are
read plainly (orgdesign.rules.plain), with the engine's facts. `--strict`: exit status 1
when any row is unreachable or shadowed, or any answer set is undecided.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from orgdesign.rules import RULESET_VERSION, plain
from orgdesign.rules import vocabulary as vocab

MODES = {
    "first": "first match decides",
    "first_per_seat": "first match per seat decides",
    "every": "every match applies",
}


def _share(part: int, whole: int) -> str:
    return f"{part:,} ({100 * part / whole:.1f} %)"


def _space() -> str:
    sizes = []
    for key in (*plain.CORE_ANSWERS, "current_leadership"):
        if key == "product_lines":
            lines = ", ".join(str(n) for n in plain.line_values())
            sizes.append(f"product lines ({lines})")
        else:
            sizes.append(f"{vocab.QUESTIONS[key].words} ({len(vocab.QUESTIONS[key].values)})")
    return " x ".join(sizes)


def _rows(n: int) -> str:
    return "1 row" if n == 1 else f"{n} rows"


def report(audit: plain.Audit, rows: bool = False) -> list[str]:
    """The audit as lines of plain text."""
    size = audit.size
    lines = [
        f"Rule audit, ruleset {RULESET_VERSION}",
        f"Answer space: {size:,} answer sets ({_space()}).",
        "",
        "Tables",
    ]
    for table in audit.tables:
        never = len(table.unreachable) + len(table.shadowed)
        firing = len(table.rows) - never
        lines.append(
            f"  {table.name}: {_rows(len(table.rows))}, {MODES[table.mode]}; "
            f"{firing} take effect, {len(table.unreachable)} unreachable, "
            f"{len(table.shadowed)} shadowed, "
            f"{sum(table.uncovered.values()):,} undecided readings"
        )
        for row in table.unreachable:
            lines.append(f"    unreachable: {row} (matches {table.matched[row]:,} answer sets)")
        for row in table.shadowed:
            taken = ", ".join(sorted(table.taken_by.get(row, ())))
            lines.append(f"    shadowed: {row} (every answer set it matches is taken by {taken})")
        if rows:
            for row in table.rows:
                lines.append(f"    {row:<36} fires for {_share(table.fired[row], size)}")
        for reading, count in sorted(table.uncovered.items()):
            lines.append(
                f"    undecided: {reading} for {count:,} answer sets, e.g. {table.example[reading]}"
            )
    lines += ["", "Role models over the answer space"]
    order = [("cio", False), ("cto", False), ("combined", False), ("both", False), ("both", True)]
    for shape in order + sorted(set(audit.shapes) - set(order)):
        term = vocab.shape_term(*shape)
        lines.append(f"  {term.short:<24} {_share(audit.shapes.get(shape, 0), size)}")
    lines += [
        "",
        "Borderline (one step of internal IT, or product lines across a threshold, up or "
        "down, changes the role model)",
        f"  borderline: {_share(audit.borderline, size)}",
    ]
    for key in ("internal_it", "product_lines"):
        count = audit.borderline_keys.get(key, 0)
        lines.append(f"    through {vocab.QUESTIONS[key].words}: {_share(count, size)}")
    lines.append(
        f"  were one step of company stage counted too: {_share(audit.borderline_with_stage, size)}"
    )
    lines += ["", *grid(), "", f"Problems: {audit.problems}"]
    return lines


GRID_INDUSTRY = "other"
GRID_CHANGES = ("regulated", "internal_it", "internal_app_dev", "product_lines", "single_leader")


def _cell(reading: plain.Reading) -> str:
    seats = zip(reading.codes, reading.variants, reading.bosses, strict=True)
    return ", ".join(
        f"{vocab.seat_term(code, variant).short} > "
        f"{vocab.BOSSES[boss].short if boss else vocab.NOBODY.short}"
        for code, variant, boss in seats
    )


def grid() -> list[str]:
    """The role model for each stage and product focus at the default answers, and the
    single answers that would change it."""
    stages = [value.value for value in vocab.QUESTIONS["stage"].values]
    focuses = [value.value for value in vocab.QUESTIONS["product_focus"].values]
    industry = vocab.answer_value("industry", GRID_INDUSTRY).short
    lines = [
        f"Role model by stage and product focus ({industry}, every other answer at its "
        "default; each seat > whom it reports to; indented: a single answer that would "
        "change the role model)"
    ]
    for stage in stages:
        lines.append(f"  {vocab.answer_value('stage', stage).label}")
        for focus in focuses:
            answers = {"stage": stage, "industry": GRID_INDUSTRY, "product_focus": focus}
            answers |= plain.DEFAULTS
            reading = plain.read(answers)
            shape = vocab.shape_term(reading.model, reading.per_line).short
            focus_words = vocab.answer_value("product_focus", focus).label
            lines.append(f"    {focus_words}: {shape} ({_cell(reading)})")
            said = set()
            for key, value, model, per_line in plain.shape_changes(answers, GRID_CHANGES):
                if (key, model, per_line) in said:
                    continue  # more product lines past the first that changes it
                said.add((key, model, per_line))
                if key == "product_lines":
                    condition = vocab.SENTENCES["lines_more"].format(lines=value)
                else:
                    condition = vocab.answer_value(key, value).condition
                lines.append(f"      {condition}: {vocab.shape_term(model, per_line).a}")
    return lines


class Command(BaseCommand):
    help = (
        "Audit the rule tables over every answer set: unreachable and shadowed rows, "
        "undecided answer sets, the spread of role models and the borderline share."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument(
            "--strict",
            action="store_true",
            help="exit with status 1 if any row is unreachable or shadowed, or any answer "
            "set is undecided",
        )
        parser.add_argument(
            "--rows", action="store_true", help="also list every row and how often it fires"
        )

    def handle(self, *args, **options):
        audit = plain.audit()
        self.stdout.write("\n".join(report(audit, rows=options["rows"])))
        if options["strict"] and audit.problems:
            raise CommandError(f"{audit.problems} problems in the rule tables", returncode=1)
