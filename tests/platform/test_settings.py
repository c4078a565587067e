"""Production defaults: secure without extra variables, and no debug from a development file.

Each test starts a fresh interpreter (tests/platform/settings_probe.py), as a server would.
"""

import subprocess
import sys

import pytest

from tests.platform.settings_probe import REPO, clean_env, probe_settings

SECRET = "prod-" + "Zq8rT2wXv7" * 6
DEV_DOTENV = f"DJANGO_DEBUG=1\nDJANGO_SECRET_KEY={SECRET}\n"


def test_a_production_start_ignores_debug_from_the_development_env_file(tmp_path):
    settings = probe_settings(tmp_path, dotenv=DEV_DOTENV)

    assert settings["DEBUG"] is False
    # The rest of the file still applies: its secret key let the settings load at all.
    assert settings["SECURE_SSL_REDIRECT"] is True


def test_the_env_file_cannot_claim_to_be_a_development_command(tmp_path):
    settings = probe_settings(tmp_path, dotenv=DEV_DOTENV + "DJANGO_DEV_SERVER=1\n")

    assert settings["DEBUG"] is False


def test_the_development_commands_get_debug_from_the_env_file(tmp_path):
    settings = probe_settings(tmp_path, dotenv=DEV_DOTENV, DJANGO_DEV_SERVER="1")

    assert settings["DEBUG"] is True
    assert settings["SECURE_SSL_REDIRECT"] is False


def test_debug_set_in_the_real_environment_is_still_obeyed(tmp_path):
    settings = probe_settings(tmp_path, DJANGO_DEBUG="1")

    assert settings["DEBUG"] is True


def test_debug_off_is_secure_by_default(tmp_path):
    settings = probe_settings(tmp_path, DJANGO_SECRET_KEY=SECRET)

    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31_536_000
    assert settings["SECURE_HSTS_PRELOAD"] is False


def test_hsts_preload_only_when_asked_for(tmp_path):
    settings = probe_settings(tmp_path, DJANGO_SECRET_KEY=SECRET, DJANGO_SECURE_HSTS_PRELOAD="1")

    assert settings["SECURE_HSTS_PRELOAD"] is True
    assert "security.W021" not in settings["SILENCED_SYSTEM_CHECKS"]


def test_the_insecure_http_switch_turns_off_https_only_settings(tmp_path):
    settings = probe_settings(tmp_path, DJANGO_SECRET_KEY=SECRET, DJANGO_INSECURE_HTTP="1")

    assert settings["DEBUG"] is False
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0


def test_production_sqlite_lives_in_the_data_folder_not_the_code_folder(tmp_path):
    settings = probe_settings(tmp_path, DJANGO_SECRET_KEY=SECRET)

    assert settings["DATABASE_ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASE_NAME"] == str(tmp_path / ".local/share/orgdesign/db.sqlite3")
    assert not settings["DATABASE_NAME"].startswith(settings["BASE_DIR"])


def test_data_folder_can_be_chosen(tmp_path):
    data = tmp_path / "data"
    settings = probe_settings(tmp_path, DJANGO_SECRET_KEY=SECRET, DJANGO_DATA_DIR=str(data))

    assert settings["DATABASE_NAME"] == str(data / "db.sqlite3")
    assert data.is_dir()


def test_postgresql_keeps_connections_with_health_checks(tmp_path):
    settings = probe_settings(
        tmp_path,
        DJANGO_SECRET_KEY=SECRET,
        DATABASE_URL="postgres://advisor:secret@127.0.0.1:5432/advisor",
    )

    assert settings["DATABASE_ENGINE"] == "django.db.backends.postgresql"
    assert settings["CONN_MAX_AGE"] == 60
    assert settings["CONN_HEALTH_CHECKS"] is True


def test_caches_are_shared_through_the_database_or_redis(tmp_path):
    in_db = probe_settings(tmp_path, DJANGO_SECRET_KEY=SECRET)
    in_redis = probe_settings(
        tmp_path, DJANGO_SECRET_KEY=SECRET, DJANGO_CACHE_URL="redis://127.0.0.1:6379/0"
    )

    assert set(in_db["CACHES"]) == {"default", "reports"}
    assert set(in_db["CACHES"].values()) == {"django.core.cache.backends.db.DatabaseCache"}
    assert set(in_redis["CACHES"].values()) == {"django.core.cache.backends.redis.RedisCache"}


@pytest.mark.parametrize("extra", [{}, {"DJANGO_SECURE_HSTS_PRELOAD": "1"}])
def test_check_deploy_is_clean_with_only_debug_off_a_key_and_the_hosts(tmp_path, extra):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=clean_env(
            tmp_path,
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=SECRET,
            DJANGO_ALLOWED_HOSTS="example.com",
            **extra,
        ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_each_process_logs_once_which_database_and_caches_it_uses(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); django.setup()"],
        cwd=REPO,
        env=clean_env(
            tmp_path,
            PYTHONPATH=str(REPO),
            DJANGO_SETTINGS_MODULE="advisor.settings",
            DJANGO_SECRET_KEY=SECRET,
            DATABASE_URL="postgres://advisor:s3cret-pw@db.internal:5433/advisor",
            DJANGO_CACHE_URL="redis://:redis-pw@cache.internal:6379/0",
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "orgdesign.startup" in line]
    assert len(lines) == 1
    assert "database: postgresql advisor on db.internal:5433" in lines[0]
    assert "caches: default=RedisCache, reports=RedisCache" in lines[0]
    assert "debug: False" in lines[0]
    assert "s3cret-pw" not in result.stderr
    assert "redis-pw" not in result.stderr


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start(tmp_path):
    # probe_settings fails (with the interpreter's error output) when the settings refuse.
    with pytest.raises(AssertionError, match="DJANGO_TRUSTED_PROXIES: 'proxy.internal'"):
        probe_settings(tmp_path, DJANGO_SECRET_KEY=SECRET, DJANGO_TRUSTED_PROXIES="proxy.internal")
