"""PostgreSQL stops under a running gunicorn, then starts again: visitors get the styled 503
page meanwhile (the liveness probe stays up, the readiness probe says 503), and the same
workers serve pages again once it is back, with no restart and no traceback in the log.

The server is a throw-away one of the test's own (.ci/postgres.sh), so stopping it touches
nothing else. It runs in make test's PostgreSQL run.
"""

import glob
import json
import os
import subprocess
import sys

import pytest

from tests.platform.settings_probe import REPO

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    or not glob.glob("/usr/lib/postgresql/*/bin/initdb"),
    reason="PostgreSQL run only, with the server binaries installed",
)


def test_database_stopped_and_started_under_gunicorn_gives_503_then_recovers():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PG_TEST_PORT")}
    result = subprocess.run(
        [str(REPO / ".ci" / "postgres.sh"), sys.executable, "-m", "tests.platform.restart_driver"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["up"] == {
        "healthz": 200,
        "readyz": 200,
        "page": 404,
        "heading": "This link is not valid",
    }
    for probe in seen["down"]:
        assert probe == {
            "healthz": 200,
            "readyz": 503,
            "page": 503,
            "heading": "The service is briefly unavailable",
        }
    for probe in seen["back"]:
        assert probe == seen["up"]
    assert seen["log"] == {"database_unavailable_lines": 3, "tracebacks": 0}
