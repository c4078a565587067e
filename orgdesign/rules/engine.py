"""Reads the rule tables and builds a `Recommendation` from `Answers`.

The tables are read in order (table.py says how each is read). The work is split by what
it depends on, and two memo caches keep it fast (docs/benchmarks.md, engine section):

- `structure(key)`: the role model, the seats, their titles and reporting lines. Its key
  is the answers the structure tables read (directly or through a derived fact, as
  `table.DERIVED` declares), product lines capped one above the highest threshold.
  Sensitivity asks it about every neighbouring answer set.
- `_core(key)`: everything but the transition (focus, teams, reasons, responsibilities,
  skills, sensitivity), keyed on every answer but today's leadership.

The transition (steps and conflicts from today's leadership) is read per call. Every
part is immutable, so sharing it between recommendations is safe.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any

from . import vocabulary as vocab
from .answers import ANSWER_KEYS, FOCUS_ORDER, IT_ORDER, PRODUCT_LINES_MAX, STAGE_ORDER, Answers
from .areas import AREAS
from .model import (
    Change,
    PairChange,
    Reason,
    Recommendation,
    Responsibility,
    Seat,
    SeatSkills,
    Sensitivity,
    SensitivityItem,
    Side,
    Transition,
)
from .table import (
    ALL_TABLES,
    CONSIDER_RULES,
    CONTEXT_RULES,
    DERIVED,
    ENGINE_FACTS,
    FOCUS_RULES,
    LEADER_RULES,
    MODEL_RULES,
    REPORTING_RULES,
    SKILL_RULES,
    STRUCTURE_RULES,
    TEAM_RULES,
    TITLE_RULES,
    AtLeast,
    Rule,
    answers_read_by,
    derive_facts,
    facts_read,
)
from .transition import build_transition
from .vocabulary import SENTENCES

RULESET_BASE = "2026.11"

# The answers that feed the core, in key order. Today's leadership only feeds the
# transition, so it is left out of the memo key.
CORE_KEYS: tuple[str, ...] = tuple(key for key in ANSWER_KEYS if key != "current_leadership")
STRUCTURE_TABLES: tuple[Rule, ...] = (
    MODEL_RULES + LEADER_RULES + STRUCTURE_RULES + REPORTING_RULES + TITLE_RULES
)
_STRUCTURE_FACTS = facts_read(STRUCTURE_TABLES) - ENGINE_FACTS
# The answers that can change the structure, in question order.
SENSITIVE_KEYS: tuple[str, ...] = tuple(
    key for key in CORE_KEYS if key in answers_read_by(STRUCTURE_TABLES)
)
# The structure's memo key: an answer enters as it is when a structure rule reads it, or
# when it feeds a derived fact together with other answers; an answer read only through
# derived facts of its own enters as those facts (the industry as `ops_heavy`), so
# industries the rules do not tell apart share one entry.
RAW_KEYS: tuple[str, ...] = tuple(
    key
    for key in SENSITIVE_KEYS
    if key in _STRUCTURE_FACTS
    or any(
        key in DERIVED[fact].sources and len(DERIVED[fact].sources) > 1
        for fact in _STRUCTURE_FACTS
        if fact in DERIVED
    )
)
PROJECTED_FACTS: tuple[str, ...] = tuple(
    fact
    for fact in sorted(_STRUCTURE_FACTS)
    if fact in DERIVED and not set(DERIVED[fact].sources) <= set(RAW_KEYS)
)
STRUCTURE_KEYS: tuple[str, ...] = RAW_KEYS + PROJECTED_FACTS
LINE_THRESHOLDS: tuple[int, ...] = tuple(
    sorted(
        {
            test.n
            for rules in ALL_TABLES.values()
            for rule in rules
            for key, test in rule.when
            if key == "product_lines" and isinstance(test, AtLeast)
        }
    )
)
# Product lines beyond this are all alike to every rule (and to "one step" from a threshold).
LINES_CAP: int = LINE_THRESHOLDS[-1] + 1

# What kind of fact each answer is: something the company decides, a fact about it, or
# a matter of growth. Only growth and adjacent answers can make advice borderline.
ANSWER_KINDS: dict[str, str] = {
    "single_leader": "decide",
    "current_leadership": "decide",
    "industry": "fact",
    "regulated": "fact",
    "product_focus": "fact",
    "stage": "growth",
    "internal_it": "growth",
    "product_lines": "growth",
    "internal_app_dev": "growth",
}
ORDERS: dict[str, tuple[str, ...]] = {
    "stage": STAGE_ORDER,
    "internal_it": IT_ORDER,
    "product_focus": FOCUS_ORDER,
}


def _first(rules: tuple[Rule, ...], facts: dict[str, Any]) -> Rule | None:
    for rule in rules:
        if rule.matches(facts):
            return rule
    return None


def _all(rules: tuple[Rule, ...], facts: dict[str, Any]) -> list[Rule]:
    return [rule for rule in rules if rule.matches(facts)]


def _per_seat(rules: tuple[Rule, ...], facts: dict[str, Any], code: str) -> Rule:
    """The first row for seat `code` that matches ("*" rows serve every seat)."""
    for rule in rules:
        if rule.then[0] in (code, "*") and rule.matches(facts):
            return rule
    raise LookupError(f"no rule for seat {code} in {facts!r}")  # the audit rules this out


# --- Structure ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Structure:
    """The role model and the seats: what sensitivity compares.

    Everything else that depends only on the structure key is computed once, on first
    use, and kept with the structure in its cache entry: the sensitivity (`sensitive`)
    and the transition from each kind of leadership today (`transition`). Both are
    immutable values; the dict behind `transition` never leaves this object.
    """

    model: str
    per_line: bool
    codes: tuple[str, ...]  # the seat codes, the one closest to the product first
    bosses: tuple[str, ...]  # whom each seat reports to
    variants: tuple[str, ...]  # which of its names each seat carries
    rules: tuple[Rule, ...]  # every rule that shaped it, in reading order
    key: tuple[Any, ...] = ()  # its STRUCTURE_KEYS values

    @cached_property
    def values(self) -> dict[str, Any]:
        """Answers that give this structure: the raw answers of the key, and for each
        projected fact the first answer that gives it (the rules tell no others apart)."""
        values = dict(zip(RAW_KEYS, self.key[: len(RAW_KEYS)], strict=True))
        for fact, wanted in zip(PROJECTED_FACTS, self.key[len(RAW_KEYS) :], strict=True):
            (source,) = DERIVED[fact].sources
            values[source] = next(
                v.value
                for v in vocab.QUESTIONS[source].values
                if DERIVED[fact].compute(v.value) == wanted
            )
        return values

    @cached_property
    def sensitive(self) -> Sensitive:
        return _sensitivity(self.values, self)

    @cached_property
    def _transitions(self) -> dict[str, Transition]:
        return {}

    def transition(self, current: str) -> Transition:
        """The steps and conflicts from today's leadership `current` to this structure."""
        found = self._transitions.get(current)
        if found is None:
            values = self.values
            found = self._transitions[current] = build_transition(
                current=current,
                product_focus=values["product_focus"],
                shape=self,
                responsibilities=responsibilities(self.model, values["product_focus"]),
                security_pressure=derive_facts(values)["security_pressure"],
            )
        return found

    @property
    def shape(self) -> tuple[str, bool]:
        return (self.model, self.per_line)

    @property
    def signature(self) -> tuple[Any, ...]:
        return (self.model, self.per_line, self.codes, self.bosses, self.variants)

    def seat(self, code: str) -> tuple[str, str] | None:
        """(boss, variant) of seat `code`, or None."""
        if code not in self.codes:
            return None
        i = self.codes.index(code)
        return self.bosses[i], self.variants[i]

    def term(self, code: str) -> vocab.Term:
        found = self.seat(code)
        return vocab.seat_term(code, found[1] if found else "full")

    @property
    def shape_term(self) -> vocab.Term:
        return vocab.shape_term(self.model, self.per_line)


