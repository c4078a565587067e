"""Fixtures of the report tests: a private report cache per test, PDF text helpers."""

import io
import re

import pytest
from pypdf import PdfReader

from orgdesign.render_budget import run_with_budget


@pytest.fixture(autouse=True)
def _report_cache(settings, tmp_path):
    """Each test renders into its own empty report cache."""
    settings.CACHES = {
        **settings.CACHES,
        "reports": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "report-cache"),
        },
    }


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, with whitespace collapsed (lines wrap anywhere)."""
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


@pytest.fixture(scope="module")
def warm_render_processes():
    """Start the render processes' forkserver (once per test process; about 1-5 s with its
    warm-up render), so that timings measure requests, not that one-time start."""
    run_with_budget(bytes, 1, budget=60)
