"""Test-run environment, loaded as a pytest plugin (`-p tests.environment` in pyproject.toml).

pytest-django imports advisor.settings before any conftest.py, so the variables the settings
read must be set here, at plugin import time.
"""

import os
from pathlib import Path

# Playwright's sync API runs an event loop in the test thread; live_server tests need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Hashed manifest names are not found under live_server: serve the source files as they are.
os.environ["DJANGO_STATIC_PLAIN"] = "1"
# Tests run like production (DEBUG off), over plain http (the test client and live_server
# speak http; the https defaults have tests of their own in tests/test_settings.py).
os.environ["DJANGO_DEBUG"] = "0"
os.environ["DJANGO_INSECURE_HTTP"] = "1"
os.environ.pop("DJANGO_DEV_SERVER", None)
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-" + "k3y" * 16)
# No data folder in the user's home: anything the settings put there goes under the repo's
# (ignored) test-artifacts folder.
os.environ.setdefault(
    "DJANGO_DATA_DIR", str(Path(__file__).resolve().parent.parent / "test-artifacts" / "data")
)
