"""The styled error pages, with debug off (as in production) and under the CSP."""

import logging

import pytest
from django.test import Client

from orgdesign.views.errors import error_page, too_many_requests

pytestmark = pytest.mark.urls("tests.platform.error_urls")


@pytest.fixture
def browser():
    """A client that gets the error page a visitor would, instead of the exception."""
    return Client(raise_request_exception=False)


def _assert_styled(response, *, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert f'<h1 class="h3">{heading}</h1>' in html
    assert 'href="/"' in html
    assert "/static/css/app.css" in html
    assert "<script" not in html
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_unknown_address_shows_our_404_page_with_a_way_home(browser, settings):
    assert settings.DEBUG is False

    response = browser.get("/no/such/page/")

    _assert_styled(response, status=404, heading="Page not found")


@pytest.mark.django_db
def test_bad_request_shows_our_400_page(browser):
    response = browser.get("/fail/400/")

    _assert_styled(response, status=400, heading="This request could not be understood")


@pytest.mark.django_db
def test_permission_denied_shows_our_403_page(browser):
    response = browser.get("/fail/403/")

    _assert_styled(response, status=403, heading="You cannot open this page")


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_our_403_page():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/accounts/login/", {"username": "a", "password": "b"})

    _assert_styled(response, status=403, heading="This form has expired")


@pytest.mark.django_db
def test_a_bug_shows_our_500_page_with_the_request_reference(browser, caplog):
    response = browser.get("/fail/500/", headers={"X-Request-ID": "ref-12345678"})

    _assert_styled(response, status=500, heading="Something went wrong on our side")
    assert "<code>ref-12345678</code>" in response.content.decode()
    assert "a bug" not in response.content.decode()
    # The traceback stays on the server.
    assert any(r.exc_info and "a bug" in str(r.exc_info[1]) for r in caplog.records)


@pytest.mark.django_db
def test_database_down_shows_our_503_page_with_retry_after_and_one_log_line(browser, caplog):
    caplog.set_level(logging.INFO)

    response = browser.get("/fail/503/")

    _assert_styled(response, status=503, heading="The service is briefly unavailable")
    assert response["Retry-After"] == "30"
    lines = [r for r in caplog.records if r.name == "orgdesign.database"]
    assert len(lines) == 1
    assert "database unavailable: OperationalError" in lines[0].getMessage()
    assert all(r.exc_info is None for r in caplog.records if r.levelno >= logging.ERROR)


def test_error_pages_render_without_touching_the_database(rf):
    # No django_db mark: any query would fail the test outright.
    for status in (400, 403, 404, 429, 500, 503):
        response = error_page(rf.get("/"), status)
        assert response.status_code == status
        assert b'href="/"' in response.content


def test_the_429_page_says_which_limit_was_hit(rf):
    response = too_many_requests(rf.get("/"), "Too many sign-ups from your network.")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many requests" in html
    assert "Too many sign-ups from your network." in html
