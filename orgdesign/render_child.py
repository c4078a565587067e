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
    """Load what every render needs (the engine, the presenter, the report and export
    modules, the Typst package) and fill the engine's lazy parts, so each render forked
    from here starts warm. Nothing is compiled here: Typst's compiler starts worker
    threads, which a forked child would not have, so each render makes its own."""
    import orgdesign.exports  # noqa: F401 - loaded for the renders forked from here
    import orgdesign.pdf  # noqa: F401
    from orgdesign.orgchart import orgchart_svg
    from orgdesign.presenter import present
    from orgdesign.rules import parse_answers, recommend

    answers = {"stage": "scaleup", "industry": "retail", "product_focus": "tech_enabled"}
    rec = recommend(parse_answers(answers)).to_dict()
    present(rec)
    orgchart_svg(rec)


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
