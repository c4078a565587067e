"""Benchmark: page throughput and latency with wrk against gunicorn, plus first-load weight.

    .venv/bin/python bench/pages.py [--duration 10] [--threads 2] [--connections 16]
                                    [--only NAME ...]

Serves the app with production settings (DJANGO_DEBUG=0, a random secret key, a fresh
SQLite database, 2 sync gunicorn workers, `--no-control-socket`) and, in the same run, the
django-formtools baseline in bench/baseline/ on a second gunicorn. Static files are served
with DJANGO_STATIC_PLAIN=1 (straight from the source folders, no collectstatic): only the
page weight depends on static files, and it is measured by compressing each file with gzip
(level 9) and brotli (quality 11), as `collectstatic` with WhiteNoise would.

Each target is a `Target`: a name, the server, the method and path, and an optional
`prepare(ctx)` that returns the headers and body (cookies, CSRF token) for wrk's Lua
script. Add targets to `TARGETS`; `consultant_cookie(ctx, ...)` gives a signed-in session.
"""

from __future__ import annotations

import argparse
import gzip
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli
from _support import ROOT, Server, manage, production_env

WRK = "/usr/bin/wrk"

COMPLETE_ANSWERS = [
    ("company", {"stage": "scaleup", "industry": "finance"}),
    ("product", {"product_focus": "tech_enabled"}),
    ("product-lines", {"product_lines": "1"}),
    (
        "operations",
        {
            "regulated": "yes",
            "internal_app_dev": "no",
            "internal_it": "moderate",
            "single_leader": "no",
        },
    ),
    ("leadership", {"current_leadership": "cto"}),
]


# --- Sessions ----------------------------------------------------------------------------


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(  # noqa: S310 - our own http://127.0.0.1 servers
            self.base + path, data=body, headers=headers or {}
        )
        try:
            with self.opener.open(req) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def post_form(self, path: str, data: dict, referer_path: str | None = None) -> int:
        self.request(referer_path or path)
        token = self.cookie("csrftoken")
        status, _ = self.request(
            path, {**data, "csrfmiddlewaretoken": token}, {"Referer": self.base + path}
        )
        return status


def wizard_session(ctx: Context, steps=COMPLETE_ANSWERS) -> Browser:
    browser = Browser(ctx.app.url)
    for slug, data in steps:
        status = browser.post_form(f"/wizard/{slug}/", data)
        assert status == 302, (slug, status)
    return browser


def consultant_cookie(ctx: Context, username: str = "bench-consultant") -> str:
    """A Cookie header for a signed-in consultant (created on first use) of the app server."""
    from django.contrib.auth import (  # the bench process runs Django on the app's database
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user, _ = get_user_model().objects.get_or_create(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


# --- Targets -----------------------------------------------------------------------------


@dataclass
class Context:
    app: Server
    baseline: Server


@dataclass
class Target:
    name: str
    server: str  # "app" or "baseline"
    path: str
    method: str = "GET"
    prepare: Callable[[Context], tuple[dict[str, str], str]] | None = None
    kind: str = "page"  # "probe", "step", "result", "baseline" or "page": which targets apply


def prepare_step_post(ctx: Context) -> tuple[dict[str, str], str]:
    browser = wizard_session(ctx)
    body = urllib.parse.urlencode(dict(COMPLETE_ANSWERS[3][1]))
    return {
        "Cookie": browser.cookie_header(),
        "X-CSRFToken": browser.cookie("csrftoken"),
        "HX-Request": "true",
        "Referer": ctx.app.url + "/wizard/operations/",
        "Content-Type": "application/x-www-form-urlencoded",
    }, body


def prepare_result(ctx: Context) -> tuple[dict[str, str], str]:
    return {"Cookie": wizard_session(ctx).cookie_header()}, ""


def prepare_step_get(ctx: Context) -> tuple[dict[str, str], str]:
    """A founder on the first step with a session (one answered step)."""
    return {"Cookie": wizard_session(ctx, COMPLETE_ANSWERS[:1]).cookie_header()}, ""


def prepare_baseline_get(ctx: Context) -> tuple[dict[str, str], str]:
    """The baseline with a session cookie too (formtools resets its storage on each GET)."""
    browser = Browser(ctx.baseline.url)
    browser.request("/wizard/")
    return {"Cookie": browser.cookie_header()}, ""


def prepare_baseline_post(ctx: Context) -> tuple[dict[str, str], str]:
    browser = Browser(ctx.baseline.url)
    browser.request("/wizard/")
    token = browser.cookie("csrftoken")
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "wizard-current_step": "company",
            "company-stage": "scaleup",
            "company-industry": "finance",
        }
    )
    return {
        "Cookie": browser.cookie_header(),
        "Referer": ctx.baseline.url + "/wizard/",
        "Content-Type": "application/x-www-form-urlencoded",
    }, body


