"""The recommendation report as a PDF: plain data in, bytes out.

`report_pdf()` takes one or more recommendations (the JSON-ready dict a scenario stores,
or `Recommendation.to_dict()`), the names to print and the consultant's branding, and
returns the PDF. It knows nothing about requests, sessions or owners: the views fetch the
data through the selectors and only set headers.

Rendering uses WeasyPrint with a lean print stylesheet (`static/css/report.css`). WeasyPrint
is imported on first use (the import costs about 0.6 s). It is given a URL fetcher that
serves only the app's own static files and `data:` URLs, so nothing a user types (names,
notes, a logo) can make the server fetch a URL.

Rendered reports are cached in the `reports` cache under a key built from everything the
report shows (`report_cache_key`); the same key gives the HTTP ETag.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import json
import mimetypes
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib import request
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from orgdesign.orgchart import orgchart_svg
from orgdesign.presenter import comparison, present
from orgdesign.validators import DEFAULT_ACCENT, HEX_COLOUR_PATTERN

HEX_COLOUR = re.compile(HEX_COLOUR_PATTERN)
LOGO_TYPES = ("image/png", "image/svg+xml")
# Relative URLs in the report resolve against this origin (.invalid never resolves); the
# fetcher maps its /static/ path to the app's static files and refuses everything else.
REPORT_ORIGIN = "https://report.invalid"
REPORT_TEMPLATE = "orgdesign/report/report.html"
REPORT_CSS = "css/report.css"
CACHE_ALIAS = "reports"

# The page's content box in CSS pixels (A4, 20 mm side margins): the org chart is sized to
# fit it. A chart that would shrink below READABLE_SCALE gets a landscape page of its own.
PORTRAIT_WIDTH_PX = 640
LANDSCAPE_WIDTH_PX = 960
SUMMARY_HEIGHT_PX = 400
FULL_HEIGHT_PX = 520
MAX_SCALE = 1.3
READABLE_SCALE = 0.75
# Long names are cut in running headers and footers (the cover shows them in full).
RUNNING_TEXT_MAX = 60


class ReportFetchError(ValueError):
    """The report asked for a resource it may not load (anything but our static files)."""


# --- Inputs ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportBranding:
    """What a consultant's reports carry: firm name, accent colour, logo.

    `stamp` changes whenever the branding does (its `updated_at`), for the cache key.
    """

    firm_name: str = ""
    accent: str = DEFAULT_ACCENT
    logo: bytes = b""
    logo_content_type: str = ""
    stamp: str = ""

    @classmethod
    def from_model(cls, branding: Any | None) -> ReportBranding:
        """From a `Branding` row (or None for the plain, unbranded report)."""
        if branding is None:
            return cls()
        return cls(
            firm_name=branding.firm_name,
            accent=branding.accent_colour,
            logo=bytes(branding.logo or b""),
            logo_content_type=branding.logo_content_type,
            stamp=branding.updated_at.isoformat() if branding.updated_at else "",
        )

    @property
    def safe_accent(self) -> str:
        return self.accent if HEX_COLOUR.match(self.accent or "") else DEFAULT_ACCENT

    @property
    def logo_data_url(self) -> str:
        """The logo as a data: URL (the only way a logo enters the report), or ""."""
        if not self.logo or self.logo_content_type not in LOGO_TYPES:
            return ""
        encoded = base64.b64encode(self.logo).decode("ascii")
        return f"data:{self.logo_content_type};base64,{encoded}"


@dataclass(frozen=True, slots=True)
class ReportScenario:
    """One recommendation to report on, with the name it is known by."""

    name: str
    recommendation: Mapping[str, Any]
    version: int | None = None
    saved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """The names on the cover and in the running header and footer."""

    client_name: str = ""
    prepared_by: str = ""
    prepared_for: str = ""
    on: date = field(default_factory=lambda: timezone.localdate())


# --- Presentation helpers ----------------------------------------------------------------


def _truncate(text: str, limit: int = RUNNING_TEXT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_SVG_SIZE = re.compile(r'width="(\d+)" height="(\d+)"')


def sized_chart(
    rec: Mapping[str, Any], *, accent: str, chart_id: str, width_px: int, height_px: int
) -> tuple[str, float]:
    """The org chart SVG resized to fit a box, and the scale it was drawn at.

    The drawing is `orgchart_svg` (the same as on the web page); only its outer width and
    height change, so it stays a vector at any zoom.
    """
    svg = orgchart_svg(rec, accent=accent, chart_id=chart_id)
    match = _SVG_SIZE.search(svg)
    if not match:  # pragma: no cover - orgchart_svg always sets both
        return svg, 1.0
    w, h = int(match[1]), int(match[2])
    scale = min(MAX_SCALE, width_px / w, height_px / h)
    resized = f'width="{w * scale:.0f}" height="{h * scale:.0f}"'
    return svg[: match.start()] + resized + svg[match.end() :], scale


def scenario_context(
    item: ReportScenario, *, index: int, accent: str, compare: bool
) -> dict[str, Any]:
    """Everything the template shows for one recommendation, ready to print."""
    rec = item.recommendation
    summary_chart, summary_scale = sized_chart(
        rec,
        accent=accent,
        chart_id=f"chart-summary-{index}",
        width_px=PORTRAIT_WIDTH_PX,
        height_px=SUMMARY_HEIGHT_PX if not compare else 300,
    )
    wide = summary_scale < READABLE_SCALE
    full_chart, _ = sized_chart(
        rec,
        accent=accent,
        chart_id=f"chart-full-{index}",
        width_px=LANDSCAPE_WIDTH_PX if wide else PORTRAIT_WIDTH_PX,
        height_px=FULL_HEIGHT_PX,
    )
    return {
        "index": index,
        "anchor": f"scenario-{index}",
        "name": item.name,
        "version": item.version,
        "saved_at": item.saved_at,
        "p": present(rec),
        "summary_chart": summary_chart,
        "full_chart": full_chart,
        "wide_chart": wide,
    }


# --- Rendering ---------------------------------------------------------------------------


def report_html(
    *, scenarios: Sequence[ReportScenario], meta: ReportMeta, branding: ReportBranding | None = None
) -> str:
    """The report as an HTML document for WeasyPrint (every user text auto-escaped)."""
    if not scenarios:
        raise ValueError("A report needs at least one recommendation.")
    branding = branding or ReportBranding()
    accent = branding.safe_accent
    compare = len(scenarios) > 1
    items = [
        scenario_context(item, index=i, accent=accent, compare=compare)
        for i, item in enumerate(scenarios, start=1)
    ]
    if compare:
        title = "Comparison of technology leadership scenarios"
        subject = meta.client_name
    else:
        title = "Technology leadership recommendation"
        subject = " · ".join(p for p in (meta.client_name, scenarios[0].name) if p)
    running_title = _truncate(subject or title)
    context = {
        "title": title,
        "compare": compare,
        "scenarios": items,
        "scenario": items[0],
        "comparison": comparison([item.recommendation for item in scenarios]) if compare else None,
        "meta": meta,
        "branding": branding,
        "accent": accent,
        "logo_data_url": branding.logo_data_url,
        "firm_name": branding.firm_name,
        "running_firm": _truncate(branding.firm_name or "Org Design Advisor", 50),
        "running_title": running_title,
        "running_for": _truncate(meta.prepared_for or meta.client_name, 40),
    }
    return render_to_string(REPORT_TEMPLATE, context)


def _static_url_prefix() -> str:
    return f"{REPORT_ORIGIN}/{settings.STATIC_URL.strip('/')}/"


def fetch_static_only(url: str) -> tuple[bytes, str]:
    """Resolve a URL the report asks for into (body, content type), or refuse it.

    Allowed: `data:` URLs, and the app's own static files under `/static/` of the report's
    private origin, looked up through the staticfiles finders. Everything else (http,
    https elsewhere, file:, ftp:, paths that climb out with ..) raises ReportFetchError.
    """
    if url.startswith("data:"):
        header, sep, payload = url[5:].partition(",")
        if not sep:
            raise ReportFetchError("Malformed data: URL.")
        parts = header.split(";")
        mime = parts[0] or "text/plain"
        if "base64" in parts[1:]:
            try:
                body = base64.b64decode(payload, validate=False)
            except ValueError as exc:
                raise ReportFetchError("Malformed base64 in a data: URL.") from exc
        else:
            body = unquote(payload).encode("utf-8")
        return body, mime
    prefix = _static_url_prefix()
    if not url.startswith(prefix):
        raise ReportFetchError(f"The report may not load {url[:200]!r}.")
    parts = urlsplit(url)
    relative = unquote(parts.path)[len(urlsplit(prefix).path) :]
    if not relative or ".." in Path(relative).parts or relative.startswith("/"):
        raise ReportFetchError(f"The report may not load {url[:200]!r}.")
    found = finders.find(relative)
    if not found:
        raise ReportFetchError(f"No static file {relative!r}.")
    path = Path(found)
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return path.read_bytes(), mime


@functools.cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """WeasyPrint's fetcher, narrowed to `fetch_static_only` (no network, no files).

        The parent's set-up (HTTP, FTP and file handlers, an SSL context: ~30 ms) is
        skipped on purpose: this fetcher has no handler that could reach anything.
        """

        def __init__(self):
            request.OpenerDirector.__init__(self)
            self._timeout = 0
            self._http_headers = {}
            self._allowed_protocols = ("data",)
            self._fail_on_errors = False
            self._request = None

        def open(self, url, data=None, timeout=None):
            raise ReportFetchError("The report fetcher only serves static files.")

        def fetch(self, url, headers=None):
            body, mime = fetch_static_only(url)
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return StaticOnlyFetcher


def static_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses anything but our static files and data: URLs."""
    return _fetcher_class()()


