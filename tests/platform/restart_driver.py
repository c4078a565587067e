"""The database server stops and starts again under a running gunicorn.

Run by tests/platform/test_database_restart.py as
`.ci/postgres.sh python -m tests.platform.restart_driver`, so it has a PostgreSQL server of
its own (DATABASE_URL) that it may stop and start (ORGDESIGN_PG_CTL). Prints what a visitor
saw at each stage, and what the app logged, as JSON.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAGE = "/s/no-such-token/"  # a public page that needs the database (an unknown share link)
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with _opener.open(url, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _probe(base: str) -> dict:
    page_status, page = _get(base + PAGE)
    heading = re.search(r"<h1[^>]*>([^<]*)</h1>", page)
    return {
        "healthz": _get(base + "/healthz")[0],
        "readyz": _get(base + "/readyz")[0],
        "page": page_status,
        "heading": heading.group(1).strip() if heading else "",
    }


def _ctl(action: str) -> None:
    subprocess.run([os.environ["ORGDESIGN_PG_CTL"], action], check=True)  # noqa: S603


def main() -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_INSECURE_HTTP": "1",
        "DJANGO_STATIC_PLAIN": "1",
        "DJANGO_REQUEST_LOG_LEVEL": "WARNING",
        "DJANGO_DATA_DIR": tempfile.mkdtemp(prefix="orgdesign-restart-"),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    env.pop("DJANGO_DEV_SERVER", None)
    python = sys.executable
    subprocess.run(  # noqa: S603
        [python, "manage.py", "migrate", "--noinput", "-v0"], cwd=REPO, env=env, check=True
    )
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(  # noqa: S603
        [str(Path(python).with_name("gunicorn")), "advisor.wsgi"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        for _ in range(100):
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        results = {"up": _probe(base)}
        _ctl("stop")
        results["down"] = [_probe(base) for _ in range(3)]
        _ctl("start")
        results["back"] = [_probe(base) for _ in range(2)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    log.seek(0)
    text = log.read()
    results["log"] = {
        "database_unavailable_lines": text.count("database unavailable"),
        "tracebacks": text.count("Traceback"),
    }
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    main()
