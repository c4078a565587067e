"""Benchmark: rendering the PDF report, first time and from the cache, against a bare floor.

    .venv/bin/python bench/pdf.py [--runs 9]

In one process and one run:
- floor: WeasyPrint rendering a bare one-page HTML document (a heading and a paragraph);
- first render: the full report of a typical scenario (a scale-up retailer, CIO and CTO,
  five pages), through `cached_report` with a fresh cache key each time, so every run
  renders from scratch (template, org chart, WeasyPrint) and stores the result;
- cached render: the same call with a key that is already stored (what a second download
  costs: one read from the file-based `reports` cache).

The one-time costs are paid before timing and excluded: importing WeasyPrint (~0.6 s),
loading fonts, and the first template load. Floor and first renders are interleaved so
that a busy machine slows both alike. Medians over --runs runs.
Targets (docs/benchmarks.md): first render at most 4x the floor; cached under 5% of it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_STATIC_PLAIN", "1")
REPORT_CACHE_DIR = tempfile.mkdtemp(prefix="bench-report-cache-")

import django
from django.conf import settings

django.setup()
# A file cache of its own, so the benchmark needs no migrated database.
settings.CACHES["reports"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": REPORT_CACHE_DIR,
}

from orgdesign.pdf import (
    ReportBranding,
    ReportMeta,
    ReportScenario,
    cached_report,
    report_cache_key,
    report_pdf,
)
from orgdesign.rules import parse_answers, recommend

TYPICAL = {
    "stage": "scaleup",
    "industry": "retail",
    "product_focus": "tech_enabled",
    "internal_it": "moderate",
    "current_leadership": "cto",
}
BARE = "<!doctype html><html><body><h1>Report</h1><p>One paragraph of text.</p></body></html>"


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from weasyprint import HTML

    rec = recommend(parse_answers(TYPICAL)).to_dict()
    scenarios = [ReportScenario(name="After the Series B", recommendation=rec, version=3)]
    meta = ReportMeta(
        client_name="Acme Retail Ltd", prepared_by="Jane Doe", prepared_for="Acme Retail Ltd"
    )
    branding = ReportBranding(firm_name="Northwind Advisory", accent="#7a1f5c")

    def build() -> bytes:
        return report_pdf(scenarios=scenarios, meta=meta, branding=branding)

    def floor() -> bytes:
        return HTML(string=BARE).write_pdf()

    # Warm-up, not timed: WeasyPrint import, fonts, templates, the stylesheet.
    floor()
    pdf = build()
    import io

    from pypdf import PdfReader  # noqa: PLC0415

    pages = len(PdfReader(io.BytesIO(pdf)).pages)

    floors, firsts, cached = [], [], []
    warm_key = report_cache_key("bench", "warm")
    cached_report(warm_key, build)
    for _ in range(args.runs):
        floors.append(timed(floor))
        key = report_cache_key("bench", uuid.uuid4().hex)
        firsts.append(timed(lambda key=key: cached_report(key, build)))
        cached.append(timed(lambda: cached_report(warm_key, build)))

    f, first, hit = (statistics.median(x) for x in (floors, firsts, cached))
    print(f"report: {pages} pages, {len(pdf) / 1024:.0f} KB; {args.runs} runs, medians")
    print(f"floor (bare one-page HTML)   {f * 1000:8.1f} ms")
    print(f"first render (full report)   {first * 1000:8.1f} ms  = {first / f:.1f}x the floor")
    print(f"cached render                {hit * 1000:8.2f} ms  = {hit / first:.2%} of the first")
    ok_first, ok_cached = first <= 4 * f, hit < 0.05 * first
    print(
        f"target first <= 4x floor: {'met' if ok_first else 'MISSED'}; "
        f"cached < 5% of first: {'met' if ok_cached else 'MISSED'}"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(REPORT_CACHE_DIR, ignore_errors=True)
