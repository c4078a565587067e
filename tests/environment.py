"""Test-run environment, loaded as a pytest plugin (`-p tests.environment` in pyproject.toml).

pytest-django imports advisor.settings before any conftest.py, so the variables the settings
read must be set here, at plugin import time.
"""

import os

# Playwright's sync API runs an event loop in the test thread; live_server tests need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Hashed manifest names are not found under live_server: serve the source files as they are.
os.environ["DJANGO_STATIC_PLAIN"] = "1"
# Tests run like production (DEBUG off) over plain http.
os.environ["DJANGO_DEBUG"] = "0"
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-" + "k3y" * 16)
