"""Reads the rule tables and builds a `Recommendation` from `Answers`.

The work is split by what it depends on, and each part is memoised on exactly that:

- `_shape` (role model and whether there is one CTO per product line) depends on the
  answers the model and structure rules read, with product lines capped at the highest
  threshold any rule uses. Sensitivity asks it about many neighbouring answer sets.
- `_core` (seats' reporting lines and focus, reasons, responsibilities, skills,
  sensitivity) depends on every answer but `current_leadership`, lines capped likewise.
- The seats' titles, the headline and the transition are added per call.

All parts are immutable, so sharing them between recommendations is safe.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .answers import (
    CHOICES,
    INTERNAL_IT_LEVELS,
    IT_ORDER,
    QUESTION_LABELS,
    STAGE_ORDER,
    Answers,
)
from .areas import AREAS
from .model import (
    BOSS_NAMES,
    ROLE_MODELS,
    Change,
    Reason,
    Recommendation,
    Responsibility,
    Seat,
    SeatSkills,
    Sensitivity,
    SensitivityItem,
    Side,
)
from .seats import build_seats
from .table import (
    ALL_TABLES,
    CONSIDER_RULES,
    CONTEXT_RULES,
    FOCUS_RULES,
    MODEL_RULES,
    REPORTING_RULES,
    SKILL_RULES,
    STRUCTURE_RULES,
    TEAM_RULES,
    AtLeast,
    Rule,
    answers_read_by,
    derive_facts,
)
from .transition import TransitionInputs, build_transition

RULESET_BASE = "2026.11"

# The answers that feed the core, in key order. `current_leadership` only feeds the
# transition, so it is left out of the memo key.
CORE_KEYS: tuple[str, ...] = (
    "stage",
    "industry",
    "product_focus",
    "product_lines",
    "regulated",
    "internal_app_dev",
    "internal_it",
    "single_leader",
)
LINES_CAP: int = max(
    test.n
    for rules in ALL_TABLES.values()
    for rule in rules
    for key, test in rule.when
    if key == "product_lines" and isinstance(test, AtLeast)
)

SHORT_STAGE = {
    "startup": "startup",
    "scaleup": "scale-up",
    "mid_size": "mid-sized",
    "enterprise": "enterprise",
}
FOCUS_IF = {
    "tech_product": "If technology were what you sell",
    "tech_enabled": "If you sold through customer-facing technology",
    "internal": "If technology mainly ran your internal operations",
}
IT_SHORT = {value: label.split(":")[0].lower() for value, label in INTERNAL_IT_LEVELS}
CHOICE_LABELS = {key: dict(choices) for key, choices in CHOICES.items()}


def _first(rules: tuple[Rule, ...], facts: dict[str, Any]) -> Rule:
    for rule in rules:
        if rule.matches(facts):
            return rule
    raise LookupError(f"no rule matches {facts!r}")  # the table tests rule this out


def _all(rules: tuple[Rule, ...], facts: dict[str, Any]) -> list[Rule]:
    return [rule for rule in rules if rule.matches(facts)]


def _facts(key: tuple[Any, ...]) -> dict[str, Any]:
    return derive_facts(**dict(zip(CORE_KEYS, key, strict=True)))


@dataclass(frozen=True, slots=True)
class Shape:
    model: str
    per_line: bool
    model_rule: Rule
    structure_rules: tuple[Rule, ...]

    @property
    def phrase(self) -> str:
        if self.per_line:
            return "a CIO and one CTO per product line"
        return ROLE_MODELS[self.model]

    def same_as(self, other: Shape) -> bool:
        return (self.model, self.per_line) == (other.model, other.per_line)


# The shape reads only some answers: project the core key onto them, so that changing an
# answer the shape ignores (the industry, say) hits the same memo entry.
SHAPE_INDEXES: tuple[int, ...] = tuple(
    i for i, name in enumerate(CORE_KEYS) if name in answers_read_by(MODEL_RULES + STRUCTURE_RULES)
)
SHAPE_FILLER: tuple[Any, ...] = tuple(
    {"industry": "other"}.get(name)
    if name not in answers_read_by(MODEL_RULES + STRUCTURE_RULES)
    else None
    for name in CORE_KEYS
)


def _shape(key: tuple[Any, ...]) -> Shape:
    return _shape_of(tuple(key[i] for i in SHAPE_INDEXES))


def _unproject(projected: tuple[Any, ...]) -> tuple[Any, ...]:
    key = list(SHAPE_FILLER)
    for i, value in zip(SHAPE_INDEXES, projected, strict=True):
        key[i] = value
    return tuple(key)


@lru_cache(maxsize=4096)
def _shape_of(projected: tuple[Any, ...]) -> Shape:
    facts = _facts(_unproject(projected))
    model_rule = _first(MODEL_RULES, facts)
    facts["model"] = model_rule.then
    structure = tuple(_all(STRUCTURE_RULES, facts))
    per_line = any(rule.then == "per_line" for rule in structure)
    return Shape(model_rule.then, per_line, model_rule, structure)


def seat_codes(model: str, product_focus: str) -> tuple[str, ...]:
    """The seat codes of a role model, the one closest to the product first."""
    if model == "both":
        return ("cto", "cio") if product_focus != "internal" else ("cio", "cto")
    return (model,)


@dataclass(frozen=True, slots=True)
class Core:
    shape: Shape
    seats: SeatInputs
    rationale: tuple[Reason, ...]
    responsibilities: tuple[Responsibility, ...]
    skills: tuple[SeatSkills, ...]
    sensitivity: Sensitivity
    revisit: tuple[str, ...]
    considerations: tuple[str, ...]
    transition_inputs: TransitionInputs


_INTERNED: dict[tuple[Any, ...], Any] = {}


def _intern(kind: type, **fields: Any) -> Any:
    """The one shared instance of `kind` with these field values (created on first use)."""
    key = (kind, *fields.values())
    instance = _INTERNED.get(key)
    if instance is None:
        instance = _INTERNED.setdefault(key, kind(**fields))
    return instance


def clear_caches() -> None:
    """Forget every memoised result (for benchmarks that start cold)."""
    for memo in (_shape_of, _core, _sensitivity, _seats, _responsibilities, build_transition):
        memo.cache_clear()
    _INTERNED.clear()


# The reason item of every rule, made once.
REASONS: dict[str, Reason] = {
    rule.id: Reason(rule.id, rule.reason, rule.source)
    for rules in ALL_TABLES.values()
    for rule in rules
}


def _reason(rule: Rule) -> Reason:
    return REASONS[rule.id]


@lru_cache(maxsize=16384)
def _core(key: tuple[Any, ...]) -> Core:
    shape = _shape(key)
    facts = _facts(key)
    facts["model"] = shape.model
    facts["per_line"] = shape.per_line
    codes = seat_codes(shape.model, facts["product_focus"])

    reasons = [_reason(shape.model_rule), *map(_reason, shape.structure_rules)]
    reports_to: dict[str, str] = {}
    for rule in REPORTING_RULES:
        code, boss = rule.then
        if code in codes and code not in reports_to and rule.matches(facts):
            reports_to[code] = boss
            reasons.append(_reason(rule))
    focus: dict[str, str] = {}
    for rule in FOCUS_RULES:
        code, text = rule.then
        if code in codes and code not in focus and rule.matches(facts):
            focus[code] = text
    teams: dict[str, list[str]] = {code: [] for code in codes}
    for rule in _all(TEAM_RULES, facts):
        code, member = rule.then
        if code in teams:
            teams[code].append(member)
            reasons.append(_reason(rule))
    reasons.extend(_reason(rule) for rule in _all(CONTEXT_RULES, facts))

    skills: dict[str, list[str]] = {code: [] for code in codes}
    for rule in _all(SKILL_RULES, facts):
        code, skill = rule.then
        if code in skills:
            skills[code].append(skill)

    sensitivity, revisit = _sensitivity(tuple(key[i] for i in SHAPE_INDEXES))
    return Core(
        shape=shape,
        seats=_intern(
            SeatInputs,
            model=shape.model,
            per_line=shape.per_line,
            codes=codes,
            startup=facts["stage"] == "startup",
            reports_to=tuple(reports_to.items()),
            focus=tuple(focus.items()),
            teams=tuple((code, tuple(members)) for code, members in teams.items()),
        ),
        rationale=tuple(reasons),
        responsibilities=_responsibilities(shape.model, facts["product_focus"]),
        skills=tuple(SeatSkills(code, tuple(skills[code])) for code in codes),
        sensitivity=sensitivity,
        revisit=revisit,
        considerations=tuple(rule.then for rule in _all(CONSIDER_RULES, facts)),
        transition_inputs=_intern(
            TransitionInputs,
            model=shape.model,
            codes=codes,
            reports_to=tuple(sorted(reports_to.items())),
            regulated=facts["regulated"],
            internal_it=facts["internal_it"],
            product_focus=facts["product_focus"],
        ),
    )


@lru_cache(maxsize=64)
def _responsibilities(model: str, product_focus: str) -> tuple[Responsibility, ...]:
    """The shared areas of the two roles, split between the seats of this model."""
    rows = []
    for area in AREAS:
        if model == "both":
            internal_owner, product_owner = "cio", "cto"
            lead = area.lead_internal_focus if product_focus == "internal" else area.lead
        else:
            internal_owner = product_owner = lead = model
        rows.append(
            Responsibility(
                area=area.code,
                label=area.label,
                lead=lead,
                internal=Side(internal_owner, area.internal),
                product=Side(product_owner, area.product),
            )
        )
    return tuple(rows)


# Yes/no answers that are a matter of degree ("many" applications): flipping one counts as
# a small change. Regulated data and the wish for one executive are clear-cut.
FUZZY_FLAGS = frozenset({"internal_app_dev"})


def _alternatives(index: int, key: tuple[Any, ...]) -> list[tuple[Any, str, str, bool]]:
    """(value, value label, condition text, is a neighbour) for one answer's other values."""
    name = CORE_KEYS[index]
    current = key[index]
    out: list[tuple[Any, str, str, bool]] = []
    if name == "stage":
        here = STAGE_ORDER.index(current)
        for i, value in enumerate(STAGE_ORDER):
            if value != current:
                text = f"At the {SHORT_STAGE[value]} stage"
                out.append((value, CHOICE_LABELS[name][value], text, abs(i - here) == 1))
    elif name == "internal_it":
        here = IT_ORDER.index(current)
        for i, value in enumerate(IT_ORDER):
            if value != current:
                text = f"With {IT_SHORT[value]} internal IT"
                out.append((value, CHOICE_LABELS[name][value], text, abs(i - here) == 1))
    elif name == "product_focus":
        order = [value for value, _ in CHOICES[name]]
        here = order.index(current)
        for i, (value, label) in enumerate(CHOICES[name]):
            if value != current:
                out.append((value, label, FOCUS_IF[value], abs(i - here) == 1))
    elif name == "industry":
        for value, label in CHOICES[name]:
            if value != current:
                out.append((value, label, f"In {label.lower()}", False))
    elif name == "product_lines":
        near = current >= LINES_CAP - 1
        if current < LINES_CAP:
            out.append(
                (LINES_CAP, f"{LINES_CAP} or more", f"With {LINES_CAP} or more product lines", near)
            )
        else:
            out.append((1, "1", "With a single product line", near))
    else:  # the yes/no answers
        texts = {
            "regulated": ("If you handled regulated or sensitive data", "Without regulated data"),
            "internal_app_dev": (
                "If you built many business applications in house",
                "Without much in-house application development",
            ),
            "single_leader": (
                "If you wanted one accountable technology executive",
                "If two technology executives were acceptable",
            ),
        }[name]
        value = not current
        text = texts[0] if value else texts[1]
        out.append((value, "Yes" if value else "No", text, name in FUZZY_FLAGS))
    return out


