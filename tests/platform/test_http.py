"""Request-wide behaviour: HEAD, private caching, the client's address, the request log."""

import json
import logging

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from orgdesign.http import client_ip
from orgdesign.middleware import loggable_path
from tests.factories import make_scenario, make_share_link, make_user

# --- HEAD -----------------------------------------------------------------------------------


def test_healthz_answers_head_with_the_headers_of_get_and_no_body(client):
    response = client.head("/healthz")

    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == "2"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_head_works_on_signed_in_pages(client):
    client.force_login(make_user())

    response = client.head("/clients/")

    assert response.status_code == 200
    assert response.content == b""
    assert int(response["Content-Length"]) > 1000
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_head_works_on_public_pages_and_pdf_downloads(client):
    link = make_share_link()

    page = client.head(f"/s/{link.token}/")
    pdf = client.head(f"/s/{link.token}/report.pdf")

    assert page.status_code == 200
    assert page.content == b""
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == b""


@pytest.mark.django_db
def test_head_is_refused_where_get_is(client):
    response = client.head(reverse("orgdesign:wizard-save"))

    assert response.status_code == 405
    assert response["Allow"] == "POST"


# --- Cache-Control --------------------------------------------------------------------------


@pytest.mark.django_db
def test_signed_in_pages_are_never_stored(client):
    client.force_login(make_user())

    response = client.get("/clients/")

    assert response["Cache-Control"] == "private, no-store"
    assert "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_private_reports_are_never_stored(client):
    scenario = make_scenario()
    client.force_login(scenario.client.owner)

    response = client.get(f"/scenarios/{scenario.pk}/report.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_shared_reports_are_never_stored_either(client):
    link = make_share_link()

    response = client.get(f"/s/{link.token}/report.pdf")

    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_anonymous_public_pages_keep_their_own_caching(client):
    response = client.get("/")

    assert "no-store" not in response.get("Cache-Control", "")


# --- Client address -------------------------------------------------------------------------


def _request(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_client_is_the_last_untrusted_hop():
    # The client claims an address of its own; the proxy appended the one it saw.
    request = _request("10.0.0.2", "1.2.3.4, 198.51.100.7")

    assert client_ip(request) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_request_not_from_a_trusted_proxy_cannot_claim_an_address():
    assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.1", "10.0.0.2"])
def test_several_trusted_proxies_are_walked_through():
    assert client_ip(_request("10.0.0.2", "198.51.100.7, 10.0.0.1")) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_a_garbled_forwarded_entry_stops_at_the_last_good_address():
    assert client_ip(_request("10.0.0.2", "198.51.100.7, not-an-ip")) == "10.0.0.2"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_the_sign_in_lockout_counts_the_client_behind_the_proxy(client):
    from axes.models import AccessAttempt

    make_user(username="victim")
    client.post(
        "/accounts/login/",
        {"username": "victim", "password": "wrong"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.23",
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.23"]


# --- Request log ----------------------------------------------------------------------------


def _request_lines(caplog):
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "orgdesign.request"]


@pytest.mark.django_db
def test_one_structured_log_line_per_request(client, caplog):
    caplog.set_level(logging.INFO, logger="orgdesign.request")
    user = make_user()
    client.force_login(user)

    response = client.get("/clients/?q=secret-search", headers={"X-Request-ID": "req-abcdef12"})

    [line] = _request_lines(caplog)
    assert line["method"] == "GET"
    assert line["path"] == "/clients/"
    assert line["status"] == 200
    assert line["user_id"] == user.pk
    assert line["request_id"] == "req-abcdef12"
    assert isinstance(line["duration_ms"], float)
    assert response["X-Request-ID"] == "req-abcdef12"
    assert "secret-search" not in caplog.text


def test_an_insane_request_id_is_replaced(client, caplog):
    caplog.set_level(logging.INFO, logger="orgdesign.request")

    response = client.get("/healthz", headers={"X-Request-ID": "<script>\n" + "x" * 300})

    [line] = _request_lines(caplog)
    assert len(line["request_id"]) == 32
    assert response["X-Request-ID"] == line["request_id"]


@pytest.mark.django_db
def test_the_log_never_shows_a_share_token_or_a_password(client, caplog):
    caplog.set_level(logging.DEBUG)
    link = make_share_link()
    make_user(username="someone")

    client.get(f"/s/{link.token}/")
    client.post("/accounts/login/", {"username": "someone", "password": "hunter2-Secret"})

    paths = [line["path"] for line in _request_lines(caplog)]
    assert paths == ["/s/***/", "/accounts/login/"]
    assert link.token not in caplog.text
    assert "hunter2-Secret" not in caplog.text


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/s/abc123/report.pdf", "/s/***/report.pdf"),
        ("/wizard/resume/tok-en/", "/wizard/resume/***/"),
        ("/accounts/password/reset/MQ/abc-123/", "/accounts/password/reset/***/***/"),
        ("/accounts/password/reset/done/", "/accounts/password/reset/done/"),
        ("/scenarios/12/", "/scenarios/12/"),
    ],
)
def test_secret_path_segments_are_masked(path, logged):
    assert loggable_path(path) == logged