TARGETS: list[Target] = [
    Target("healthz", "app", "/healthz", kind="probe"),
    Target("wizard step 1 (GET)", "app", "/wizard/company/", prepare=prepare_step_get, kind="step"),
    Target(
        "wizard step (htmx POST)",
        "app",
        "/wizard/operations/",
        "POST",
        prepare_step_post,
        kind="step",
    ),
    Target("result page", "app", "/result/", prepare=prepare_result, kind="result"),
    Target(
        "formtools baseline step 1 (GET)",
        "baseline",
        "/wizard/",
        prepare=prepare_baseline_get,
        kind="baseline",
    ),
    Target(
        "formtools baseline step (POST)",
        "baseline",
        "/wizard/",
        "POST",
        prepare_baseline_post,
        kind="baseline",
    ),
]


# --- Workspace targets: the client list and the comparison -----------------------------

BENCH_CLIENTS = 200
COMPARE_ANSWERS = [
    {"stage": "startup", "industry": "software", "product_focus": "tech_product"},
    {"stage": "scaleup", "industry": "software", "product_focus": "tech_product"},
    {
        "stage": "mid_size",
        "industry": "software",
        "product_focus": "tech_product",
        "product_lines": 3,
    },
    {"stage": "enterprise", "industry": "finance", "product_focus": "tech_enabled"},
]


def _workspace_owner(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get_or_create(username=username)[0]


FIRM_MEMBERS = 5
SCENARIOS_PER_CLIENT = 3


def prepare_client_list(ctx: Context) -> tuple[dict[str, str], str]:
    """A five-member firm with 200 clients, made in turn by each member, each with three
    scenarios (of four kinds of advice; one client in seven has a scenario saved under
    older rules, one in ten "Northern plant" in its notes). Made once; the search and
    filter variants read the same firm. wrk reads the first page."""
    from orgdesign.models import Client, Membership, Scenario
    from orgdesign.services import client_create, membership_ensure, scenario_create

    owner = _workspace_owner("bench-clients")
    firm = membership_ensure(user=owner).firm
    if not Client.objects.filter(firm=firm).exists():
        members = [owner]
        for n in range(1, FIRM_MEMBERS):
            member = _workspace_owner(f"bench-member-{n}")
            Membership.objects.create(firm=firm, user=member, role="consultant")
            members.append(member)
        for i in range(BENCH_CLIENTS):
            member = members[i % FIRM_MEMBERS]
            notes = "Northern plant to be merged in 2027." if i % 10 == 0 else "Board in May."
            client = client_create(
                owner=member, name=f"Client {i:03d}", industry="software", notes=notes, firm=firm
            )
            for n in range(SCENARIOS_PER_CLIENT):
                answers = COMPARE_ANSWERS[(i + n) % len(COMPARE_ANSWERS)]
                scenario_create(client=client, name=f"Option {n + 1}", answers=answers, user=member)
            if i % 7 == 0:
                Scenario.objects.filter(client=client, name="Option 1").update(
                    ruleset_version="2025.1-older"
                )
    return {"Cookie": consultant_cookie(ctx, "bench-clients")}, ""


def prepare_compare(ctx: Context) -> tuple[dict[str, str], str]:
    """One client with four scenarios; the comparison's URL names their ids."""
    from orgdesign.services import client_create, scenario_create

    owner = _workspace_owner("bench-compare")
    client = client_create(owner=owner, name="Compare Ltd", industry="software")
    ids = [
        scenario_create(client=client, name=f"Option {n}", answers=answers, user=owner).pk
        for n, answers in enumerate(COMPARE_ANSWERS, 1)
    ]
    # The ids exist only now: main() reads the target's path after calling prepare().
    COMPARE_TARGET.path = f"/clients/{client.pk}/compare/?" + "&".join(f"s={i}" for i in ids)
    return {"Cookie": consultant_cookie(ctx, "bench-compare")}, ""


COMPARE_TARGET = Target(
    "compare (4 scenarios)", "app", "/clients/0/compare/", prepare=prepare_compare
)
TARGETS += [
    Target("client list (200 clients)", "app", "/clients/", prepare=prepare_client_list),
    Target("client list: search", "app", "/clients/?q=n%C3%B6rthern", prepare=prepare_client_list),
    Target("client list: filter", "app", "/clients/?advice=both", prepare=prepare_client_list),
    Target(
        "client list: both, page 2",
        "app",
        "/clients/?q=option&advice=cto&page=2",
        prepare=prepare_client_list,
    ),
    COMPARE_TARGET,
]


# --- wrk ---------------------------------------------------------------------------------


def lua_script(method: str, headers: dict[str, str], body: str) -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"wrk.method = {q(method)}"]
    if body:
        lines.append(f"wrk.body = {q(body)}")
    lines += [f"wrk.headers[{q(k)}] = {q(v)}" for k, v in headers.items()]
    return "\n".join(lines) + "\n"


