"""A separate app process for the multi-process tests: `python -m tests.platform.worker CMD`.

It runs on the database named by DATABASE_URL, like any app server would, and prints its
findings as JSON on standard output. Commands:

- `migrate`: prepare the database (tables and cache tables).
- `render-report`: create a consultant with a scenario and download its PDF.
- `cached-report SCENARIO_ID`: download that PDF with rendering forbidden (cache only).
- `save-loop`: save scenarios for new clients and new versions of them, forever, printing
  one line per committed save (the test kills it).
- `history`: every client, scenario and version in the database.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
    import django

    django.setup()


def _out(data) -> None:
    print(json.dumps(data), flush=True)


def _download(scenario) -> bytes:
    from django.test import Client

    browser = Client()
    browser.force_login(scenario.client.owner)
    response = browser.get(f"/scenarios/{scenario.pk}/report.pdf")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return response.content


def render_report() -> None:
    from tests.factories import make_scenario

    scenario = make_scenario(name="Cached across processes")
    pdf = _download(scenario)
    _out({"scenario_id": scenario.pk, "sha256": hashlib.sha256(pdf).hexdigest()})


def cached_report(scenario_id: int) -> None:
    from orgdesign import pdf
    from orgdesign.models import Scenario

    def no_rendering(**kwargs):
        raise AssertionError("rendered again: the report was not found in the shared cache")

    pdf.report_pdf = no_rendering
    import orgdesign.views.reports as report_views

    report_views.report_pdf = no_rendering
    scenario = Scenario.objects.select_related("client__owner").get(pk=scenario_id)
    _out({"sha256": hashlib.sha256(_download(scenario)).hexdigest()})


def save_loop() -> None:
    from orgdesign.services import scenario_save_result, scenario_update
    from tests.factories import REGIONAL_BANK, SOFTWARE_STARTUP, make_user

    owner = make_user()
    for n in itertools.count(1):
        scenario = scenario_save_result(
            user=owner,
            new_client=f"Client {n}",
            name=f"Scenario {n}",
            answers=SOFTWARE_STARTUP,
        )
        scenario_update(scenario=scenario, user=owner, answers=REGIONAL_BANK)
        _out({"saved": n, "scenario_id": scenario.pk, "version": scenario.version})


def history() -> None:
    from orgdesign.models import Client, Scenario, ScenarioVersion

    _out(
        {
            "clients": list(Client.objects.order_by("pk").values_list("pk", "name")),
            "scenarios": [
                [s.pk, s.client_id, s.name, s.version, s.role_model, s.answers]
                for s in Scenario.objects.order_by("pk")
            ],
            "versions": [
                [v.scenario_id, v.number, v.name, v.role_model, v.answers, v.note]
                for v in ScenarioVersion.objects.order_by("scenario_id", "number")
            ],
        }
    )


def main(argv: list[str]) -> None:
    _setup()
    command, *args = argv
    if command == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    elif command == "render-report":
        render_report()
    elif command == "cached-report":
        cached_report(int(args[0]))
    elif command == "save-loop":
        save_loop()
    elif command == "history":
        history()
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
