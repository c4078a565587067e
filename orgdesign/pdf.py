"""The recommendation report as a PDF: plain data in, bytes out.

`report_pdf()` takes one or more recommendations (the JSON-ready dict a scenario stores,
or `Recommendation.to_dict()`), the names to print and the consultant's branding, and
returns the PDF. `client_pack_pdf()` puts every scenario of a client in one PDF. Neither
knows about requests, sessions or owners: the views fetch the data through the selectors
and only set headers.

Rendering uses Typst (the `typst` package: the compiler in-process, nothing fetched). One
static template per report kind lives in `templates/orgdesign/report/` (`scenario.typ`,
`comparison.typ`, `pack.typ`, sharing `report.typ`). Everything the report prints goes in
as one JSON document through `sys.inputs` (`report_data`, built from
`orgdesign.presenter`), which the template reads with `json()`: a name, note or answer is
a string to Typst, never markup or code. Each render compiles in a fresh temporary folder
that holds only the templates and the logo, and Typst reads files from that folder only.

The PDF is tagged PDF/UA-1: title and language set, headings and tables tagged, the org
chart a figure whose alternative text is the chart's own description.

Rendered reports are cached in the `reports` cache under a key built from everything the
report shows (`report_cache_key`); the same key gives the HTTP ETag.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.cache import caches
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import slugify

from orgdesign.orgchart import describe, orgchart_svg
from orgdesign.presenter import (
    OUR_CHART_TITLE,
    Presentation,
    SignOffStatus,
    VoiceView,
    comparison,
    comparison_ours,
    present,
    voice,
    voice_recommendation,
)
from orgdesign.validators import DEFAULT_ACCENT, HEX_COLOUR_PATTERN

HEX_COLOUR = re.compile(HEX_COLOUR_PATTERN)
LOGO_TYPES = {"image/png": "logo.png", "image/svg+xml": "logo.svg"}
CACHE_ALIAS = "reports"
log = logging.getLogger(__name__)

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "orgdesign" / "report"
TEMPLATE_LIBRARY = "report.typ"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu",)
PDF_STANDARDS = ["ua-1"]
LANGUAGE, REGION = "en", "GB"

# The page's content box in points (A4, 20 mm side margins): the org chart is drawn to fit
# it. A chart that would shrink below READABLE_SCALE gets a landscape page of its own.
PX = 0.75  # one CSS pixel of the SVG, in points
PORTRAIT_WIDTH_PT = 480
LANDSCAPE_WIDTH_PT = 720
SUMMARY_HEIGHT_PT = 300
COMPARE_HEIGHT_PT = 225
FULL_HEIGHT_PT = 390
MAX_SCALE = 1.3
READABLE_SCALE = 0.75
# Long names are cut in running headers and footers (the cover shows them in full).
RUNNING_TEXT_MAX = 50
# Comparison tables in the client pack hold at most this many scenarios side by side.
PACK_COMPARE_COLUMNS = 4

# The chapters of each report kind, in order: the templates print exactly these. A new
# chapter (e.g. the consultant's own words, a sign-off) is a name added here and a function
# of the same name in the kind's template.
SCENARIO_SECTIONS = (
    "cover",
    "summary",
    "voice",
    "chart",
    "seats",
    "reasoning",
    "ownership",
    "skills",
    "sensitivity",
    "revisit",
    "transition",
    "signoff",
    "answers",
    "audit",
)
COMPARISON_SECTIONS = ("cover", "overview", "ours", "scenarios", "audit")
PACK_SECTIONS = ("cover", "contents", "signoffs", "overview", "scenarios", "audit")
# Inside the pack, each scenario's chapters (the cover and audit are the pack's own).
PACK_SCENARIO_SECTIONS = SCENARIO_SECTIONS[1:-1]
COVER_NOTE = (
    "This report sets out which technology leadership structure suits the organisation "
    "described in the appendix, why, and what would change the advice. It is guidance for "
    "a decision, not the decision itself."
)
KINDS = {
    "scenario": ("Recommendation report", "Technology leadership recommendation"),
    "comparison": ("Scenario comparison", "Comparison of technology leadership scenarios"),
    "pack": ("Client pack", "Technology leadership scenarios"),
}


logger = logging.getLogger(__name__)


class ReportError(RuntimeError):
    """Typst refused a report (a template error: never caused by what a user typed)."""


# --- Inputs ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportBranding:
    """What a consultant's reports carry: firm name, accent colour, logo.

    The logo is bytes and a content type (PNG or SVG, validated when it is uploaded); any
    other type is left out. `stamp` changes whenever the branding does (its `updated_at`),
    for the cache key.
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
    def logo_file(self) -> str:
        """The file name the logo is written under for the template, or "" for none."""
        if not self.logo:
            return ""
        return LOGO_TYPES.get(self.logo_content_type, "")