def to_ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise RuntimeError(f"unexpected wrk latency {text!r}")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def run_wrk(url: str, script: str, args) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            [
                WRK,
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{args.duration}s",
                "--latency",
                "-s",
                handle.name,
                url,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    if "Requests/sec" not in out or "50%" not in out:
        raise RuntimeError(f"wrk gave no figures for {url}:\n{out}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "bad": int(non2xx.group(1)) if non2xx else 0,
        "errors": errors.group(1) if errors else "",
    }


# --- Page weight -------------------------------------------------------------------------


def page_weight(base: str, path: str) -> dict:
    """HTML plus its stylesheets and scripts, raw and compressed (gzip -9, brotli 11)."""
    html = urllib.request.urlopen(base + path).read()  # noqa: S310 - local server
    assets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
    files = [html] + [urllib.request.urlopen(base + a.decode()).read() for a in assets]  # noqa: S310
    return {
        "files": 1 + len(assets),
        "raw": sum(len(f) for f in files),
        "gzip": sum(len(gzip.compress(f, 9)) for f in files),
        "brotli": sum(len(brotli.compress(f, quality=11)) for f in files),
    }


# --- Main --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", nargs="*", help="names of targets to run")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="orgdesign-bench-"))
    base_env = production_env()
    app_env = {
        **base_env,
        "DATABASE_URL": f"sqlite:///{tmp / 'app.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
    }
    baseline_env = {
        **base_env,
        "BASELINE_DB": str(tmp / "baseline.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "bench.baseline.settings",
    }
    manage(app_env, "migrate", "--noinput")
    manage(baseline_env, "migrate", "--noinput")
    os.environ.update(app_env)  # consultant_cookie() runs Django here, on the app's database
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    app = Server("app", app_env, "advisor.wsgi")
    baseline = Server("baseline", baseline_env, "django.core.wsgi:get_wsgi_application()")
    ctx = Context(app, baseline)
    results: dict[str, dict] = {}
    try:
        app.start()
        baseline.start()
        for target in TARGETS:
            if args.only and target.name not in args.only:
                continue
            server = app if target.server == "app" else baseline
            headers, body = target.prepare(ctx) if target.prepare else ({}, "")
            script = lua_script(target.method, headers, body)
            run_wrk(
                server.url + target.path,
                script,
                argparse.Namespace(threads=1, connections=2, duration=1),
            )  # warm-up
            results[target.name] = {
                **run_wrk(server.url + target.path, script, args),
                "target": target,
            }
        weight = {path: page_weight(app.url, path) for path in ("/", "/wizard/company/")}
    finally:
        app.stop()
        baseline.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s, 2 sync gunicorn "
        "workers each, DEBUG off\n"
    )
    print(f"| {'target':<34} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | non-2xx/3xx |")
    print(f"|{'-' * 36}|{'-' * 10}|{'-' * 9}|{'-' * 9}|-------------|")
    for name, r in results.items():
        print(
            f"| {name:<34} | {r['rps']:>8,.0f} | {r['p50']:>7.1f} | {r['p99']:>7.1f} | "
            f"{r['bad']:>11} |" + (f" errors: {r['errors']}" if r["errors"] else "")
        )

    by_kind: dict[str, list[dict]] = {}
    for r in results.values():
        by_kind.setdefault(r["target"].kind, []).append(r)
    print()
    if by_kind.get("step") and by_kind.get("baseline"):
        best_baseline = max(r["rps"] for r in by_kind["baseline"])
        for r in by_kind["step"]:
            ratio = r["rps"] / best_baseline
            print(
                f"{r['target'].name}: {ratio:.2f}x the faster formtools baseline "
                f"(target 1.5x) {'OK' if ratio >= 1.5 else 'MISSED'}"
            )
    if by_kind.get("result") and by_kind.get("probe"):
        share = by_kind["result"][0]["rps"] / by_kind["probe"][0]["rps"]
        print(
            f"result page: {share:.0%} of /healthz (target 25%) "
            f"{'OK' if share >= 0.25 else 'MISSED'}"
        )
    slow = [n for n, r in results.items() if r["p99"] >= 100 and r["target"].server == "app"]
    verdict = "OK" if not slow else "MISSED: " + ", ".join(slow)
    print(f"p99 under 100 ms for every app target: {verdict}")
    for path, w in weight.items():
        print(
            f"first load {path}: {w['files']} files, {w['raw'] / 1024:.0f} KB raw, "
            f"{w['gzip'] / 1024:.1f} KB gzip, {w['brotli'] / 1024:.1f} KB brotli "
            f"(target 120 KB) {'OK' if w['gzip'] <= 120 * 1024 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
