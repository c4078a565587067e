"""What the benchmarks share: production settings, gunicorn servers, a throw-away PostgreSQL.

Not a benchmark itself (`make bench` runs only the scripts whose name does not start with
an underscore). Every process started here runs in its own session, on 127.0.0.1 only,
and is stopped by its process group id by the object that started it.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production start over plain http on 127.0.0.1.

    Debug off, a random secret key, loopback hosts only; https redirect, HSTS and secure
    cookies switched off by DJANGO_INSECURE_HTTP (the switch for plain-http trials); static
    files served from their source folders (no collectstatic: no benchmark fetches them).
    """
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_INSECURE_HTTP": "1",
        "DJANGO_STATIC_PLAIN": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not start on 127.0.0.1:{port}")


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


@dataclass
class Server:
    """gunicorn on 127.0.0.1 with sync workers; its output goes to `log` when given."""

    name: str
    env: dict[str, str]
    wsgi: str
    port: int = field(default_factory=free_port)
    workers: int = 2
    log: Path | None = None
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        output = open(self.log, "ab") if self.log else None  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                GUNICORN,
                self.wsgi,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--no-control-socket",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=output,
            stderr=output,
        )
        if output:
            output.close()  # the child keeps its own copy
        wait_for_port(self.port, what=self.name)

    def stop(self) -> None:
        """A graceful stop: the server (gunicorn's master) finishes the requests in flight,
        report renders included; only what is left after 40 s is killed, group and all."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def tree_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its descendants, those that ended included."""
    import psutil  # a locust dependency: only the load benchmark needs it

    def own(process: psutil.Process) -> float:
        try:
            t = process.cpu_times()
        except psutil.NoSuchProcess:  # ended meanwhile: counted by its parent once reaped
            return 0.0
        return t.user + t.system + t.children_user + t.children_system

    root = psutil.Process(pid)
    return own(root) + sum(own(child) for child in root.children(recursive=True))


def machine_busy_seconds() -> float:
    """CPU time all cores spent on anything but idling since boot (from /proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle, iowait = fields[3], fields[4]
    return (sum(fields[:8]) - idle - iowait) / os.sysconf("SC_CLK_TCK")


def postgres_bin() -> Path | None:
    """Debian's PostgreSQL binaries (`apt-get install postgresql`), newest version first."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key, reverse=True)
    return Path(found[0]).parent if found else None


def _version_key(path: str) -> int:
    version = Path(path).parent.parent.name
    return int(version) if version.isdigit() else 0


class Postgres:
    """A throw-away PostgreSQL cluster in a temporary folder, on 127.0.0.1:`port` only.

    initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
    Local connections are trusted (the server listens on the loopback address only and its
    folder is removed on stop). Use as a context manager.
    """

    def __init__(self, port: int, *, user: str = "advisor", database: str = "advisor"):
        self.port = port
        self.user = user
        self.database = database
        self.bin = postgres_bin()
        if self.bin is None:
            raise RuntimeError(
                "PostgreSQL is not installed: apt-get install -y postgresql (Debian's package)"
            )
        self.dir = Path(tempfile.mkdtemp(prefix="orgdesign-pg-"))
        self.data = self.dir / "data"
        self.started = False

    @property
    def url(self) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{self.database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=self.dir)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        log = str(self.dir / "log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")
        self.started = True
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, self.database
        )

    def pid(self) -> int:
        """The postmaster's process id."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Postgres:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
