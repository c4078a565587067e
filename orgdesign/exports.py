"""Editable exports of a report: PowerPoint, Word, and the org chart alone (SVG, PNG).

Like `orgdesign.pdf`, plain data in (`ReportScenario`, `ReportMeta`, `ReportBranding`),
bytes out; the views only set headers. What the files say comes from
`orgdesign.presenter`, like every page and the PDF.

- `report_pptx`: a title slide; per scenario the recommendation with the org chart drawn
  as native, editable boxes and connectors in the firm's accent colour (the positions of
  `orgdesign.orgchart`'s own layout), the reasons, who owns what, what would change the
  advice and the steps; several scenarios also get a side-by-side slide, a sign-off
  slide and an "our view" slide for each scenario the consultant has a view of.
- `report_docx`: the report with real headings, lists and tables (header rows repeat,
  rows never split), the chart as a picture with its description as alternative text.
- `chart_svg`, `chart_png`: the chart as on the web page; the PNG is the SVG rasterised by
  Typst (no other image library).
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as DOCX_RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.shared import RGBColor as DocxRGB
from PIL import Image
from pptx import Presentation as Deck
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu
from pptx.util import Inches as PptInches
from pptx.util import Pt as PptPt

from orgdesign import orgchart
from orgdesign.pdf import (
    KINDS,
    ReportBranding,
    ReportError,
    ReportMeta,
    ReportScenario,
    compile_typst,
)
from orgdesign.presenter import (
    OUR_CHART_TITLE,
    Presentation,
    VoiceView,
    comparison,
    comparison_ours,
    present,
    voice,
    voice_recommendation,
)

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
INK = "1f2933"
MUTED = "52606d"
PANEL = "f4f6f8"
# Typst reads an SVG pixel as 0.75 pt (96 per inch): 192 per inch is twice its size.
CHART_PPI = 192
SLIDE_W, SLIDE_H = PptInches(13.333), PptInches(7.5)
MARGIN = PptInches(0.5)
BODY_TOP = PptInches(1.4)
# python-pptx's default template: 0 title slide, 5 title only.
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5


def _hex(colour: str) -> str:
    return colour.lstrip("#").lower()


def _kind(scenarios: Sequence[ReportScenario]) -> str:
    if not scenarios:
        raise ValueError("A report needs at least one recommendation.")
    return "comparison" if len(scenarios) > 1 else "scenario"


# Characters XML 1.0 cannot hold (Office files are XML): control characters but tab and
# newlines, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _office_inputs(
    scenarios: Sequence[ReportScenario], meta: ReportMeta, branding: ReportBranding | None
) -> tuple[str, list[ReportScenario], ReportMeta, ReportBranding]:
    """The report's kind, and the names a user typed without characters an Office file
    cannot store."""
    kind = _kind(scenarios)

    def clean(text: str) -> str:
        return _NOT_XML.sub("", text or "")

    branding = branding or ReportBranding()
    return (
        kind,
        [dataclasses.replace(s, name=clean(s.name)) for s in scenarios],
        dataclasses.replace(
            meta,
            client_name=clean(meta.client_name),
            prepared_by=clean(meta.prepared_by),
            prepared_for=clean(meta.prepared_for),
        ),
        dataclasses.replace(branding, firm_name=clean(branding.firm_name)),
    )


def _properties(props, *, kind: str, meta: ReportMeta, branding: ReportBranding) -> None:
    """The file's title, author and language (what a screen reader announces first)."""
    props.title = KINDS[kind][1]
    props.author = branding.firm_name or meta.prepared_by or "Org Design Advisor"
    props.language = "en-GB"


# --- The chart alone ---------------------------------------------------------------------


def chart_svg(rec: Mapping[str, Any], *, accent: str) -> bytes:
    """The org chart as a standalone SVG file (the drawing of the web page)."""
    svg = orgchart.orgchart_svg(rec, accent=accent)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + svg.encode("utf-8")


def svg_to_png(svg: bytes, *, ppi: int = CHART_PPI) -> bytes:
    """Rasterise an SVG (ours, or a validated logo) with Typst, on a white background."""
    return compile_typst(
        "image.typ",
        data={},
        files={"image.svg": svg},
        format="png",
        ppi=ppi,
    )


def chart_png(rec: Mapping[str, Any], *, accent: str) -> bytes:
    """The org chart as a PNG at twice the SVG's size (sharp on a high-density screen)."""
    return svg_to_png(chart_svg(rec, accent=accent))


def logo_png(branding: ReportBranding) -> bytes:
    """The logo as PNG bytes for Office files (an SVG logo rasterised), or b"" for none."""
    if branding.logo_file == "logo.png":
        return branding.logo
    if branding.logo_file == "logo.svg":
        try:
            return svg_to_png(branding.logo, ppi=2 * CHART_PPI)
        except ReportError:  # e.g. it links to a file: Typst loads nothing outside its folder
            return b""
    return b""


# --- The consultant's voice ------------------------------------------------------------
# "Our view" arrives as the presenter's nodes (orgdesign.presenter.our_view_nodes): runs of
# text, bold, italic and links, in paragraphs and lists. Both files draw them as runs.

