"""Shared pytest fixtures. The environment for the run is set in tests/environment.py."""

import pytest


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use Debian's Chromium: Playwright cannot download its own browser on this machine."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing passwords with the production hasher costs most of a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_default_cache():
    """Rate-limit counts live in the "default" cache: every test starts with none.

    The cache is a database table that Django's flush between transactional tests does
    not empty, so it is cleared here whenever the test may use the database; a test
    without database access cannot have touched it.
    """
    from django.core.cache import caches
    from django.db import DatabaseError

    def clear() -> None:
        try:
            caches["default"].clear()
        except RuntimeError:  # pytest-django: this test has no database access
            pass
        except DatabaseError:  # a test that takes the database down ends with it down
            pass

    clear()
    yield
    clear()


def pytest_terminal_summary(terminalreporter):
    """What the fuzz test sent, by kind (tests/views/test_fuzz.py), also kept in
    test-artifacts/fuzz-summary.json."""
    import json
    import sys
    from pathlib import Path

    fuzzing = sys.modules.get("tests.fuzzing")
    if fuzzing is None or not fuzzing.SENT:
        return
    sent = dict(sorted(fuzzing.SENT.items()))
    out = Path(__file__).resolve().parent.parent / "test-artifacts" / "fuzz-summary.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(sent, indent=2) + "\n")
    terminalreporter.section("fuzzing: what was sent")
    for key, count in sent.items():
        terminalreporter.write_line(f"{key:<28} {count:>7}")
    terminalreporter.write_line(f"(also in {out.relative_to(out.parent.parent)})")
