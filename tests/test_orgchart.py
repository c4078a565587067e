"""The org chart drawing: every seat and team appears, the structure follows reporting lines."""

import xml.etree.ElementTree as ET

from orgdesign.orgchart import MAX_LINE_CTOS_DRAWN, build_tree, orgchart_svg
from orgdesign.rules import parse_answers, recommend

SVG = "{http://www.w3.org/2000/svg}"


def rec_for(**answers):
    return recommend(parse_answers(answers)).to_dict()


def texts(svg):
    """The full label of every box (each box carries it as its title)."""
    root = ET.fromstring(svg)
    return [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g")]


def test_the_chart_is_valid_svg_with_a_title_and_a_description():
    svg = orgchart_svg(rec_for(stage="startup", industry="software", product_focus="tech_product"))
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Recommended organisation chart"
    assert "reports to the CEO" in root.find(f"{SVG}desc").text
    assert "style=" not in svg  # strict CSP: presentation attributes only


def test_a_cio_under_the_cto_is_drawn_below_the_cto():
    tree = build_tree(rec_for(stage="mid_size", industry="software", product_focus="tech_product"))
    (cto,) = tree.children
    assert cto.label == "Chief Technology Officer (CTO)"
    assert [c.label for c in cto.children][0] == "Chief Information Officer (CIO)"


def test_a_cio_reporting_to_the_coo_hangs_under_a_coo_box():
    tree = build_tree(rec_for(stage="mid_size", industry="manufacturing", product_focus="internal"))
    (coo,) = tree.children
    assert coo.label == "COO" and coo.kind == "context"
    assert coo.children[0].kind == "seat"
    assert "Head of information security" in texts(
        orgchart_svg(rec_for(stage="mid_size", industry="manufacturing", product_focus="internal"))
    )


def test_every_product_line_cto_is_drawn_when_there_are_few():
    svg = orgchart_svg(
        rec_for(
            stage="enterprise", industry="software", product_focus="tech_product", product_lines=3
        )
    )
    assert [t for t in texts(svg) if t.startswith("CTO, product line")] == [
        "CTO, product line 1",
        "CTO, product line 2",
        "CTO, product line 3",
    ]


def test_many_product_line_ctos_are_grouped_into_one_box():
    rec = rec_for(
        stage="enterprise",
        industry="software",
        product_focus="tech_product",
        product_lines=MAX_LINE_CTOS_DRAWN + 8,
    )
    tree = build_tree(rec)
    lines = next(c for c in tree.children if c.kind == "context")
    assert len(lines.children) == 1
    assert (
        lines.children[0].label == f"{MAX_LINE_CTOS_DRAWN + 8} product-line CTOs, one for each line"
    )


def test_user_text_is_escaped():
    rec = {
        "roles": [
            {
                "code": "cto",
                "title": "<script>alert(1)</script>",
                "reports_to": "ceo",
                "focus": "",
                "direct_reports": ["A & B"],
            }
        ]
    }
    svg = orgchart_svg(rec)
    assert "<script>" not in svg
    ET.fromstring(svg)
