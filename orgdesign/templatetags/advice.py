"""Template filters that put codes into words, read from the engine's vocabulary.

Whole recommendations are put into words by `orgdesign.presenter`; these filters serve the
few places that show one code on its own (a scenario's role model in a list, an answer on
the review page).
"""

from __future__ import annotations

from typing import Any

from django import template

from orgdesign import presenter
from orgdesign.rules import vocabulary

register = template.Library()


@register.filter
def role_model_name(code: Any) -> str:
    term = vocabulary.ROLE_MODELS.get(str(code))
    return term.title if term else str(code)


@register.filter
def question_label(key: Any) -> str:
    return vocabulary.QUESTION_LABELS.get(str(key), str(key))


@register.filter
def answer_label(value: Any, key: str) -> str:
    """An answer in words, as the questionnaire puts it."""
    return vocabulary.answer_label(key, value)


@register.filter
def under_older_rules(ruleset_version: Any) -> bool:
    """Whether a scenario saved under `ruleset_version` predates today's rules."""
    return presenter.under_older_rules(str(ruleset_version))
