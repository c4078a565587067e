"""The report built from plain data: what it says, how long it is, what it refuses."""

import base64
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from orgdesign import pdf as pdf_module
from orgdesign.orgchart import describe
from orgdesign.pdf import (
    PACK_SCENARIO_SECTIONS,
    SCENARIO_SECTIONS,
    ReportBranding,
    ReportError,
    ReportMeta,
    ReportScenario,
    client_pack_pdf,
    render_report,
    report_data,
    report_json,
    report_pdf,
)
from orgdesign.presenter import answer_rows, present
from orgdesign.rules import parse_answers, recommend
from tests.reports.conftest import (
    alt_texts,
    pdf_pages,
    pdf_text,
    struct_headings,
    struct_tags,
)

CASES = {
    "software-startup": {
        "stage": "startup",
        "industry": "software",
        "product_focus": "tech_product",
    },
    "regional-bank": {
        "stage": "mid_size",
        "industry": "finance",
        "product_focus": "internal",
        "current_leadership": "it_manager",
    },
    "product-lines": {
        "stage": "enterprise",
        "industry": "software",
        "product_focus": "tech_product",
        "product_lines": 6,
        "current_leadership": "cto",
    },
    "wide-chart": {
        "stage": "mid_size",
        "industry": "software",
        "product_focus": "tech_product",
        "internal_it": "light",
        "product_lines": 4,
        "internal_app_dev": True,
    },
    "combined-retailer": {
        "stage": "scaleup",
        "industry": "retail",
        "product_focus": "tech_enabled",
        "single_leader": True,
        "current_leadership": "both",
    },
}
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


SECTION_HEADINGS = [
    "Executive summary",
    "Seats and reporting lines",
    "The reasoning",
    "Who owns what",
    "Skills to hire for",
    "What would change the advice",
    "When to revisit it",
    "Getting there",
    "Appendix: the answers",
    "Appendix: audit trail",
]


def rec_for(answers):
    return recommend(parse_answers(answers)).to_dict()


def render(answers, *, name="Today", client="Acme Corporation", branding=None):
    return report_pdf(
        scenarios=[ReportScenario(name=name, recommendation=rec_for(answers), version=2)],
        meta=ReportMeta(client_name=client, prepared_by="Jane Doe", prepared_for=client),
        branding=branding,
    )


@pytest.mark.parametrize("case", list(CASES))
def test_report_says_everything_the_recommendation_says(case):
    rec = rec_for(CASES[case])
    pdf = render(CASES[case])
    text = pdf_text(pdf)

    assert rec["headline"] in text
    line_ctos = [seat for seat in rec["roles"] if seat["reports_to"] == "product_line"]
    for seat in rec["roles"]:
        if seat not in line_ctos or len(line_ctos) == 1:
            assert seat["title"] in text
    if len(line_ctos) > 1:
        assert f"{len(line_ctos)} product-line CTOs, one for each line" in text
    for reason in rec["rationale"]:
        assert reason["text"] in text
        assert reason["rule"] in text  # in the audit appendix
    for row in answer_rows(rec["answers"]):
        assert f"{row.label} {row.value}" in text
    for step in rec["transition"]["steps"]:
        assert step["text"] in text
    assert rec["sensitivity"]["summary"] in text
    assert 3 <= len(pdf_pages(pdf)) <= 12


def test_report_puts_cover_summary_and_appendix_in_reading_order():
    rec = rec_for(CASES["product-lines"])
    pages = pdf_pages(render(CASES["product-lines"]))

    assert "Technology leadership recommendation" in pages[0]
    assert "Acme Corporation" in pages[0] and "Prepared by Jane Doe" in pages[0]
    assert rec["ruleset_version"] not in " ".join(pages[:-1])  # only in the audit appendix
    assert rec["ruleset_version"] in pages[-1]
    assert "Page" not in pages[0]  # no running footer on the cover
    assert "Executive summary" in pages[1] and rec["headline"] in pages[1]
    assert "Page 2 of" in pages[1]
    order = SECTION_HEADINGS
    text = " ".join(pages)
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_org_chart_is_embedded_as_vectors_not_pixels():
    data = report_data(
        kind="scenario",
        scenarios=[ReportScenario(name="x", recommendation=rec_for(CASES["software-startup"]))],
        meta=ReportMeta(),
        branding=ReportBranding(),
    )
    assert data["scenarios"][0]["chart"]["svg"].startswith("<svg")
    pdf = render(CASES["software-startup"])
    assert not any(page.images for page in PdfReader(io.BytesIO(pdf)).pages)


def test_wide_chart_gets_a_landscape_page():
    pdf = render(CASES["wide-chart"])
    boxes = [page.mediabox for page in PdfReader(io.BytesIO(pdf)).pages]
    assert any(box.width > box.height for box in boxes)
    assert any(box.width < box.height for box in boxes)