VOICE_COLOUR = "8a4b08"


def _voice(s: ReportScenario) -> VoiceView:
    """The consultant's voice beside this scenario's advice, without characters an Office
    file cannot store."""
    view = voice(s.voice, s.recommendation)
    clean = [
        dataclasses.replace(
            seat, our_title=_NOT_XML.sub("", seat.our_title), reason=_NOT_XML.sub("", seat.reason)
        )
        for seat in view.seats
    ]
    return dataclasses.replace(view, seats=tuple(clean))  # fmt: skip


def _runs(nodes, *, bold=False, italic=False, href=""):
    """Inline nodes as (text, bold, italic, link address) runs."""
    for node in nodes:
        if node["type"] == "text":
            yield _NOT_XML.sub("", node["text"]), bold, italic, href
        elif node["type"] == "break":
            yield "\n", bold, italic, href
        else:
            yield from _runs(
                node.get("children", []),
                bold=bold or node["type"] == "strong",
                italic=italic or node["type"] == "emph",
                href=node.get("href", href) if node["type"] == "link" else href,
            )


def _paragraphs(blocks, *, depth: int = 0):
    """Block nodes as (list marker, depth, inline nodes) paragraphs; marker "" for none."""
    for block in blocks:
        if block["type"] == "paragraph":
            yield "", depth, block["children"]
        elif block["type"] == "list":
            for number, item in enumerate(block["items"], start=block.get("start", 1)):
                marker = f"{number}." if block["ordered"] else "•"
                for i, (inner, level, nodes) in enumerate(_paragraphs(item, depth=depth + 1)):
                    yield (marker if i == 0 and not inner else inner), level, nodes


def _voice_lines(view: VoiceView) -> list[str]:
    """Each adjusted seat in one line: the engine's seat and line, then ours."""
    lines = []
    for seat in view.seats:
        engine = f"{seat.seat} (the engine: reports to {seat.engine_boss})"
        if not seat.in_advice:
            engine = f"{seat.seat} (no longer in this advice: our adjustment is kept)"
        ours = [f"our title: {seat.our_title}"] if seat.our_title else []
        if seat.our_boss:
            ours.append(f"we adjust: reports to {seat.our_boss}, because {seat.reason}")
        lines.append(f"{engine}: {'; '.join(ours)}")
    return lines


def _our_seat_cells(view: VoiceView, row) -> tuple[str, str]:
    """A seat row's title and boss, each with the consultant's adjustment beside it."""
    seat = view.by_code.get(row.code)
    title, boss = row.title, row.boss
    if seat and seat.our_title:
        title += f"\nOur title: {seat.our_title}"
    if seat and seat.our_boss:
        boss += f"\nWe adjust: reports to {seat.our_boss}, because {seat.reason}"
    return title, boss


# --- PowerPoint --------------------------------------------------------------------------


def _text(frame, lines: Sequence[str], *, size: int, bold: bool = False, colour: str = INK):
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        run.font.size = PptPt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(colour)
    return frame


def _slide(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (
        MARGIN,
        PptInches(0.3),
        SLIDE_W - 2 * MARGIN,
        PptInches(0.9),
    )
    shape.text_frame.text = title
    shape.text_frame.word_wrap = True
    para = shape.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    para.runs[0].font.size = PptPt(28)
    para.runs[0].font.bold = True
    return slide


def _box(slide, *, left, top, width, height):
    return slide.shapes.add_textbox(left, top, width, height).text_frame


def _bullets(slide, items: Sequence[str], *, top=BODY_TOP, size: int = 16, numbered=False):
    frame = _box(
        slide, left=MARGIN, top=top, width=SLIDE_W - 2 * MARGIN, height=SLIDE_H - top - MARGIN
    )
    lines = [f"{i}. {item}" if numbered else f"• {item}" for i, item in enumerate(items, 1)]
    _text(frame, lines or ["—"], size=size)
    for para in frame.paragraphs:
        para.space_after = PptPt(6)
    return frame


def _fit(count: int, *, roomy: int, tight: int) -> int:
    """A font size for `count` lines of text on one slide."""
    return roomy if count <= 5 else max(tight, roomy - (count - 5))


NODE_STYLE = {
    # kind: (fill, line, text colour, bold, dashed); None means the accent colour.
    "root": ("ffffff", INK, INK, True, False),
    "context": (PANEL, MUTED, INK, True, False),
    "seat": (None, None, "ffffff", True, False),
    "team": ("ffffff", MUTED, INK, False, True),
}


def _draw_chart(slide, rec: Mapping[str, Any], *, accent: str, left, top, width, height):
    """The org chart as native shapes: a rounded box per node and an elbow connector from
    each box to its parent, placed by orgchart's own layout and scaled to fit the area."""
    root = orgchart.build_tree(rec)
    orgchart._measure(root)
    orgchart._place(root, orgchart.MARGIN, 0)
    nodes = list(orgchart._walk(root))
    chart_w = root.width + 2 * orgchart.MARGIN
    chart_h = max(n.y for n in nodes) + orgchart.BOX_H + orgchart.MARGIN
    scale = min(width / chart_w, height / chart_h, PptInches(2.0) / orgchart.BOX_W)
    offset_x = left + (width - chart_w * scale) / 2
    accent_rgb = RGBColor.from_string(_hex(accent))
    font = max(7, min(14, round(11 * scale / (PptInches(1) / 96))))
    shapes = {}
    for node in nodes:
        fill, line, colour, bold, dashed = NODE_STYLE[node.kind]
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE,
            Emu(int(offset_x + node.x * scale)),
            Emu(int(top + node.y * scale)),
            Emu(int(orgchart.BOX_W * scale)),
            Emu(int(orgchart.BOX_H * scale)),
        )
        shape.name = f"{node.kind}: {node.label}"[:250]
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill) if fill else accent_rgb
        shape.line.color.rgb = RGBColor.from_string(line) if line else accent_rgb
        shape.line.width = PptPt(2 if node.kind in ("seat", "root") else 1.25)
        if dashed:
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, PptInches(0.04))
        lines = ([node.sublabel.upper()] if node.sublabel else []) + [node.label]
        _text(frame, lines, size=font, bold=bold, colour=colour)
        for para in frame.paragraphs:
            para.alignment = PP_ALIGN.CENTER
        if node.sublabel:
            frame.paragraphs[0].runs[0].font.size = PptPt(max(6, font - 3))
            frame.paragraphs[0].runs[0].font.bold = False
        shapes[id(node)] = shape
    for node in nodes:
        for child in node.children:
            connector = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
            connector.begin_connect(shapes[id(node)], 2)  # bottom of the parent
            connector.end_connect(shapes[id(child)], 0)  # top of the child
            connector.line.color.rgb = accent_rgb
            connector.line.width = PptPt(1.5)
            if child.kind == "team":
                connector.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            connector.name = f"line: {node.label} to {child.label}"[:250]
    return shapes


