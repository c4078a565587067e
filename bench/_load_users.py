"""The virtual users of bench/load.py: a locustfile, not a benchmark on its own.

    locust -f bench/_load_users.py --headless ...   (bench/load.py sets LOAD_PLAN)

LOAD_PLAN names a JSON file written by `bench/load.py` from the app's own data: the
wizard's steps with each field's valid values (so nothing here spells the vocabulary), and
one account per virtual consultant with its clients, scenarios and their answers as form
data. Every request is named after the page it asks for; a response that is not what a
browser would get (status, redirect target, content) is a failure with the reason.

- A **founder** arrives as a new visitor (no cookies), answers every step of the wizard with
  random valid answers the way the page does it with JavaScript on (htmx POST with the
  CSRF header, the redirect followed as an htmx GET), opens the review, the result page and
  downloads its PDF.
- A **consultant** signs in once, then visits in a loop: the client list, a client, one of
  its scenarios; edits that scenario (the questionnaire opens on the review with its
  answers, one answer changes, "save" stores a new version, which the scenario page then
  announces); compares the client's scenarios; downloads the PDF of the scenario or of the
  comparison (alternately). Each virtual consultant has an account of its own, so the
  version numbers it expects are its own too.
"""

from __future__ import annotations

import copy
import html
import itertools
import json
import os
import random
import time
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, task
from locust.exception import RescheduleTask

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
STEPS: dict[str, dict[str, list[str]]] = PLAN["steps"]  # slug -> field -> valid values
THINK = float(os.environ.get("LOAD_THINK", "0"))  # at most this many seconds between pages
REVIEW = "/wizard/review/"
# The steps a consultant changes an answer in: asked whatever the other answers are, so a
# change there never adds or removes a step.
EDIT_STEPS = ("operations", "leadership")
assert set(EDIT_STEPS) <= STEPS.keys(), "the wizard's steps have changed: update EDIT_STEPS"

_consultant_numbers = itertools.count()


