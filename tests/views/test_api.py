"""POST /api/v1/recommendation: answers, errors, and what it must never do."""

import json

import pytest

from orgdesign.api import MAX_BODY_BYTES
from orgdesign.rules import RULESET_VERSION

URL = "/api/v1/recommendation"
BASE = {"stage": "startup", "industry": "software", "product_focus": "tech_product"}


def post(client, body, content_type="application/json"):
    if not isinstance(body, str | bytes):
        body = json.dumps(body)
    return client.post(URL, body, content_type=content_type)


def test_valid_answers_give_the_recommendation(client):
    response = post(client, BASE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["role_model"] == "cto"
    assert data["roles"][0]["reports_to"] == "ceo"
    assert data["ruleset_version"] == RULESET_VERSION
    assert {"rule", "text"} <= set(data["rationale"][0])


def test_the_api_needs_no_login_and_no_csrf_token(django_user_model):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, BASE).status_code == 200


@pytest.mark.django_db
def test_the_api_stores_nothing(client):
    """No table of the app is read or written; only the rate limit's counter in the
    shared cache table is touched."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = post(client, BASE)
    assert response.status_code == 200
    assert response.json()["role_model"] == "cto"
    tables = set(connection.introspection.django_table_names(include_views=False))
    cache_tables = {"orgdesign_cache", "orgdesign_report_cache"}
    for query in queries.captured_queries:
        named = {table for table in tables - cache_tables if f'"{table}"' in query["sql"]}
        assert not named, query["sql"]


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"stage": None}, "stage"),
        ({"stage": "galactic"}, "stage"),
        ({"industry": 7}, "industry"),
        ({"product_focus": "hardware"}, "product_focus"),
        ({"product_lines": 0}, "product_lines"),
        ({"product_lines": 51}, "product_lines"),
        ({"product_lines": "two"}, "product_lines"),
        ({"regulated": "yes"}, "regulated"),
        ({"internal_app_dev": 1}, "internal_app_dev"),
        ({"internal_it": "huge"}, "internal_it"),
        ({"current_leadership": "cfo"}, "current_leadership"),
        ({"single_leader": "no"}, "single_leader"),
    ],
)
def test_a_bad_value_answers_400_naming_the_key(client, change, key):
    response = post(client, {**BASE, **change})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [key]
    assert isinstance(errors[key], list) and errors[key][0]


@pytest.mark.parametrize("key", ["stage", "industry", "product_focus"])
def test_a_missing_required_key_answers_400_naming_it(client, key):
    response = post(client, {k: v for k, v in BASE.items() if k != key})
    assert response.status_code == 400
    assert "required" in response.json()["errors"][key][0]


@pytest.mark.parametrize("body", ["", "not json", "{", b"\xff\xfe", "[1, 2]", "null"])
def test_a_body_that_is_not_a_json_object_answers_400(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert set(response.json()["errors"]) <= {"body", "answers"}


def test_a_huge_body_is_refused_unread(client):
    body = json.dumps({**BASE, "padding": "x" * (MAX_BODY_BYTES + 1)})
    response = post(client, body)
    assert response.status_code == 413
    assert "body" in response.json()["errors"]


def test_get_is_not_allowed(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "method" in response.json()["errors"]