def seat_codes(model: str, product_focus: str) -> tuple[str, ...]:
    """The seat codes of a role model, the one closest to the product first."""
    if model == "both":
        return ("cto", "cio") if product_focus != "internal" else ("cio", "cto")
    return (model,)


def structure_key(values: dict[str, Any]) -> tuple[Any, ...]:
    """The memo key of `structure` (STRUCTURE_KEYS), product lines capped."""
    raw = tuple(min(values[k], LINES_CAP) if k == "product_lines" else values[k] for k in RAW_KEYS)
    return raw + tuple(
        DERIVED[f].compute(*(values[source] for source in DERIVED[f].sources))
        for f in PROJECTED_FACTS
    )


@lru_cache(maxsize=8192)
def structure(key: tuple[Any, ...]) -> Structure:
    """Read the model, leader, structure, reporting and title tables for one answer set.

    `key` holds the STRUCTURE_KEYS facts; the tables read nothing else (a rule that
    did would fail here with a KeyError, never silently).
    """
    facts = derive_facts(dict(zip(STRUCTURE_KEYS, key, strict=True)))
    model_rule = _first(MODEL_RULES, facts)
    if model_rule is None:
        raise LookupError(f"no model rule matches {facts!r}")
    fired = [model_rule]
    facts["model"] = model_rule.then
    leader = _first(LEADER_RULES, facts)
    if leader is not None:
        fired = [leader]  # the wish replaces the reason for two seats
        facts["model"] = leader.then
    structure_rules = _all(STRUCTURE_RULES, facts)
    fired += structure_rules
    facts["per_line"] = any(rule.then == "per_line" for rule in structure_rules)
    codes = seat_codes(facts["model"], facts["product_focus"])
    bosses, variants = [], []
    for code in codes:
        reporting = _per_seat(REPORTING_RULES, facts, code)
        title = _per_seat(TITLE_RULES, facts, code)
        bosses.append(reporting.then[1])
        variants.append(title.then[1])
        fired += [reporting, title]
    return Structure(
        model=facts["model"],
        per_line=facts["per_line"],
        codes=codes,
        bosses=tuple(bosses),
        variants=tuple(variants),
        rules=tuple(fired),
        key=key,
    )


