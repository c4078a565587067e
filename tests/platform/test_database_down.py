"""The database goes away and comes back: users see the styled 503 page, then their pages
again, with no restart. A cache that fails never turns into an error page."""

import logging
import os

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.factories import make_scenario, make_user


def _refuse(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.django_db(transaction=True)
def test_database_down_gives_the_503_page_and_recovers_without_restart(monkeypatch, caplog):
    caplog.set_level(logging.INFO)
    user = make_user()
    browser = Client(raise_request_exception=False)
    browser.force_login(user)
    assert browser.get("/clients/").status_code == 200

    monkeypatch.setattr(connection, "cursor", _refuse)
    down = [browser.get("/clients/") for _ in range(3)]
    monkeypatch.undo()
    back = browser.get("/clients/")

    for response in down:
        assert response.status_code == 503
        assert "The service is briefly unavailable" in response.content.decode()
        assert response["Retry-After"] == "30"
    assert back.status_code == 200
    assert "Clients" in back.content.decode()
    database_lines = [r for r in caplog.records if r.name == "orgdesign.database"]
    assert len(database_lines) == 3
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="PostgreSQL run only: a server that stops answering on its port",
)
@pytest.mark.django_db(transaction=True)
def test_postgresql_on_a_closed_port_gives_503_then_recovers(caplog):
    user = make_user()
    browser = Client(raise_request_exception=False)
    browser.force_login(user)
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        down = browser.get("/clients/")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    back = browser.get("/clients/")

    assert down.status_code == 503
    assert "The service is briefly unavailable" in down.content.decode()
    assert back.status_code == 200


@pytest.mark.django_db
def test_a_report_cache_that_cannot_be_written_is_a_warning_not_an_error(client, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "reports": {"BACKEND": "tests.platform.broken_cache.UnwritableCache"},
    }
    scenario = make_scenario()
    client.force_login(scenario.client.owner)

    with caplog.at_level(logging.WARNING, logger="orgdesign.pdf"):
        response = client.get(f"/scenarios/{scenario.pk}/report.pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    [warning] = [r for r in caplog.records if r.name == "orgdesign.pdf"]
    assert warning.levelname == "WARNING"
    assert "report cache not written (OSError)" in warning.getMessage()


@pytest.mark.django_db
def test_a_report_cache_that_is_down_still_gives_the_report(client, settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "reports": {"BACKEND": "tests.platform.broken_cache.DownCache"},
    }
    scenario = make_scenario()
    client.force_login(scenario.client.owner)

    response = client.get(f"/scenarios/{scenario.pk}/report.pdf")

    assert response.content.startswith(b"%PDF-")
    assert "report cache unreadable (ConnectionError)" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_database_down_outside_the_view_also_gives_the_503_page(monkeypatch, caplog):
    # An anonymous founder answering the first question: the view needs no query, the
    # session is written afterwards, by the session middleware, and that write fails.
    caplog.set_level(logging.INFO)
    browser = Client(raise_request_exception=False)
    monkeypatch.setattr(connection, "cursor", _refuse)

    response = browser.post("/wizard/company/", {"stage": "scaleup", "industry": "finance"})

    assert response.status_code == 503
    assert "The service is briefly unavailable" in response.content.decode()
    assert response["Retry-After"] == "30"
    assert len([r for r in caplog.records if r.name == "orgdesign.database"]) == 1
    assert not any(r.exc_info for r in caplog.records)
