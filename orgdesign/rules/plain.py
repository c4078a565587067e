"""A deliberately plain reading of the rule tables, and the whole answer space.

The engine (engine.py) is built for speed: a key projection and two memo caches. This
module reads the same tables the slow, obvious way, so that the whole-answer-space test
can hold the engine against it and the rule audit (`manage.py audit_rules`) can see
every row that matched, not only the one that won:

- the facts are `derive_facts` over the full answers: no projection, no cap, no cache;
- each table is read as `table.TABLE_MODES` says (first match, first match per seat of
  the plan, or every match), and every matching row is kept in a `Decision`.

It shares no code with the engine beyond the tables (and the product-line thresholds the
engine collects from them). Standard library only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import vocabulary as vocab
from .answers import IT_ORDER, PRODUCT_LINES_MAX, PRODUCT_LINES_MIN, STAGE_ORDER
from .engine import LINE_THRESHOLDS
from .table import ALL_TABLES, ANSWER_FACTS, TABLE_MODES, Rule, derive_facts

TRANSITION_TABLES: tuple[str, ...] = ("step", "extra_step", "conflict")
# The order in which the engine reads the other tables.
CORE_TABLES: tuple[str, ...] = tuple(name for name in ALL_TABLES if name not in TRANSITION_TABLES)
# The tables whose reasons explain the structure (model, seats, reporting lines, titles).
STRUCTURE_TABLES: tuple[str, ...] = ("model", "leader", "structure", "reporting", "title")
# First-match tables that must always decide (a seat with no boss, no title, no focus or
# no step would be a hole in the advice). The leader table may decide nothing.
MUST_DECIDE: tuple[str, ...] = ("model", "reporting", "title", "focus", "step")


@dataclass(frozen=True, slots=True)
class Decision:
    """One reading of one table: every row that matched, and those that took effect."""

    table: str
    seat: str  # the seat it was read for ("" when it was read for the whole plan)
    matched: tuple[Rule, ...]  # every row whose conditions held, in table order
    fired: tuple[Rule, ...]  # the rows that took effect


@dataclass(frozen=True, slots=True)
class Reading:
    """The plain result for one answer set (everything but the transition)."""

    facts: dict[str, Any]
    model: str
    per_line: bool
    codes: tuple[str, ...]
    bosses: tuple[str, ...]
    variants: tuple[str, ...]
    focus: tuple[str, ...]
    teams: tuple[tuple[str, ...], ...]
    skills: tuple[tuple[str, ...], ...]
    considerations: tuple[str, ...]
    reasons: tuple[str, ...]  # rule ids of the reasons shown, in reading order
    decisions: tuple[Decision, ...]
    uncovered: tuple[str, ...]  # first-match readings that found no row although they must

    @property
    def signature(self) -> tuple[Any, ...]:
        return (self.model, self.per_line, self.codes, self.bosses, self.variants)


@dataclass(frozen=True, slots=True)
class TransitionReading:
    steps: tuple[str, ...]  # rule ids: one per seat, then the extra steps
    conflicts: tuple[str, ...]
    decisions: tuple[Decision, ...]
    uncovered: tuple[str, ...]


def plan_seats(model: str, product_focus: str) -> tuple[str, ...]:
    """The seats of a role model; of two, the one nearer the product first (the CIO leads
    where technology runs internal operations)."""
    if model == "both":
        return ("cio", "cto") if product_focus == "internal" else ("cto", "cio")
    return (model,)


def _serves(rule: Rule, seat: str) -> bool:
    """Whether a per-seat row is about `seat` (rows keyed by a `seat` fact decide it in
    their conditions; "*" serves every seat)."""
    then = rule.then
    if isinstance(then, tuple) and then and then[0] in (*vocab.SEAT_CODES, "*"):
        return then[0] in (seat, "*")
    return True


def _seat_of(rule: Rule) -> str:
    then = rule.then
    if isinstance(then, tuple) and then and then[0] in vocab.SEAT_CODES:
        return then[0]
    return ""


# The rows of each table that can serve each seat: an index of the tables, not of results.
# (A table replaced in ALL_TABLES, as a test may do, is indexed again.)
_ROWS: dict[tuple[str, str], tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {}


def _read(table: str, facts: Mapping[str, Any], seat: str = "", seats=()) -> Decision:
    """Read one table as TABLE_MODES says. For "every" tables whose rows name a seat,
    a row takes effect only when that seat is in `seats`."""
    rules = ALL_TABLES[table]
    indexed = _ROWS.get((table, seat))
    if indexed is None or indexed[0] is not rules:
        indexed = (rules, tuple(rule for rule in rules if not seat or _serves(rule, seat)))
        _ROWS[(table, seat)] = indexed
    rows = indexed[1]
    matched = tuple(rule for rule in rows if rule.matches(facts))
    if TABLE_MODES[table] == "every":
        fired = tuple(rule for rule in matched if _seat_of(rule) in ("", *seats))
    else:
        fired = matched[:1]
    return Decision(table, seat, matched, fired)


def read(answers: Mapping[str, Any]) -> Reading:
    """Every table but the transition's, read plainly for one full answer set."""
    facts = derive_facts(answers)
    decisions: list[Decision] = []
    uncovered: list[str] = []
    reasons: list[str] = []

    def note(decision: Decision) -> Decision:
        decisions.append(decision)
        if decision.table in MUST_DECIDE and not decision.fired:
            uncovered.append(f"{decision.table}{'/' + decision.seat if decision.seat else ''}")
        reasons.extend(rule.id for rule in decision.fired if rule.reason)
        return decision

    model = note(_read("model", facts))
    if not model.fired:
        return Reading(
            facts, "", False, (), (), (), (), (), (), (), (), tuple(decisions), ("model",)
        )
    facts["model"] = model.fired[0].then
    leader = _read("leader", facts)
    if leader.fired:
        reasons.clear()  # the wish replaces the model's reason
        facts["model"] = leader.fired[0].then
    note(leader)
    structure = note(_read("structure", facts))
    facts["per_line"] = any(rule.then == "per_line" for rule in structure.fired)
    codes = plan_seats(facts["model"], facts["product_focus"])
    bosses, variants = [], []
    for code in codes:
        reporting = note(_read("reporting", facts, code))
        title = note(_read("title", facts, code))
        bosses.append(reporting.fired[0].then[1] if reporting.fired else "")
        variants.append(title.fired[0].then[1] if title.fired else "")
    focus = []
    for code in codes:
        found = _read("focus", facts, code)
        decisions.append(found)
        if not found.fired:
            uncovered.append(f"focus/{code}")
        focus.append(found.fired[0].then[1] if found.fired else "")
    team = _read("team", facts, seats=codes)
    decisions.append(team)
    reasons.extend(rule.id for rule in team.fired if rule.reason)
    context = _read("context", facts)
    decisions.append(context)
    reasons.extend(rule.id for rule in context.fired if rule.reason)
    skill = _read("skill", facts, seats=codes)
    consider = _read("consider", facts)
    decisions += [skill, consider]
    return Reading(
        facts=facts,
        model=facts["model"],
        per_line=facts["per_line"],
        codes=codes,
        bosses=tuple(bosses),
        variants=tuple(variants),
        focus=tuple(focus),
        teams=tuple(tuple(r.then[1] for r in team.fired if r.then[0] == c) for c in codes),
        skills=tuple(tuple(r.then[1] for r in skill.fired if r.then[0] == c) for c in codes),
        considerations=tuple(rule.then for rule in consider.fired),
        reasons=tuple(reasons),
        decisions=tuple(decisions),
        uncovered=tuple(uncovered),
    )