GROWTH = {
    "stage": lambda old, new: STAGE_ORDER.index(new) > STAGE_ORDER.index(old),
    "internal_it": lambda old, new: IT_ORDER.index(new) > IT_ORDER.index(old),
    "product_lines": lambda old, new: new > old,
    "regulated": lambda old, new: new,
    "internal_app_dev": lambda old, new: new,
}
GROWTH_TRIGGER = {
    "stage": "you reach the {short} stage",
    "internal_it": "internal IT becomes {short}",
    "product_lines": "you run {value} or more product lines",
    "regulated": "you start handling regulated or sensitive data (for example in finance "
    "or healthcare)",
    "internal_app_dev": "you start building many business applications in house",
}


@lru_cache(maxsize=4096)
def _sensitivity(projected: tuple[Any, ...]) -> tuple[Sensitivity, tuple[str, ...]]:
    """For each answer alone: would another value change the advice, and to what?

    Only the answers the shape reads can change it, so only those are tried, and the
    result is memoised on them.
    """
    key = _unproject(projected)
    shape = _shape_of(projected)
    items: list[SensitivityItem] = []
    borderline: list[str] = []
    revisit: list[str] = []
    grown: set[str] = set()
    for index in SHAPE_INDEXES:
        name = CORE_KEYS[index]
        changes = []
        for value, label, condition, neighbour in _alternatives(index, key):
            other = _shape(key[:index] + (value,) + key[index + 1 :])
            if other.same_as(shape):
                continue
            text = f"{condition}, the advice would be {other.phrase}."
            changes.append(Change(value, label, other.model, other.per_line, neighbour, text))
            if name in GROWTH and GROWTH[name](key[index], value) and name not in grown:
                grown.add(name)
                short = SHORT_STAGE.get(value) or IT_SHORT.get(value, "")
                trigger = GROWTH_TRIGGER[name].format(short=short, value=value)
                revisit.append(f"When {trigger}: the advice becomes {other.phrase}.")
        if changes:
            items.append(SensitivityItem(name, QUESTION_LABELS[name], tuple(changes)))
            if any(change.neighbour for change in changes):
                borderline.append(name)
    if borderline:
        labels = [QUESTION_LABELS[name].lower() for name in borderline]
        names = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
        summary = f"Borderline: a small change in {names} would change this advice."
    else:
        summary = "Robust: no small change to a single answer would change this advice."
    stage = key[CORE_KEYS.index("stage")]
    if stage != STAGE_ORDER[-1] and "stage" not in grown:
        nxt = SHORT_STAGE[STAGE_ORDER[STAGE_ORDER.index(stage) + 1]]
        revisit.append(f"Review it again when you grow into the {nxt} stage.")
    revisit.append("Review it at least once a year, and after any merger or reorganisation.")
    return (
        Sensitivity(not borderline, summary, tuple(borderline), tuple(items)),
        tuple(dict.fromkeys(revisit)),
    )