def test_comparison_report_shows_every_scenario():
    names = ["Today", "After the Series B", "Two product lines", "Regulated"]
    answers = [
        CASES["software-startup"],
        {**CASES["software-startup"], "stage": "scaleup"},
        CASES["wide-chart"],
        CASES["regional-bank"],
    ]
    recs = [rec_for(a) for a in answers]
    pdf = report_pdf(
        scenarios=[
            ReportScenario(name=n, recommendation=r) for n, r in zip(names, recs, strict=True)
        ],
        meta=ReportMeta(client_name="Acme Corporation", prepared_by="Jane Doe"),
    )
    pages = pdf_pages(pdf)
    text = " ".join(pages)

    assert "Comparison of technology leadership scenarios" in pages[0]
    for name, rec in zip(names, recs, strict=True):
        assert name in pages[0]
        assert rec["headline"] in text
        for seat in rec["roles"]:
            assert seat["title"] in text
    assert 3 <= len(pages) <= 12


HOSTILE = (
    '<img src="http://127.0.0.1:9/x"><script>alert(1)</script>',
    '#read("/etc/passwd") *bold* _em_ $x^2$ \\\\ @ref <label> ]',
    '#{panic("boom")} #set page(width: 1pt) `raw` = Heading // not a comment',
)
LONG_WORD = "A" * 190


def hostile_report(*, kind="scenario"):
    """A report whose every user-typed field carries markup, code, maths and a long word."""
    scenarios = [
        ReportScenario(name=f"{text} {LONG_WORD}", recommendation=rec_for(CASES[case]))
        for text, case in zip(HOSTILE, ("software-startup", "regional-bank"), strict=False)
    ]
    if kind == "scenario":
        scenarios = scenarios[:1]
    meta = ReportMeta(
        client_name=f"{HOSTILE[2]} {LONG_WORD}",
        prepared_by=HOSTILE[1],
        prepared_for=f"{HOSTILE[0]} {LONG_WORD}",
    )
    branding = ReportBranding(firm_name=f"{HOSTILE[2]} Advisory")
    build = client_pack_pdf if kind == "pack" else report_pdf
    return build(scenarios=scenarios, meta=meta, branding=branding)


@pytest.mark.parametrize("kind", ["scenario", "comparison", "pack"])
def test_hostile_names_are_printed_as_text_and_long_words_wrap(kind):
    pdf = hostile_report(kind=kind)
    pages = pdf_pages(pdf)
    text = " ".join(pages)

    for hostile in HOSTILE:
        assert hostile in pages[0]  # the cover prints every field in full
    assert "root:" not in text  # nothing was read from /etc/passwd
    assert text.replace(" ", "").count(LONG_WORD) >= 2
    assert all(f"{HOSTILE[2][:40]}" in page for page in pages[1:])  # the running header
    boxes = [page.mediabox for page in PdfReader(io.BytesIO(pdf)).pages]
    assert all(box.width > 500 for box in boxes)  # `#set page(width: 1pt)` did nothing
    assert 3 <= len(pages) <= 40


def test_report_data_is_plain_json_of_the_presentation():
    rec = rec_for(CASES["product-lines"])
    data = report_data(
        kind="scenario",
        scenarios=[ReportScenario(name="#x", recommendation=rec)],
        meta=ReportMeta(client_name="$y$"),
        branding=ReportBranding(),
    )
    decoded = json.loads(report_json(data))
    p = decoded["scenarios"][0]["p"]
    assert decoded["scenarios"][0]["name"] == "#x" and decoded["meta"]["client_name"] == "$y$"
    assert p["headline"] == rec["headline"]
    assert [seat["title"] for seat in p["seats"]][-1] == rec["roles"][-1]["title"]
    assert p["audit"]["ruleset"] == rec["ruleset_version"]
    assert "raw" not in p
    assert decoded["scenarios"][0]["chart"]["alt"].endswith(describe(rec))


def test_sections_are_listed_in_the_data_in_reading_order():
    """The chapters are a list in the data: a new chapter is a name, not a new template."""
    data = report_data(
        kind="scenario",
        scenarios=[ReportScenario(name="x", recommendation=rec_for(CASES["regional-bank"]))],
        meta=ReportMeta(),
        branding=ReportBranding(),
    )
    assert data["sections"] == list(SCENARIO_SECTIONS)
    assert SCENARIO_SECTIONS[0] == "cover" and SCENARIO_SECTIONS[-1] == "audit"
    assert PACK_SCENARIO_SECTIONS == SCENARIO_SECTIONS[1:-1]

    without = {**data, "sections": ["cover", "summary", "answers"]}
    pages = pdf_pages(render_report(without, branding=ReportBranding()))
    text = " ".join(pages)
    assert "Executive summary" in text and "Appendix: the answers" in text
    assert "Who owns what" not in text and "Appendix: audit trail" not in text


