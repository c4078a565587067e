"""Render sample reports and their first pages as PNG images, for a person to look at.

    .venv/bin/python tools/review_pdfs.py      (or: make review)

Writes test-artifacts/pdf/<case>.pdf and <case>-page<N>.png (pages 1-3, 80 dpi, with
poppler's `pdftoppm`) for a report with six product lines and one with a wide chart,
branded with a firm name and accent colour. Not a test: it checks nothing, it shows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-artifacts" / "pdf"
CASES = {
    "product-lines": {
        "stage": "enterprise",
        "industry": "software",
        "product_focus": "tech_product",
        "product_lines": 6,
        "current_leadership": "cto",
    },
    "wide-chart": {
        "stage": "mid_size",
        "industry": "software",
        "product_focus": "tech_product",
        "internal_it": "light",
        "product_lines": 4,
        "internal_app_dev": True,
    },
}


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_STATIC_PLAIN", "1")
    import django

    django.setup()
    from orgdesign.pdf import ReportBranding, ReportMeta, ReportScenario, report_pdf
    from orgdesign.rules import parse_answers, recommend

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        sys.exit("pdftoppm is missing: apt-get install poppler-utils (make chromium does).")
    OUT.mkdir(parents=True, exist_ok=True)
    branding = ReportBranding(firm_name="Northwind Advisory", accent="#7a1f5c")
    for case, answers in CASES.items():
        rec = recommend(parse_answers(answers)).to_dict()
        pdf_path = OUT / f"{case}.pdf"
        pdf_path.write_bytes(
            report_pdf(
                scenarios=[
                    ReportScenario(name="After the Series B", recommendation=rec, version=2)
                ],
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
