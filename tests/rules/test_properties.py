"""Property tests: any valid answers give a well-formed, deterministic recommendation."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesign.rules import (
    CHOICES,
    RULESET_VERSION,
    AnswersError,
    parse_answers,
    recommend,
    to_json,
)

SEAT_CODES = {"cio", "cto", "combined"}
BOSSES = {"ceo", "cfo", "coo", "cio", "cto", "board", "product_line"}

answers = st.fixed_dictionaries(
    {
        key: st.sampled_from([v for v, _ in CHOICES[key]])
        for key in ("stage", "industry", "product_focus")
    },
    optional={
        "product_lines": st.integers(1, 50),
        "regulated": st.booleans(),
        "internal_app_dev": st.booleans(),
        "single_leader": st.booleans(),
        "internal_it": st.sampled_from([v for v, _ in CHOICES["internal_it"]]),
        "current_leadership": st.sampled_from([v for v, _ in CHOICES["current_leadership"]]),
    },
)


@settings(max_examples=400, deadline=None)
@given(answers)
def test_any_valid_answers_give_a_well_formed_recommendation(data):
    rec = recommend(parse_answers(data))
    assert rec.role_model in {"cio", "cto", "both", "combined"}
    codes = {seat.code for seat in rec.roles}
    assert codes <= SEAT_CODES
    expected = {"both": {"cio", "cto"}}.get(rec.role_model, {rec.role_model})
    assert codes == expected
    assert all(seat.reports_to in BOSSES and seat.title and seat.focus for seat in rec.roles)
    # A seat never reports to a seat that is not there.
    assert all(seat.reports_to not in SEAT_CODES or seat.reports_to in codes for seat in rec.roles)
    assert rec.rationale and all(r.rule and r.text for r in rec.rationale)
    assert rec.ruleset_version == RULESET_VERSION
    assert rec.transition.steps
    assert {s.code for s in rec.skills} == codes
    for item in rec.sensitivity.items:
        assert all(
            change.role_model in {"cio", "cto", "both", "combined"} for change in item.changes
        )
    assert rec.sensitivity.robust is (not rec.sensitivity.borderline_keys)


@settings(max_examples=200, deadline=None)
@given(answers)
def test_the_same_answers_always_give_the_same_json(data):
    first = to_json(recommend(parse_answers(data)))
    again = to_json(recommend(parse_answers(json.loads(json.dumps(data)))))
    assert first == again
    assert json.loads(first)["answers"]["stage"] == data["stage"]


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=20),
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    )
)
def test_arbitrary_input_gives_a_recommendation_or_a_named_error_never_a_crash(data):
    try:
        recommend(parse_answers(data))
    except AnswersError as exc:
        assert exc.errors
        assert all(isinstance(k, str) and v for k, v in exc.errors.items())
