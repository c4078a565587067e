"""Render sample reports and their first pages as PNG images, for a person to look at.

    .venv/bin/python tools/review_pdfs.py      (or: make review)

Writes test-artifacts/pdf/<n>-<scenario>.pdf and its pages 1-3 as PNG (80 dpi, with
poppler's `pdftoppm`) for every scenario of the demo data (fixtures/demo.json: CTO, CIO,
both with three product lines, combined...), branded with a firm name and an accent
colour. Not a test: it checks nothing, it shows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-artifacts" / "pdf"
DEMO = ROOT / "fixtures" / "demo.json"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_STATIC_PLAIN", "1")
    import django

    django.setup()
    from django.utils.text import slugify

    from orgdesign.pdf import ReportBranding, ReportMeta, ReportScenario, report_pdf
    from orgdesign.rules import parse_answers, recommend

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        sys.exit("pdftoppm is missing: apt-get install poppler-utils (make chromium does).")
    OUT.mkdir(parents=True, exist_ok=True)
    branding = ReportBranding(firm_name="Northwind Advisory", accent="#7a1f5c")
    scenarios = [
        row["fields"]
        for row in json.loads(DEMO.read_text())
        if row["model"] == "orgdesign.scenario"
    ]
    for number, scenario in enumerate(scenarios, start=1):
        case = f"{number}-{slugify(scenario['name'])}"
        rec = recommend(parse_answers(scenario["answers"])).to_dict()
        pdf_path = OUT / f"{case}.pdf"
        pdf_path.write_bytes(
            report_pdf(
                scenarios=[ReportScenario(name=scenario["name"], recommendation=rec, version=2)],
                meta=ReportMeta(
                    client_name="Acme Corporation",
                    prepared_by="Jane Doe",
                    prepared_for="Acme Corporation",
                ),
                branding=branding,
            )
        )
        for page in (1, 2, 3):
            subprocess.run(  # noqa: S603 - pdftoppm on our own files
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    "80",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf_path),
                    str(OUT / f"{case}-page{page}"),
                ],
                check=True,
            )
        print(f"{pdf_path.relative_to(ROOT)} and its pages 1-3 as PNG")


if __name__ == "__main__":
    main()
