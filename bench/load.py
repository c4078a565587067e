"""Benchmark: a mixed workload of 32 users for 60 s against gunicorn, on PostgreSQL and SQLite.

    .venv/bin/python bench/load.py [--users 32] [--run-time 60] [--think 0]
                                   [--databases postgresql sqlite] [--ports BASE]

For each database in turn: a fresh database (PostgreSQL: a throw-away cluster of Debian's
PostgreSQL in a temporary folder, on 127.0.0.1, with persistent connections,
`DJANGO_DB_CONN_MAX_AGE=60`; SQLite: a file in a temporary folder, with the settings'
defaults), migrated, with the demo data (`fixtures/demo.json`) and one account per virtual
consultant; gunicorn with 4 sync workers and production settings (bench/_support.py);
then locust, headless, `--users 32 --spawn-rate 32 --run-time 60s`, with the users of
bench/_load_users.py: half founders doing the wizard to the result and its PDF, half
consultants (the demo account and accounts made here, one each) listing, opening,
editing, comparing and exporting.

Prints the load average at each start and the CPU time used during each run by the app
(gunicorn and its workers), the database (PostgreSQL's processes; SQLite works inside the
workers), locust and everything else on the machine; one table with both databases side by
side: per page the requests, errors, p50, p95 and p99 in milliseconds (locust's, rounded to
two significant digits above 100 ms) and requests per second; then every error with its
count, and what the server logged as warnings or errors. Locust's CSV files and the
server's log are kept in bench/output/. Everything started here is stopped, and the
temporary folders are removed, when the run ends or fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import resource
import secrets
import shutil
import subprocess
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from _support import (
    PYTHON,
    ROOT,
    Postgres,
    Server,
    free_port,
    machine_busy_seconds,
    manage,
    production_env,
    tree_cpu_seconds,
)

LOCUST = str(Path(PYTHON).with_name("locust"))
USERS_FILE = ROOT / "bench" / "_load_users.py"
OUTPUT = ROOT / "bench" / "output"
DATABASES = ("postgresql", "sqlite")
LABELS = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
WORKERS = 4
# The demo fixture's account (see README.md); the other consultants get a random password.
DEMO_USER, DEMO_PASSWORD = "demo", "demo-advisor-2026"
# Clients of each made-up consultant besides copies of the demo clients: the client list
# then has two pages, as a working consultant's would.
EXTRA_CLIENTS = 27


# --- Set-up inside the app's environment (run in a subprocess) -----------------------------


def prepare(plan_path: Path, consultants: int) -> None:
    """Write the plan the virtual users follow, making the consultants' accounts first.

    Runs with the benchmark's environment (DATABASE_URL...), in a process of its own: the
    wizard's steps and each field's valid values come from the app's forms, the accounts
    and their clients from the services, like those a consultant would make.
    """
    import django

    django.setup()
    from django import forms
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from orgdesign import services
    from orgdesign.flow import STEPS
    from orgdesign.models import Client

    def valid_values(field: forms.Field) -> list[str]:
        if isinstance(field, forms.IntegerField):
            return [str(n) for n in range(field.min_value, field.max_value + 1)]
        if isinstance(field, forms.ChoiceField):
            return [str(value) for value, _ in field.choices if value != ""]
        raise TypeError(f"no values known for {field!r}")

    steps = {
        step.slug: {name: valid_values(f) for name, f in step.form_class.base_fields.items()}
        for step in STEPS
    }

    def form_data(answers: dict) -> dict[str, str]:
        data: dict[str, str] = {}
        for step in STEPS:
            data.update(step.form_class.data_from_answers(answers))
        return data

    def account(user, password: str) -> dict:
        clients = Client.objects.filter(owner=user).prefetch_related("scenarios")
        return {
            "username": user.get_username(),
            "password": password,
            # The clients with two scenarios or more: those can be compared.
            "clients": [
                {
                    "id": client.pk,
                    "name": client.name,
                    "scenarios": [
                        {
                            "id": s.pk,
                            "name": s.name,
                            "version": s.version,
                            "data": form_data(s.answers),
                        }
                        for s in client.scenarios.all()
                    ],
                }
                for client in clients
                if len(client.scenarios.all()) >= 2
            ],
        }

    user_model = get_user_model()
    demo = user_model.objects.get(username=DEMO_USER)
    demo_clients = list(Client.objects.filter(owner=demo).prefetch_related("scenarios"))
    password = secrets.token_urlsafe(16)
    hashed = make_password(password)  # one hash for all: hashing costs 0.4 s a time
    accounts = [account(demo, DEMO_PASSWORD)]
    for n in range(1, consultants):
        user = user_model.objects.create(
            username=f"consultant-{n:02d}", first_name="Consultant", last_name=f"{n:02d}"
        )
        user.password = hashed
        user.save(update_fields=["password"])
        for original in demo_clients:
            client = services.client_create(
                owner=user, name=original.name, industry=original.industry, notes=original.notes
            )
            for s in original.scenarios.all():
                services.scenario_create(client=client, name=s.name, answers=s.answers, user=user)
        for i in range(EXTRA_CLIENTS):
            scenario = demo_clients[i % len(demo_clients)].scenarios.all()[0]
            client = services.client_create(owner=user, name=f"Client {i + 1:02d}")
            services.scenario_create(
                client=client, name="Today", answers=scenario.answers, user=user
            )
        accounts.append(account(user, password))
    plan_path.write_text(json.dumps({"steps": steps, "consultants": accounts}))


# --- One run ---------------------------------------------------------------------------------


@dataclass
class Run:
    database: str
    rows: dict[str, dict[str, float]]  # page -> requests, errors, p50, p95, p99, rps
    failures: list[tuple[str, str, int]]  # page, error, occurrences
    exceptions: list[tuple[str, int]]  # a virtual user's code failing: message, occurrences
    server_errors: dict[str, int]  # what the server logged as errors, counted
    load_before: float
    seconds: float
    cpu: dict[str, float]  # CPU seconds during the load: app, database, locust, other, capacity


def run_database(database: str, args, tmp: Path) -> Run:
    folder = tmp / database
    folder.mkdir()
    with ExitStack() as stack:
        # Each virtual user is a client of its own behind the one proxy it connects through
        # (127.0.0.1), as on a real site: the per-address limits count each user apart.
        extra = {"DJANGO_TRUSTED_PROXIES": "127.0.0.1"}
        pg = None
        if database == "postgresql":
            port = args.ports if args.ports else free_port()
            pg = stack.enter_context(Postgres(port))
            extra |= {"DATABASE_URL": pg.url, "DJANGO_DB_CONN_MAX_AGE": "60"}
        else:
            extra["DATABASE_URL"] = f"sqlite:///{folder / 'app.sqlite3'}"
        env = production_env(DJANGO_SETTINGS_MODULE="advisor.settings", **extra)
        manage(env, "migrate", "--noinput")
        manage(env, "loaddata", "fixtures/demo.json")
        plan = folder / "plan.json"
        subprocess.run(
            [PYTHON, __file__, "--prepare", str(plan), "--users", str(args.users)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        app_port = args.ports + 1 + DATABASES.index(database) if args.ports else free_port()
        log = folder / "gunicorn.log"
        server = Server(database, env, "advisor.wsgi", port=app_port, workers=WORKERS, log=log)
        stack.callback(server.stop)
        server.start()

        prefix = folder / "locust"
        load_before = os.getloadavg()[0]

        def cpu_now() -> dict[str, float]:
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            return {
                "app": tree_cpu_seconds(server.process.pid),
                "database": tree_cpu_seconds(pg.pid()) if pg else 0.0,
                "locust": children.ru_utime + children.ru_stime,  # the only child reaped
                "machine": machine_busy_seconds(),
            }

        cpu_before = cpu_now()
        started = time.monotonic()
        result = subprocess.run(
            [
                LOCUST,
                "-f",
                str(USERS_FILE),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                f"{args.run_time}s",
                "--host",
                server.url,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_PLAN": str(plan), "LOAD_THINK": str(args.think)},
            capture_output=True,
            text=True,
            timeout=args.run_time + 60,
        )
        seconds = time.monotonic() - started
        cpu = {key: value - cpu_before[key] for key, value in cpu_now().items()}
        cpu["other"] = cpu.pop("machine") - cpu["app"] - cpu["database"] - cpu["locust"]
        cpu["capacity"] = seconds * os.cpu_count()
        # Exit status 1: some requests failed, which the tables show.
        if result.returncode not in (0, 1) or not Path(f"{prefix}_stats.csv").exists():
            raise RuntimeError(f"locust failed ({result.returncode}):\n{result.stderr[-3000:]}")
        server.stop()
        OUTPUT.mkdir(exist_ok=True)
        for part in ("stats", "failures", "exceptions"):
            shutil.copy(f"{prefix}_{part}.csv", OUTPUT / f"load-{database}-{part}.csv")
        shutil.copy(log, OUTPUT / f"load-{database}-server.log")
        return Run(
            database,
            read_stats(Path(f"{prefix}_stats.csv")),
            read_failures(Path(f"{prefix}_failures.csv")),
            read_exceptions(Path(f"{prefix}_exceptions.csv")),
            server_errors(log),
            load_before,
            seconds,
            cpu,
        )


def read_stats(path: Path) -> dict[str, dict[str, float]]:
    rows = {}
    with path.open() as handle:
        for row in csv.DictReader(handle):
            name = "all pages" if row["Name"] == "Aggregated" else row["Name"]
            rows[name] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                # "N/A" when a page got no response at all (a short run).
                "p50": float(row["50%"].replace("N/A", "nan")),
                "p95": float(row["95%"].replace("N/A", "nan")),
                "p99": float(row["99%"].replace("N/A", "nan")),
                "rps": float(row["Requests/s"]),
            }
    return rows


def read_failures(path: Path) -> list[tuple[str, str, int]]:
    with path.open() as handle:
        return [(r["Name"], r["Error"], int(r["Occurrences"])) for r in csv.DictReader(handle)]


def read_exceptions(path: Path) -> list[tuple[str, int]]:
    with path.open() as handle:
        return [(r["Message"], int(r["Count"])) for r in csv.DictReader(handle)]


def server_errors(log: Path) -> dict[str, int]:
    """The server's error lines (Django's request log, exceptions, worker timeouts), counted."""
    counts: dict[str, int] = {}
    pattern = re.compile(r"(ERROR|CRITICAL|WARNING|^\w+(\.\w+)*(Error|Exception): )")
    for line in log.read_text(errors="replace").splitlines():
        if pattern.search(line):
            key = re.sub(r"^\S+ \S+ ", "", line)[:160]  # without the time stamp
            counts[key] = counts.get(key, 0) + 1
    return counts


# --- Report ----------------------------------------------------------------------------------


def print_report(runs: list[Run], args) -> None:
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores; locust --users "
        f"{args.users} --spawn-rate {args.users} --run-time {args.run_time}s"
        f"{f', think time up to {args.think} s' if args.think else ', no think time'}; "
        f"gunicorn {WORKERS} sync workers, DEBUG off"
    )
    for run in runs:
        print(
            f"{LABELS[run.database]}: load average {run.load_before:.2f} at the start, "
            f"{run.seconds:.0f} s of load; CPU seconds used of {run.cpu['capacity']:.0f}: "
            + ", ".join(
                f"{key} {run.cpu[key]:.0f}" for key in ("app", "database", "locust", "other")
            )
        )
    names = list(dict.fromkeys(name for run in runs for name in run.rows))
    names.sort(key=lambda name: name == "all pages")
    head = "| page |" + "".join(
        f" {LABELS[run.database]} {col} |"
        for run in runs
        for col in ("requests", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s")
    )
    print("\n" + head)
    print("|---|" + "---:|" * 6 * len(runs))
    for name in names:
        cells = []
        for run in runs:
            row = run.rows.get(name)
            if row is None:
                cells += ["-"] * 6
                continue
            cells += [
                f"{row['requests']:,}",
                f"{row['errors']:,}",
                *("-" if math.isnan(row[p]) else f"{row[p]:,.0f}" for p in ("p50", "p95", "p99")),
                f"{row['rps']:.1f}",
            ]
        label = f"**{name}**" if name == "all pages" else name
        print(f"| {label} | " + " | ".join(cells) + " |")
    for run in runs:
        total = run.rows.get("all pages", {}).get("errors", 0)
        broken = sum(count for _, count in run.exceptions)
        answered = run.rows.get("all pages", {}).get("requests", 0)
        verdict = "OK" if total == broken == 0 and answered else "MISSED"
        print(
            f"\n{LABELS[run.database]}: {total} errors, {broken} visits broken off by an "
            f"exception in the virtual users (target: none) {verdict}"
        )
        for page, error, count in run.failures:
            print(f"  {count:>6} x {page}: {error}")
        for message, count in run.exceptions:
            print(f"  {count:>6} x exception: {message}")
        for line, count in sorted(run.server_errors.items(), key=lambda item: -item[1])[:15]:
            print(f"  server log {count:>6} x {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--run-time", type=int, default=60, help="seconds of load per database")
    parser.add_argument(
        "--think", type=float, default=0, help="at most this many seconds between a user's pages"
    )
    parser.add_argument("--databases", nargs="+", choices=DATABASES, default=list(DATABASES))
    parser.add_argument(
        "--ports",
        type=int,
        default=0,
        help="PostgreSQL on this port, the app servers on the next ones (default: free ports)",
    )
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.consultants = args.users // 2

    if args.prepare:
        prepare(args.prepare, args.consultants)
        return
    if args.consultants < 1:
        parser.error("--users must be at least 2 (half founders, half consultants)")

    tmp = Path(tempfile.mkdtemp(prefix="orgdesign-load-"))
    try:
        runs = [run_database(database, args, tmp) for database in args.databases]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_report(runs, args)


if __name__ == "__main__":
    main()
