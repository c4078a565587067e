"""The questionnaire answers: allowed values, defaults and validation.

`parse_answers` turns a JSON-like mapping into a frozen `Answers`, or raises
`AnswersError` whose `errors` name every bad key with the allowed values. Unknown keys
are ignored (the contract in shared/contract.md). Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .vocabulary import CHOICES, QUESTION_LABELS  # noqa: F401 - QUESTION_LABELS re-exported

STAGES = CHOICES["stage"]
INDUSTRIES = CHOICES["industry"]
PRODUCT_FOCUSES = CHOICES["product_focus"]
INTERNAL_IT_LEVELS = CHOICES["internal_it"]
CURRENT_LEADERSHIP = CHOICES["current_leadership"]

# Ordered answers: one step along them is one step of growth.
STAGE_ORDER: tuple[str, ...] = tuple(v for v, _ in STAGES)
IT_ORDER: tuple[str, ...] = tuple(v for v, _ in INTERNAL_IT_LEVELS)
FOCUS_ORDER: tuple[str, ...] = tuple(v for v, _ in PRODUCT_FOCUSES)

PRODUCT_LINES_MIN = 1
PRODUCT_LINES_MAX = 50
REGULATED_BY_DEFAULT = frozenset({"finance", "healthcare"})

REQUIRED_KEYS: tuple[str, ...] = ("stage", "industry", "product_focus")
BOOLEAN_KEYS: tuple[str, ...] = ("regulated", "internal_app_dev", "single_leader")


@dataclass(frozen=True, slots=True)
class Answers:
    """One company's answers, validated and with every default resolved."""

    stage: str
    industry: str
    product_focus: str
    product_lines: int = 1
    regulated: bool = False
    internal_app_dev: bool = False
    internal_it: str = "moderate"
    single_leader: bool = False
    current_leadership: str = "none"

    def to_dict(self) -> dict[str, Any]:
        """The answers as JSON-ready data, every key present."""
        return {key: getattr(self, key) for key in ANSWER_KEYS}


ANSWER_KEYS: tuple[str, ...] = tuple(Answers.__dataclass_fields__)


class AnswersError(ValueError):
    """Invalid answers. `errors` maps each bad key to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """Every problem on one line, each starting with the key it concerns."""
        return "; ".join(
            f"{key}: {message}" for key, messages in self.errors.items() for message in messages
        )


def _allowed(key: str) -> str:
    return ", ".join(value for value, _ in CHOICES[key])


def _check_choice(key: str, value: Any, errors: dict[str, list[str]]) -> str | None:
    allowed = {v for v, _ in CHOICES[key]}
    if isinstance(value, str) and value in allowed:
        return value
    shown = repr(value) if isinstance(value, str) else f"a {type(value).__name__}"
    errors[key] = [f"{shown} is not allowed; use one of: {_allowed(key)}."]
    return None


def default_regulated(industry: str) -> bool:
    """Finance and healthcare handle regulated data unless told otherwise."""
    return industry in REGULATED_BY_DEFAULT


def parse_answers(data: Any) -> Answers:
    """Validate raw answers (a mapping from JSON) and resolve the defaults.

    Raises AnswersError naming every bad key; never anything else.
    """
    if not isinstance(data, Mapping):
        raise AnswersError({"answers": ["must be a JSON object of answers."]})
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}

    for key in CHOICES:
        if key not in data:
            if key in REQUIRED_KEYS:
                errors[key] = [f"this answer is required; use one of: {_allowed(key)}."]
            continue
        checked = _check_choice(key, data[key], errors)
        if checked is not None:
            values[key] = checked

    if "product_lines" in data:
        lines = data["product_lines"]
        if isinstance(lines, bool) or not isinstance(lines, int):
            errors["product_lines"] = [
                f"must be a whole number from {PRODUCT_LINES_MIN} to {PRODUCT_LINES_MAX}."
            ]
        elif not PRODUCT_LINES_MIN <= lines <= PRODUCT_LINES_MAX:
            errors["product_lines"] = [
                f"{lines} is out of range; use a whole number from "
                f"{PRODUCT_LINES_MIN} to {PRODUCT_LINES_MAX}."
            ]
        else:
            values["product_lines"] = lines

    for key in BOOLEAN_KEYS:
        if key in data:
            if isinstance(data[key], bool):
                values[key] = data[key]
            else:
                errors[key] = ["must be true or false."]

    if errors:
        raise AnswersError(errors)
    if "regulated" not in values:
        values["regulated"] = default_regulated(values["industry"])
    return Answers(**values)