def structure_of(values: dict[str, Any]) -> Structure:
    return structure(structure_key(values))


def _positions(answer: str) -> tuple[tuple[int, Any], ...]:
    """Where answer `answer` enters the structure key: (index, how its value is read)."""
    out: list[tuple[int, Any]] = []
    if answer in RAW_KEYS:
        read = (lambda v: min(v, LINES_CAP)) if answer == "product_lines" else (lambda v: v)
        out.append((RAW_KEYS.index(answer), read))
    for i, fact in enumerate(PROJECTED_FACTS, start=len(RAW_KEYS)):
        if DERIVED[fact].sources == (answer,):
            out.append((i, DERIVED[fact].compute))
    return tuple(out)


# Each answer that can change the structure, and where it enters the key.
KEY_POSITIONS: dict[str, tuple[tuple[int, Any], ...]] = {
    answer: _positions(answer) for answer in SENSITIVE_KEYS
}


def _delta(base: tuple[Any, ...], key: str, value: Any) -> tuple[tuple[int, Any], ...]:
    """Where the structure key `base` changes, and to what, when answer `key` is `value`."""
    return tuple((i, read(value)) for i, read in KEY_POSITIONS[key] if base[i] != read(value))


def _apply(base: tuple[Any, ...], *deltas: tuple[tuple[int, Any], ...]) -> Structure:
    key = list(base)
    for delta in deltas:
        for i, v in delta:
            key[i] = v
    return structure(tuple(key))


# --- Words -------------------------------------------------------------------------------


def _answer_keys(rule: Rule, values: dict[str, Any]) -> list[str]:
    """The answers a rule's conditions read, through derived facts to their answers."""
    keys: list[str] = []
    for fact, _ in rule.when:
        if fact in DERIVED:
            derived = DERIVED[fact]
            keys.extend(derived.because(**{k: values[k] for k in derived.sources}))
        elif fact not in ENGINE_FACTS:
            keys.append(fact)
    return keys


