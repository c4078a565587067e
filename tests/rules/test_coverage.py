"""Every rule of every table fires for some answers: no dead rows in the tables."""

import itertools

from orgdesign.rules import CHOICES, parse_answers, recommend
from orgdesign.rules.table import (
    CONSIDER_RULES,
    CONTEXT_RULES,
    FOCUS_RULES,
    MODEL_RULES,
    REPORTING_RULES,
    SKILL_RULES,
    STRUCTURE_RULES,
    TEAM_RULES,
)


def values(key):
    return [value for value, _ in CHOICES[key]]


def every_recommendation():
    for stage, industry, focus, lines, regulated, app_dev, it, single in itertools.product(
        values("stage"),
        values("industry"),
        values("product_focus"),
        [1, 3],
        [False, True],
        [False, True],
        values("internal_it"),
        [False, True],
    ):
        yield recommend(
            parse_answers(
                {
                    "stage": stage,
                    "industry": industry,
                    "product_focus": focus,
                    "product_lines": lines,
                    "regulated": regulated,
                    "internal_app_dev": app_dev,
                    "internal_it": it,
                    "single_leader": single,
                }
            )
        )


def test_every_rule_of_every_table_is_reachable():
    fired, focus_texts, skills, considerations = set(), set(), set(), set()
    for rec in every_recommendation():
        fired.update(reason.rule for reason in rec.rationale)
        focus_texts.update((seat.code, seat.focus) for seat in rec.roles)
        skills.update((s.code, skill) for s in rec.skills for skill in s.skills)
        considerations.update(rec.considerations)

    explained = MODEL_RULES + STRUCTURE_RULES + REPORTING_RULES + TEAM_RULES + CONTEXT_RULES
    assert {rule.id for rule in explained} - fired == set()
    assert {rule.then for rule in FOCUS_RULES} - focus_texts == set()
    assert {rule.then for rule in SKILL_RULES} - skills == set()
    assert {rule.then for rule in CONSIDER_RULES} - considerations == set()
