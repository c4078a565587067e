"""gunicorn.conf.py: workers fitted to the machine, explicit timeouts, no control socket."""

import os
import runpy

from tests.platform.settings_probe import REPO


def _config(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO / "gunicorn.conf.py"))


def test_workers_follow_the_cores_with_a_cap(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert _config(monkeypatch)["workers"] == 5

    monkeypatch.setattr(os, "cpu_count", lambda: 32)
    assert _config(monkeypatch)["workers"] == 8


def test_workers_and_timeouts_can_be_set(monkeypatch):
    config = _config(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_TIMEOUT="20")

    assert config["workers"] == 3
    assert config["timeout"] == 20


def test_timeouts_are_explicit_and_there_is_no_control_socket(monkeypatch):
    config = _config(monkeypatch)

    assert config["timeout"] == 60
    assert config["graceful_timeout"] == 30
    assert config["bind"] == "127.0.0.1:8000"
    assert config["control_socket_disable"] is True
