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
    # Typst marks where a very long word may break with zero-width spaces: not text.
    return [
        re.sub(r"\s+", " ", (page.extract_text() or "").replace("\u200b", ""))
        for page in reader.pages
    ]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


@pytest.fixture(scope="module")
def warm_render_processes():
    """Start the render processes' forkserver (once per test process; about 1-5 s with its
    warm-up render), so that timings measure requests, not that one-time start."""
    run_with_budget(bytes, 1, budget=60)


def _struct_elements(data: bytes):
    """The elements of the PDF's structure tree, in reading (depth-first) order."""
    reader = PdfReader(io.BytesIO(data))
    tree = reader.trailer["/Root"]["/StructTreeRoot"].get_object()

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                yield from walk(child)
            return
        if not hasattr(node, "keys"):
            return  # a marked-content id
        if "/S" in node:
            yield node
        kids = node.get("/K")
        if kids is not None:
            yield from walk(kids if isinstance(kids, list) else [kids])

    return list(walk(tree["/K"]))


def struct_tags(data: bytes) -> list[str]:
    """The structure types (/H1, /Table, /Figure...) in reading order."""
    return [str(node["/S"]) for node in _struct_elements(data)]


def alt_texts(data: bytes) -> list[str]:
    """The alternative texts of the figures."""
    return [str(node["/Alt"]) for node in _struct_elements(data) if "/Alt" in node]


def struct_headings(data: bytes) -> list[str]:
    """The text of each heading element (/H1.../H6) in reading order, from its /T or the
    page text it marks (Typst writes the heading's text as its title)."""
    out = []
    for node in _struct_elements(data):
        if str(node["/S"]).startswith("/H") and str(node["/S"])[2:].isdigit():
            out.append(str(node.get("/T", "")))
    return out