class Visitor(FastHttpUser):
    abstract = True
    # The client's address as the trusted proxy reports it (a documentation address,
    # never contacted): one per virtual user.
    counter = iter(range(1, 1_000_000))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        n = next(Visitor.counter)
        self.address = f"198.51.{100 + n // 250}.{n % 250 + 1}"

    def think(self) -> None:
        if THINK:
            time.sleep(random.uniform(0, THINK))  # gevent's cooperative sleep under locust

    def csrf_token(self) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")

    def page(
        self,
        method: str,
        path: str,
        *,
        name: str,
        status: int = 200,
        location: str | None = None,
        data: dict[str, str] | None = None,
        htmx: bool = False,
        contains: tuple[str, ...] = (),
        pdf: bool = False,
    ):
        """One request as a browser makes it, checked; a failure ends this visit."""
        headers = {"X-Forwarded-For": self.address}
        body = None
        if htmx:
            headers["HX-Request"] = "true"
        if method == "POST":
            token = self.csrf_token()
            headers.update(
                {
                    # htmx sends the token from <body hx-headers>; the form carries it too.
                    "X-CSRFToken": token,
                    "Origin": self.host,
                    "Content-Type": "application/x-www-form-urlencoded",
                }
            )
            body = urlencode({**(data or {}), "csrfmiddlewaretoken": token})
        with self.client.request(
            method,
            path,
            name=name,
            data=body,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            problem = self._problem(response, status, location, htmx, contains, pdf)
            if problem:
                response.failure(problem)
            else:
                response.success()
        if problem:
            raise RescheduleTask(problem)
        self.think()
        return response

    @staticmethod
    def _problem(response, status, location, htmx, contains, pdf) -> str:
        if response.status_code != status:
            where = response.headers.get("Location", "")
            return f"status {response.status_code} instead of {status}" + (
                f" (to {where})" if where else ""
            )
        if location is not None and response.headers.get("Location") != location:
            return f"redirect to {response.headers.get('Location')} instead of {location}"
        if pdf:
            kind = response.headers.get("Content-Type", "")
            if kind != "application/pdf" or not response.content.startswith(b"%PDF"):
                return f"not a PDF ({kind})"
            return ""
        if status == 200:
            text = response.text
            if htmx and "<html" in text:
                return "a whole page instead of the htmx fragment"
            missing = [item for item in contains if item not in text]
            if missing:
                return f"page without {missing[0]!r}"
        return ""


class Founder(Visitor):
    """A new visitor who answers the questionnaire and downloads the result's PDF."""

    @task
    def questionnaire(self) -> None:
        self.client.cookiejar.clear()
        answers = {
            field: random.choice(values)
            for fields in STEPS.values()
            for field, values in fields.items()
        }
        self.page("GET", "/", name="home")
        start = self.page("GET", "/wizard/", name="wizard start (redirect)", status=302)
        path = start.headers["Location"]
        self.page("GET", path, name="wizard step: page", contains=('id="wizard-panel"',))
        for _ in range(len(STEPS)):
            slug = path.strip("/").rsplit("/", 1)[-1]
            data = {field: answers[field] for field in STEPS[slug]}
            answered = self.page(
                "POST",
                path,
                name="wizard step: htmx POST",
                status=302,
                data={**data, "nav": "next"},
                htmx=True,
            )
            path = answered.headers["Location"]
            if path == REVIEW:
                break
            self.page("GET", path, name="wizard step: htmx GET", htmx=True)
        self.page("GET", REVIEW, name="review: htmx GET", htmx=True)
        self.page("GET", "/result/", name="result", contains=("/result/report.pdf",))
        self.page("GET", "/result/report.pdf", name="result PDF", pdf=True)


class Consultant(Visitor):
    """A consultant with an account of their own, working on their clients' scenarios."""

    fixed_count = len(PLAN["consultants"])

    def on_start(self) -> None:
        number = next(_consultant_numbers)
        self.account = copy.deepcopy(PLAN["consultants"][number % len(PLAN["consultants"])])
        self.visits = 0
        self.page("GET", "/accounts/login/", name="sign-in page")
        self.page(
            "POST",
            "/accounts/login/",
            name="sign in: POST",
            status=302,
            location="/clients/",
            data={"username": self.account["username"], "password": self.account["password"]},
        )

    @task
    def visit(self) -> None:
        self.visits += 1
        client = random.choice(self.account["clients"])
        scenario = random.choice(client["scenarios"])
        sid = scenario["id"]
        self.page("GET", "/clients/", name="client list", contains=("/clients/new/",))
        self.page(
            "GET",
            f"/clients/{client['id']}/",
            name="client page",
            contains=(html.escape(client["name"]),),
        )
        self.page(
            "GET",
            f"/scenarios/{sid}/",
            name="scenario page",
            contains=(html.escape(scenario["name"]),),
        )
        self.edit(scenario)
        ids = "&".join(f"s={s['id']}" for s in client["scenarios"][:4])
        names = tuple(html.escape(s["name"]) for s in client["scenarios"][:4])
        self.page("GET", f"/clients/{client['id']}/compare/?{ids}", name="compare", contains=names)
        if self.visits % 2:
            self.page("GET", f"/scenarios/{sid}/report.pdf", name="scenario PDF", pdf=True)
        else:
            self.page(
                "GET",
                f"/clients/{client['id']}/compare/report.pdf?{ids}",
                name="compare PDF",
                pdf=True,
            )

    def edit(self, scenario: dict) -> None:
        """Change one answer of the scenario and save it as a new version."""
        sid = scenario["id"]
        self.page("GET", f"/scenarios/{sid}/edit/", name="edit: confirm page")
        self.page(
            "POST",
            f"/scenarios/{sid}/edit/",
            name="edit: open questionnaire (POST)",
            status=302,
            location=REVIEW,
        )
        self.page("GET", REVIEW, name="review: page", contains=("?return_to=review",))
        step = random.choice(EDIT_STEPS)
        field = random.choice(list(STEPS[step]))
        data = scenario["data"]
        data[field] = random.choice([v for v in STEPS[step][field] if v != data[field]])
        self.page(
            "GET",
            f"/wizard/{step}/?return_to=review",
            name="wizard step: page",
            contains=('id="wizard-panel"',),
        )
        self.page(
            "POST",
            f"/wizard/{step}/",
            name="wizard step: htmx POST",
            status=302,
            location=REVIEW,
            data={**{f: data[f] for f in STEPS[step]}, "return_to": "review", "nav": "next"},
            htmx=True,
        )
        self.page("GET", REVIEW, name="review: htmx GET", htmx=True)
        self.page(
            "POST",
            "/scenarios/save/",
            name="save: new version (POST)",
            status=302,
            location=f"/scenarios/{sid}/",
        )
        scenario["version"] += 1
        self.page(
            "GET",
            f"/scenarios/{sid}/",
            name="scenario page",
            contains=(f"Saved as version {scenario['version']}.",),
        )