def matched_words(
    rule: Rule, values: dict[str, Any], shape: Structure | None = None
) -> tuple[str, ...]:
    """The answers a rule matched, in words ("an enterprise", "heavy internal IT").

    A condition on the role model or on one CTO per line stands for the answers that
    decided them, so those are named too.
    """
    keys = _answer_keys(rule, values)
    if shape is not None:
        read = {fact for fact, _ in rule.when}
        for decided in shape.rules:
            table = decided.id.split(".", 1)[0]
            if ("model" in read and table in ("model", "leader")) or (
                "per_line" in read and table == "structure"
            ):
                keys.extend(_answer_keys(decided, values))
    ordered = sorted(dict.fromkeys(keys), key=vocab.QUESTION_ORDER.index)
    return tuple(_answer_word(k, values[k]) for k in ordered)


def _answer_word(key: str, value: Any) -> str:
    """One answer in words. Product lines at or past a threshold read "3 or more product
    lines": the core is shared by every count past the highest threshold (LINES_CAP), so
    the count itself would be wrong for a company with more lines."""
    if key == "product_lines":
        reached = [threshold for threshold in LINE_THRESHOLDS if value >= threshold]
        if reached:
            return SENTENCES["lines_at_least"].format(lines=reached[-1])
    return vocab.answer_value(key, value).short


def _reason(rule: Rule, values: dict[str, Any], shape: Structure | None = None) -> Reason:
    return Reason(rule.id, rule.reason, rule.source, matched_words(rule, values, shape))


def describe_change(old: Structure, new: Structure) -> str:
    """What would change, phrased against the current advice ("" when nothing would)."""
    if old is new or old.signature == new.signature:
        return ""
    if old.shape != new.shape:
        return SENTENCES["change_model"].format(new=new.shape_term.a, old=old.shape_term.a)
    clauses = []
    for code in old.codes:
        old_boss, old_variant = old.seat(code)
        new_boss, new_variant = new.seat(code)
        if old_variant != new_variant:
            clauses.append(
                SENTENCES["change_title"].format(
                    new=vocab.seat_term(code, new_variant).a,
                    old=vocab.seat_term(code, old_variant).a,
                )
            )
        if old_boss != new_boss:
            clauses.append(
                SENTENCES["change_boss"].format(
                    seat=vocab.seat_term(code, new_variant).the,
                    new=vocab.BOSSES[new_boss].the,
                    old=vocab.BOSSES[old_boss].the,
                )
            )
    return "; ".join(clauses)


# --- Sensitivity -------------------------------------------------------------------------


def alternatives(key: str, current: Any) -> list[tuple[Any, bool, bool]]:
    """(value, is one step away, is growth) for each other value of one answer.

    Product lines are tried at the thresholds the rules use: from below, the threshold;
    from above, one less.
    """
    out: list[tuple[Any, bool, bool]] = []
    if key in ORDERS:
        order = ORDERS[key]
        here = order.index(current)
        ordered = key != "product_focus"  # what a company sells is a fact, not a step
        for i, value in enumerate(order):
            if value != current:
                out.append((value, ordered and abs(i - here) == 1, ordered and i > here))
    elif key == "industry":
        out = [(v, False, False) for v, _ in vocab.CHOICES["industry"] if v != current]
    elif key == "product_lines":
        for threshold in LINE_THRESHOLDS:
            if current < threshold:
                out.append((threshold, current == threshold - 1, True))
            else:
                out.append((threshold - 1, current == threshold, False))
    else:  # yes or no: turning one on is growth only for a growth answer
        out.append((not current, False, not current and ANSWER_KINDS[key] == "growth"))
    return out


def _condition(key: str, value: Any, current: Any) -> str:
    if key == "product_lines":
        if value > current:
            return SENTENCES["lines_more"].format(lines=value)
        return SENTENCES["lines_fewer"].format(lines=value + 1)
    return vocab.answer_value(key, value).condition


def _value_label(key: str, value: Any, current: Any) -> str:
    if key == "product_lines":
        return f"{value} or more" if value > current else str(value)
    return vocab.answer_value(key, value).label


def _growth_trigger(key: str, value: Any) -> str:
    return SENTENCES[f"grow_{key}"].format(value=vocab.answer_value(key, value).short)