@functools.lru_cache(maxsize=4)
def _stylesheet(path: str, mtime_ns: int) -> Any:
    from weasyprint import CSS

    return CSS(
        url=f"{_static_url_prefix()}{REPORT_CSS}",
        base_url=f"{REPORT_ORIGIN}/",
        url_fetcher=static_only_fetcher(),
    )


def report_stylesheet() -> Any:
    """The print stylesheet, parsed once (and again only when the file changes)."""
    found = finders.find(REPORT_CSS)
    if not found:  # pragma: no cover - the file ships with the app
        raise ReportFetchError(f"No static file {REPORT_CSS!r}.")
    return _stylesheet(found, Path(found).stat().st_mtime_ns)


def render_pdf(html: str) -> bytes:
    """Render report HTML to PDF bytes, with the restricted fetcher and our stylesheet."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=f"{REPORT_ORIGIN}/", url_fetcher=static_only_fetcher())
    return document.write_pdf(stylesheets=[report_stylesheet()])


def report_pdf(
    *, scenarios: Sequence[ReportScenario], meta: ReportMeta, branding: ReportBranding | None = None
) -> bytes:
    """The full report: one scenario, or a comparison of several. Returns PDF bytes."""
    return render_pdf(report_html(scenarios=scenarios, meta=meta, branding=branding))


# --- Cache, ETag and file name -----------------------------------------------------------


@functools.cache
def report_format_version() -> str:
    """A fingerprint of the report templates and stylesheet: a new layout, a new cache key."""
    digest = hashlib.sha256()
    template_dir = Path(settings.BASE_DIR) / "templates" / "orgdesign" / "report"
    paths = sorted(template_dir.glob("*.html"))
    css = finders.find(REPORT_CSS)
    if css:
        paths.append(Path(css))
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _key_part(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def report_cache_key(kind: str, *parts: Any) -> str:
    """The cache key of one report: its kind and everything it shows, hashed."""
    raw = json.dumps(
        [report_format_version(), kind, *parts],
        sort_keys=True,
        default=_key_part,
        ensure_ascii=True,
    )
    return f"report:{kind}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def report_etag(key: str) -> str:
    """The strong ETag of a report, derived from its cache key."""
    return '"' + key.rsplit(":", 1)[-1] + '"'


def cached_report(key: str, build: Callable[[], bytes]) -> bytes:
    """The cached PDF for `key`, rendering and storing it with `build()` on a miss."""
    cache = caches[CACHE_ALIAS]
    pdf = cache.get(key)
    if pdf is None:
        pdf = build()
        cache.set(key, pdf)
    return pdf


def report_filename(*parts: str, on: date) -> str:
    """An ASCII file name like `acme-corp-after-series-b-2026-03-12.pdf`."""
    slugs = [slugify(part)[:40].strip("-") for part in parts if part]
    slugs = [s for s in slugs if s] or ["org-design-report"]
    return "-".join([*slugs, on.isoformat()]) + ".pdf"