def read_transition(reading: Reading, current: str) -> TransitionReading:
    """The step, extra-step and conflict tables for today's leadership `current`."""
    held = vocab.CURRENT_SEATS[current]
    facts = {
        **reading.facts,
        "current_leadership": current,
        "current": current,
        "has_cio": "cio" in reading.codes,
    }
    decisions: list[Decision] = []
    uncovered: list[str] = []
    steps: list[str] = []
    for code in reading.codes:
        step = _read("step", {**facts, "seat": code, "holds": code in held})
        decisions.append(step)
        if step.fired:
            steps.append(step.fired[0].id)
        else:
            uncovered.append(f"step/{code}")
    extra = _read("extra_step", facts)
    conflict = _read("conflict", facts)
    decisions += [extra, conflict]
    steps += [rule.id for rule in extra.fired]
    return TransitionReading(
        steps=tuple(steps),
        conflicts=tuple(rule.id for rule in conflict.fired),
        decisions=tuple(decisions),
        uncovered=tuple(uncovered),
    )


# --- The answer space ---------------------------------------------------------------------


def line_thresholds() -> tuple[int, ...]:
    """Every number of product lines a rule tests against (the engine reads them from the
    tables once)."""
    return LINE_THRESHOLDS


def line_values() -> tuple[int, ...]:
    """1, every threshold and one either side of it, and the most the questionnaire
    allows: every number of product lines a rule can tell apart."""
    values = {PRODUCT_LINES_MIN, PRODUCT_LINES_MAX}
    for threshold in line_thresholds():
        values.update((threshold - 1, threshold, threshold + 1))
    return tuple(sorted(v for v in values if PRODUCT_LINES_MIN <= v <= PRODUCT_LINES_MAX))


