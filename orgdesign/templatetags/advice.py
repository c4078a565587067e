"""Template filters that put a recommendation's codes into words.

The recommendation include renders from JSON-ready data (a live result or a saved
scenario), whose seats and bosses are codes such as "cio" or "product_line".
"""

from __future__ import annotations

from typing import Any

from django import template

from orgdesign.rules import CHOICES, QUESTION_LABELS

register = template.Library()

SEAT_WORDS = {"cio": "CIO", "cto": "CTO", "combined": "Technology leader"}
BOSS_WORDS = {
    "ceo": "CEO",
    "cfo": "CFO",
    "coo": "COO",
    "cio": "CIO",
    "cto": "CTO",
    "board": "Board",
    "product_line": "Product line",
}
ROLE_MODEL_WORDS = {
    "cio": "CIO",
    "cto": "CTO",
    "both": "CIO and CTO",
    "combined": "Combined role",
}
_CHOICE_LABELS = {key: dict(choices) for key, choices in CHOICES.items()}


@register.filter
def seat_name(code: Any) -> str:
    """A seat code as a short name; an empty owner reads "Nobody yet"."""
    if not code:
        return "Nobody yet"
    return SEAT_WORDS.get(str(code), str(code).upper())


@register.filter
def boss_name(code: Any) -> str:
    return BOSS_WORDS.get(str(code), str(code))


@register.filter
def role_model_name(code: Any) -> str:
    return ROLE_MODEL_WORDS.get(str(code), str(code))


@register.filter
def question_label(key: Any) -> str:
    return QUESTION_LABELS.get(str(key), str(key))


@register.filter
def answer_label(value: Any, key: str) -> str:
    """An answer in words: the choice label, Yes/No, or the number."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return _CHOICE_LABELS.get(key, {}).get(value, str(value))
