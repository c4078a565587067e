"""Benchmark: what the render time budget costs, and what a logo at each limit costs.

    .venv/bin/python bench/render_budget.py [--runs 7]

In one process and one run, interleaved so that a busy machine slows all alike:
- in-process: the typical report (as bench/pdf.py) rendered by `report_pdf` directly;
- budgeted: the same render through `run_with_budget` (a fork of the warm render process);
- round trip: `run_with_budget` on a function that returns at once (the floor of the
  mechanism: fork, pipe, collect);
and once each, in-process: the typical report with an SVG logo at each of the logo limits
(elements, path points, drawing cost of references, gradients), beside the same report
without a logo. The forkserver's start (Django set-up and the engine's import, once per
app process) is timed on its own. Medians over --runs runs.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_STATIC_PLAIN", "1")

import django

django.setup()

from bench.pdf import TYPICAL, timed
from orgdesign import logos
from orgdesign.pdf import ReportBranding, ReportMeta, ReportScenario, report_pdf
from orgdesign.render_budget import run_with_budget
from orgdesign.rules import parse_answers, recommend

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
STOPS = '<stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#7a1f5c"/>'
LIMIT_LOGOS = {
    f"{logos.SVG_MAX_ELEMENTS - 1:,} rectangles (element limit)": (
        '<rect width="9" height="9" fill="#123456"/>' * (logos.SVG_MAX_ELEMENTS - 1)
    ),
    "100 paths with 10,000 points (path limit)": "".join(
        f'<path d="M{i % 120} 0' + " L3 4" * 49 + '" stroke="#000"/>' for i in range(100)
    ),
    "a 39-element clip path used 48 times (drawing-cost limit)": (
        '<clipPath id="c">'
        + '<rect width="1" height="1"/>' * 39
        + "</clipPath>"
        + '<rect clip-path="url(#c)" width="9" height="9"/>' * 48
    ),
    "a gradient used 220 times (drawing-cost limit)": (
        f'<linearGradient id="g">{STOPS}</linearGradient>'
        + '<rect fill="url(#g)" width="9" height="9"/>' * 220
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    rec = recommend(parse_answers(TYPICAL)).to_dict()
    scenarios = [ReportScenario(name="After the Series B", recommendation=rec, version=3)]
    meta = ReportMeta(client_name="Acme Retail Ltd", prepared_by="Jane Doe")
    plain = ReportBranding(firm_name="Northwind Advisory", accent="#7a1f5c")
    build = functools.partial(report_pdf, scenarios=scenarios, meta=meta, branding=plain)

    start = timed(lambda: run_with_budget(bytes, 1, budget=60))
    build()  # one-time costs of this process
    direct, budgeted, trip = [], [], []
    for _ in range(args.runs):
        direct.append(timed(build))
        budgeted.append(timed(lambda: run_with_budget(build, budget=60)))
        trip.append(timed(lambda: run_with_budget(bytes, 1, budget=60)))

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} ms"

    print(f"forkserver start (once per app process): {start * 1000:.0f} ms")
    print(f"in-process render: {ms(direct)}")
    print(f"budgeted render:   {ms(budgeted)}")
    print(f"round trip floor:  {ms(trip)}")

    print(f"report without a logo: {ms([timed(build) for _ in range(3)])}")
    for name, body in LIMIT_LOGOS.items():
        logo, kind = logos.clean_logo(f"{HEAD}{body}</svg>".encode())
        branded = ReportBranding(
            firm_name="Northwind Advisory", accent="#7a1f5c", logo=logo, logo_content_type=kind
        )
        runs = [
            timed(lambda b=branded: report_pdf(scenarios=scenarios, meta=meta, branding=b))
            for _ in range(3)
        ]
        print(f"with a logo of {name}: {ms(runs)}")
    # A comparison of four scenarios has about four times the pages, so the logo is drawn
    # about four times as often: the worst case of the limits.
    four = scenarios * 4
    heavy = ReportBranding(firm_name="Northwind Advisory", accent="#7a1f5c")
    plain_runs = [timed(lambda: report_pdf(scenarios=four, meta=meta, branding=heavy))]
    name = next(iter(LIMIT_LOGOS))
    logo, kind = logos.clean_logo(f"{HEAD}{LIMIT_LOGOS[name]}</svg>".encode())
    heavy = ReportBranding(logo=logo, logo_content_type=kind)
    logo_runs = [timed(lambda: report_pdf(scenarios=four, meta=meta, branding=heavy))]
    print(f"comparison of 4, no logo: {ms(plain_runs)}; with a logo of {name}: {ms(logo_runs)}")
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