@pytest.mark.parametrize("kind", ["scenario", "comparison", "pack"])
def test_a_section_the_template_does_not_know_fails_loudly(kind):
    """A chapter added to the list without its template function is an error, not a gap."""
    scenarios = [
        ReportScenario(name=str(i), recommendation=rec_for(CASES[case]))
        for i, case in enumerate(("software-startup", "regional-bank"))
    ]
    data = report_data(
        kind=kind,
        scenarios=scenarios[:1] if kind == "scenario" else scenarios,
        meta=ReportMeta(),
        branding=ReportBranding(),
    )
    with pytest.raises(ReportError, match="unknown section: sign-off"):
        render_report(
            {**data, "sections": [*data["sections"], "sign-off"]}, branding=ReportBranding()
        )


def test_each_render_compiles_in_a_private_root_holding_only_templates_and_logo(monkeypatch):
    seen = []
    real = pdf_module._compiler()

    class Recording:
        def compile(self, *, root, **options):
            seen.append((root, sorted(p.name for p in Path(root).iterdir())))
            return real.compile(root=root, **options)

    monkeypatch.setattr(pdf_module, "_compiler", Recording)
    branding = ReportBranding(logo=PNG_1PX, logo_content_type="image/png")
    render(CASES["software-startup"], branding=branding)
    render(
        CASES["software-startup"], branding=ReportBranding(logo=b"x", logo_content_type="text/css")
    )

    assert seen[0][1] == ["logo.png", "report.typ", "scenario.typ"]
    assert seen[1][1] == ["report.typ", "scenario.typ"]  # an unknown type is never written
    assert seen[0][0] != seen[1][0]
    assert not any(Path(root).exists() for root, _ in seen)  # removed after each render


def test_branding_appears_on_the_cover_and_running_header():
    branding = ReportBranding(
        firm_name="Northwind Advisory",
        accent="#7a1f5c",
        logo=PNG_1PX,
        logo_content_type="image/png",
    )
    data = report_data(
        kind="scenario",
        scenarios=[ReportScenario(name="x", recommendation=rec_for(CASES["software-startup"]))],
        meta=ReportMeta(),
        branding=branding,
    )
    assert data["branding"]["accent"] == "#7a1f5c" and data["branding"]["logo"] == "logo.png"
    assert 'fill="#7a1f5c"' in data["scenarios"][0]["chart"]["svg"]
    pdf = render(CASES["software-startup"], branding=branding)
    pages = pdf_pages(pdf)
    assert "Northwind Advisory" in pages[0]
    assert all("Northwind Advisory" in page for page in pages[1:])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages[0].images) == 1  # the logo on the cover
    assert all(len(page.images) == 1 for page in reader.pages[1:])  # and in each header
    assert "Northwind Advisory logo" in alt_texts(pdf)


def test_an_svg_logo_is_embedded_as_vectors():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
        b'<rect width="120" height="40" fill="#1f4e79"/></svg>'
    )
    branding = ReportBranding(firm_name="Northwind", logo=svg, logo_content_type="image/svg+xml")
    pdf = render(CASES["software-startup"], branding=branding)
    assert not any(page.images for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Northwind logo" in alt_texts(pdf)


@pytest.mark.parametrize(
    "href",
    ["/etc/hostname", "file:///etc/hostname", "../../../etc/hostname", "http://127.0.0.1:9/x"],
)
def test_an_svg_logo_that_links_a_file_or_url_leaves_the_report_without_it(href, caplog):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
        f'<image href="{href}" width="40" height="40"/></svg>'
    ).encode()
    branding = ReportBranding(firm_name="Northwind", logo=svg, logo_content_type="image/svg+xml")
    pdf = render(CASES["software-startup"], branding=branding)

    assert "Northwind" in pdf_pages(pdf)[0]
    assert "Northwind logo" not in alt_texts(pdf)
    assert "Report rendered without its logo" in caplog.text


def test_a_bad_accent_colour_never_reaches_the_template():
    data = report_data(
        kind="scenario",
        scenarios=[ReportScenario(name="x", recommendation=rec_for(CASES["software-startup"]))],
        meta=ReportMeta(),
        branding=ReportBranding(accent='red") #panic("x'),
    )
    assert data["branding"]["accent"] == "#1f4e79"
    pdf = render(CASES["software-startup"], branding=ReportBranding(accent='red") #panic("x'))
    assert "Executive summary" in pdf_text(pdf)