def _merge_industry(change: Change, value: str, text: str) -> Change:
    """`change` (for one or more industries) extended by one more industry."""
    values = [
        v for v, label in vocab.CHOICES["industry"] if label in change.value_label.split("; ")
    ]
    values.append(value)
    shorts = vocab.join_words([vocab.answer_value("industry", v).short for v in values], "or")
    return Change(
        value=change.value,
        value_label="; ".join(vocab.answer_value("industry", v).label for v in values),
        role_model=change.role_model,
        several_ctos=change.several_ctos,
        neighbour=change.neighbour,
        text=f"In {shorts}, {text}.",
    )


@dataclass(frozen=True, slots=True)
class Sensitive:
    sensitivity: Sensitivity
    revisit: tuple[str, ...]


def _sensitivity(values: dict[str, Any], current: Structure) -> Sensitive:
    """Which single answers, and which pairs, would change the role model, the seats or a
    reporting line; what they would change to; and whether the advice is borderline.

    Borderline: one step of growth or one adjacent answer (a stage, an IT weight, product
    lines at a threshold, up or down) changes the role model. A pair is listed when the
    two answers change the advice together although neither does alone.
    """
    items: list[SensitivityItem] = []
    borderline: list[str] = []
    revisit: list[str] = []
    grown: set[str] = set()
    base = structure_key(values)
    # For each answer, its other values that leave the advice as it is (with their key
    # deltas): the candidates for pairs.
    quiet: dict[str, list[tuple[Any, tuple[tuple[int, Any], ...]]]] = {}
    for key in SENSITIVE_KEYS:
        changes: list[Change] = []
        quiet[key] = []
        for value, step, growth in alternatives(key, values[key]):
            delta = _delta(base, key, value)
            other = _apply(base, delta)
            change = describe_change(current, other)
            if not change:
                if delta:
                    quiet[key].append((value, delta))
                continue
            same = next((c for c in changes if c.text.endswith(f", {change}.")), None)
            if same is not None and key == "industry":
                # Industries the rules do not tell apart: one line for all of them.
                changes[changes.index(same)] = _merge_industry(same, value, change)
                continue
            changes.append(
                Change(
                    value=value,
                    value_label=_value_label(key, value, values[key]),
                    role_model=other.model,
                    several_ctos=other.per_line,
                    neighbour=step and other.shape != current.shape,
                    text=f"{_condition(key, value, values[key])}, {change}.",
                )
            )
            if growth and key not in grown:
                grown.add(key)
                revisit.append(
                    SENTENCES["revisit_growth"].format(
                        trigger=_growth_trigger(key, value), change=change
                    )
                )
        if changes:
            kind = ANSWER_KINDS[key]
            items.append(SensitivityItem(key, vocab.QUESTION_LABELS[key], kind, tuple(changes)))
            if key != "stage" and any(change.neighbour for change in changes):
                borderline.append(key)
    pairs = []
    for i, first in enumerate(SENSITIVE_KEYS):
        for second in SENSITIVE_KEYS[i + 1 :]:
            for a, delta_a in quiet[first]:
                for b, delta_b in quiet[second]:
                    other = _apply(base, delta_a, delta_b)
                    change = describe_change(current, other)
                    if change:
                        also = _condition(second, b, values[second])
                        pairs.append(
                            PairChange(
                                keys=(first, second),
                                values=(a, b),
                                role_model=other.model,
                                several_ctos=other.per_line,
                                text=(
                                    f"{_condition(first, a, values[first])} and "
                                    f"{also[0].lower()}{also[1:]}, {change}."
                                ),
                            )
                        )
    if borderline:
        words = vocab.join_words([vocab.QUESTIONS[k].words for k in borderline], "or")
        summary = SENTENCES["borderline"].format(answers=words)
    else:
        summary = SENTENCES["robust"]
    stage = values["stage"]
    if stage != STAGE_ORDER[-1] and "stage" not in grown:
        nxt = vocab.answer_value("stage", STAGE_ORDER[STAGE_ORDER.index(stage) + 1]).short
        revisit.append(SENTENCES["revisit_stage"].format(stage=nxt))
    revisit.append(SENTENCES["revisit_yearly"])
    return Sensitive(
        Sensitivity(not borderline, summary, tuple(borderline), tuple(items), tuple(pairs)),
        tuple(revisit),
    )