def _table(
    slide, header: Sequence[str], rows: Sequence[Sequence[str]], *, top, size: int, widths=None
):
    width = SLIDE_W - 2 * MARGIN
    height = min(SLIDE_H - top - MARGIN, PptInches(0.4) * (len(rows) + 1))
    shape = slide.shapes.add_table(len(rows) + 1, len(header), MARGIN, top, width, height)
    table = shape.table
    if widths:
        for column, share in zip(table.columns, widths, strict=True):
            column.width = Emu(int(width * share))
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = value or "—"
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = PptPt(size)
                    run.font.bold = r == 0
    return table


def _title_slide(deck, *, title: str, scenarios, meta: ReportMeta, branding: ReportBranding):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_LAYOUT])
    accent = RGBColor.from_string(_hex(branding.safe_accent))
    heading, subtitle = slide.shapes.title, slide.placeholders[1]
    width = SLIDE_W - 2 * MARGIN
    heading.left, heading.top, heading.width, heading.height = (
        MARGIN,
        PptInches(2.0),
        width,
        PptInches(1.5),
    )
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        MARGIN,
        PptInches(3.7),
        width,
        PptInches(3.2),
    )
    _text(heading.text_frame, [title], size=36, bold=True, colour=_hex(branding.safe_accent))
    heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    names = "; ".join(s.name for s in scenarios if s.name)
    lines = [
        (meta.client_name, 24, True),
        (names, 18, False),
        (f"Prepared by {meta.prepared_by}" if meta.prepared_by else "", 14, False),
        (f"Prepared for {meta.prepared_for}" if meta.prepared_for else "", 14, False),
        (meta.on.strftime("%-d %B %Y"), 14, False),
    ]
    frame = subtitle.text_frame
    frame.word_wrap = True
    first = True
    for text, size, bold in lines:
        if not text:
            continue
        para = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        para.alignment = PP_ALIGN.LEFT
        run = para.add_run()
        run.text = text
        run.font.size, run.font.bold = PptPt(size), bold
        run.font.color.rgb = RGBColor.from_string(INK if bold else MUTED)
    if branding.firm_name:
        box = _box(
            slide, left=MARGIN, top=PptInches(0.4), width=PptInches(9), height=PptInches(0.6)
        )
        _text(box, [branding.firm_name], size=18, bold=True, colour=_hex(branding.safe_accent))
    logo = logo_png(branding)
    if logo:
        slide.shapes.add_picture(
            io.BytesIO(logo),
            SLIDE_W - MARGIN - PptInches(2.5),
            PptInches(0.3),
            height=PptInches(0.9),
        )
    rule = slide.shapes.add_connector(
        MSO_CONNECTOR.STRAIGHT, MARGIN, PptInches(3.55), SLIDE_W - MARGIN, PptInches(3.55)
    )
    rule.line.color.rgb = accent
    rule.line.width = PptPt(2.5)
    return slide


def _chart_slide(deck, title: str, s: ReportScenario, p: Presentation, *, accent, notes):
    """A slide with the advice in one sentence and the org chart; the chart's description
    (and `notes`) in the speaker notes."""
    slide = _slide(deck, title)
    frame = _box(
        slide, left=MARGIN, top=PptInches(1.2), width=SLIDE_W - 2 * MARGIN, height=PptInches(0.9)
    )
    _text(frame, [p.headline], size=18, bold=True)
    _draw_chart(
        slide,
        s.recommendation,
        accent=accent,
        left=MARGIN,
        top=PptInches(2.25),
        width=SLIDE_W - 2 * MARGIN,
        height=SLIDE_H - PptInches(2.25) - MARGIN,
    )
    notes_text = [orgchart.describe(s.recommendation), *notes]
    slide.notes_slide.notes_text_frame.text = "\n".join(notes_text)
    return slide


