"""Start-up of the render processes (see `orgdesign.render_budget`).

The forkserver imports this module once: it sets Django up with the app's settings and
imports the modules named in `ORGDESIGN_RENDER_PRELOAD` (a "module:function" entry also
calls that function: `warm_up_reports` below renders one report), so each render forked
from it starts warm. A preload that fails is logged and skipped: the render then
pays for it itself. Nothing here opens a database connection.
"""

from __future__ import annotations

import importlib
import logging
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advisor.settings")
django.setup()

from django.conf import settings  # noqa: E402 - needs django.setup() first


def warm_up_reports() -> None:
    """Render one small report, so every render forked from here finds the engine's lazy
    imports, parsed C declarations and caches ready (a third less time per render)."""
    from orgdesign.pdf import ReportBranding, ReportMeta, ReportScenario, report_pdf
    from orgdesign.rules import parse_answers, recommend

    answers = {"stage": "scaleup", "industry": "retail", "product_focus": "tech_enabled"}
    rec = recommend(parse_answers(answers)).to_dict()
    logo = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
        b'<rect width="120" height="40" fill="#1f4e79"/></svg>'
    )
    report_pdf(
        scenarios=[ReportScenario(name="Warm-up", recommendation=rec)],
        meta=ReportMeta(client_name="Warm-up"),
        branding=ReportBranding(logo=logo, logo_content_type="image/svg+xml"),
    )


def _preload(entry: str) -> None:
    module_name, _, function_name = entry.partition(":")
    try:
        module = importlib.import_module(module_name)
        if function_name:
            getattr(module, function_name)()
    except Exception:
        logging.getLogger(__name__).exception("Render preload %r failed.", entry)


for _entry in getattr(settings, "ORGDESIGN_RENDER_PRELOAD", ()):
    _preload(_entry)
