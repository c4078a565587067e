"""`{% report_formats %}`: the other formats of a report, beside its "Download PDF" link."""

from collections.abc import Iterable
from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()

# Format, label (what the link says), whether it is the chart alone.
FORMATS = (
    ("pptx", "PowerPoint", False),
    ("docx", "Word", False),
    ("svg", "Chart (SVG)", True),
    ("png", "Chart (PNG)", True),
)


@register.inclusion_tag("orgdesign/includes/report_formats.html")
def report_formats(route: str, *args, scenarios: Iterable | None = None, charts: bool = True):
    """Links to the report of `route` (e.g. "report-scenario") as PowerPoint and Word, and
    to its org chart as SVG and PNG; `scenarios` adds the `?s=` ids of a comparison."""
    query = f"?{urlencode([('s', s.pk) for s in scenarios])}" if scenarios else ""
    links = [
        (reverse(f"orgdesign:{route}-{fmt}", args=args) + query, label)
        for fmt, label, chart in FORMATS
        if charts or not chart
    ]
    return {"links": links}