def _scenario_slides(deck, s: ReportScenario, p: Presentation, *, accent: str):
    _chart_slide(deck, "The recommendation", s, p, accent=accent, notes=())
    _voice_slide(deck, _voice(s))
    _our_chart_slide(deck, voice_recommendation(s.voice, s.recommendation), accent=accent)

    reasons = [r.text for r in p.reasons]
    _bullets(_slide(deck, "Why"), reasons, size=_fit(len(reasons), roomy=18, tight=11))

    slide = _slide(deck, "Who owns what")
    if p.split.single_owner:
        _bullets(
            slide,
            [f"{p.split.single_owner} holds every area the two roles share: {p.split.areas}."],
        )
    elif p.split.has_product_side:
        rows = [
            (
                f"{r.label} (lead: {r.lead})",
                f"{r.internal_owner}: {r.internal}",
                f"{r.product_owner}: {r.product}" if r.product else "",
            )
            for r in p.split.rows
        ]
        _table(
            slide,
            ("Area", "Internal side", "Product side"),
            rows,
            top=PptInches(1.4),
            size=12,
            widths=(0.22, 0.39, 0.39),
        )
    else:
        rows = [
            (f"{r.label} (lead: {r.lead})", f"{r.internal_owner}: {r.internal}")
            for r in p.split.rows
        ]
        _table(
            slide,
            ("Area", "Owner and remit"),
            rows,
            top=PptInches(1.4),
            size=12,
            widths=(0.25, 0.75),
        )

    slide = _slide(deck, "What would change the advice")
    changes = [p.sensitivity.summary]
    for group in p.sensitivity.groups:
        changes += [f"{group.label}: {change.text}" for change in group.changes]
    changes += [f"Two answers together: {pair}" for pair in p.sensitivity.pairs]
    frame = _bullets(slide, changes, size=_fit(len(changes), roomy=16, tight=10))
    frame.paragraphs[0].runs[0].font.bold = True

    steps = list(p.transition.steps) or ["No change of seats is needed."]
    slide = _slide(deck, "Getting there")
    frame = _box(
        slide, left=MARGIN, top=PptInches(1.2), width=SLIDE_W - 2 * MARGIN, height=PptInches(0.5)
    )
    _text(frame, [f"Technology is led today by: {p.transition.today}."], size=16, colour=MUTED)
    items = steps + [f"To watch for: {c.today} {c.plan}" for c in p.transition.conflicts]
    _bullets(
        slide, items, top=PptInches(1.8), size=_fit(len(items), roomy=18, tight=11), numbered=True
    )


def _voice_slide_frame(deck, title: str, *, badge: str):
    """A slide of the consultant's, its badge under the title in their colour: the slide
    and the empty text frame below the badge."""
    slide = _slide(deck, title)
    frame = _box(
        slide, left=MARGIN, top=PptInches(1.2), width=SLIDE_W - 2 * MARGIN, height=PptInches(0.4)
    )
    _text(frame, [badge.upper()], size=12, bold=True, colour=VOICE_COLOUR)
    frame = _box(
        slide,
        left=MARGIN,
        top=PptInches(1.7),
        width=SLIDE_W - 2 * MARGIN,
        height=SLIDE_H - PptInches(1.7) - MARGIN,
    )
    frame.word_wrap = True
    return slide, frame


def _voice_slide(deck, view: VoiceView):
    """ "Our view": the consultant's text and adjusted seats, marked as theirs."""
    if view.empty:
        return None
    slide, frame = _voice_slide_frame(deck, "Our view", badge=view.badge)
    paragraphs = list(_paragraphs(view.our_view_nodes))
    lines = _voice_lines(view)
    size = _fit(len(paragraphs) + len(lines), roomy=16, tight=10)
    first = _pptx_our_view(frame, paragraphs, size=size)
    if lines:
        lines = ["Seats we adjust:", *(f"• {line}" for line in lines)]
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        run = para.add_run()
        run.text = line
        run.font.bold = i == 0
        run.font.size = PptPt(size)
        run.font.color.rgb = RGBColor.from_string(VOICE_COLOUR)
    return slide


def _pptx_our_view(frame, paragraphs, *, size: int, first: bool = True) -> bool:
    """ "Our view" paragraphs (from `_paragraphs`) as runs in `frame`, links kept; `first`:
    the frame's first paragraph is still free. Returns whether it still is."""
    for marker, depth, nodes in paragraphs:
        para = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        para.level = min(max(depth - 1, 0), 4)
        para.space_after = PptPt(6)
        if marker:
            para.add_run().text = f"{marker} "
        for text, bold, italic, href in _runs(nodes):
            run = para.add_run()
            run.text = text
            run.font.bold, run.font.italic = bold, italic
            if href:
                run.hyperlink.address = href
        for run in para.runs:
            run.font.size = PptPt(size)
    return first


