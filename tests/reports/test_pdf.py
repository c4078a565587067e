"""The report built from plain data: what it says, how long it is, what it refuses."""

import base64
import io

import pytest
from pypdf import PdfReader

from orgdesign.pdf import (
    ReportBranding,
    ReportFetchError,
    ReportMeta,
    ReportScenario,
    fetch_static_only,
    report_html,
    report_pdf,
    static_only_fetcher,
)
from orgdesign.presenter import answer_rows
from orgdesign.rules import parse_answers, recommend
from tests.reports.conftest import pdf_pages, pdf_text

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
    order = [
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
    text = " ".join(pages)
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_org_chart_is_embedded_as_vectors_not_pixels():
    html = report_html(
        scenarios=[ReportScenario(name="x", recommendation=rec_for(CASES["software-startup"]))],
        meta=ReportMeta(),
    )
    assert html.count("<svg") == 1
    pdf = render(CASES["software-startup"])
    assert b"/Subtype /Image" not in pdf


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


def test_hostile_names_are_printed_as_text_and_long_words_wrap():
    hostile = '<img src="http://127.0.0.1:9/x"><script>alert(1)</script>'
    long_word = "A" * 190
    html = report_html(
        scenarios=[ReportScenario(name=hostile, recommendation=rec_for(CASES["software-startup"]))],
        meta=ReportMeta(client_name=long_word, prepared_for=long_word, prepared_by=hostile),
    )
    assert '<img src="http' not in html and "<script>" not in html
    assert "&lt;img src=&quot;http://127.0.0.1:9/x&quot;&gt;" in html

    pdf = render(CASES["software-startup"], name=hostile, client=long_word)
    text = pdf_text(pdf)
    assert '<img src="http://127.0.0.1:9/x">' in text
    assert text.replace(" ", "").count("A" * 190) >= 1
    assert 3 <= len(pdf_pages(pdf)) <= 12


def test_fetcher_refuses_anything_but_static_files_and_data_urls():
    fetcher = static_only_fetcher()
    for url in (
        "http://127.0.0.1:9/x",
        "https://example.com/logo.png",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "https://report.invalid/static/../../etc/passwd",
        "https://report.invalid/media/x.png",
    ):
        with pytest.raises(ReportFetchError):
            fetcher(url)
        with pytest.raises(ReportFetchError):
            fetch_static_only(url)

    css = fetcher("https://report.invalid/static/css/report.css")
    assert css.content_type == "text/css" and b"@page" in css.read()
    body, mime = fetch_static_only("data:image/png;base64," + base64.b64encode(PNG_1PX).decode())
    assert body == PNG_1PX and mime == "image/png"


def test_branding_appears_on_the_cover_and_running_header():
    branding = ReportBranding(
        firm_name="Northwind Advisory",
        accent="#7a1f5c",
        logo=PNG_1PX,
        logo_content_type="image/png",
    )
    html = report_html(
        scenarios=[ReportScenario(name="x", recommendation=rec_for(CASES["software-startup"]))],
        meta=ReportMeta(),
        branding=branding,
    )
    assert "--accent: #7a1f5c" in html
    assert html.count('src="data:image/png;base64,') == 2
    pages = pdf_pages(render(CASES["software-startup"], branding=branding))
    assert "Northwind Advisory" in pages[0]
    assert all("Northwind Advisory" in page for page in pages[1:])


def test_a_bad_accent_colour_never_reaches_the_stylesheet():
    html = report_html(
        scenarios=[ReportScenario(name="x", recommendation=rec_for(CASES["software-startup"]))],
        meta=ReportMeta(),
        branding=ReportBranding(accent="red;}</style><script>"),
    )
    assert "--accent: #1f4e79" in html and "<script>" not in html
