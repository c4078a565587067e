"""Run app processes of our own (tests/platform/worker.py) on a database of the test's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.platform.settings_probe import REPO

SECRET = "worker-" + "Qm4vX8pL2s" * 6


def database_kinds() -> list[str]:
    """SQLite always; PostgreSQL too when the run points at one (make test's second run)."""
    kinds = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        kinds.append("postgresql")
    return kinds


@contextmanager
def scratch_database(kind: str, tmp_path: Path):
    """The URL of an empty database for worker processes, dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'workers.sqlite3'}"
        return
    import psycopg

    server = urlsplit(os.environ["DATABASE_URL"])
    name = f"orgdesign_workers_{uuid.uuid4().hex[:10]}"
    admin = urlunsplit(server._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(server._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def worker_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_INSECURE_HTTP": "1",
        "DJANGO_STATIC_PLAIN": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def worker_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.platform.worker", *args]


def run_worker(database_url: str, tmp_path: Path, *args: str) -> dict | None:
    """Run one worker command to its end; its JSON answer (None when it prints nothing)."""
    result = subprocess.run(
        worker_command(*args),
        cwd=REPO,
        env=worker_env(database_url, tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None