def _our_chart_slide(deck, ours: Mapping[str, Any] | None, *, accent: str):
    """The structure as the consultant adjusts it, drawn like the engine's chart, on its own
    slide under its own title (None: no seat adjusted)."""
    if ours is None:
        return None
    slide = _slide(deck, OUR_CHART_TITLE)
    frame = _box(
        slide, left=MARGIN, top=PptInches(1.2), width=SLIDE_W - 2 * MARGIN, height=PptInches(0.6)
    )
    _text(
        frame,
        [
            "Consultant's adjustment: drawn with our titles and lines. "
            "The engine's chart is unchanged."
        ],
        size=14,
        colour=VOICE_COLOUR,
    )
    _draw_chart(
        slide,
        ours,
        accent=accent,
        left=MARGIN,
        top=PptInches(2.0),
        width=SLIDE_W - 2 * MARGIN,
        height=SLIDE_H - PptInches(2.0) - MARGIN,
    )
    slide.notes_slide.notes_text_frame.text = orgchart.describe(ours)
    return slide


def _compare_slides(
    deck, scenarios: Sequence[ReportScenario], presented: list[Presentation], *, accent: str
):
    for i, (s, p) in enumerate(zip(scenarios, presented, strict=True), start=1):
        title = f"{i}. {s.name}" if s.name else f"Scenario {i}"
        _chart_slide(deck, title, s, p, accent=accent, notes=[r.text for r in p.reasons])
    rows = comparison([s.recommendation for s in scenarios]).rows
    slide = _slide(deck, "Side by side")
    header = ["Answer", *(f"{i}. {s.name}" for i, s in enumerate(scenarios, start=1))]
    body = [[("● " if row.differs else "") + row.label, *row.values] for row in rows]
    share = 0.76 / len(scenarios)
    _table(
        slide,
        header,
        body,
        top=PptInches(1.2),
        size=9 if len(rows) > 10 else 11,
        widths=(0.24, *([share] * len(scenarios))),
    )


def _signoff_lines(scenarios: Sequence[ReportScenario]) -> list[str]:
    """Each scenario's sign-off status and its sign-offs (who, role, date, version), as
    lines; none for scenarios without one to speak of (the founder's result)."""
    lines: list[str] = []
    several = len(scenarios) > 1
    for i, s in enumerate(scenarios, start=1):
        if s.signoff is None:
            continue
        lines.append(f"{i}. {s.name}: {s.signoff.summary}" if several else s.signoff.summary)
        if not several:
            lines += [
                f"Version {line.version}: {line.text}"
                for line in (*s.signoff.current, *s.signoff.earlier)
            ]
    return [_NOT_XML.sub("", line) for line in lines]


def _signoff_slide(deck, scenarios: Sequence[ReportScenario]) -> None:
    """A slide with the sign-off status (nothing when no scenario has one)."""
    lines = _signoff_lines(scenarios)
    if lines:
        frame = _bullets(_slide(deck, "Sign-off"), lines, size=_fit(len(lines), roomy=18, tight=11))
        frame.paragraphs[0].runs[0].font.bold = True


def report_pptx(
    *, scenarios: Sequence[ReportScenario], meta: ReportMeta, branding: ReportBranding | None = None
) -> bytes:
    """The report as a PowerPoint deck (16:9) a consultant can edit."""
    kind, scenarios, meta, branding = _office_inputs(scenarios, meta, branding)
    accent = branding.safe_accent
    deck = Deck()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    _properties(deck.core_properties, kind=kind, meta=meta, branding=branding)
    _title_slide(deck, title=KINDS[kind][1], scenarios=scenarios, meta=meta, branding=branding)
    presented = [present(s.recommendation) for s in scenarios]
    if kind == "scenario":
        _scenario_slides(deck, scenarios[0], presented[0], accent=accent)
    else:
        _compare_slides(deck, scenarios, presented, accent=accent)
    if kind == "scenario":
        _signoff_slide(deck, scenarios)
    else:
        _compare_ours_slides(deck, scenarios)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# --- Word ----------------------------------------------------------------------------------


@functools.cache
def _style_id(name: str) -> str:
    """The id of one of the default template's styles. python-docx looks a style name up
    by scanning every style (about 2 ms a paragraph): ids are looked up once."""
    return Document().styles[name].style_id


def _para(doc, text: str = "", style: str = "Normal"):
    para = doc.add_paragraph(text)
    if style != "Normal":
        para._p.style = _style_id(style)
    return para


def _heading(doc, text: str, level: int):
    return _para(doc, text, "Title" if level == 0 else f"Heading {level}")


def _repeat_header_and_keep_rows(table) -> None:
    """The first row repeats on each page; no row is split across pages."""
    for i, row in enumerate(table.rows):
        props = row._tr.get_or_add_trPr()
        if i == 0:
            props.append(OxmlElement("w:tblHeader"))
        props.append(OxmlElement("w:cantSplit"))


