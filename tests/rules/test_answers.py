"""Validation of the answers: every key, every way it can be wrong."""

import pytest

from orgdesign.rules import AnswersError, parse_answers

BASE = {"stage": "startup", "industry": "software", "product_focus": "tech_product"}


def errors_for(data):
    with pytest.raises(AnswersError) as caught:
        parse_answers(data)
    return caught.value.errors


def test_defaults_apply_when_optional_keys_are_absent():
    answers = parse_answers(BASE)
    assert answers.product_lines == 1
    assert answers.regulated is False
    assert answers.internal_app_dev is False
    assert answers.internal_it == "moderate"
    assert answers.current_leadership == "none"


@pytest.mark.parametrize("industry", ["finance", "healthcare"])
def test_finance_and_healthcare_are_regulated_by_default(industry):
    assert parse_answers({**BASE, "industry": industry}).regulated is True
    assert parse_answers({**BASE, "industry": industry, "regulated": False}).regulated is False


def test_unknown_keys_are_ignored():
    assert parse_answers({**BASE, "colour": "blue"}) == parse_answers(BASE)


@pytest.mark.parametrize("key", ["stage", "industry", "product_focus"])
def test_a_missing_required_key_is_named(key):
    data = {k: v for k, v in BASE.items() if k != key}
    errors = errors_for(data)
    assert list(errors) == [key]
    assert "required" in errors[key][0]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("stage", "galactic"),
        ("stage", 3),
        ("stage", None),
        ("industry", "mining"),
        ("industry", ["software"]),
        ("product_focus", "TECH_PRODUCT"),
        ("internal_it", "extreme"),
        ("current_leadership", "cfo"),
    ],
)
def test_a_wrong_choice_names_the_key_and_the_allowed_values(key, value):
    errors = errors_for({**BASE, key: value})
    assert list(errors) == [key]
    assert "use one of:" in errors[key][0]


@pytest.mark.parametrize("value", [0, 51, -3, 2.5, "3", True, None])
def test_product_lines_must_be_a_whole_number_from_1_to_50(value):
    errors = errors_for({**BASE, "product_lines": value})
    assert list(errors) == ["product_lines"]
    assert "1 to 50" in errors["product_lines"][0]


@pytest.mark.parametrize("key", ["regulated", "internal_app_dev", "single_leader"])
@pytest.mark.parametrize("value", ["yes", 1, 0, None, "true"])
def test_yes_no_answers_must_be_booleans(key, value):
    assert errors_for({**BASE, key: value}) == {key: ["must be true or false."]}


@pytest.mark.parametrize("data", [[], "startup", 42, None])
def test_answers_must_be_an_object(data):
    assert list(errors_for(data)) == ["answers"]


def test_every_bad_key_is_reported_at_once():
    errors = errors_for({"stage": "x", "product_lines": 99})
    assert set(errors) == {"stage", "industry", "product_focus", "product_lines"}


def test_the_one_line_message_starts_with_the_key():
    with pytest.raises(AnswersError) as caught:
        parse_answers({**BASE, "stage": "galactic"})
    assert str(caught.value) == (
        "stage: 'galactic' is not allowed; use one of: startup, scaleup, mid_size, enterprise."
    )