def _headline(model: str, per_line: bool, reports_to: dict[str, str], product_lines: int) -> str:
    bosses = {code: BOSS_NAMES[boss] for code, boss in reports_to.items()}
    if per_line:
        return (
            f"Appoint one CIO for the whole company, reporting to the {bosses['cio']}, "
            f"and a CTO for each of your {product_lines} product lines."
        )
    if model == "both":
        return (
            f"Have both a CTO, reporting to the {bosses['cto']}, and a CIO, reporting "
            f"to the {bosses['cio']}."
        )
    if model == "combined":
        return (
            "Give one executive both remits: a combined technology leader reporting to "
            f"the {bosses['combined']}."
        )
    return f"Lead technology with {ROLE_MODELS[model]} reporting to the {bosses[model]}."


def _version() -> str:
    """A fingerprint of the engine: its rule tables and every text it writes.

    It is taken over the source of every module of this package (line endings
    normalised), so any change to a rule, a reason or a sentence gives a new version.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return f"{RULESET_BASE}-{digest.hexdigest()[:8]}"


RULESET_VERSION = _version()


def core_key(answers: Answers) -> tuple[Any, ...]:
    """The memo key: every core answer, product lines capped at the highest threshold."""
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


@dataclass(frozen=True, slots=True, eq=False)
class SeatInputs:
    """What the seats and the headline depend on (shared by many answer sets).

    Interned (one instance per distinct value, see `_intern`) and hashed by identity, so
    using it as a memo key costs next to nothing.
    """

    model: str
    per_line: bool
    codes: tuple[str, ...]
    startup: bool
    reports_to: tuple[tuple[str, str], ...]
    focus: tuple[tuple[str, str], ...]
    teams: tuple[tuple[str, tuple[str, ...]], ...]


@lru_cache(maxsize=16384)
def _seats(inputs: SeatInputs, product_lines: int) -> tuple[tuple[Seat, ...], str]:
    """The seats and the headline; `product_lines` is 0 unless there is a CTO per line."""
    reports_to = dict(inputs.reports_to)
    seats = build_seats(
        codes=inputs.codes,
        startup=inputs.startup,
        per_line=inputs.per_line,
        product_lines=product_lines,
        reports_to=reports_to,
        focus=dict(inputs.focus),
        teams=dict(inputs.teams),
    )
    return seats, _headline(inputs.model, inputs.per_line, reports_to, product_lines)


def recommend(answers: Answers) -> Recommendation:
    """The recommendation for one set of validated answers. Pure and deterministic."""
    key = core_key(answers)
    core = _core(key)
    seats, headline = _seats(core.seats, answers.product_lines if core.shape.per_line else 0)
    return Recommendation(
        role_model=core.shape.model,
        headline=headline,
        roles=seats,
        rationale=core.rationale,
        responsibilities=core.responsibilities,
        skills=core.skills,
        sensitivity=core.sensitivity,
        transition=build_transition(answers.current_leadership, core.transition_inputs),
        revisit=core.revisit,
        considerations=core.considerations,
        answers=answers,
        ruleset_version=RULESET_VERSION,
    )
