"""The rule engine: answers in, recommendation out. Standard library only, no Django.

from orgdesign.rules import parse_answers, recommend, to_json
recommendation = recommend(parse_answers({"stage": "startup", ...}))
"""

from __future__ import annotations

import json
from typing import Any

from .answers import ANSWER_KEYS, CHOICES, QUESTION_LABELS, Answers, AnswersError, parse_answers
from .engine import RULESET_VERSION, recommend
from .model import Recommendation

__all__ = [
    "ANSWER_KEYS",
    "CHOICES",
    "QUESTION_LABELS",
    "RULESET_VERSION",
    "Answers",
    "AnswersError",
    "Recommendation",
    "parse_answers",
    "recommend",
    "recommend_json",
    "to_json",
]


def to_json(recommendation: Recommendation) -> str:
    """The one serialisation used by the command and the API: same answers, same bytes."""
    return json.dumps(recommendation.to_dict(), indent=2, ensure_ascii=False) + "\n"


def recommend_json(data: Any) -> str:
    """Validate raw answers and return the recommendation as JSON text.

    Raises AnswersError for invalid answers.
    """
    return to_json(recommend(parse_answers(data)))