def _values(key: str) -> tuple[Any, ...]:
    if key == "product_lines":
        return line_values()
    return tuple(value.value for value in vocab.QUESTIONS[key].values)


# The answers besides today's leadership, in Answers' field order.
CORE_ANSWERS: tuple[str, ...] = tuple(key for key in ANSWER_FACTS if key != "current_leadership")


def core_space() -> Iterator[dict[str, Any]]:
    """Every combination of the answers but today's leadership."""
    for combo in itertools.product(*(_values(key) for key in CORE_ANSWERS)):
        yield dict(zip(CORE_ANSWERS, combo, strict=True))


def leaderships() -> tuple[str, ...]:
    return _values("current_leadership")


def space_size() -> int:
    size = len(leaderships())
    for key in CORE_ANSWERS:
        size *= len(_values(key))
    return size


# --- The audit ----------------------------------------------------------------------------


@dataclass
class TableAudit:
    """How one table fares over the whole answer space (counts are answer sets)."""

    name: str
    mode: str
    rows: tuple[str, ...]
    fired: dict[str, int]
    matched: dict[str, int]
    taken_by: dict[str, set[str]]  # for a first-match row: the rows that matched first
    uncovered: dict[str, int]  # a reading that no row decided ("focus/cto") -> answer sets
    example: dict[str, str]  # one such answer set per reading, in words of codes

    @property
    def unreachable(self) -> tuple[str, ...]:
        """Rows that never take effect and are not merely shadowed."""
        return tuple(r for r in self.rows if not self.fired[r] and r not in self.shadowed)

    @property
    def shadowed(self) -> tuple[str, ...]:
        """First-match rows that match some answer sets, each taken by an earlier row."""
        if self.mode == "every":
            return ()
        return tuple(r for r in self.rows if self.matched[r] and not self.fired[r])


@dataclass
class Audit:
    size: int
    tables: tuple[TableAudit, ...]
    shapes: dict[tuple[str, bool], int]  # (role model, one CTO per line) -> answer sets
    borderline: int
    borderline_keys: dict[str, int]
    borderline_with_stage: int  # were one step of stage counted too

    @property
    def problems(self) -> int:
        return sum(
            len(t.unreachable) + len(t.shadowed) + sum(t.uncovered.values()) for t in self.tables
        )


def _shape_flips(readings, key: tuple[Any, ...], name: str, values: tuple[Any, ...]) -> bool:
    """Whether setting answer `name` to any of `values` changes the role model."""
    base = readings[key]
    i = CORE_ANSWERS.index(name)
    for value in values:
        other = readings[key[:i] + (value,) + key[i + 1 :]]
        if (other.model, other.per_line) != (base.model, base.per_line):
            return True
    return False


def _steps(order: tuple[Any, ...], value: Any) -> tuple[Any, ...]:
    here = order.index(value)
    return tuple(order[i] for i in (here - 1, here + 1) if 0 <= i < len(order))