# --- The core ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Core:
    structure: Structure
    focus: tuple[str, ...]
    teams: tuple[tuple[str, ...], ...]
    rationale: tuple[Reason, ...]
    responsibilities: tuple[Responsibility, ...]
    skills: tuple[SeatSkills, ...]
    sensitivity: Sensitivity
    revisit: tuple[str, ...]
    considerations: tuple[str, ...]
    # The seats and the headline; with one CTO per product line, the seats for the most
    # lines allowed (a recommendation takes its own number) and no headline.
    seats: tuple[Seat, ...] = ()
    headline: str = ""


def _split(model: str, product_focus: str) -> tuple[Responsibility, ...]:
    """The shared areas of the two roles, split between the seats of this model.

    Where the company sells technology and has both seats, the CIO takes each area's
    internal side and the CTO its product side. In the CIO-led model there is no product
    side: each area has one owner (003). With one seat, that seat holds every side.
    """
    rows = []
    for area in AREAS:
        if model == "both" and product_focus != "internal":
            internal, product, lead = "cio", "cto", area.lead
        elif model == "both":
            internal, product, lead = area.cio_led_owner, "", area.cio_led_owner
        else:
            internal = lead = model
            product = model if product_focus != "internal" else ""
        rows.append(
            Responsibility(
                area=area.code,
                label=area.label,
                lead=lead,
                internal=Side(internal, area.internal),
                product=Side(product, area.product if product else ""),
            )
        )
    return tuple(rows)


# The split of every role model and product focus, made once (twelve small tables).
SPLITS: dict[tuple[str, str], tuple[Responsibility, ...]] = {
    (model, focus): _split(model, focus) for model in vocab.ROLE_MODELS for focus in FOCUS_ORDER
}


def responsibilities(model: str, product_focus: str) -> tuple[Responsibility, ...]:
    """The shared areas of the two roles, split between the seats of this model."""
    return SPLITS[(model, product_focus)]


@lru_cache(maxsize=16384)
def _core(key: tuple[Any, ...]) -> Core:
    values = dict(zip(CORE_KEYS, key, strict=True))
    shape = structure_of(values)
    facts = derive_facts(values)
    facts["model"], facts["per_line"] = shape.model, shape.per_line
    codes = shape.codes

    reasons = [_reason(rule, values, shape) for rule in shape.rules if rule.reason]
    focus = tuple(_per_seat(FOCUS_RULES, facts, code).then[1] for code in codes)
    teams: dict[str, list[str]] = {code: [] for code in codes}
    for rule in _all(TEAM_RULES, facts):
        code, member = rule.then
        if code in teams:
            teams[code].append(member)
            reasons.append(_reason(rule, values, shape))
    reasons.extend(_reason(rule, values, shape) for rule in _all(CONTEXT_RULES, facts))

    skills: dict[str, list[str]] = {code: [] for code in codes}
    for rule in _all(SKILL_RULES, facts):
        code, skill = rule.then
        if code in skills:
            skills[code].append(skill)

    sensitive = shape.sensitive
    core = Core(
        structure=shape,
        focus=focus,
        teams=tuple(tuple(teams[code]) for code in codes),
        rationale=tuple(reasons),
        responsibilities=responsibilities(shape.model, values["product_focus"]),
        skills=tuple(SeatSkills(code, tuple(skills[code])) for code in codes),
        sensitivity=sensitive.sensitivity,
        revisit=sensitive.revisit,
        considerations=tuple(rule.then for rule in _all(CONSIDER_RULES, facts)),
    )
    if shape.per_line:
        # Every seat for the most product lines the questionnaire allows: a call takes the
        # first ones (recommend), instead of making one Seat per line each time.
        return replace(core, seats=build_seats(core, PRODUCT_LINES_MAX))
    return replace(core, seats=build_seats(core, 0), headline=headline(shape, 0))


def clear_caches() -> None:
    """Forget every memoised result (for benchmarks that start cold)."""
    structure.cache_clear()
    _core.cache_clear()


def core_key(answers: Answers) -> tuple[Any, ...]:
    """The memo key of the core: every answer but today's leadership, lines capped."""
    return (
        answers.stage,
        answers.industry,
        answers.product_focus,
        min(answers.product_lines, LINES_CAP),
        answers.regulated,
        answers.internal_app_dev,
        answers.internal_it,
        answers.single_leader,
    )


