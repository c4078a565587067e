"""Import advisor/settings.py in a fresh interpreter, as a production start would.

The settings file is copied into a folder of its own, with the `.env` a test asks for
beside it, so what the settings read from that folder is only what the test put there.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_PROBE = """
import json
import advisor.settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": s.SESSION_COOKIE_HTTPONLY,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_PRELOAD": s.SECURE_HSTS_PRELOAD,
    "SILENCED_SYSTEM_CHECKS": s.SILENCED_SYSTEM_CHECKS,
    "DATABASE_ENGINE": s.DATABASES["default"]["ENGINE"],
    "DATABASE_NAME": str(s.DATABASES["default"]["NAME"]),
    "CONN_MAX_AGE": s.DATABASES["default"]["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": s.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "CACHES": {alias: conf["BACKEND"] for alias, conf in s.CACHES.items()},
    "BASE_DIR": str(s.BASE_DIR),
}))
"""


def clean_env(home: Path, **variables: str) -> dict[str, str]:
    """An environment with nothing of the test run's: PATH, HOME and what is given."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), **variables}


def probe_settings(tmp_path: Path, *, dotenv: str | None = None, **variables: str) -> dict:
    """The settings a fresh process gets with exactly `variables` and `dotenv` (.env text)."""
    root = tmp_path / "app"
    (root / "advisor").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "advisor" / "settings.py", root / "advisor" / "settings.py")
    (root / "advisor" / "__init__.py").touch()
    if dotenv is not None:
        (root / ".env").write_text(dotenv)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=root,
        env=clean_env(tmp_path, PYTHONPATH=str(root), **variables),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