def _doc_table(doc, header: Sequence[str], rows: Sequence[Sequence[str]], *, row_headers=True):
    table = doc.add_table(rows=1, cols=len(header))
    table._tbl.tblStyle_val = _style_id("Light List Accent 1")
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    # Header row on, banded columns off; the first column bold only for row headers. Word
    # reads the flags, older readers the bit mask: both say the same.
    look.set(qn("w:val"), "04A0" if row_headers else "0420")
    look.set(qn("w:firstRow"), "1")
    look.set(qn("w:firstColumn"), "1" if row_headers else "0")
    look.set(qn("w:noVBand"), "1")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].font.bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text or "—"
    _repeat_header_and_keep_rows(table)
    return table


def _numbered(doc, items: Sequence[str]) -> None:
    """A numbered list that starts again at 1 (Word continues "List Number" otherwise)."""
    paragraphs = [_para(doc, item, "List Number") for item in items]
    if not paragraphs:
        return
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    style = doc.styles.element.get_by_id(_style_id("List Number"))
    style_num = style.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    for para in paragraphs:
        props = para._p.get_or_add_pPr().get_or_add_numPr()
        props.get_or_add_ilvl().val = 0
        props.get_or_add_numId().val = num.numId


def _picture_with_alt(doc, png: bytes, *, alt: str, width, title: str = orgchart.CHART_TITLE):
    doc.add_picture(io.BytesIO(png), width=width)
    inline = doc.inline_shapes[-1]._inline
    inline.docPr.set("descr", alt)
    inline.docPr.set("title", title)


def _doc_scenario(
    doc, s: ReportScenario, p: Presentation, *, accent: str, level: int, our_view: bool = True
):
    """One scenario's report; `our_view=False` (a comparison, whose "Sign-off and our view"
    section has the consultant's text already, as in the PDF) leaves out the "Our view"
    chapter and our chart, and keeps our marks in the seat table."""
    _heading(doc, "Executive summary", level)
    _para(doc, p.headline, "Intense Quote")
    png = chart_png(s.recommendation, accent=accent)
    # The chart at its drawn size (96 px an inch, the PNG is twice that), at most the text width.
    width = min(Inches(6.3), Inches(Image.open(io.BytesIO(png)).width / (2 * 96)))
    _picture_with_alt(
        doc,
        png,
        alt="Recommended organisation chart. " + orgchart.describe(s.recommendation),
        width=width,
    )
    _heading(doc, "The main reasons", level + 1)
    _numbered(doc, [reason.text for reason in p.reasons[:3]])

    ours = _voice(s)
    if our_view:
        _doc_voice(doc, ours, level=level)
    adjusted = voice_recommendation(s.voice, s.recommendation) if our_view else None
    if adjusted is not None and not ours.empty:
        png = chart_png(adjusted, accent=accent)
        width = min(Inches(6.3), Inches(Image.open(io.BytesIO(png)).width / (2 * 96)))
        _picture_with_alt(
            doc,
            png,
            alt=f"{OUR_CHART_TITLE}. {orgchart.describe(adjusted)}",
            width=width,
            title=OUR_CHART_TITLE,
        )
    _heading(doc, "Seats and reporting lines", level)
    _doc_table(
        doc,
        ("Seat", "Reports to", "Focus", "Team"),
        [(*_our_seat_cells(ours, r), r.focus, ", ".join(r.team)) for r in p.seats],
    )
    _heading(doc, "The reasoning", level)
    _doc_table(
        doc, ("Reason", "Because"), [(r.text, r.because) for r in p.reasons], row_headers=False
    )

    _heading(doc, "Who owns what", level)
    if p.split.single_owner:
        doc.add_paragraph(
            f"{p.split.single_owner} holds every area the two roles share: {p.split.areas}."
        )
    elif p.split.has_product_side:
        _doc_table(
            doc,
            ("Area", "Internal side", "Product side"),
            [
                (
                    f"{r.label} (lead: {r.lead})",
                    f"{r.internal_owner}: {r.internal}",
                    f"{r.product_owner}: {r.product}" if r.product else "",
                )
                for r in p.split.rows
            ],
        )
    else:
        _doc_table(
            doc,
            ("Area", "Owner and remit"),
            [
                (f"{r.label} (lead: {r.lead})", f"{r.internal_owner}: {r.internal}")
                for r in p.split.rows
            ],
        )

    _heading(doc, "Skills to hire for", level)
    for group in p.skills:
        _heading(doc, group.seat, level + 1)
        for skill in group.skills:
            _para(doc, skill, "List Bullet")

    _heading(doc, "What would change the advice", level)
    _para(doc, p.sensitivity.summary, "Intense Quote")
    if not p.sensitivity.groups:
        doc.add_paragraph("No single different answer would change the advice.")
    for group in p.sensitivity.groups:
        _heading(doc, group.label, level + 1)
        for change in group.changes:
            _para(doc, change.text, "List Bullet")
    if p.sensitivity.pairs:
        _heading(doc, "Two answers together", level + 1)
        for pair in p.sensitivity.pairs:
            _para(doc, pair, "List Bullet")

    _heading(doc, "When to revisit it", level)
    for line in p.revisit:
        _para(doc, line, "List Bullet")
    for line in p.considerations:
        doc.add_paragraph(line)

    _heading(doc, "Getting there", level)
    doc.add_paragraph(f"Technology is led today by: {p.transition.today}.")
    _numbered(doc, p.transition.steps)
    if p.transition.conflicts:
        _heading(doc, "To watch for in today's structure", level + 1)
        for conflict in p.transition.conflicts:
            _para(doc, f"{conflict.today} {conflict.plan}", "List Bullet")

    _heading(doc, "Appendix: the answers", level)
    _doc_table(doc, ("Question", "Answer"), [(row.label, row.value) for row in p.answers])