@dataclass(frozen=True, slots=True)
class ReportScenario:
    """One recommendation to report on, with the name it is known by."""

    name: str
    recommendation: Mapping[str, Any]
    version: int | None = None
    saved_at: datetime | None = None
    # Whether the client signed off this version (a saved scenario), or None (no sign-off
    # to speak of: the founder's own result).
    signoff: SignOffStatus | None = None
    voice: Mapping[str, Any] = field(default_factory=dict)  # the consultant's (Scenario.voice)


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """The names on the cover and in the running header and footer."""

    client_name: str = ""
    prepared_by: str = ""
    prepared_for: str = ""
    on: date = field(default_factory=lambda: timezone.localdate())


# --- The report's data -------------------------------------------------------------------


def _truncate(text: str, limit: int = RUNNING_TEXT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _long_date(on: date | datetime | None) -> str:
    return format_date(on, "j F Y") if on else ""


_SVG_SIZE = re.compile(r'width="(\d+)" height="(\d+)"')


def chart_size(svg: str, *, width_pt: float, height_pt: float) -> tuple[float, float, float]:
    """The width and height (points) to draw a chart at to fit a box, and its scale."""
    match = _SVG_SIZE.search(svg)
    w, h = (int(match[1]), int(match[2])) if match else (width_pt / PX, height_pt / PX)
    scale = min(MAX_SCALE, width_pt / (w * PX), height_pt / (h * PX))
    return round(w * PX * scale, 1), round(h * PX * scale, 1), scale


def chart_data(rec: Mapping[str, Any], *, accent: str, compare: bool) -> dict[str, Any]:
    """The org chart for the template: the SVG, its description, the sizes to draw it at."""
    svg = orgchart_svg(rec, accent=accent)
    width, height, scale = chart_size(
        svg,
        width_pt=PORTRAIT_WIDTH_PT,
        height_pt=COMPARE_HEIGHT_PT if compare else SUMMARY_HEIGHT_PT,
    )
    wide = scale < READABLE_SCALE
    full_w, full_h, _ = chart_size(
        svg,
        width_pt=LANDSCAPE_WIDTH_PT if wide else PORTRAIT_WIDTH_PT,
        height_pt=FULL_HEIGHT_PT,
    )
    return {
        "svg": svg,
        "alt": "Recommended organisation chart. " + describe(rec),
        "summary": {"width": width, "height": height},
        "full": {"width": full_w, "height": full_h},
        "wide": wide,
    }


def presentation_data(p: Presentation) -> dict[str, Any]:
    """A presentation as plain JSON data (its dataclasses as dicts, without the raw input)."""
    data = dataclasses.asdict(dataclasses.replace(p, raw={}))
    data.pop("raw")
    data["split"]["areas"] = p.split.areas
    return data


def voice_data(
    view: VoiceView, ours: Mapping[str, Any] | None, *, accent: str
) -> dict[str, Any] | None:
    """The consultant's voice for the template (None when there is none): "our view" as
    the presenter's nodes (paragraphs, lists, strong, emph, links: data, never markup),
    each adjusted seat beside what the engine says of it, and the chart drawn with their
    titles and lines (`ours`, from `presenter.voice_recommendation`; None for none)."""
    if view.empty:
        return None
    chart = None
    if ours is not None:
        chart = chart_data(ours, accent=accent, compare=True)
        chart["alt"] = f"{OUR_CHART_TITLE}. {describe(ours)}"
    seats = [
        {
            "code": seat.code,
            "seat": seat.seat,
            "engine_boss": seat.engine_boss,
            "our_title": seat.our_title,
            "our_boss": seat.our_boss,
            "reason": seat.reason,
            "in_advice": seat.in_advice,
        }
        for seat in view.seats
    ]
    return {
        "badge": view.badge,
        "our_view": list(view.our_view_nodes),
        "seats": seats,
        "by_code": {seat["code"]: seat for seat in seats},
        "chart": chart,
    }


def _scenario_data(
    item: ReportScenario, *, index: int, accent: str, compare: bool
) -> dict[str, Any]:
    return {
        "index": index,
        "name": item.name,
        "version": item.version,
        "saved_on": _long_date(item.saved_at),
        "p": presentation_data(present(item.recommendation)),
        "chart": chart_data(item.recommendation, accent=accent, compare=compare),
        "signoff": dataclasses.asdict(item.signoff) if item.signoff else None,
        "voice": voice_data(
            voice(item.voice, item.recommendation),
            voice_recommendation(item.voice, item.recommendation),
            accent=accent,
        ),
    }


def _comparison_data(items: Sequence[ReportScenario], scenarios: list[dict]) -> dict[str, Any]:
    rows = comparison([item.recommendation for item in items]).rows
    return {"scenarios": scenarios, "rows": [dataclasses.asdict(row) for row in rows]}


def comparison_ours_data(items: Sequence[ReportScenario]) -> list[dict[str, Any]]:
    """Each compared scenario's sign-off line and the consultant's voice, for the
    comparison's own section (from `presenter.comparison_ours`): "our view" as nodes, the
    adjusted seats as lines; data, never markup. Empty when no scenario has either (the
    section is then left out)."""
    ours = comparison_ours([(s.name, s.recommendation, s.voice, s.signoff) for s in items])
    if not any(part.signoff or part.voice for part in ours):
        return []
    return [
        {
            "index": part.index,
            "name": part.name,
            "signed": part.signed,
            "signoff": part.signoff,
            "voice": None
            if part.voice is None
            else {
                "badge": part.badge,
                "note": part.note,
                "our_view": list(part.voice.our_view_nodes),
                "seats": [dataclasses.asdict(seat) for seat in part.seats],
            },
        }
        for part in ours
    ]


def report_data(
    *,
    kind: str,
    scenarios: Sequence[ReportScenario],
    meta: ReportMeta,
    branding: ReportBranding,
) -> dict[str, Any]:
    """Everything a report prints, as JSON-ready data for the kind's Typst template.

    `kind` is "scenario" (one recommendation), "comparison" (two to four) or "pack" (every
    scenario of a client). Built from `orgdesign.presenter`, like the pages.
    """
    if not scenarios:
        raise ValueError("A report needs at least one recommendation.")
    kicker, title = KINDS[kind]
    accent = branding.safe_accent
    compare = kind == "comparison"
    items = [
        _scenario_data(item, index=i, accent=accent, compare=compare)
        for i, item in enumerate(scenarios, start=1)
    ]
    if kind == "scenario":
        subject = " · ".join(p for p in (meta.client_name, scenarios[0].name) if p)
    else:
        subject = meta.client_name
    running_for = _truncate(meta.prepared_for or meta.client_name, 40)
    footer = f"Prepared for {running_for} · " if running_for else ""
    data: dict[str, Any] = {
        "kind": kind,
        "sections": list(
            {"scenario": SCENARIO_SECTIONS, "comparison": COMPARISON_SECTIONS}.get(
                kind, PACK_SECTIONS
            )
        ),
        "scenario_sections": list(PACK_SCENARIO_SECTIONS),
        "lang": LANGUAGE,
        "region": REGION,
        "kicker": kicker,
        "title": title,
        "document_title": f"{title} · {subject}" if subject else title,
        "subject": subject or title,
        "author": branding.firm_name or meta.prepared_by or "Org Design Advisor",
        "cover_note": COVER_NOTE,
        "meta": {
            "client_name": meta.client_name,
            "prepared_by": meta.prepared_by,
            "prepared_for": meta.prepared_for,
            "date": _long_date(meta.on),
        },
        "branding": {
            "firm_name": branding.firm_name,
            "accent": accent,
            "logo": branding.logo_file,
            "logo_alt": f"{branding.firm_name} logo" if branding.firm_name else "Logo",
        },
        "running": {
            "firm": _truncate(branding.firm_name or "Org Design Advisor", 40),
            "title": _truncate(subject or title),
            "footer": footer + _long_date(meta.on),
        },
        "scenarios": items,
        "comparison": None,
        "comparison_groups": [],
    }
    if kind == "comparison":
        data["comparison"] = _comparison_data(scenarios, items)
        data["comparison"]["ours"] = comparison_ours_data(scenarios)
    elif kind == "pack" and len(scenarios) > 1:
        # Balanced tables of at most PACK_COMPARE_COLUMNS scenarios (10 are 4, 3 and 3).
        tables = -(-len(scenarios) // PACK_COMPARE_COLUMNS)
        size = -(-len(scenarios) // tables)
        for start in range(0, len(scenarios), size):
            group = slice(start, start + size)
            table = _comparison_data(scenarios[group], items[group])
            last = min(start + size, len(scenarios))
            table["title"] = (
                f"Overview of scenarios {start + 1} to {last}" if tables > 1 else "Overview"
            )
            data["comparison_groups"].append(table)
    return data


def report_json(data: Mapping[str, Any]) -> str:
    """The data as the JSON text the template reads (`json(bytes(sys.inputs.data))`)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- Rendering ---------------------------------------------------------------------------


@functools.cache
def _fonts() -> Any:
    import typst

    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=True,  # a fallback if DejaVu were missing
        font_paths=[path for path in FONT_DIRS if Path(path).is_dir()],
    )


_compiler_lock = threading.Lock()


@functools.cache
def _compiler() -> Any:
    """One Typst compiler per process (fonts loaded once); each render sets its own root."""
    import typst

    return typst.Compiler(font_paths=_fonts(), ignore_system_fonts=True)


def compile_typst(
    entry: str, *, data: Mapping[str, Any], files: Mapping[str, bytes] | None = None, **options
) -> bytes:
    """Compile the template `entry` with `data`, in a temporary root that holds only the
    templates and `files` (e.g. the logo). Returns the output bytes (PDF unless `format`)."""
    import typst

    root = Path(tempfile.mkdtemp(prefix="report-"))
    try:
        for name in (TEMPLATE_LIBRARY, entry):
            shutil.copyfile(TEMPLATE_DIR / name, root / name)
        for name, body in (files or {}).items():
            (root / name).write_bytes(body)
        with _compiler_lock:
            try:
                return _compiler().compile(
                    input=str(root / entry),
                    root=str(root),
                    sys_inputs={"data": report_json(data)},
                    **options,
                )
            except typst.TypstError as exc:
                raise ReportError(f"{entry}: {exc.message}") from exc
    finally:
        shutil.rmtree(root, ignore_errors=True)


def render_report(data: Mapping[str, Any], *, branding: ReportBranding) -> bytes:
    """The PDF of report data (see `report_data`), tagged PDF/UA-1.

    A logo Typst refuses (say an SVG that links to a file: Typst loads nothing outside the
    render's folder) leaves the report without a logo rather than without a report.
    """
    options = {"pdf_standards": PDF_STANDARDS, "timestamp": int(timezone.now().timestamp())}
    entry = f"{data['kind']}.typ"
    if branding.logo_file:
        try:
            return compile_typst(
                entry, data=data, files={branding.logo_file: branding.logo}, **options
            )
        except ReportError as exc:
            logger.warning("Report rendered without its logo: %s", exc)
            data = {**data, "branding": {**data["branding"], "logo": ""}}
    return compile_typst(entry, data=data, **options)


def report_pdf(
    *, scenarios: Sequence[ReportScenario], meta: ReportMeta, branding: ReportBranding | None = None
) -> bytes:
    """The full report: one scenario, or a comparison of several. Returns PDF bytes."""
    branding = branding or ReportBranding()
    kind = "comparison" if len(scenarios) > 1 else "scenario"
    data = report_data(kind=kind, scenarios=scenarios, meta=meta, branding=branding)
    return render_report(data, branding=branding)


def client_pack_pdf(
    *, scenarios: Sequence[ReportScenario], meta: ReportMeta, branding: ReportBranding | None = None
) -> bytes:
    """Every scenario of a client in one PDF: each full report, their comparison, each
    one's sign-off status and a table of contents."""
    branding = branding or ReportBranding()
    data = report_data(kind="pack", scenarios=scenarios, meta=meta, branding=branding)
    return render_report(data, branding=branding)


# --- Cache, ETag and file name -----------------------------------------------------------


# The Office files are laid out in code: their module is part of the fingerprint.
EXPORTS_MODULE = Path(__file__).resolve().parent / "exports.py"


@functools.cache
def report_format_version() -> str:
    """A fingerprint of the report templates (the Typst files, and the module that lays out
    the Office files) and of Typst's version: a new layout, a new cache key."""
    import typst

    digest = hashlib.sha256(f"typst {typst.__version__}".encode())
    for path in [*sorted(TEMPLATE_DIR.glob("*.typ")), EXPORTS_MODULE]:
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
    """The cached file for `key`, rendering and storing it with `build()` on a miss.

    The cache is shared by every app server (see CACHES). A cache that cannot be read or
    written only costs a render: it is logged as a warning, never shown as an error.
    """
    cache = caches[CACHE_ALIAS]
    try:
        pdf = cache.get(key)
    except Exception as exc:  # noqa: BLE001 - any cache failure: render without it
        log.warning("report cache unreadable (%s): rendering %s", type(exc).__name__, key)
        pdf = None
    if pdf is None:
        pdf = build()
        try:
            cache.set(key, pdf)
        except Exception as exc:  # noqa: BLE001 - the download must not fail for it
            log.warning("report cache not written (%s): %s", type(exc).__name__, key)
    return pdf


def report_filename(*parts: str, on: date, ext: str = "pdf") -> str:
    """An ASCII file name like `acme-corp-after-series-b-2026-03-12.pdf`."""
    slugs = [slugify(part)[:40].strip("-") for part in parts if part]
    slugs = [s for s in slugs if s] or ["org-design-report"]
    return "-".join([*slugs, on.isoformat()]) + "." + ext
