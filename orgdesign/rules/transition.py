"""From today's technology leadership to the recommended structure.

Reads the step and conflict tables (table.py, 11 to 13): one step per seat of the plan
(the first matching row for that seat), then every matching extra step, then every
matching conflict. A conflict is about today's structure; its second sentence says how
the plan resolves it, naming a seat of the plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import vocabulary as vocab
from .model import Conflict, Responsibility, Step, Transition
from .table import CONFLICT_RULES, EXTRA_STEP_RULES, STEP_RULES

if TYPE_CHECKING:
    from .engine import Structure


def _owner(responsibilities: tuple[Responsibility, ...], area: str, side: str) -> str:
    for item in responsibilities:
        if item.area == area:
            return getattr(item, side).owner
    return ""


def build_transition(
    *,
    current: str,
    product_focus: str,
    shape: Structure,
    responsibilities: tuple[Responsibility, ...],
    security_pressure: bool,
) -> Transition:
    """The steps from today's leadership to the plan's seats, and the conflicts."""
    held = vocab.CURRENT_SEATS[current]
    today = vocab.CURRENT_NAMES[current]
    facts: dict[str, Any] = {
        "current": current,
        "model": shape.model,
        "per_line": shape.per_line,
        "product_focus": product_focus,
        "has_cio": "cio" in shape.codes,
        "security_pressure": security_pressure,
    }
    lead = shape.term(shape.codes[0])
    steps: list[Step] = []
    for code, boss in zip(shape.codes, shape.bosses, strict=True):
        facts["seat"], facts["holds"] = code, code in held
        rule = next(rule for rule in STEP_RULES if rule.matches(facts))
        term = shape.term(code)
        words = {
            "seat_a": term.a,
            "seat_the": term.the,
            "boss": vocab.BOSSES[boss].the,
            "today": today,
            "today_seat": vocab.CURRENT_NAMES[code],  # today's holder: "your CTO"
        }
        steps.append(Step(rule.id, vocab.capital(rule.then.format(**words))))
    for rule in EXTRA_STEP_RULES:
        if rule.matches(facts):
            steps.append(Step(rule.id, rule.then.format(lead_the=lead.the)))

    security = _owner(responsibilities, "cybersecurity", "internal")
    product = shape.codes[0] if shape.model != "cio" else ""
    words = {
        "security_owner": shape.term(security).the if security else "",
        "product_owner": shape.term(product).the if product else "",
        "seat_the": lead.the,
        "seats": vocab.join_words([shape.term(code).the for code in shape.codes], "or"),
    }
    conflicts = [
        Conflict(rule.id, rule.then[0], vocab.capital(rule.then[1].format(**words)))
        for rule in CONFLICT_RULES
        if rule.matches(facts)
    ]
    return Transition(current=current, steps=tuple(steps), conflicts=tuple(conflicts))
