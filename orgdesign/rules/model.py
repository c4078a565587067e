"""What the engine returns: a `Recommendation` made of small frozen parts.

Every part has `to_dict()` giving JSON-ready data; the key order is fixed so the same
answers always serialise to the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .answers import Answers


@dataclass(frozen=True, slots=True)
class Seat:
    """One recommended executive seat."""

    code: str
    title: str
    reports_to: str
    focus: str
    direct_reports: tuple[str, ...] = ()
    variant: str = "full"  # which of the seat's names it carries (see vocabulary.SEATS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "reports_to": self.reports_to,
            "focus": self.focus,
            "direct_reports": list(self.direct_reports),
            "variant": self.variant,
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """Why: the rule that fired, in plain words, with its source."""

    rule: str
    text: str
    source: str
    matched: tuple[str, ...] = ()  # the answers the rule matched, in words

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "text": self.text,
            "source": self.source,
            "matched": list(self.matched),
        }


@dataclass(frozen=True, slots=True)
class Side:
    owner: str  # a seat code, or "" when nobody in the structure holds it
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"owner": self.owner, "text": self.text}


@dataclass(frozen=True, slots=True)
class Responsibility:
    """One shared area, split into its internal side and its product side."""

    area: str
    label: str
    lead: str
    internal: Side
    product: Side

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "label": self.label,
            "lead": self.lead,
            "internal": self.internal.to_dict(),
            "product": self.product.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class SeatSkills:
    code: str
    skills: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "skills": list(self.skills)}


@dataclass(frozen=True, slots=True)
class Change:
    """What the advice becomes if one answer takes another value."""

    value: Any
    value_label: str
    role_model: str
    several_ctos: bool
    neighbour: bool
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "value_label": self.value_label,
            "role_model": self.role_model,
            "several_ctos": self.several_ctos,
            "neighbour": self.neighbour,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class SensitivityItem:
    key: str
    label: str
    kind: str  # "decide", "fact" or "growth" (see engine.ANSWER_KINDS)
    changes: tuple[Change, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "kind": self.kind,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class PairChange:
    """Two answers that change the advice together, though neither does alone."""

    keys: tuple[str, str]
    values: tuple[Any, Any]
    role_model: str
    several_ctos: bool
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "keys": list(self.keys),
            "values": list(self.values),
            "role_model": self.role_model,
            "several_ctos": self.several_ctos,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """Which single answers would change the advice, and whether it is borderline."""

    robust: bool
    summary: str
    borderline_keys: tuple[str, ...]
    items: tuple[SensitivityItem, ...]
    pairs: tuple[PairChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "robust": self.robust,
            "summary": self.summary,
            "borderline_keys": list(self.borderline_keys),
            "items": [i.to_dict() for i in self.items],
            "pairs": [p.to_dict() for p in self.pairs],
        }


@dataclass(frozen=True, slots=True)
class Step:
    """One step from today's leadership to the plan, and the rule that gave it."""

    rule: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text}


@dataclass(frozen=True, slots=True)
class Conflict:
    """Something about today's structure to watch for, and how the plan resolves it."""

    rule: str
    text: str  # about today
    resolution: str  # what the plan does about it

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text, "resolution": self.resolution}


@dataclass(frozen=True, slots=True)
class Transition:
    """From today's leadership to the recommended structure."""

    current: str
    steps: tuple[Step, ...]
    conflicts: tuple[Conflict, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "steps": [s.to_dict() for s in self.steps],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


@dataclass(frozen=True, slots=True)
class Recommendation:
    role_model: str
    headline: str
    roles: tuple[Seat, ...]
    rationale: tuple[Reason, ...]
    responsibilities: tuple[Responsibility, ...]
    skills: tuple[SeatSkills, ...]
    sensitivity: Sensitivity
    transition: Transition
    revisit: tuple[str, ...]
    considerations: tuple[str, ...]
    answers: Answers
    ruleset_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "role_model": self.role_model,
            "headline": self.headline,
            "roles": [s.to_dict() for s in self.roles],
            "rationale": [r.to_dict() for r in self.rationale],
            "responsibilities": [r.to_dict() for r in self.responsibilities],
            "skills": [s.to_dict() for s in self.skills],
            "sensitivity": self.sensitivity.to_dict(),
            "transition": self.transition.to_dict(),
            "revisit": list(self.revisit),
            "considerations": list(self.considerations),
            "answers": self.answers.to_dict(),
            "ruleset_version": self.ruleset_version,
        }
