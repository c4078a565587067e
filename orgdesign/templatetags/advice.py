"""Template filters that put a recommendation's codes into words.

The recommendation include renders from JSON-ready data (a live result or a saved
scenario), whose seats and bosses are codes such as "cio" or "product_line".
"""

from __future__ import annotations

from typing import Any

from django import template

from orgdesign import selectors
from orgdesign.models import ROLE_MODEL_CHOICES
from orgdesign.rules import QUESTION_LABELS
from orgdesign.rules.model import BOSS_NAMES

register = template.Library()

SEAT_WORDS = {"cio": "CIO", "cto": "CTO", "combined": "Technology leader"}
ROLE_MODEL_WORDS = dict(ROLE_MODEL_CHOICES)


@register.filter
def seat_name(code: Any) -> str:
    """A seat code as a short name; an empty owner reads "Nobody yet"."""
    if not code:
        return "Nobody yet"
    return SEAT_WORDS.get(str(code), str(code).upper())


@register.filter
def boss_name(code: Any) -> str:
    return BOSS_NAMES.get(str(code), str(code))


@register.filter
def role_model_name(code: Any) -> str:
    return ROLE_MODEL_WORDS.get(str(code), str(code))


@register.filter
def question_label(key: Any) -> str:
    return QUESTION_LABELS.get(str(key), str(key))


@register.filter
def answer_label(value: Any, key: str) -> str:
    """An answer in words, as the questionnaire puts it (see selectors.answer_label)."""
    return selectors.answer_label(key, value)
