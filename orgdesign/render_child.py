"""Start-up of the render processes (see `orgdesign.render_budget`).

The forkserver imports this module once: it sets Django up with the app's settings and
imports the modules named in `ORGDESIGN_RENDER_PRELOAD` (the PDF engine; a "module:function"
entry also calls that function, to parse a stylesheet once for instance), so each render
forked from it starts warm. A preload that fails is logged and skipped: the render then
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
