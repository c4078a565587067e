"""Abuse limits: sign-in across usernames, sign-up, the API, anonymous PDFs and share-link
guesses are each limited per client address, with a 429 that says when to come back.

The limits come from settings.ORGDESIGN_RATE_LIMITS; each test sets small ones.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import (
    SOFTWARE_STARTUP,
    TEST_PASSWORD,
    make_share_link,
    make_user,
)

pytestmark = pytest.mark.django_db

ELSEWHERE = "203.0.113.9"


@pytest.fixture
def limits(settings):
    def set_limit(scope, count, seconds=600):
        settings.ORGDESIGN_RATE_LIMITS = {**settings.ORGDESIGN_RATE_LIMITS, scope: (count, seconds)}

    return set_limit


def assert_html_429(response, seconds):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= seconds
    assert response["Content-Type"].startswith("text/html")
    assert b"Server Error" not in response.content


def test_failed_signins_across_usernames_pause_signin_from_that_address(visitor, limits):
    limits("signin", 3, 900)
    make_user(username="real-consultant")
    for name in ("alice", "bob", "carol"):
        tried = visitor.post(
            reverse("orgdesign:login"), {"username": name, "password": "Spring2026"}
        )
        assert tried.status_code == 200  # the form again, with its error

    blocked = visitor.post(
        reverse("orgdesign:login"), {"username": "real-consultant", "password": TEST_PASSWORD}
    )
    elsewhere = Client(REMOTE_ADDR=ELSEWHERE).post(
        reverse("orgdesign:login"), {"username": "real-consultant", "password": TEST_PASSWORD}
    )

    assert_html_429(blocked, 900)
    assert "_auth_user_id" not in visitor.session
    assert elsewhere.status_code == 302


def test_a_successful_signin_does_not_reset_the_count_of_an_address(visitor, limits):
    limits("signin", 2, 900)
    make_user(username="attacker-own")
    login = reverse("orgdesign:login")
    visitor.post(login, {"username": "victim-1", "password": "guess"})
    assert (
        visitor.post(login, {"username": "attacker-own", "password": TEST_PASSWORD}).status_code
        == 302
    )
    visitor.post(reverse("orgdesign:logout"))
    visitor.post(login, {"username": "victim-2", "password": "guess"})

    assert_html_429(visitor.post(login, {"username": "victim-3", "password": "guess"}), 900)


def test_failures_on_the_admin_sign_in_count_and_it_refuses_a_paused_address(visitor, limits):
    limits("signin", 2, 900)
    make_user(username="staff", is_staff=True)
    for name in ("alice", "bob"):
        visitor.post("/admin/login/", {"username": name, "password": "Spring2026"})

    ours = visitor.post(
        reverse("orgdesign:login"), {"username": "staff", "password": TEST_PASSWORD}
    )
    admin = visitor.post("/admin/login/", {"username": "staff", "password": TEST_PASSWORD})

    assert_html_429(ours, 900)
    assert admin.status_code == 200  # the admin's form again: the right password was refused
    assert "_auth_user_id" not in visitor.session


def test_signin_pages_stay_open_while_posts_are_paused(visitor, limits):
    limits("signin", 1, 900)
    visitor.post(reverse("orgdesign:login"), {"username": "x", "password": "y"})

    assert visitor.get(reverse("orgdesign:login")).status_code == 200


def test_signups_from_one_address_are_limited_and_the_refused_one_creates_nothing(visitor, limits):
    limits("signup", 2, 3600)
    for number in (1, 2):
        visitor.post(
            reverse("orgdesign:signup"),
            {
                "username": f"new{number}",
                "email": f"new{number}@example.com",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
            },
        )
        visitor.post(reverse("orgdesign:logout"))

    refused = visitor.post(
        reverse("orgdesign:signup"),
        {
            "username": "new3",
            "email": "new3@example.com",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )

    assert_html_429(refused, 3600)
    assert sorted(get_user_model().objects.values_list("username", flat=True)) == ["new1", "new2"]
    assert visitor.get(reverse("orgdesign:signup")).status_code == 200


def test_the_api_answers_429_with_a_json_error_and_retry_after(visitor, limits):
    limits("api", 2, 60)
    url = "/api/v1/recommendation"
    for _ in range(2):
        assert (
            visitor.post(url, SOFTWARE_STARTUP, content_type="application/json").status_code == 200
        )

    refused = visitor.post(url, SOFTWARE_STARTUP, content_type="application/json")
    other = Client(REMOTE_ADDR=ELSEWHERE).post(
        url, SOFTWARE_STARTUP, content_type="application/json"
    )

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert list(refused.json()["errors"]) == ["rate"]
    assert "Too many requests to the API" in refused.json()["errors"]["rate"][0]
    assert other.status_code == 200


def test_anonymous_result_pdfs_are_limited_but_a_signed_in_consultant_is_not(
    visitor, limits, prime_wizard
):
    limits("pdf", 1, 600)
    prime_wizard(visitor, answers=SOFTWARE_STARTUP)
    url = reverse("orgdesign:report-result")

    assert visitor.get(url)["Content-Type"] == "application/pdf"
    assert_html_429(visitor.get(url), 600)

    visitor.force_login(make_user())
    prime_wizard(visitor, answers=SOFTWARE_STARTUP)
    assert visitor.get(url)["Content-Type"] == "application/pdf"


def test_anonymous_share_link_pdfs_are_limited(visitor, limits):
    limits("pdf", 1, 600)
    url = reverse("orgdesign:report-shared", args=[make_share_link().token])

    assert visitor.get(url)["Content-Type"] == "application/pdf"
    assert_html_429(visitor.get(url), 600)


def test_guessing_share_tokens_locks_the_address_out_of_every_share_link(visitor, limits):
    limits("share", 3, 3600)
    link = make_share_link()
    good = reverse("orgdesign:shared-scenario", args=[link.token])
    guesses = [
        reverse("orgdesign:shared-scenario", args=["guess-one"]),
        reverse("orgdesign:report-shared", args=["guess-two"]),
        reverse("orgdesign:shared-scenario", args=["guess-three"]),
    ]
    assert visitor.get(good).status_code == 200
    for url in guesses:
        assert visitor.get(url).status_code == 404

    assert_html_429(visitor.get(good), 3600)
    assert_html_429(visitor.get(reverse("orgdesign:report-shared", args=[link.token])), 3600)
    assert Client(REMOTE_ADDR=ELSEWHERE).get(good).status_code == 200


def test_opening_a_valid_share_link_many_times_is_no_guess(visitor, limits):
    limits("share", 2, 3600)
    good = reverse("orgdesign:shared-scenario", args=[make_share_link().token])

    assert [visitor.get(good).status_code for _ in range(5)] == [200] * 5


def test_a_cache_that_fails_never_blocks_anyone(visitor, limits, monkeypatch):
    from django.core.cache import caches

    limits("api", 1, 60)

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["default"], "add", broken)
    monkeypatch.setattr(caches["default"], "get", broken)
    url = "/api/v1/recommendation"

    statuses = [
        visitor.post(url, SOFTWARE_STARTUP, content_type="application/json").status_code
        for _ in range(3)
    ]

    assert statuses == [200, 200, 200]
