"""The editable exports, opened with their own libraries: what they say and how they are built."""

import io
import xml.etree.ElementTree as ET

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn as pqn

from orgdesign import orgchart
from orgdesign.exports import chart_png, chart_svg, report_docx, report_pptx
from orgdesign.pdf import ReportBranding, ReportMeta, ReportScenario, report_pdf
from orgdesign.presenter import comparison, present
from tests.reports.conftest import pdf_text
from tests.reports.test_pdf import CASES, PNG_1PX, SECTION_HEADINGS, rec_for

ACCENT = "#7a1f5c"
BRANDING = ReportBranding(firm_name="Northwind Advisory", accent=ACCENT)
META = ReportMeta(client_name="Acme Corporation", prepared_by="Jane Doe", prepared_for="Acme")
NAMES = ["Today", "After the Series B", "Two product lines", "Regulated"]
COMPARED = ["software-startup", "product-lines", "wide-chart", "regional-bank"]


def deck(data: bytes):
    return Presentation(io.BytesIO(data))


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def chart_nodes(rec):
    root = orgchart.build_tree(rec)
    return list(orgchart._walk(root))


def one(case="wide-chart", name="After the Series B", branding=BRANDING):
    return [ReportScenario(name=name, recommendation=rec_for(CASES[case]), version=2)], branding


# --- PowerPoint --------------------------------------------------------------------------


def test_pptx_has_title_recommendation_reasons_owners_changes_and_steps():
    scenarios, branding = one()
    rec = scenarios[0].recommendation
    p = present(rec)
    slides = list(deck(report_pptx(scenarios=scenarios, meta=META, branding=branding)).slides)

    titles = [slide.shapes.title.text for slide in slides]
    assert titles == [
        "Technology leadership recommendation",
        "The recommendation",
        "Why",
        "Who owns what",
        "What would change the advice",
        "Getting there",
    ]
    cover = slide_text(slides[0])
    for text in ("Acme Corporation", "After the Series B", "Prepared by Jane Doe", "Northwind"):
        assert text in cover
    assert p.headline in slide_text(slides[1])
    assert all(reason.text in slide_text(slides[2]) for reason in p.reasons)
    owners = slide_text(slides[3])
    assert all(row.label in owners and row.internal in owners for row in p.split.rows)
    changes = slide_text(slides[4])
    assert p.sensitivity.summary in changes
    assert all(c.text in changes for g in p.sensitivity.groups for c in g.changes)
    assert all(step in slide_text(slides[5]) for step in p.transition.steps)


def test_pptx_org_chart_is_native_boxes_and_connectors_in_the_accent_colour():
    scenarios, branding = one()
    rec = scenarios[0].recommendation
    slide = deck(report_pptx(scenarios=scenarios, meta=META, branding=branding)).slides[1]
    boxes = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    lines = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE]
    nodes = chart_nodes(rec)

    assert len(boxes) == len(nodes) and len(lines) == len(nodes) - 1
    labels = [box.text_frame.text for box in boxes]
    for node in nodes:
        assert any(node.label in label for label in labels)
    seats = [box for box in boxes if box.name.startswith("seat:")]
    assert seats and all(str(box.fill.fore_color.rgb) == ACCENT[1:].upper() for box in seats)
    assert all(str(line.line.color.rgb) == ACCENT[1:].upper() for line in lines)
    # Each connector is glued to two boxes: moving a box in PowerPoint drags its lines.
    for line in lines:
        cxn = line._element.find(".//" + pqn("p:cNvCxnSpPr"))
        assert cxn.find(pqn("a:stCxn")) is not None and cxn.find(pqn("a:endCxn")) is not None
    # The layout is orgchart's: the CEO's box above every other.
    ceo = next(box for box in boxes if box.name == "root: CEO")
    assert all(box.top > ceo.top for box in boxes if box is not ceo)