def audit() -> Audit:
    """Read every table for every answer set and count what each row does.

    A row fires when it takes effect: the first match of a first-match reading, or any
    match of an every-match table (whose seat, if it names one, is in the plan).
    Borderline: one step of internal IT, or product lines across a threshold, up or
    down, changes the role model (the stage is left out: see docs/rules.md).
    """
    weight = len(leaderships())
    stats = {
        name: TableAudit(
            name,
            TABLE_MODES[name],
            tuple(rule.id for rule in rules),
            dict.fromkeys((rule.id for rule in rules), 0),
            dict.fromkeys((rule.id for rule in rules), 0),
            {},
            {},
            {},
        )
        for name, rules in ALL_TABLES.items()
    }

    def count(decisions: tuple[Decision, ...], uncovered: tuple[str, ...], n: int, where: str):
        fired: set[str] = set()
        matched: set[str] = set()
        for decision in decisions:
            fired.update(rule.id for rule in decision.fired)
            matched.update(rule.id for rule in decision.matched)
            if TABLE_MODES[decision.table] != "every" and decision.fired:
                winner = decision.fired[0].id
                taken = stats[decision.table].taken_by
                for rule in decision.matched[1:]:
                    taken.setdefault(rule.id, set()).add(winner)
        for name in {decision.table for decision in decisions}:
            table = stats[name]
            for rule_id in fired & table.fired.keys():
                table.fired[rule_id] += n
            for rule_id in matched & table.matched.keys():
                table.matched[rule_id] += n
        for reading in uncovered:
            table = stats[reading.split("/")[0]]
            table.uncovered[reading] = table.uncovered.get(reading, 0) + n
            table.example.setdefault(reading, where)

    readings: dict[tuple[Any, ...], Reading] = {}
    for values in core_space():
        readings[tuple(values.values())] = read(values)
    shapes: dict[tuple[str, bool], int] = {}
    borderline = with_stage = 0
    keys: dict[str, int] = {}
    thresholds = line_thresholds()
    for key, reading in readings.items():
        where = "/".join(str(value) for value in key)
        count(reading.decisions, reading.uncovered, weight, where)
        if not reading.model:
            continue
        shape = (reading.model, reading.per_line)
        shapes[shape] = shapes.get(shape, 0) + weight
        for current in leaderships():
            transition = read_transition(reading, current)
            count(transition.decisions, transition.uncovered, 1, f"{where}/{current}")
        flips = []
        if _shape_flips(
            readings, key, "internal_it", _steps(IT_ORDER, reading.facts["internal_it"])
        ):
            flips.append("internal_it")
        lines = reading.facts["product_lines"]
        across = tuple(t if lines < t else t - 1 for t in thresholds if lines in (t - 1, t))
        if _shape_flips(readings, key, "product_lines", across):
            flips.append("product_lines")
        for name in flips:
            keys[name] = keys.get(name, 0) + weight
        if flips:
            borderline += weight
        if flips or _shape_flips(
            readings, key, "stage", _steps(STAGE_ORDER, reading.facts["stage"])
        ):
            with_stage += weight
    return Audit(
        size=space_size(),
        tables=tuple(stats.values()),
        shapes=shapes,
        borderline=borderline,
        borderline_keys=keys,
        borderline_with_stage=with_stage,
    )


# The answers the questionnaire assumes when only stage, industry and focus are given.
DEFAULTS: dict[str, Any] = {
    "product_lines": 1,
    "regulated": False,
    "internal_app_dev": False,
    "internal_it": "moderate",
    "single_leader": False,
}


def shape_changes(
    answers: Mapping[str, Any], keys: tuple[str, ...]
) -> list[tuple[str, Any, str, bool]]:
    """(answer, other value, role model, one CTO per line) for each single change of one of
    `keys` that changes the role model."""
    base = read(answers)
    out = []
    for key in keys:
        for value in _values(key):
            if value == answers[key]:
                continue
            other = read({**answers, key: value})
            if (other.model, other.per_line) != (base.model, base.per_line):
                out.append((key, value, other.model, other.per_line))
    return out