def _doc_signoff(doc, scenarios: Sequence[ReportScenario], *, level: int) -> None:
    """The sign-off status, and a table of every sign-off (nothing when no scenario has
    one to speak of)."""
    if all(s.signoff is None for s in scenarios):
        return
    _heading(doc, "Sign-off", level)
    rows = []
    for i, s in enumerate(scenarios, start=1):
        if s.signoff is None:
            continue
        summary = _NOT_XML.sub("", s.signoff.summary)
        _para(doc, f"{i}. {s.name}: {summary}" if len(scenarios) > 1 else summary, "Intense Quote")
        rows += [
            [_NOT_XML.sub("", text) for text in (str(line.version), line.name, line.role, line.on)]
            for line in (*s.signoff.current, *s.signoff.earlier)
        ]
    if rows:
        _doc_table(doc, ("Version", "Signed off by", "Role", "Date"), rows, row_headers=False)


def _docx_link(para, text: str, href: str):
    """A real hyperlink run (underlined, blue) to `href`, an http, https or mailto address
    the presenter let through."""
    r_id = para.part.relate_to(href, DOCX_RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = para.add_run(text)
    run.font.underline = True
    run.font.color.rgb = DocxRGB.from_string("0B5ED7")
    link.append(run._r)
    para._p.append(link)
    return run


def _doc_our_view(doc, view: VoiceView) -> None:
    """ "Our view" as Word paragraphs: runs of bold, italic and real links; lists."""
    for marker, depth, nodes in _paragraphs(view.our_view_nodes):
        style = {"": "Normal", "•": "List Bullet"}.get(marker, "Normal")
        para = _para(doc, "", style)
        if marker not in ("", "•"):
            para.add_run(f"{marker} ")
        if depth > 1:
            para.paragraph_format.left_indent = Inches(0.25 * depth)
        for text, bold, italic, href in _runs(nodes):
            run = _docx_link(para, text, href) if href else para.add_run(text)
            run.bold, run.italic = bold or None, italic or None


def _doc_voice(doc, view: VoiceView, *, level: int):
    """ "Our view": the consultant's text and adjusted seats, marked as theirs."""
    if view.empty:
        return
    _heading(doc, "Our view", level)
    badge = doc.add_paragraph().add_run(view.badge.upper())
    badge.bold = True
    badge.font.color.rgb = DocxRGB.from_string(VOICE_COLOUR.upper())
    _doc_our_view(doc, view)
    if view.seats:
        _heading(doc, "Seats we adjust", level + 1)
        _doc_table(
            doc,
            ("Seat (the engine's advice)", "Our title", "Our reporting line"),
            [
                (
                    f"{seat.seat}\n"
                    + (
                        f"Reports to {seat.engine_boss}"
                        if seat.in_advice
                        else "No longer in this advice: our adjustment is kept; check it"
                    ),
                    seat.our_title,
                    f"Reports to {seat.our_boss}, because {seat.reason}" if seat.our_boss else "",
                )
                for seat in view.seats
            ],
        )


def _doc_audit(doc, scenarios, presented, *, level: int):
    _heading(doc, "Appendix: audit trail", level)
    doc.add_paragraph(
        "Each reason in this report comes from one rule of the ruleset: the table names the "
        "rule, its source and the answers it matched."
    )
    for i, (s, p) in enumerate(zip(scenarios, presented, strict=True), start=1):
        if len(scenarios) > 1:
            _heading(doc, f"{i}. {s.name}", level + 1)
        doc.add_paragraph(f"Ruleset version {p.audit.ruleset or 'unknown'}.")
        _doc_table(
            doc,
            ("Rule", "Source", "Matched answers"),
            [(r.rule, r.source, r.because) for r in p.audit.reasons],
        )


def report_docx(
    *, scenarios: Sequence[ReportScenario], meta: ReportMeta, branding: ReportBranding | None = None
) -> bytes:
    """The report as a Word document with real headings and tables."""
    kind, scenarios, meta, branding = _office_inputs(scenarios, meta, branding)
    accent = branding.safe_accent
    doc = Document()
    _properties(doc.core_properties, kind=kind, meta=meta, branding=branding)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.color.rgb = DocxRGB.from_string(_hex(accent).upper())
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)

    logo = logo_png(branding)
    if logo:
        doc.add_picture(io.BytesIO(logo), height=Inches(0.7))
        doc.inline_shapes[-1]._inline.docPr.set("descr", f"{branding.firm_name} logo".strip())
    if branding.firm_name:
        doc.add_paragraph().add_run(branding.firm_name).bold = True
    _heading(doc, KINDS[kind][1], 0)
    if meta.client_name:
        _para(doc, meta.client_name, "Subtitle")
    for i, s in enumerate(scenarios, start=1):
        if s.name:
            label = f"{i}. {s.name}" if kind == "comparison" else s.name
            doc.add_paragraph(label + (f" (version {s.version})" if s.version else ""))
    details = [
        ("Prepared by", meta.prepared_by),
        ("Prepared for", meta.prepared_for),
        ("Date", meta.on.strftime("%-d %B %Y")),
    ]
    for label, value in details:
        if value:
            para = doc.add_paragraph()
            para.add_run(f"{label}: ").bold = True
            para.add_run(value)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    presented = [present(s.recommendation) for s in scenarios]
    if kind == "scenario":
        _doc_scenario(doc, scenarios[0], presented[0], accent=accent, level=1)
    else:
        _heading(doc, "Overview", 1)
        rows = comparison([s.recommendation for s in scenarios]).rows
        _doc_table(
            doc,
            ("Answer", *(f"{i}. {s.name}" for i, s in enumerate(scenarios, start=1))),
            [(("● " if row.differs else "") + row.label, *row.values) for row in rows],
        )
        _doc_compare_ours(doc, scenarios, level=1)
        for i, (s, p) in enumerate(zip(scenarios, presented, strict=True), start=1):
            _heading(doc, f"{i}. {s.name}" if s.name else f"Scenario {i}", 1)
            _doc_scenario(doc, s, p, accent=accent, level=2, our_view=False)
    if kind == "scenario":
        _doc_signoff(doc, scenarios, level=1)
    _doc_audit(doc, scenarios, presented, level=1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- The comparison: each scenario's sign-off and the consultant's voice ------------------
# From `presenter.comparison_ours`, as the compare page and the comparison PDF show them:
# apart from the engine's side-by-side rows, the consultant's part in their colour.


def _compare_ours(scenarios: Sequence[ReportScenario]):
    """The comparison's sign-off lines and voices, without characters an Office file cannot
    store (the nodes of "our view" are cleaned run by run)."""
    parts = comparison_ours([(s.name, s.recommendation, s.voice, s.signoff) for s in scenarios])
    return [
        dataclasses.replace(
            part,
            signoff=_NOT_XML.sub("", part.signoff),
            seats=tuple(
                dataclasses.replace(seat, lines=tuple(_NOT_XML.sub("", x) for x in seat.lines))
                for seat in part.seats
            ),
        )
        for part in parts
    ]


def _seat_text(seat) -> list[str]:
    """An adjusted seat in lines: the engine's seat and line, then ours."""
    return [f"{seat.seat} ({seat.engine})", *seat.lines]


def _compare_ours_slides(deck, scenarios: Sequence[ReportScenario]) -> None:
    """A slide with each scenario's sign-off, then one "our view" slide per scenario that
    has a voice, marked as the consultant's."""
    parts = _compare_ours(scenarios)
    lines = [f"{part.index}. {part.name}: {part.signoff}" for part in parts if part.signoff]
    if lines:
        _bullets(_slide(deck, "Sign-off"), lines, size=_fit(len(lines), roomy=18, tight=11))
    for part in parts:
        if part.voice is None:
            continue
        slide, frame = _voice_slide_frame(
            deck, f"Our view: {part.index}. {part.name}", badge=part.badge
        )
        paragraphs = list(_paragraphs(part.voice.our_view_nodes))
        seat_lines = [line for seat in part.seats for line in _seat_text(seat)]
        size = _fit(len(paragraphs) + len(seat_lines), roomy=16, tight=10)
        first = _pptx_our_view(frame, paragraphs, size=size)
        for line in seat_lines:
            para = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            run = para.add_run()
            run.text = line
            run.font.size = PptPt(size)
            run.font.color.rgb = RGBColor.from_string(VOICE_COLOUR)
        slide.notes_slide.notes_text_frame.text = part.note


def _doc_compare_ours(doc, scenarios: Sequence[ReportScenario], *, level: int) -> None:
    """ "Sign-off and our view": each scenario's sign-off line and, when it has one, the
    consultant's voice, after the overview and apart from its rows."""
    parts = _compare_ours(scenarios)
    if not any(part.signoff or part.voice for part in parts):
        return
    _heading(doc, "Sign-off and our view", level)
    for part in parts:
        _heading(doc, f"{part.index}. {part.name}", level + 1)
        if part.signoff:
            _para(doc, part.signoff, "Intense Quote")
        if part.voice is None:
            continue
        badge = doc.add_paragraph().add_run(part.badge.upper())
        badge.bold = True
        badge.font.color.rgb = DocxRGB.from_string(VOICE_COLOUR.upper())
        _para(doc, part.note)
        _doc_our_view(doc, part.voice)
        for seat in part.seats:
            para = _para(doc, "", "List Bullet")
            para.add_run(seat.seat).bold = True
            para.add_run(f" ({seat.engine})")
            for line in seat.lines:
                para.runs[-1].add_break()
                run = para.add_run(line)
                run.font.color.rgb = DocxRGB.from_string(VOICE_COLOUR.upper())