def test_pptx_comparison_has_a_slide_per_scenario_and_one_side_by_side():
    recs = [rec_for(CASES[case]) for case in COMPARED]
    scenarios = [ReportScenario(name=n, recommendation=r) for n, r in zip(NAMES, recs, strict=True)]
    slides = list(deck(report_pptx(scenarios=scenarios, meta=META, branding=BRANDING)).slides)

    assert len(slides) == 1 + len(NAMES) + 1
    for i, (name, rec) in enumerate(zip(NAMES, recs, strict=True), start=1):
        assert slides[i].shapes.title.text == f"{i}. {name}"
        assert rec["headline"] in slide_text(slides[i])
        boxes = [s for s in slides[i].shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
        assert len(boxes) == len(chart_nodes(rec))
    side = slides[-1]
    assert side.shapes.title.text == "Side by side"
    table = next(s for s in side.shapes if s.has_table).table
    assert [c.text for c in table.rows[0].cells] == [
        "Answer",
        *(f"{i}. {n}" for i, n in enumerate(NAMES, 1)),
    ]
    rows = comparison(recs).rows
    assert len(table.rows) == len(rows) + 1
    advice = next(r for r in table.rows if r.cells[0].text.endswith("Advice"))
    assert [c.text for c in list(advice.cells)[1:]] == list(rows[-2].values)


def test_pptx_logo_is_a_picture_on_the_title_slide():
    scenarios, _ = one()
    branding = ReportBranding(firm_name="Northwind", logo=PNG_1PX, logo_content_type="image/png")
    cover = deck(report_pptx(scenarios=scenarios, meta=META, branding=branding)).slides[0]
    pictures = [s for s in cover.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1 and pictures[0].image.blob == PNG_1PX


# --- Word ---------------------------------------------------------------------------------


def test_docx_has_real_headings_tables_and_the_chart_with_alt_text():
    scenarios, branding = one("product-lines")
    rec = scenarios[0].recommendation
    p = present(rec)
    doc = Document(io.BytesIO(report_docx(scenarios=scenarios, meta=META, branding=branding)))

    headings = [
        (par.style.name, par.text)
        for par in doc.paragraphs
        if par.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", "Technology leadership recommendation")
    chapters = [text for style, text in headings if style == "Heading 1"]
    assert chapters == SECTION_HEADINGS
    text = "\n".join(par.text for par in doc.paragraphs)
    assert p.headline in text and p.sensitivity.summary in text
    assert all(step in text for step in p.transition.steps)

    seats, reasoning, owners, answers, audit = doc.tables
    assert [c.text for c in seats.rows[0].cells] == ["Seat", "Reports to", "Focus", "Team"]
    assert [r.cells[0].text for r in seats.rows[1:]] == [s.title for s in p.seats]
    assert [r.cells[0].text for r in reasoning.rows[1:]] == [r.text for r in p.reasons]
    assert len(owners.rows) == len(p.split.rows) + 1
    assert [(r.cells[0].text, r.cells[1].text) for r in answers.rows[1:]] == [
        (a.label, a.value) for a in p.answers
    ]
    assert [r.cells[0].text for r in audit.rows[1:]] == [r["rule"] for r in rec["rationale"]]
    for table in doc.tables:  # header rows repeat, no row splits across pages
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)

    (chart,) = doc.inline_shapes
    assert chart._inline.docPr.get("descr") == (
        "Recommended organisation chart. " + orgchart.describe(rec)
    )
    assert doc.core_properties.title == "Technology leadership recommendation"


def test_docx_comparison_has_the_overview_and_each_scenario():
    recs = [rec_for(CASES[case]) for case in COMPARED]
    scenarios = [ReportScenario(name=n, recommendation=r) for n, r in zip(NAMES, recs, strict=True)]
    doc = Document(io.BytesIO(report_docx(scenarios=scenarios, meta=META, branding=BRANDING)))
    chapters = [par.text for par in doc.paragraphs if par.style.name == "Heading 1"]

    assert chapters == [
        "Overview",
        *(f"{i}. {n}" for i, n in enumerate(NAMES, 1)),
        "Appendix: audit trail",
    ]
    overview = doc.tables[0]
    assert [c.text for c in overview.rows[0].cells][1:] == [
        f"{i}. {n}" for i, n in enumerate(NAMES, 1)
    ]
    assert len(doc.inline_shapes) == len(NAMES)


@pytest.mark.parametrize("build", [report_pptx, report_docx])
def test_office_files_keep_hostile_names_as_text_and_drop_what_xml_cannot_hold(build):
    hostile = '<w:p>&amp; </a:t> #read("/etc/passwd") $x$ \\ ]]>'
    scenarios = [
        ReportScenario(name=hostile + "\x00\x0b", recommendation=rec_for(CASES["software-startup"]))
    ]
    meta = ReportMeta(client_name="A" * 190, prepared_by=hostile, prepared_for="Acme\x1f")
    data = build(scenarios=scenarios, meta=meta, branding=ReportBranding(firm_name=hostile))
    if build is report_pptx:
        text = slide_text(deck(data).slides[0])
    else:
        text = " ".join(par.text for par in Document(io.BytesIO(data)).paragraphs)
    assert hostile in text and "A" * 190 in text and "Acme" in text
    assert "\x00" not in text and "\x0b" not in text


# --- The chart alone ------------------------------------------------------------------------


def test_chart_svg_is_a_standalone_accessible_svg_file():
    rec = rec_for(CASES["product-lines"])
    svg = chart_svg(rec, accent=ACCENT)
    assert svg.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("role") == "img"
    assert root.find(f"{ns}desc").text == orgchart.describe(rec)
    assert f'fill="{ACCENT}"'.encode() in svg


def test_chart_png_is_the_svg_rasterised_at_twice_its_size():
    rec = rec_for(CASES["software-startup"])
    svg = ET.fromstring(chart_svg(rec, accent=ACCENT))
    image = Image.open(io.BytesIO(chart_png(rec, accent=ACCENT))).convert("RGB")

    assert image.size == (int(svg.get("width")) * 2, int(svg.get("height")) * 2)
    colours = {colour for _, colour in image.getcolors(maxcolors=1_000_000)}
    assert (0x7A, 0x1F, 0x5C) in colours  # the seat boxes, filled with the accent
    assert image.getpixel((0, 0)) == (255, 255, 255)  # a white background, not transparent


def test_an_svg_logo_that_links_a_file_is_left_out_of_office_files():
    scenarios, _ = one()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><image href="/etc/x"/></svg>'
    branding = ReportBranding(firm_name="Northwind", logo=svg, logo_content_type="image/svg+xml")
    cover = deck(report_pptx(scenarios=scenarios, meta=META, branding=branding)).slides[0]
    assert not [s for s in cover.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert "Northwind" in slide_text(cover)


@pytest.mark.parametrize("build", [report_pdf, report_pptx, report_docx])
def test_a_recommendation_saved_with_fewer_keys_still_gives_every_format(build):
    """Scenarios saved under older rules carry fewer keys (no sensitivity, no transition,
    a seat without a boss): each format shows what there is."""
    sparse = {
        "role_model": "cio",
        "headline": "Appoint a CIO.",
        "roles": [{"code": "cio", "title": "Chief Information Officer", "reports_to": ""}],
    }
    data = build(scenarios=[ReportScenario(name="Old", recommendation=sparse)], meta=META)
    if build is report_pdf:
        text = pdf_text(data)
    elif build is report_pptx:
        text = " ".join(slide_text(slide) for slide in deck(data).slides)
    else:
        text = " ".join(par.text for par in Document(io.BytesIO(data)).paragraphs)
    assert "Appoint a CIO." in text