# --- Seats and headline ------------------------------------------------------------------


def build_seats(core: Core, product_lines: int) -> tuple[Seat, ...]:
    """One Seat per recommended executive; one CTO per product line when per_line."""
    shape = core.structure
    seats: list[Seat] = []
    for i, code in enumerate(shape.codes):
        boss, variant = shape.bosses[i], shape.variants[i]
        if variant == "line":
            seats.extend(
                Seat(code, vocab.line_cto_title(n), boss, core.focus[i], core.teams[i], variant)
                for n in range(1, product_lines + 1)
            )
        else:
            title = vocab.seat_term(code, variant).title
            seats.append(Seat(code, title, boss, core.focus[i], core.teams[i], variant))
    return tuple(seats)


def headline(shape: Structure, product_lines: int) -> str:
    """The advice in one sentence, naming each seat as the seats list does."""
    named = [
        (shape.term(code), vocab.BOSSES[boss].the)
        for code, boss in zip(shape.codes, shape.bosses, strict=True)
    ]
    if shape.per_line:
        return SENTENCES["headline_per_line"].format(
            cio=shape.term("cio").a,
            cio_boss=vocab.BOSSES[shape.seat("cio")[0]].the,
            lines=product_lines,
        )
    if shape.model == "both":
        (first, first_boss), (second, second_boss) = named
        return SENTENCES["headline_both"].format(
            first=first.a, first_boss=first_boss, second=second.a, second_boss=second_boss
        )
    term, boss = named[0]
    return SENTENCES[f"headline_{shape.model}"].format(seat=term.a, boss=boss)


# --- Version ----------------------------------------------------------------------------


def _conditions(rule: Rule) -> list[list[str]]:
    """A rule's conditions in a stable form (a frozenset's order varies between runs)."""
    return [
        [
            fact,
            repr(accepted) if isinstance(accepted, AtLeast) else repr(sorted(accepted, key=repr)),
        ]
        for fact, accepted in rule.when
    ]


def _version() -> str:
    """A fingerprint of the rules and every sentence the engine writes.

    It is taken over the rule data (ids, conditions, effects, reasons, sources, seat
    names and claims), the shared areas and the vocabulary, not over source text: a
    comment or a reformat leaves it as it is, and any change to a rule or a sentence
    gives a new version.
    """
    data = {
        "tables": {
            name: [
                [r.id, _conditions(r), repr(r.then), r.reason, r.source, r.names, r.claims, r.later]
                for r in rules
            ]
            for name, rules in ALL_TABLES.items()
        },
        "derived": {name: d.sources for name, d in DERIVED.items()},
        "areas": [repr(area) for area in AREAS],
        "vocabulary": [repr(term) for _, term in vocab.every_term()]
        + [repr(q) for q in vocab.QUESTIONS.values()],
        "kinds": ANSWER_KINDS,
        "sentences": SENTENCES,
        "current": [vocab.CURRENT_NAMES, {k: sorted(v) for k, v in vocab.CURRENT_SEATS.items()}],
    }
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode())
    return f"{RULESET_BASE}-{digest.hexdigest()[:8]}"


RULESET_VERSION = _version()


def recommend(answers: Answers) -> Recommendation:
    """The recommendation for one set of validated answers. Pure and deterministic."""
    core = _core(core_key(answers))
    shape = core.structure
    if shape.per_line:
        # The line CTOs come first (the seat closest to the product), then the CIO.
        lines = answers.product_lines
        seats = core.seats[:lines] + core.seats[PRODUCT_LINES_MAX:]
        words = headline(shape, lines)
    else:
        seats, words = core.seats, core.headline
    return Recommendation(
        role_model=shape.model,
        headline=words,
        roles=seats,
        rationale=core.rationale,
        responsibilities=core.responsibilities,
        skills=core.skills,
        sensitivity=core.sensitivity,
        transition=shape.transition(answers.current_leadership),
        revisit=core.revisit,
        considerations=core.considerations,
        answers=answers,
        ruleset_version=RULESET_VERSION,
    )
