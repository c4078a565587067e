import pytest


def test_healthz_answers_ok_as_plain_text(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_healthz_forbids_caching(client):
    response = client.get("/healthz")

    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_healthz_makes_no_database_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.content == b"ok"


def test_healthz_refuses_post(client):
    response = client.post("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET"


@pytest.mark.django_db
def test_html_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_bootstrap_css_is_served_from_our_own_static_files(client):
    response = client.get("/static/vendor/bootstrap/css/bootstrap.min.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"Bootstrap" in b"".join(response.streaming_content)[:400]


# --- Readiness ------------------------------------------------------------------------------


def _down_cache(settings, backend):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": f"tests.platform.broken_cache.{backend}"},
    }


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_and_caches_answer(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db import OperationalError, connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
@pytest.mark.parametrize("backend", ["DownCache", "UnwritableCache"])
def test_readyz_answers_503_when_the_cache_is_down(client, settings, backend):
    _down_cache(settings, backend)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "down"}


def test_healthz_answers_head(client):
    response = client.head("/healthz")

    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.django_db
def test_probes_answer_over_plain_http_while_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").content == b"ok"
    assert client.get("/readyz").json()["status"] == "ok"
    page = client.get("/clients/")
    assert page.status_code == 301
    assert page["Location"] == "https://testserver/clients/"