def test_a_changed_template_gives_a_new_format_version_and_cache_key(monkeypatch, tmp_path):
    for path in pdf_module.TEMPLATE_DIR.glob("*.typ"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(pdf_module, "TEMPLATE_DIR", tmp_path)
    pdf_module.report_format_version.cache_clear()
    before = (pdf_module.report_format_version(), pdf_module.report_cache_key("scenario", 1))

    with (tmp_path / "report.typ").open("a") as template:
        template.write("\n// a new layout\n")
    pdf_module.report_format_version.cache_clear()
    after = (pdf_module.report_format_version(), pdf_module.report_cache_key("scenario", 1))
    pdf_module.report_format_version.cache_clear()

    assert before[0] != after[0] and before[1] != after[1]


# --- Accessibility: tagged PDF/UA-1 ------------------------------------------------------


def test_report_is_tagged_pdf_ua_with_title_and_language():
    pdf = render(CASES["product-lines"], name="After the Series B")
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == (
        "Technology leadership recommendation · Acme Corporation · After the Series B"
    )
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp and b"<pdfuaid:part>1</pdfuaid:part>" in xmp.replace(b" ", b"")


def test_headings_tables_and_the_chart_are_tagged():
    rec = rec_for(CASES["product-lines"])
    pdf = render(CASES["product-lines"])
    tags = struct_tags(pdf)
    counts = {tag: tags.count(tag) for tag in set(tags)}

    assert counts["/H1"] == 1  # the title on the cover
    assert counts["/H2"] >= 10  # one per chapter
    assert counts["/H3"] >= 1
    assert counts["/Table"] >= 4 and counts["/TR"] > 20
    assert counts["/TH"] >= 4 * 2 and counts["/TD"] > 40
    assert counts["/Figure"] == 1
    assert alt_texts(pdf) == ["Recommended organisation chart. " + describe(rec)]


def test_reading_order_of_the_tags_follows_the_report():
    pdf = render(CASES["regional-bank"])
    headings = struct_headings(pdf)
    assert headings[:3] == [
        "Technology leadership recommendation",
        "Executive summary",
        "The main reasons",
    ]
    chapters = [h for h in headings if h in SECTION_HEADINGS]
    assert chapters == [h for h in SECTION_HEADINGS if h in chapters]
    assert headings[-1] == "Appendix: audit trail"
    tags = struct_tags(pdf)
    assert tags.index("/Figure") < tags.index("/Table")  # the chart before the seats table


def _page_bodies(pdf: bytes) -> list[list[str]]:
    """The lines of each page between the running header and the footer."""
    bodies = []
    for page in PdfReader(io.BytesIO(pdf)).pages[1:]:
        lines = [line.strip() for line in page.extract_text().replace("\u200b", "").split("\n")]
        end = max(i for i, line in enumerate(lines) if line.startswith("Prepared for"))
        bodies.append([line for line in lines[1:end] if line])
    return bodies


@pytest.mark.parametrize("case", ["product-lines", "wide-chart", "combined-retailer"])
def test_no_heading_ends_a_page_and_no_table_row_is_split(case):
    rec = rec_for(CASES[case])
    pdf = render(CASES[case])
    headings = set(struct_headings(pdf))
    bodies = _page_bodies(pdf)

    for body in bodies:
        assert body, "a page with nothing but its header and footer"
        assert body[-1] not in headings, f"{body[-1]!r} is the last line of a page"
    # A reason and its matched answers are one table row: all on one page.
    pages = [re.sub(r"\s+", " ", " ".join(body)) for body in bodies]
    for reason in present(rec).reasons:
        assert any(reason.text in page and reason.because in page for page in pages)


# --- The client pack ---------------------------------------------------------------------


def test_client_pack_has_contents_every_scenario_and_their_comparison():
    names = ["Today", "After the Series B", "Two product lines", "Regulated", "Retail arm"]
    cases = [
        "software-startup",
        "product-lines",
        "wide-chart",
        "regional-bank",
        "combined-retailer",
    ]
    recs = [rec_for(CASES[case]) for case in cases]
    pdf = client_pack_pdf(
        scenarios=[
            ReportScenario(name=n, recommendation=r, version=1)
            for n, r in zip(names, recs, strict=True)
        ],
        meta=ReportMeta(client_name="Acme Corporation", prepared_by="Jane Doe"),
    )
    pages = pdf_pages(pdf)
    text = " ".join(pages)

    assert "Client pack" in pages[0].title() or "CLIENT PACK" in pages[0]
    assert "Contents" in pages[1]
    for name, rec in zip(names, recs, strict=True):
        assert name in pages[1]  # in the table of contents
        assert rec["headline"] in text
        for reason in rec["rationale"]:
            assert reason["rule"] in text
    # Two tables (three and two scenarios), each in the contents and as a chapter.
    assert text.count("Overview of scenarios 1 to 3") == 2
    assert text.count("Overview of scenarios 4 to 5") == 2
    assert "Appendix: audit trail" in pages[-1] or "Appendix: audit trail" in pages[-2]
    assert struct_tags(pdf).count("/Figure") == len(names) + 1  # one extra: the wide chart
    assert len(pages) >= 5 * 4
